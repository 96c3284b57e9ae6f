/**
 * Dasbor (issue 11 §1): the figures of the officer's kab/kota or province over whole local months,
 * beside the same months a year earlier, down to kecamatan and desa. Aggregates only: no name and
 * no case number. Every chart has a table with the same numbers (the table is what a screen reader
 * reads; the chart is hidden from it). The filters live in the URL, so Back returns to the view
 * before and a view can be shared as a link. For roles that list cases, the rows of a figure the
 * case list can filter by open that list.
 */
import './words.ts';
import type { ComponentChildren } from 'preact';
import { roleCan } from '../../../../src/domain/capabilities.ts';
import { STAGES } from '../../../../src/domain/stages.ts';
import type { DashboardDto } from '../../../../src/domain/stats-schemas.ts';
import { API, ApiError, call, qs } from '../../api.ts';
import {
  ErrorSummary,
  FilterActions,
  SelectField,
  TextField,
  useUrlFilters,
} from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, PageHeading, useLoad } from '../../components/page.tsx';
import { getLang, label, type MessageKey, t } from '../../i18n/index.ts';
import { fmtDate, fmtDateTime, fmtNumber } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { type Taxonomies, userStore, useTaxonomies } from '../../lib/taxonomies.ts';
import { BarChart, LineChart } from './chart.tsx';
import { type Filters, fromQuery, KINDS, rangeOf, toQuery, yearChoices } from './period.ts';

type Dto = DashboardDto;
type Figure = Dto['figures'][number];
type Compared = { n: number; before: number };

const PATH = '/dasbor';

/* ---------------------------------------------------------------- words and numbers */

const monthFormats = new Map<string, Intl.DateTimeFormat>();
/** A month (YYYY-MM-DD of its first day) as "Jan 2026" (short) or "Januari 2026". */
function monthText(day: string, style: 'short' | 'long'): string {
  const lang = getLang();
  const key = `${lang}:${style}`;
  let f = monthFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'id-ID', {
      month: style,
      year: 'numeric',
      timeZone: 'UTC',
    });
    monthFormats.set(key, f);
  }
  return f.format(new Date(`${day.slice(0, 7)}-01T00:00:00Z`));
}

/** A range of whole months: "Januari 2026" or "Januari 2026 – Juni 2026". */
function rangeText(r: { from: string; to: string }): string {
  const a = monthText(r.from, 'long');
  const b = monthText(r.to, 'long');
  return a === b ? a : `${a} – ${b}`;
}

/** The change from a year earlier in per cent: "+12%", "−5%", "0%"; "—" when there was nothing before. */
function change({ n, before }: Compared): string {
  if (before === 0) return n === 0 ? '0%' : '—';
  const pct = Math.round(((n - before) / before) * 100);
  return `${pct > 0 ? '+' : pct < 0 ? '−' : ''}${fmtNumber(Math.abs(pct))}%`;
}

/** A share 0–1 as a whole per cent ("85%"); "—" when nothing was counted. */
function share(x: number | null): string {
  return x === null ? '—' : `${fmtNumber(Math.round(x * 100))}%`;
}

const UNIT_KEYS: Record<Figure['unit'], MessageKey> = {
  kasus: 'dash.unit.kasus',
  korban: 'dash.unit.korban',
  terlapor: 'dash.unit.terlapor',
  pasangan: 'dash.unit.pasangan',
  hak: 'dash.unit.hak',
};

/* ---------------------------------------------------------------- pieces */

/** A table in a box that scrolls sideways on a phone; the box can take focus to scroll by keyboard. */
function TableBox({ id, children }: { id: string; children: ComponentChildren }) {
  return (
    // a group, not a second region of the same name as the section around it (a landmark list
    // would name every figure twice); focusable, as a box that scrolls must be reachable by keyboard
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable box must be reachable by keyboard
    // biome-ignore lint/a11y/useSemanticElements: a fieldset is for form controls; this holds a table
    <div role="group" class="table-wrap dash-table" aria-labelledby={id} tabIndex={0}>
      {children}
    </div>
  );
}

/** One table of the dashboard as a spreadsheet (the server's report tables, by key). */
function XlsxLink({ d, table, title }: { d: Dto; table: string; title: string }) {
  const q = qs({ from: d.period.from, to: d.period.to, caseType: d.caseType, region: d.region.code, table });
  return (
    <a href={`${API}/dashboard/table.xlsx${q}`} download aria-label={t('dash.xlsxOf', { title })}>
      {t('dash.xlsx')}
    </a>
  );
}

