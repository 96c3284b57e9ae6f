import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import type { AuditEventDto, Page } from '../../../../src/domain/dto.ts';
import { ApiError, api, qs } from '../../api.ts';
import { AuditTable } from '../../components/audit-table.tsx';
import { ErrorSummary, TextField } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, PageHeading, Pager, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';

const KEYS = ['actorId', 'action', 'entity', 'entityId'] as const;
type F = Record<(typeof KEYS)[number], string>;

export default function Audit() {
  const user = useStore(userStore);
  const { query, route } = useLocation();
  const applied = Object.fromEntries(KEYS.map((k) => [k, query[k] ?? ''])) as F;
  const page = Math.max(1, Number(query.page) || 1);
  const [f, setF] = useState<F>(applied);
  const key = qs({ ...applied, page });
  useEffect(() => setF(applied), [key]);
  const allowed = user?.role === 'auditor';
  const { data, error, loading, reload } = useLoad(
    (signal) =>
      allowed
        ? api<Page<AuditEventDto> | AuditEventDto[]>(`/audit${key}`, { signal })
        : Promise.resolve([] as AuditEventDto[]),
    [key, allowed],
  );
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;
  const fieldErr = error instanceof ApiError && Object.keys(error.fields).length > 0 ? error : null;
  const items = Array.isArray(data) ? data : (data?.items ?? []);
  const pageInfo = data && !Array.isArray(data) ? data : null;
  const title = t('audit.title');
  const labels = {
    actorId: t('audit.actorFilter'),
    action: t('audit.action'),
    entity: t('audit.entity'),
    entityId: t('audit.entityId'),
  };
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      {fieldErr && <ErrorSummary error={fieldErr} prefix="au" labels={labels} />}
      <form
        class="filters"
        aria-label={t('audit.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          route(`/audit${qs({ ...f })}`);
        }}
      >
        <div class="grid">
          <TextField
            prefix="au"
            name="actorId"
            label={t('audit.actorFilter')}
            hint={t('audit.actorHint')}
            value={f.actorId}
            onValue={(x) => setF((s) => ({ ...s, actorId: x }))}
            error={fieldErr}
          />
          <TextField
            prefix="au"
            name="action"
            label={t('audit.action')}
            hint={t('audit.actionHint')}
            value={f.action}
            onValue={(x) => setF((s) => ({ ...s, action: x }))}
            error={fieldErr}
          />
          <TextField
            prefix="au"
            name="entity"
            label={t('audit.entity')}
            hint={t('audit.entityHint')}
            value={f.entity}
            onValue={(x) => setF((s) => ({ ...s, entity: x }))}
            error={fieldErr}
          />
          <TextField
            prefix="au"
            name="entityId"
            label={t('audit.entityId')}
            value={f.entityId}
            onValue={(x) => setF((s) => ({ ...s, entityId: x }))}
            error={fieldErr}
          />
        </div>
        <div class="actions">
          <button type="submit" class="primary">
            {t('action.filter')}
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {loading && !data ? (
          <Loading />
        ) : error && !fieldErr ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <>
            <AuditTable items={items} caption={title} />
            {pageInfo && (
              <Pager
                page={pageInfo.page}
                pageSize={pageInfo.pageSize}
                total={pageInfo.total}
                count={items.length}
                href={(p) => `/audit${qs({ ...applied, page: p > 1 ? p : undefined })}`}
              />
            )}
          </>
        )}
      </div>
    </section>
  );
}
