/**
 * The dashboard's filters as they stand in the URL (so Back works and a link can be shared), and
 * the whole local months they ask the API for. A period is written as the periodic report writes
 * it (`period=2026`, `2026-Q3`, `2026-11`), a custom range as `from=2026-01&to=2026-06`; no period
 * is this year so far. "Now" is the month of today in the viewed region's own zone.
 */
import './words.ts';
import { qs } from '../../api.ts';
import { todayLocal } from '../../lib/format.ts';

export const KINDS = ['tahun', 'triwulan', 'bulan', 'rentang'] as const;
export type Kind = (typeof KINDS)[number];

export type Filters = {
  kind: Kind;
  year: string;
  /** 1–4 */
  quarter: string;
  /** 01–12 */
  month: string;
  /** YYYY-MM, a custom range */
  from: string;
  to: string;
  /** '' (semua), 'ktp', 'ampk' */
  caseType: string;
  /** '' = the officer's own region */
  region: string;
};

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const REGION = /^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/;

/** This month (YYYY-MM) in the zone of a region (the officer's own when none). */
export function thisMonth(region?: string): string {
  return todayLocal(region || undefined).slice(0, 7);
}

export function fromQuery(q: Record<string, string>): Filters {
  const region = REGION.test(q.region ?? '') ? q.region! : '';
  const now = thisMonth(region);
  const year = now.slice(0, 4);
  const month = now.slice(5, 7);
  const f: Filters = {
    kind: 'tahun',
    year,
    quarter: String(Math.ceil(Number(month) / 3)),
    month,
    from: `${year}-01`,
    to: now,
    caseType: q.caseType === 'ktp' || q.caseType === 'ampk' ? q.caseType : '',
    region,
  };
  const p = q.period ?? '';
  const y = /^(\d{4})$/.exec(p);
  if (y) return { ...f, kind: 'tahun', year: y[1]! };
  const qu = /^(\d{4})-Q([1-4])$/.exec(p);
  if (qu) return { ...f, kind: 'triwulan', year: qu[1]!, quarter: qu[2]! };
  const mo = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(p);
  if (mo) return { ...f, kind: 'bulan', year: mo[1]!, month: mo[2]! };
  if (MONTH.test(q.from ?? '') && MONTH.test(q.to ?? ''))
    return { ...f, kind: 'rentang', from: q.from!, to: q.to! };
  return f;
}

export function toQuery(f: Filters): string {
  const period =
    f.kind === 'tahun'
      ? f.year
      : f.kind === 'triwulan'
        ? `${f.year}-Q${f.quarter}`
        : f.kind === 'bulan'
          ? `${f.year}-${f.month}`
          : undefined;
  return qs({
    period,
    from: f.kind === 'rentang' ? f.from : undefined,
    to: f.kind === 'rentang' ? f.to : undefined,
    caseType: f.caseType || undefined,
    region: f.region || undefined,
  });
}

/** YYYY-MM plus k months. */
export function addMonth(ym: string, k: number): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + k;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
}

function lastDay(ym: string): string {
  const [y, m] = ym.split('-').map(Number) as [number, number];
  return `${ym}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * The dates the API is asked for: the first day of the first month to the last day of the last.
 * A period reaching past this month ends with this month ("so far"), so it is compared with the
 * same months a year earlier, not with a whole year.
 */
export function rangeOf(f: Filters): { from: string; to: string } {
  let from: string;
  let to: string;
  if (f.kind === 'tahun') [from, to] = [`${f.year}-01`, `${f.year}-12`];
  else if (f.kind === 'triwulan') {
    const q = Number(f.quarter);
    from = `${f.year}-${String(q * 3 - 2).padStart(2, '0')}`;
    to = `${f.year}-${String(q * 3).padStart(2, '0')}`;
  } else if (f.kind === 'bulan') from = to = `${f.year}-${f.month}`;
  else [from, to] = [f.from, f.to];
  const now = thisMonth(f.region);
  if (MONTH.test(to) && to > now && from <= now) to = now;
  return { from: `${from}-01`, to: MONTH.test(to) ? lastDay(to) : `${to}-31` };
}

/** The years a period may be chosen in: this one and the nine before it. */
export function yearChoices(region?: string): string[] {
  const y = Number(thisMonth(region).slice(0, 4));
  return Array.from({ length: 10 }, (_, i) => String(y - i));
}
