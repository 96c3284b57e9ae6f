/**
 * /pencegahan/cakupan: the coverage of prevention in a kab/kota over a period — desa and schools
 * reached, people by group against a campaign's targets, desa never reached, and desa with many
 * cases and no activity in the last 12 months (aggregates). Printable page and XLSX.
 */
import './words.ts';
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import type { CoverageDto } from '../../../../src/domain/contract/prevention.ts';
import { API, call, qs } from '../../api.ts';
import { ErrorSummary, SelectField, Submit, TextField, useAction } from '../../components/form.tsx';
import { Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { t } from '../../i18n/index.ts';
import { fmtDate, fmtDateTime, fmtNumber, todayLocal } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { userStore } from '../../lib/taxonomies.ts';

const n = (x: number | null | undefined) => (x == null ? '—' : fmtNumber(x));

function PeopleTable({
  caption,
  first,
  rows,
}: {
  caption: string;
  first: string[];
  rows: Array<{ key: string; cells: string[]; p: CoverageDto['desa'][number] }>;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {first.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
            <th scope="col">{t('cov.activities')}</th>
            <th scope="col">{t('prev.childrenMale')}</th>
            <th scope="col">{t('prev.childrenFemale')}</th>
            <th scope="col">{t('prev.adultsMale')}</th>
            <th scope="col">{t('prev.adultsFemale')}</th>
            <th scope="col">{t('cov.people')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.cells[0]}</th>
              {r.cells.slice(1).map((c, i) => (
                <td key={i}>{c}</td>
              ))}
              <td>{n(r.p.activities)}</td>
              <td>{n(r.p.childrenMale)}</td>
              <td>{n(r.p.childrenFemale)}</td>
              <td>{n(r.p.adultsMale)}</td>
              <td>{n(r.p.adultsFemale)}</td>
              <td>{n(r.p.people)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NeverReached({ d }: { d: CoverageDto }) {
  return d.neverReached.length === 0 ? (
    <p>{t('cov.allReached')}</p>
  ) : (
    <ul class="columns">
      {d.neverReached.map((x) => (
        <li key={x.code}>
          {x.name}, {x.district}
        </li>
      ))}
    </ul>
  );
}

export default function Coverage() {
  const user = useStore(userStore);
  const { query } = useLocation();
  const allowed = !!user && roleCan(user.role, 'coord:read');
  const province = !!user && user.jurisdiction.length === 2;
  const year = todayLocal(user?.jurisdiction).slice(0, 4);
  const [v, setV] = useState({
    jurisdiction: query.jurisdiction ?? '',
    from: query.from ?? `${year}-01-01`,
    to: query.to ?? todayLocal(user?.jurisdiction),
    campaign: query.campaign ?? '',
  });
  const [data, setData] = useState<CoverageDto | null>(null);
  const [asked, setAsked] = useState<Record<string, string> | null>(null);
  const { busy, error, attempt, run } = useAction();
  const campaigns = useLoad(
    (signal) => (allowed ? call('GET /prevention/campaigns', { signal }) : Promise.resolve(null)),
    [allowed],
  );
  const kabs = useLoad(
    (signal) =>
      province && user
        ? call('GET /regions', { signal, query: { parent: user.jurisdiction } })
        : Promise.resolve(null),
    [province],
  );
  const show = () =>
    run(async () => {
      const q = {
        jurisdiction: v.jurisdiction || undefined,
        from: v.from,
        to: v.to,
        campaign: v.campaign || undefined,
      };
      setData(await call('GET /prevention/coverage', { query: q }));
      setAsked(Object.fromEntries(Object.entries(q).filter(([, x]) => x)) as Record<string, string>);
    });
  useEffect(() => {
    if (allowed && !province) show();
  }, [allowed]);
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;
  const prefix = 'cov';
  const labels = {
    jurisdiction: t('cov.kabkota'),
    from: t('prev.from'),
    to: t('prev.to'),
    campaign: t('prev.campaign'),
  };
  const d = data;
  const targetRow = (label: string, value: number, target: number | null | undefined) => (
    <tr>
      <th scope="row">{label}</th>
      <td>{n(value)}</td>
      <td>{n(target)}</td>
    </tr>
  );
  return (
    <section>
      <PageHeading title={t('cov.title')}>{t('cov.title')}</PageHeading>
      <p class="lead">{t('cov.intro')}</p>
      <p class="no-print">
        <a href="/pencegahan">{t('prev.back')}</a>
      </p>
      {/* on paper: the figures only, not the form that asked for them (styles.css @media print) */}
      <form
        class="filters no-print"
        noValidate
        aria-label={t('cov.ask')}
        onSubmit={(e) => {
          e.preventDefault();
          show();
        }}
      >
        <ErrorSummary error={error} attempt={attempt} prefix={prefix} labels={labels} />
        {province && (
          <SelectField
            prefix={prefix}
            name="jurisdiction"
            label={labels.jurisdiction}
            value={v.jurisdiction}
            onValue={(x) => setV({ ...v, jurisdiction: x })}
            options={(kabs.data?.items ?? []).map((r) => ({ value: r.code, text: r.name }))}
            required
            error={error}
          />
        )}
        <TextField
          prefix={prefix}
          name="from"
          label={labels.from}
          type="date"
          value={v.from}
          onValue={(x) => setV({ ...v, from: x })}
          required
          error={error}
        />
        <TextField
          prefix={prefix}
          name="to"
          label={labels.to}
          type="date"
          value={v.to}
          onValue={(x) => setV({ ...v, to: x })}
          required
          error={error}
        />
        <SelectField
          prefix={prefix}
          name="campaign"
          label={labels.campaign}
          value={v.campaign}
          onValue={(x) => setV({ ...v, campaign: x })}
          options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, text: c.name }))}
          empty={t('prev.all')}
          error={error}
        />
        <Submit busy={busy}>{t('cov.show')}</Submit>
      </form>
      {!d && busy && <Loading />}
      {d && asked && (
        <div aria-live="polite">
          <h2>
            {d.region.name}, {fmtDate(d.from)} – {fmtDate(d.to)}
            {d.campaign ? ` · ${d.campaign.name}` : ''}
          </h2>
          <p class="print-only" data-testid="printed-on">
            {t('cov.printedOn', { when: fmtDateTime(new Date().toISOString(), d.region.code) })}
          </p>
          <p class="actions no-print">
            <a
              class="button"
              href={`${API}/prevention/coverage.html${qs(asked)}`}
              target="_blank"
              rel="noopener"
            >
              {t('cov.print')}
            </a>{' '}
            <a class="button" href={`${API}/prevention/coverage.xlsx${qs(asked)}`} download>
              {t('cov.xlsx')}
            </a>
          </p>
          <div class="table-wrap">
            <table>
              <caption>{t('cov.summary')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('cov.measure')}</th>
                  <th scope="col">{t('cov.reached')}</th>
                  <th scope="col">{t('cov.target')}</th>
                </tr>
              </thead>
              <tbody data-testid="coverage-summary">
                {targetRow(t('cov.activities'), d.totals.activities, d.targets?.activities)}
                {targetRow(t('cov.desaReached'), d.totals.desaReached, d.targets?.desa)}
                {targetRow(t('cov.schoolsReached'), d.totals.schoolsReached, d.targets?.schools)}
                {targetRow(t('cov.children'), d.totals.children, d.targets?.children)}
                {targetRow(t('cov.adults'), d.totals.adults, d.targets?.adults)}
                {targetRow(t('cov.people'), d.totals.people, null)}
                {targetRow(t('cov.desaTotal'), d.totals.desaTotal, null)}
                {d.targets &&
                  targetRow(
                    t('cov.targetDesaReached'),
                    d.targets.targetDesaReached,
                    d.targets.targetDesaTotal,
                  )}
              </tbody>
            </table>
          </div>
          {d.desa.length === 0 ? (
            <p>{t('cov.noDesa')}</p>
          ) : (
            <PeopleTable
              caption={t('cov.desaTable')}
              first={[t('prev.desa'), t('region.district')]}
              rows={d.desa.map((x) => ({ key: x.code, cells: [x.name, x.district], p: x }))}
            />
          )}
          {d.schools.length > 0 && (
            <PeopleTable
              caption={t('cov.schoolsTable')}
              first={[t('prev.school'), t('prev.desa')]}
              rows={d.schools.map((x) => ({
                key: x.orgId ?? x.name,
                cells: [x.name, x.desa],
                p: { ...x, code: '', district: '' },
              }))}
            />
          )}
          {d.targets && d.targets.targetDesaNotReached.length > 0 && (
            <>
              <h3>{t('cov.targetNotReached')}</h3>
              <ul>
                {d.targets.targetDesaNotReached.map((x) => (
                  <li key={x.code}>
                    {x.name}, {x.district}
                  </li>
                ))}
              </ul>
            </>
          )}
          <h3>
            {t('cov.highCase', {
              n: String(d.highCase.threshold),
              from: fmtDate(d.highCase.from),
              to: fmtDate(d.highCase.to),
            })}
          </h3>
          <p class="hint">{t('cov.highCaseHint')}</p>
          {d.highCase.items.length === 0 ? (
            <p>{t('cov.noneHigh')}</p>
          ) : (
            <ul data-testid="high-case">
              {d.highCase.items.map((x) => (
                <li key={x.code}>
                  {x.name}, {x.district}: {t('cov.cases', { n: String(x.cases) })}
                </li>
              ))}
            </ul>
          )}
          {/* long (hundreds of desa): folded on screen, in full on paper */}
          <details class="no-print">
            <summary>
              {t('cov.never', { n: String(d.neverReached.length), total: String(d.totals.desaTotal) })}
            </summary>
            <NeverReached d={d} />
          </details>
          <section class="print-only" data-testid="never-reached-print">
            <h3>{t('cov.never', { n: String(d.neverReached.length), total: String(d.totals.desaTotal) })}</h3>
            <NeverReached d={d} />
          </section>
        </div>
      )}
    </section>
  );
}
