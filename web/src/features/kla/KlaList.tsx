/**
 * /kla — the KLA self-evaluations the user may read (issue 13 §2–3): a kab/kota's own by year (its
 * Gugus Tugas coordinator starts the year's here), the ones a province's kab/kota sent for
 * verification, or for an OPD member the evaluations where it is assigned indicators.
 */
import './words.ts';
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { KlaEvaluationSummaryDto } from '../../../../src/domain/contract/kla.ts';
import { call } from '../../api.ts';
import { CardTable, ErrorSummary, Submit, TextField, useAction } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDate, todayLocal } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';
import { isProvince, StatusBadge } from './shared.tsx';

export default function KlaList() {
  const user = useStore(userStore);
  const reader = !!user && roleCan(user.role, 'kla:read');
  const member = !!user && !reader && roleCan(user.role, 'coord:read') && !isProvince(user.jurisdiction);
  const allowed = reader || member;
  const list = useLoad(
    (signal) => (allowed ? call('GET /kla/evaluations', { signal }) : Promise.resolve(null)),
    [allowed],
  );
  const { route } = useLocation();
  const [year, setYear] = useState<string | null>(null);
  const start = useAction();
  if (!user) return <Loading />;
  if (!allowed && !roleCan(user.role, 'kla:sets')) return <NoAccess />;
  const province = isProvince(user.jurisdiction);
  const coordinator = roleCan(user.role, 'kla:coordinate') && !province;
  const submit = (e: Event) => {
    e.preventDefault();
    start.run(async () => {
      const n = Number(shownYear);
      const ev = await call('POST /kla/evaluations', {
        body: { year: Number.isInteger(n) ? n : Number.NaN },
      });
      route(`/kla/${ev.id}`);
    });
  };
  const items = list.data?.items ?? [];
  // the year to start: this local year, or the next one when this year's exists already
  const thisYear = Number(todayLocal(user.jurisdiction).slice(0, 4));
  const shownYear =
    year ??
    String(
      items.some((e) => e.year === thisYear && e.jurisdiction === user.jurisdiction)
        ? thisYear + 1
        : thisYear,
    );
  const title = t('kla.title');
  return (
    <section>
      <PageHeading title={title}>{title}</PageHeading>
      <p class="lead">{province ? t('kla.introProvince') : member ? t('kla.introMember') : t('kla.intro')}</p>
      <p class="row-actions">
        <a class="button" href="/kla/indikator">
          {t('kla.setLink')}
        </a>
      </p>
      {!allowed ? null : list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <LoadError error={list.error} onRetry={list.reload} />
      ) : items.length === 0 ? (
        <p>{province ? t('kla.noneProvince') : member ? t('kla.noneMember') : t('kla.none')}</p>
      ) : (
        <CardTable
          caption={title}
          items={items}
          columns={[
            {
              head: t('kla.col.year'),
              cell: (e: KlaEvaluationSummaryDto) => (
                <a href={`/kla/${e.id}`} aria-label={t('kla.open', { year: e.year })}>
                  {e.year}
                </a>
              ),
            },
            ...(province || items.some((e) => e.jurisdiction !== user.jurisdiction)
              ? [{ head: t('kla.col.region'), cell: (e: KlaEvaluationSummaryDto) => e.jurisdictionName }]
              : []),
            { head: t('kla.col.status'), cell: (e) => <StatusBadge status={e.status} /> },
            {
              head: t('kla.col.submitted'),
              cell: (e) => (e.submittedAt ? fmtDate(e.submittedAt, e.jurisdiction) : '—'),
            },
          ]}
        />
      )}
      {coordinator && (
        <form onSubmit={submit} noValidate aria-labelledby="kla-start-h" class="card subform">
          <h2 id="kla-start-h">{t('kla.startTitle')}</h2>
          <ErrorSummary
            error={start.error}
            attempt={start.attempt}
            prefix="kla-start"
            labels={{ year: t('kla.year') }}
          />
          <TextField
            prefix="kla-start"
            name="year"
            label={t('kla.year')}
            value={shownYear}
            onValue={setYear}
            error={start.error}
            required
            inputMode="numeric"
            maxLength={4}
            hint={t('kla.startHint')}
          />
          <Submit busy={start.busy}>{t('kla.start')}</Submit>
        </form>
      )}
    </section>
  );
}