function Totals({ d }: { d: Dto }) {
  const items: Array<[string, Compared | null]> = [
    [t('dash.total.cases'), d.totals.cases],
    [t('dash.total.victims'), d.totals.victims],
    [t('dash.total.victimPersons'), d.totals.victimPersons],
    [t('dash.total.perpetrators'), d.totals.perpetrators],
  ];
  return (
    <dl class="dash-totals">
      {items.map(([name, c]) =>
        c ? (
          <div class="dash-total" key={name}>
            <dt>{name}</dt>
            <dd class="dash-n">{fmtNumber(c.n)}</dd>
            <dd class="hint">
              {t('dash.yearBefore', { n: fmtNumber(c.before) })} ·{' '}
              <span class="dash-change">{change(c)}</span>
            </dd>
          </div>
        ) : null,
      )}
    </dl>
  );
}

function Signals({ d, href }: { d: Dto; href: (region: string) => string }) {
  if (d.signals.length === 0) return null;
  return (
    <section class="dash-signals" aria-labelledby="dash-signals">
      <h2 id="dash-signals">{t('dash.signals')}</h2>
      <ul>
        {d.signals.map((s) => (
          <li key={`${s.kind}-${s.area ?? ''}`} class={`dash-signal ${s.kind}`}>
            {label(s.text)}
            {s.area && d.region.level < 3 && (
              <>
                {' '}
                <a href={href(s.area)}>{t('dash.signalOpen')}</a>
              </>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function Breadcrumb({ d, own, href }: { d: Dto; own: string; href: (region: string) => string }) {
  // the regions above the officer's own are shown, not linked: the server answers only inside it
  const mine = (code: string) => own === '' || code === own || code.startsWith(`${own}.`);
  return (
    <nav aria-label={t('dash.breadcrumb')} class="breadcrumb">
      <ol>
        {d.region.path.map((r) => (
          <li key={r.code}>
            {r.code === d.region.code ? (
              <span aria-current="page">{r.name}</span>
            ) : mine(r.code) ? (
              <a href={href(r.code)}>{r.name}</a>
            ) : (
              <span>{r.name}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function Areas({ d, href }: { d: Dto; href: (region: string) => string }) {
  if (d.areas.length === 0) return null;
  const levelKey: MessageKey =
    d.region.level === 1 ? 'dash.areas.kab' : d.region.level === 2 ? 'dash.areas.kec' : 'dash.areas.desa';
  const title = t(levelKey);
  return (
    <section aria-labelledby="dash-areas">
      <h2 id="dash-areas">{title}</h2>
      <p class="hint">
        {t('dash.areas.hint')} <XlsxLink d={d} table="wilayah" title={title} />
      </p>
      <TableBox id="dash-areas">
        <table class="dash">
          <caption class="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dash.col.area')}</th>
              <th scope="col" class="num">
                {t('dash.total.cases')}
              </th>
              <th scope="col" class="num">
                {t('dash.col.yearBefore')}
              </th>
              <th scope="col" class="num">
                {t('dash.col.change')}
              </th>
              <th scope="col" class="num">
                {t('dash.total.victims')}
              </th>
              <th scope="col" class="num">
                {t('dash.col.yearBefore')}
              </th>
              <th scope="col" class="num">
                {t('dash.col.change')}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.areas.map((a) => (
              <tr
                key={a.code}
                class={a.cases + a.casesBefore + a.victims + a.victimsBefore === 0 ? 'zero' : undefined}
              >
                <th scope="row">
                  {/* every area one level down opens its own view; "not recorded" is no area */}
                  {a.code === '' ? (
                    t('dash.areas.unknown')
                  ) : a.code === d.region.code ? (
                    // a province's own cases: no area below to open
                    t('dash.areas.own')
                  ) : (
                    <a href={href(a.code)}>{a.name}</a>
                  )}
                </th>
                <td class="num">{fmtNumber(a.cases)}</td>
                <td class="num">{fmtNumber(a.casesBefore)}</td>
                <td class="num">{change({ n: a.cases, before: a.casesBefore })}</td>
                <td class="num">{fmtNumber(a.victims)}</td>
                <td class="num">{fmtNumber(a.victimsBefore)}</td>
                <td class="num">{change({ n: a.victims, before: a.victimsBefore })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableBox>
    </section>
  );
}

function Trend({ d }: { d: Dto }) {
  const title = t('dash.trend');
  const short = d.trend.map((m) => monthText(m.month, 'short'));
  return (
    <section aria-labelledby="dash-trend" class="dash-figure">
      <h2 id="dash-trend">{title}</h2>
      <p class="hint">
        <XlsxLink d={d} table="tren" title={title} />
      </p>
      <div class="dash-pair stacked">
        <LineChart
          labels={short}
          series={[
            { name: t('dash.total.cases'), values: d.trend.map((m) => m.cases) },
            { name: t('dash.total.victims'), values: d.trend.map((m) => m.victims) },
          ]}
        />
        <TableBox id="dash-trend">
          <table class="dash">
            <caption class="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dash.col.month')}</th>
                <th scope="col" class="num">
                  {t('dash.total.cases')}
                </th>
                <th scope="col" class="num">
                  {t('dash.total.victims')}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.trend.map((m) => (
                <tr key={m.month} class={m.cases + m.victims === 0 ? 'zero' : undefined}>
                  <th scope="row">{monthText(m.month, 'long')}</th>
                  <td class="num">{fmtNumber(m.cases)}</td>
                  <td class="num">{fmtNumber(m.victims)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      </div>
    </section>
  );
}

/** Codes the case list can filter by (src/domain/schemas.ts CaseListQuery); other rows get no link. */
function listable(filter: NonNullable<Figure['caseFilter']>, code: string, tx: Taxonomies | null): boolean {
  if (filter === 'stage') return (STAGES as readonly string[]).includes(code);
  const list = filter === 'risk' ? tx?.riskLevels : tx?.formsOfViolence;
  return !!list?.some((c) => c.code === code);
}

function FigureBlock({
  f,
  legend,
  caseLink,
  xlsx,
}: {
  f: Figure;
  legend: { now: string; before: string };
  caseLink: ((filter: NonNullable<Figure['caseFilter']>, code: string) => string | null) | null;
  /** this table as a spreadsheet */
  xlsx: string;
}) {
  const id = `dash-fig-${f.measure}`;
  const title = label(f.title);
  const shown = f.rows.filter((r) => r.n > 0 || r.before > 0);
  const before = f.rows.reduce((a, r) => a + r.before, 0);
  return (
    <section aria-labelledby={id} class="dash-figure">
      <h3 id={id}>{title}</h3>
      <p class="hint">
        {t('dash.unit', { unit: t(UNIT_KEYS[f.unit]) })}
        {f.note ? ` ${label(f.note)}` : ''}{' '}
        <a href={xlsx} download aria-label={t('dash.xlsxOf', { title })}>
          {t('dash.xlsx')}
        </a>
      </p>
      <div class="dash-pair">
        {shown.length > 0 ? (
          <BarChart
            rows={shown.map((r) => ({ label: label(r.label), value: r.n, before: r.before }))}
            legend={legend}
          />
        ) : (
          <p class="dash-empty">{t('dash.none')}</p>
        )}
        <TableBox id={id}>
          <table class="dash">
            <caption class="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t('dash.col.category')}</th>
                <th scope="col" class="num">
                  {t('dash.col.period')}
                </th>
                <th scope="col" class="num">
                  {t('dash.col.yearBefore')}
                </th>
                <th scope="col" class="num">
                  {t('dash.col.change')}
                </th>
              </tr>
            </thead>
            <tbody>
              {f.rows.map((r) => {
                const href = f.caseFilter && caseLink && r.n > 0 ? caseLink(f.caseFilter, r.code) : null;
                return (
                  <tr key={r.code} class={r.n === 0 && r.before === 0 ? 'zero' : undefined}>
                    <th scope="row">{label(r.label)}</th>
                    <td class="num">
                      {href ? (
                        <a
                          href={href}
                          aria-label={t('dash.openCases', { n: fmtNumber(r.n), what: label(r.label) })}
                        >
                          {fmtNumber(r.n)}
                        </a>
                      ) : (
                        fmtNumber(r.n)
                      )}
                    </td>
                    <td class="num">{fmtNumber(r.before)}</td>
                    <td class="num">{change(r)}</td>
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('dash.col.sum')}</th>
                <td class="num">{fmtNumber(f.total)}</td>
                <td class="num">{fmtNumber(before)}</td>
                <td class="num">{change({ n: f.total, before })}</td>
              </tr>
            </tfoot>
          </table>
        </TableBox>
      </div>
    </section>
  );
}

function Rights({ d, tx }: { d: Dto; tx: Taxonomies | null }) {
  if (d.rights.length === 0) return null;
  const first = d.rights[0]!;
  const statuses = tx?.rightStatuses?.map((s) => s.code) ?? Object.keys(first.statuses);
  const statusLabel = (code: string) => {
    const s = tx?.rightStatuses?.find((x) => x.code === code);
    return s ? label(s.label) : code;
  };
  const title = t('dash.rights');
  return (
    <section aria-labelledby="dash-rights" class="dash-figure">
      <h2 id="dash-rights">{title}</h2>
      <p class="hint">
        {t('dash.rightsHint')} <XlsxLink d={d} table="hak" title={title} />
      </p>
      <TableBox id="dash-rights">
        <table class="dash">
          <caption class="sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dash.col.right')}</th>
              {statuses.map((s) => (
                <th scope="col" class="num" key={s}>
                  {statusLabel(s)}
                </th>
              ))}
              <th scope="col" class="num">
                {t('dash.col.fulfilled')}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.rights.map((r) => {
              const sum = Object.values(r.statuses).reduce((a, n) => a + n, 0);
              return (
                <tr key={r.right} class={sum === 0 ? 'zero' : undefined}>
                  <th scope="row">{label(r.label)}</th>
                  {statuses.map((s) => (
                    <td class="num" key={s}>
                      {fmtNumber(r.statuses[s] ?? 0)}
                    </td>
                  ))}
                  <td class="num">{share(r.fulfilledShare)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableBox>
    </section>
  );
}

function Handling({ d }: { d: Dto }) {
  const hd = d.handling;
  const officers = hd.workload.some((w) => w.officer !== null);
  const facts: Array<[string, string]> = [
    [t('dash.h.responseMedian'), hd.responseMedian ? label(hd.responseMedian.label) : '—'],
    [t('dash.h.responseP90'), hd.responseP90 ? label(hd.responseP90.label) : '—'],
    [t('dash.h.withinDeadline'), share(hd.withinDeadlineShare)],
    [t('dash.h.police72h'), share(hd.policeWithin72hShare)],
    [t('dash.h.closureMedian'), hd.closureMedian ? label(hd.closureMedian.label) : '—'],
  ];
  const ageTitle = t('dash.h.openByAge');
  const loadTitle = t('dash.h.workload');
  return (
    <section aria-labelledby="dash-handling">
      <h2 id="dash-handling">{t('dash.handling')}</h2>
      <dl class="dash-facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd class="dash-value">{v}</dd>
          </div>
        ))}
      </dl>
      {hd.openByAge.length > 0 && (
        <section aria-labelledby="dash-open-age" class="dash-figure">
          <h3 id="dash-open-age">{ageTitle}</h3>
          <p class="hint">
            {t('dash.h.openByAgeHint')} <XlsxLink d={d} table="kasus-terbuka" title={ageTitle} />
          </p>
          <div class="dash-pair">
            {hd.openByAge.some((g) => g.n > 0) ? (
              <BarChart rows={hd.openByAge.map((g) => ({ label: label(g.label), value: g.n }))} />
            ) : (
              <p class="dash-empty">{t('dash.none')}</p>
            )}
            <TableBox id="dash-open-age">
              <table class="dash">
                <caption class="sr-only">{ageTitle}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('dash.col.age')}</th>
                    <th scope="col" class="num">
                      {t('dash.col.openCases')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {hd.openByAge.map((g) => (
                    <tr key={g.code} class={g.n === 0 ? 'zero' : undefined}>
                      <th scope="row">{label(g.label)}</th>
                      <td class="num">{fmtNumber(g.n)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
          </div>
        </section>
      )}
      {hd.workload.length > 0 && (
        <section aria-labelledby="dash-workload">
          <h3 id="dash-workload">{loadTitle}</h3>
          <p class="hint">
            <XlsxLink d={d} table="beban-kerja" title={loadTitle} />
          </p>
          {hd.workloadAt && (
            <p class="hint">{t('dash.h.workloadAt', { at: fmtDateTime(hd.workloadAt, d.region.code) })}</p>
          )}
          <TableBox id="dash-workload">
            <table class="dash">
              <caption class="sr-only">{loadTitle}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('dash.col.unit')}</th>
                  {officers && <th scope="col">{t('dash.col.officer')}</th>}
                  <th scope="col" class="num">
                    {t('dash.col.openCases')}
                  </th>
                  <th scope="col" class="num">
                    {t('dash.col.overdueTasks')}
                  </th>
                  <th scope="col" class="num">
                    {t('dash.col.overdueHighRisk')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {hd.workload.map((w) => (
                  <tr
                    key={`${w.unit}|${w.officer ?? ''}`}
                    class={w.openCases + w.overdueTasks === 0 ? 'zero' : undefined}
                  >
                    <th scope="row">{w.unit}</th>
                    {officers && <td>{w.officer ?? '—'}</td>}
                    <td class="num">{fmtNumber(w.openCases)}</td>
                    <td class="num">{fmtNumber(w.overdueTasks)}</td>
                    <td class="num">{fmtNumber(w.overdueHighRisk)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </section>
      )}
    </section>
  );
}

/* ---------------------------------------------------------------- the filter form */

function FilterForm({
  f,
  set,
  submit,
  error,
}: {
  f: Filters;
  set: (k: keyof Filters) => (v: string) => void;
  submit: (e: Event) => void;
  error: ApiError | null;
}) {
  const labels = fieldLabels();
  const field = (name: keyof Filters) => ({
    prefix: 'dash',
    name,
    label: labels[name] ?? name,
    value: f[name],
    onValue: set(name),
    error,
  });
  const years = yearChoices(f.region).map((y) => ({ value: y, text: y }));
  if (!years.some((y) => y.value === f.year)) years.push({ value: f.year, text: f.year });
  const monthNames = Array.from({ length: 12 }, (_, i) => {
    const m = String(i + 1).padStart(2, '0');
    const name = new Intl.DateTimeFormat(getLang() === 'en' ? 'en-GB' : 'id-ID', {
      month: 'long',
      timeZone: 'UTC',
    }).format(new Date(`2000-${m}-01T00:00:00Z`));
    return { value: m, text: name };
  });
  return (
    <form class="filters dash-filters" aria-label={t('dash.filters')} onSubmit={submit} noValidate>
      <ErrorSummary error={error} prefix="dash" labels={labels} />
      <div class="grid">
        <SelectField
          {...field('kind')}
          empty={false}
          options={KINDS.map((k) => ({ value: k, text: t(`dash.kind.${k}`) }))}
        />
        {f.kind !== 'rentang' && <SelectField {...field('year')} empty={false} options={years} />}
        {f.kind === 'triwulan' && (
          <SelectField
            {...field('quarter')}
            empty={false}
            options={['1', '2', '3', '4'].map((q) => ({ value: q, text: t('dash.quarterN', { q }) }))}
          />
        )}
        {f.kind === 'bulan' && <SelectField {...field('month')} empty={false} options={monthNames} />}
        {f.kind === 'rentang' && (
          <>
            <TextField {...field('from')} type="month" hint={t('dash.monthHint')} />
            <TextField {...field('to')} type="month" hint={t('dash.monthHint')} />
          </>
        )}
        <SelectField
          {...field('caseType')}
          empty={false}
          options={[
            { value: '', text: t('dash.caseType.semua') },
            { value: 'ktp', text: t('dash.caseType.ktp') },
            { value: 'ampk', text: t('dash.caseType.ampk') },
          ]}
        />
      </div>
      <FilterActions submit={t('dash.show')} />
    </form>
  );
}

function fieldLabels(): Partial<Record<keyof Filters, string>> {
  return {
    kind: t('dash.kind'),
    year: t('dash.year'),
    quarter: t('dash.quarter'),
    month: t('dash.month'),
    from: t('dash.from'),
    to: t('dash.to'),
    caseType: t('dash.caseType'),
    region: t('dash.region'),
  };
}

/* ---------------------------------------------------------------- the page */

/** The period as the periodic report names it (2026, 2026-Q3, 2026-11); null for a custom range. */
function reportPeriod(f: Filters): string | null {
  if (f.kind === 'tahun') return f.year;
  if (f.kind === 'triwulan') return `${f.year}-Q${f.quarter}`;
  if (f.kind === 'bulan') return `${f.year}-${f.month}`;
  return null;
}

/** The periodic report for the Bupati/DPRD (PDF and printable page) of the period shown. */
function Downloads({ applied, d }: { applied: Filters; d: DashboardDto }) {
  const spec = reportPeriod(applied);
  if (!spec) return <p class="hint">{t('dash.reportCustom')}</p>;
  const q = qs({
    period: spec,
    region: applied.region || undefined,
    caseType: d.caseType === 'semua' ? undefined : d.caseType,
  });
  return (
    <p class="dash-downloads">
      <a href={`${API}/reports/periodic.pdf${q}`} download>
        {t('dash.reportPdf', { region: d.region.name })}
      </a>
      {' · '}
      <a href={`${API}/reports/periodic.html${q}`} target="_blank" rel="noopener">
        {t('dash.reportPrint')}
      </a>
    </p>
  );
}

export default function Dashboard() {
  const user = useStore(userStore);
  const tx = useTaxonomies();
  const allowed = !!user && roleCan(user.role, 'dashboard:read');
  const { applied, f, set, queryKey, submit } = useUrlFilters(fromQuery, (x: Filters) => toQuery(x), PATH);
  const range = rangeOf(applied);
  const result = useLoad(
    (signal) =>
      allowed
        ? call('GET /dashboard', {
            query: {
              ...range,
              caseType: applied.caseType || 'semua',
              ...(applied.region ? { region: applied.region } : {}),
            },
            signal,
          })
        : Promise.resolve(null),
    [queryKey, allowed],
  );
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;

  const title = t('dash.title');
  const invalid = result.error instanceof ApiError && result.error.code === 'VALIDATION_FAILED';
  const fieldErr = invalid ? (result.error as ApiError) : null;
  const d = result.data;
  const href = (region: string) => `${PATH}${toQuery({ ...applied, region })}`;
  const own = user.jurisdiction ?? '';
  const caseLink =
    roleCan(user.role, 'case:list') && d && d.caseType === 'semua'
      ? (filter: NonNullable<Figure['caseFilter']>, code: string) =>
          listable(filter, code, tx)
            ? `/kasus${qs({
                [filter]: code,
                from: d.period.from,
                to: d.period.to,
                region: d.region.level >= 3 ? d.region.code : undefined,
              })}`
            : null
      : null;
  const legend = d ? { now: rangeText(d.period), before: rangeText(d.compare) } : { now: '', before: '' };

  return (
    <section class="dashboard">
      <PageHeading title={title}>{title}</PageHeading>
      <FilterForm f={f} set={set} submit={submit} error={fieldErr} />
      <div aria-live="polite" aria-busy={result.loading ? 'true' : undefined}>
        {result.loading && !d ? (
          <Loading />
        ) : invalid ? (
          applied.region ? (
            <p>
              <a href={href('')}>{t('dash.backToOwn')}</a>
            </p>
          ) : null
        ) : result.error ? (
          <LoadError error={result.error} onRetry={result.reload} />
        ) : d ? (
          <>
            <Breadcrumb d={d} own={own} href={href} />
            <h2 class="dash-heading">
              {d.region.name}
              <span class="dash-sub">
                {t('dash.periodLine', {
                  period: rangeText(d.period),
                  compare: rangeText(d.compare),
                  type: t(`dash.caseType.${d.caseType}`),
                })}
              </span>
            </h2>
            <p class="hint">
              {t('dash.asOf', { at: fmtDateTime(d.asOf, d.region.code) })}
              {result.loading && <> · {t('common.loading')}</>}
            </p>
            {d.through && <p class="hint">{t('dash.through', { day: fmtDate(d.through) })}</p>}
            {d.pendingChanges > 0 && <p class="hint dash-pending">{t('dash.pending')}</p>}
            <Downloads applied={applied} d={d} />
            <Signals d={d} href={href} />
            <section aria-labelledby="dash-totals">
              <h2 id="dash-totals" class="sr-only">
                {t('dash.totals')}
              </h2>
              <Totals d={d} />
            </section>
            <Areas d={d} href={href} />
            <Trend d={d} />
            {d.figures.length > 0 ? (
              <section aria-labelledby="dash-figures">
                <h2 id="dash-figures">{t('dash.figures')}</h2>
                {d.figures.map((fig) => (
                  <FigureBlock
                    key={fig.measure}
                    f={fig}
                    legend={legend}
                    caseLink={caseLink}
                    xlsx={`${API}/dashboard/table.xlsx${qs({ from: d.period.from, to: d.period.to, caseType: d.caseType, region: applied.region || undefined, table: fig.measure })}`}
                  />
                ))}
              </section>
            ) : (
              <p class="hint">{t('dash.desaOnly')}</p>
            )}
            <Rights d={d} tx={tx} />
            <Handling d={d} />
            {roleCan(user.role, 'performance:read') && (
              <p>
                <a href="/direktori/kinerja">{t('dash.referrals')}</a>
              </p>
            )}
          </>
        ) : null}
      </div>
    </section>
  );
}
