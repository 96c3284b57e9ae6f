import './words.ts';
import { roleCan } from '../../../../src/domain/capabilities.ts';
/**
 * Kinerja lembaga mitra (issue 4 §5): per recipient organisation and service, referrals received,
 * accepted, declined, completed, cancelled, the median time to accept and to complete, and how
 * many passed a due date, for a date range (the last 12 months unless chosen). Aggregates only.
 * The server scopes the rows: the Dinas sees its jurisdiction's partners, a partner its own.
 */
import type { PartnerPerformanceDto } from '../../../../src/domain/dto.ts';
import { ApiError, call, qs } from '../../api.ts';
import { bindField, ErrorSummary, FilterActions, TextField, useUrlFilters } from '../../components/form.tsx';
import { LoadError, Loading, NoAccess, useLoad } from '../../components/page.tsx';
import { getLang, t } from '../../i18n/index.ts';
import { fmtDate, todayLocal } from '../../lib/format.ts';
import { useStore } from '../../lib/store.ts';
import { codeLabel, type Taxonomies, userStore, useTaxonomies } from '../../lib/taxonomies.ts';
import { DirectoryPageHead } from './shared.tsx';

type Row = PartnerPerformanceDto['rows'][number];
type Filters = { from: string; to: string };

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The day after the same date one year before `today`: the last 12 months, `today` included. */
export function yearBefore(today: string): string {
  const [y, m, day] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y - 1, m - 1, day + 1)).toISOString().slice(0, 10);
}

function fromQuery(q: Record<string, string>): Filters {
  const to = DATE.test(q.to ?? '') ? q.to! : todayLocal();
  const from = DATE.test(q.from ?? '') ? q.from! : yearBefore(to);
  return { from, to };
}
const toQuery = (f: Filters) => qs({ from: f.from, to: f.to });

const formats = new Map<string, Intl.NumberFormat>();
/** A count or a median in the reader's language (id-ID by default): "1.234", "2,5"; no data: "—". */
function num(x: number | null): string {
  if (x === null) return '—';
  const lang = getLang();
  let f = formats.get(lang);
  if (!f) {
    f = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'id-ID', { maximumFractionDigits: 1 });
    formats.set(lang, f);
  }
  return f.format(x);
}

/** Rows of one organisation together: the organisation heads its group of services. */
function byOrg(rows: Row[]): Array<{ orgId: string; orgName: string; rows: Row[] }> {
  const out: Array<{ orgId: string; orgName: string; rows: Row[] }> = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && last.orgId === r.orgId) last.rows.push(r);
    else out.push({ orgId: r.orgId, orgName: r.orgName, rows: [r] });
  }
  return out;
}

function Overdue({ r }: { r: Row }) {
  if (r.overdue === 0) return <>{num(0)}</>;
  return (
    <>
      <strong>{num(r.overdue)}</strong>
      <span class="hint">
        {' '}
        ({t('perf.overdueSplit', { accept: num(r.overdueAccept), complete: num(r.overdueComplete) })})
      </span>
    </>
  );
}

function PerformanceTable({ data, tx }: { data: PartnerPerformanceDto; tx: Taxonomies | null }) {
  const heads = [
    t('perf.received'),
    t('perf.accepted'),
    t('perf.declined'),
    t('perf.completed'),
    t('perf.cancelled'),
    t('perf.medianAccept'),
    t('perf.medianComplete'),
    t('perf.overdue'),
  ];
  const caption = t('perf.caption', { from: fmtDate(data.from), to: fmtDate(data.to) });
  return (
    <>
      <h2 id="perf-caption">{caption}</h2>
      {/* a wide table scrolls inside its own box on a phone; the box can take focus to scroll by keyboard */}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard */}
      <section class="table-wrap" aria-labelledby="perf-caption" tabIndex={0}>
        <table class="perf">
          <caption class="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('perf.org')}</th>
              <th scope="col">{t('perf.service')}</th>
              {heads.map((h) => (
                <th scope="col" class="num" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          {byOrg(data.rows).map((g) => (
            <tbody key={g.orgId}>
              {g.rows.map((r, i) => (
                <tr key={r.service}>
                  {i === 0 && (
                    <th scope="rowgroup" rowSpan={g.rows.length} class="org">
                      {g.orgName}
                    </th>
                  )}
                  <th scope="row">{codeLabel(tx, 'serviceTypes', r.service)}</th>
                  <td class="num">{num(r.received)}</td>
                  <td class="num">{num(r.accepted)}</td>
                  <td class="num">{num(r.declined)}</td>
                  <td class="num">{num(r.completed)}</td>
                  <td class="num">{num(r.cancelled)}</td>
                  <td class="num">{num(r.medianAcceptHours)}</td>
                  <td class="num">{num(r.medianCompleteDays)}</td>
                  <td class="num">
                    <Overdue r={r} />
                  </td>
                </tr>
              ))}
            </tbody>
          ))}
        </table>
      </section>
    </>
  );
}

export default function Performance() {
  const user = useStore(userStore);
  const tx = useTaxonomies();
  const allowed = !!user && roleCan(user.role, 'performance:read');
  const { applied, f, set, queryKey, submit } = useUrlFilters(fromQuery, toQuery, '/direktori/kinerja');
  const result = useLoad(
    (signal) =>
      allowed ? call('GET /partner-performance', { query: applied, signal }) : Promise.resolve(null),
    [queryKey, allowed],
  );
  if (!user) return <Loading />;
  if (!allowed) return <NoAccess />;
  const title = t('perf.title');
  const labels = { from: t('perf.from'), to: t('perf.to') };
  // a range the server refuses (end before start) is shown on the date fields
  const badRange = result.error instanceof ApiError && result.error.code === 'VALIDATION_FAILED';
  const fieldErr = badRange ? (result.error as ApiError) : null;
  const data = result.data;
  const field = bindField(f, set, labels);
  const date = (k: keyof Filters) => <TextField prefix="perf" {...field(k)} type="date" error={fieldErr} />;
  return (
    <section>
      <DirectoryPageHead title={title} />
      <p class="lead">{user.role === 'mitra' ? t('perf.introOwn') : t('perf.intro')}</p>
      <form class="filters" aria-label={t('perf.period')} onSubmit={submit} noValidate>
        <ErrorSummary error={fieldErr} prefix="perf" labels={labels} />
        <div class="grid">
          {date('from')}
          {date('to')}
        </div>
        <FilterActions submit={t('perf.show')} />
      </form>
      <div aria-live="polite">
        {result.loading && !data ? (
          <Loading />
        ) : result.error && !badRange ? (
          <LoadError error={result.error} onRetry={result.reload} />
        ) : badRange ? null : data && data.rows.length > 0 ? (
          <>
            <PerformanceTable data={data} tx={tx} />
            <p class="hint">{t('perf.note')}</p>
          </>
        ) : data ? (
          <p>{t('perf.none', { from: fmtDate(data.from), to: fmtDate(data.to) })}</p>
        ) : null}
      </div>
    </section>
  );
}
