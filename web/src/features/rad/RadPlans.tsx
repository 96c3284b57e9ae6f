/** /rad: the regional action plans (RAD PPA) the user may read; the Dinas creates one here. */
import './words.ts';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import { call } from '../../api.ts';
import { ErrorSummary, Submit, TextField, useAction } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';

export default function RadPlans() {
  const user = useStore(userStore);
  const allowed = !!user && roleCan(user.role, 'coord:read');
  const list = useLoad(
    (signal) => (allowed ? call('GET /rad/plans', { signal }) : Promise.resolve(null)),
    [allowed],
  );
  const { route } = useLocation();
  const year = new Date().getFullYear();
  const [v, setV] = useState({
    title: '',
    startYear: String(year),
    endYear: String(year + 4),
    legalBasis: '',
  });
  const save = useAction();
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;
  const labels = {
    title: t('rad.planTitle'),
    startYear: t('rad.startYear'),
    endYear: t('rad.endYear'),
    legalBasis: t('rad.legalBasis'),
  };
  const field = (k: keyof typeof v, extra: Record<string, unknown> = {}) => (
    <TextField
      prefix="radplan"
      name={k}
      label={labels[k]}
      value={v[k]}
      onValue={(x) => setV((s) => ({ ...s, [k]: x }))}
      error={save.error}
      {...extra}
    />
  );
  const submit = (e: Event) => {
    e.preventDefault();
    save.run(async () => {
      const p = await call('POST /rad/plans', {
        body: {
          title: v.title,
          startYear: Number(v.startYear),
          endYear: Number(v.endYear),
          legalBasis: v.legalBasis || null,
        },
      });
      route(`/rad/${p.id}`);
    });
  };
  return (
    <section>
      <PageHeading title={t('rad.title')}>{t('rad.title')}</PageHeading>
      <p class="lead">{t('rad.intro')}</p>
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : list.data && list.data.items.length > 0 ? (
        <ul class="cards-list">
          {list.data.items.map((p) => (
            <li key={p.id} class="card">
              <a href={`/rad/${p.id}`}>{p.title}</a>
              <p class="hint">
                {t('rad.period', { from: p.startYear, to: p.endYear })} ·{' '}
                {t('rad.activitiesN', { n: p.activities })}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('rad.none')}</p>
      )}
      {roleCan(user.role, 'coord:manage') && (
        <form onSubmit={submit} noValidate aria-labelledby="radplan-h">
          <h2 id="radplan-h">{t('rad.newPlan')}</h2>
          <ErrorSummary error={save.error} attempt={save.attempt} prefix="radplan" labels={labels} />
          {field('title', { required: true, maxLength: 200, hint: t('rad.planTitleHint') })}
          <div class="grid">
            {field('startYear', { required: true, inputMode: 'numeric', maxLength: 4 })}
            {field('endYear', { required: true, inputMode: 'numeric', maxLength: 4 })}
          </div>
          {field('legalBasis', { maxLength: 300, hint: t('rad.legalBasisHint') })}
          <Submit busy={save.busy}>{t('rad.create')}</Submit>
        </form>
      )}
    </section>
  );
}
