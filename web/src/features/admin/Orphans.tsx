/**
 * Reports that no inbox can see (issue 8 §1): open items whose kab/kota has nobody on Simpul to
 * read them. The administrator sees only when and how each came in and where — never its content —
 * and moves it to an inbox somebody reads.
 */
import './words.ts';
import { useState } from 'preact/hooks';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { OrphanIntakeDto } from '../../../../src/domain/contract/admin.ts';
import { call } from '../../api.ts';
import { ErrorSummary, FormActions, useAction } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, Notice, PageHeading, useLoad } from '../../components/page.tsx';
import { RegionPicker } from '../../components/region.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDateTime } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore, useTaxonomies } from '../../lib/taxonomies.ts';
import { channelText } from '../intake/shared.tsx';

function RouteForm({ o, onDone }: { o: OrphanIntakeDto; onDone: (moved: string | null) => void }) {
  const [region, setRegion] = useState('');
  const { busy, error, attempt, run } = useAction();
  const prefix = `orph-${o.id.slice(0, 8)}`;
  const labels = { toRegion: t('orphans.target') };
  const title = t('orphans.moveTitle', { code: o.code });
  const submit = (e: Event) => {
    e.preventDefault();
    run(async () => {
      await call('POST /admin/orphan-intake/{id}/route', {
        params: { id: o.id },
        body: { version: o.version, toRegion: region },
      });
      onDone(o.code);
    });
  };
  return (
    <form class="card subform" onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
      <RegionPicker
        prefix={prefix}
        name="toRegion"
        label={labels.toRegion}
        value={region}
        onValue={setRegion}
        maxLevel={2}
        error={error}
        hint={t('orphans.targetHint')}
      />
      <FormActions busy={busy} onCancel={() => onDone(null)} />
    </form>
  );
}

export default function Orphans() {
  const actor = useStore(userStore);
  const tx = useTaxonomies();
  const allowed = !!actor && roleCan(actor.role, 'user:manage');
  const list = useLoad(
    (signal) => (allowed ? call('GET /admin/orphan-intake', { signal }) : Promise.resolve(null)),
    [allowed],
  );
  const [open, setOpen] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!actor) return <Loading />;
  if (!allowed) return <NoAccess />;
  const items = list.data?.items ?? [];
  return (
    <section>
      <PageHeading title={t('orphans.title')}>{t('orphans.title')}</PageHeading>
      <p class="lead">{t('orphans.intro')}</p>
      <Notice text={notice} />
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : items.length === 0 ? (
        <p>{t('orphans.none')}</p>
      ) : (
        <div class="stack">
          {items.map((o) => (
            <article class="card" key={o.id} aria-labelledby={`orph-${o.id}`}>
              <h2 id={`orph-${o.id}`}>{o.code}</h2>
              {o.dangerNow && (
                <p class="badges">
                  <span class="badge danger">{t('orphans.danger')}</span>
                </p>
              )}
              <dl class="facts small">
                <dt>{t('orphans.region')}</dt>
                <dd>
                  {o.jurisdictionName ?? o.jurisdiction} ({o.jurisdiction})
                </dd>
                <dt>{t('orphans.channel')}</dt>
                <dd>{channelText(tx, o.channel)}</dd>
                <dt>{t('orphans.received')}</dt>
                <dd>{fmtDateTime(o.receivedAt)}</dd>
              </dl>
              {open === o.id ? (
                <RouteForm
                  o={o}
                  onDone={(moved) => {
                    setOpen(null);
                    if (moved) {
                      setNotice(t('orphans.moved', { code: moved }));
                      list.reload();
                    }
                  }}
                />
              ) : (
                <div class="row-actions">
                  <button
                    type="button"
                    class="primary"
                    onClick={() => {
                      setOpen(o.id);
                      setNotice(null);
                    }}
                  >
                    {t('orphans.move')}
                  </button>
                </div>
              )}
            </article>
          ))}
        </div>
      )}
    </section>
  );
}
