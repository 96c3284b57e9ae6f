import { roleCan } from '../../../../src/domain/capabilities.ts';
/**
 * The auditor's page: the audit log of its jurisdiction in words, filtered by name, role,
 * organisation, local date range, kind of action and outcome, and downloadable as CSV.
 */

import { API, ApiError, call, qs } from '../../api.ts';
import { AuditTable } from '../../components/audit-table.tsx';
import {
  ErrorSummary,
  FilterActions,
  SelectField,
  TextField,
  useUrlFilters,
} from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, PageHeading, Pager, useLoad } from '../../components/page.tsx';
import { getLang, label, t } from '../../i18n/index.ts';
import { zoneAbbr, zoneFor } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';

type Label = { id: string; en: string };

const KEYS = [
  'name',
  'role',
  'orgId',
  'category',
  'outcome',
  'from',
  'to',
  'action',
  'entity',
  'entityId',
  'actorId',
] as const;
type F = Record<(typeof KEYS)[number], string>;

const fromQuery = (q: Record<string, string>) => Object.fromEntries(KEYS.map((k) => [k, q[k] ?? ''])) as F;
const toQuery = (f: F, page?: number) => qs({ ...f, page: page && page > 1 ? page : undefined });

export default function Audit() {
  const user = useStore(userStore);
  const allowed = !!user && roleCan(user.role, 'audit:read');
  const { applied, page, f, set, queryKey, submit, clear, href } = useUrlFilters(
    fromQuery,
    toQuery,
    '/audit',
  );
  const choices = useLoad(
    (signal) => (allowed ? call('GET /audit/filters', { signal }) : Promise.resolve(null)),
    [allowed],
  );
  const { data, error, loading, reload } = useLoad(
    (signal) =>
      allowed ? call('GET /audit', { query: { ...applied, page }, signal }) : Promise.resolve(null),
    [queryKey, allowed],
  );
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;
  const fieldErr = error instanceof ApiError && Object.keys(error.fields).length > 0 ? error : null;
  const c = choices.data;
  const title = t('audit.title');
  const labels: Record<string, string> = {
    name: t('audit.name'),
    role: t('audit.role'),
    orgId: t('audit.org'),
    category: t('audit.category'),
    outcome: t('audit.outcome'),
    from: t('audit.from'),
    to: t('audit.to'),
    action: t('audit.action'),
    entity: t('audit.entity'),
    entityId: t('audit.entityId'),
    actorId: t('audit.actorFilter'),
  };
  const opts = (xs: Array<{ code: string; label: Label }> | undefined) =>
    (xs ?? []).map((x) => ({ value: x.code, text: label(x.label) }));
  const outcomes = Object.fromEntries((c?.outcomes ?? []).map((o) => [o.code, o.label]));
  const download = `${API}/audit/export.csv${qs({ ...applied, lang: getLang() })}`;
  const text = (name: keyof F, extra: { hint?: string; type?: string; maxLength?: number } = {}) => (
    <TextField
      prefix="au"
      name={name}
      label={labels[name]!}
      value={f[name]}
      onValue={set(name)}
      error={fieldErr}
      {...extra}
    />
  );
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <p class="hint">{t('audit.intro', { zone: c?.zoneAbbr ?? zoneAbbr() })}</p>
      {fieldErr && <ErrorSummary error={fieldErr} prefix="au" labels={labels} />}
      <form class="filters" aria-label={t('audit.filters')} onSubmit={submit}>
        <div class="grid">
          {text('name', { hint: t('audit.nameHint'), maxLength: 100 })}
          <SelectField
            prefix="au"
            name="role"
            label={labels.role!}
            value={f.role}
            onValue={set('role')}
            options={opts(c?.roles)}
            empty={t('audit.any')}
            error={fieldErr}
          />
          <SelectField
            prefix="au"
            name="orgId"
            label={labels.orgId!}
            value={f.orgId}
            onValue={set('orgId')}
            options={(c?.organisations ?? []).map((o) => ({ value: o.id, text: o.name }))}
            empty={t('audit.any')}
            error={fieldErr}
          />
          <SelectField
            prefix="au"
            name="category"
            label={labels.category!}
            value={f.category}
            onValue={set('category')}
            options={opts(c?.categories)}
            empty={t('audit.any')}
            error={fieldErr}
          />
          <SelectField
            prefix="au"
            name="outcome"
            label={labels.outcome!}
            value={f.outcome}
            onValue={set('outcome')}
            options={opts(c?.outcomes)}
            empty={t('audit.any')}
            error={fieldErr}
          />
          {text('from', { type: 'date' })}
          {text('to', { type: 'date' })}
        </div>
        <details open={Boolean(applied.action || applied.entity || applied.entityId || applied.actorId)}>
          <summary>{t('audit.advanced')}</summary>
          <div class="grid">
            {text('action', { hint: t('audit.actionHint') })}
            {text('entity', { hint: t('audit.entityHint') })}
            {text('entityId')}
            {text('actorId', { hint: t('audit.actorHint') })}
          </div>
        </details>
        <FilterActions submit={t('action.filter')}>
          <button type="button" onClick={clear}>
            {t('audit.clear')}
          </button>
        </FilterActions>
      </form>
      <p hidden={Boolean(fieldErr)}>
        <a href={download} download class="button">
          {t('audit.download')}
        </a>{' '}
        <span class="hint">{t('audit.downloadHint')}</span>
      </p>
      <div aria-live="polite">
        {loading && !data ? (
          <Loading />
        ) : fieldErr ? null : error ? (
          <LoadError error={error} onRetry={reload} />
        ) : (
          <>
            <AuditTable
              items={data?.items ?? []}
              caption={title}
              zone={data?.zone ?? zoneFor()}
              zoneAbbr={data?.zoneAbbr ?? zoneAbbr()}
              outcomes={outcomes}
            />
            {data && <Pager list={data} href={href} />}
          </>
        )}
      </div>
    </section>
  );
}
