/**
 * Publishes the public statistics' monthly snapshot (issue 11 §3, decision 026). Once the last
 * whole month is over everywhere (WIB is the last zone to finish a month) and the rollup has taken
 * in every change up to it, the next snapshot is made: every cell of the latest snapshot carried
 * unchanged, plus the quarters and years that have closed since, for each province and kab/kota
 * the installation serves, suppressed by src/domain/public-stats.ts with the earlier cells fixed.
 * The job worker calls `publishDueSnapshot` with its scans; it is a single indexed lookup when
 * the month's snapshot exists.
 */
import {
  dirtyBefore,
  firstRollupMonth,
  insertSnapshot,
  latestSnapshot,
  publicRollup,
  servedRegencies,
  snapshotCells,
  snapshotExists,
  tryPublishLock,
} from '../../db/public-stats.repository.ts';
import {
  closedPeriods,
  type PublishedCell,
  protect,
  quarterOf,
  type RollupCount,
  tabulate,
} from '../../domain/public-stats.ts';
import { addMonths, localMonth, monthBounds } from '../../domain/stats.ts';
import type { Services } from '../context.ts';
import { refreshStats } from './refresh.ts';

/** WIB, the westernmost zone: a month over there is over everywhere. */
const LAST_ZONE_REGION = '31';

/** The last whole local month (YYYY-MM-01) at `now`. */
export function lastCompleteMonth(now: Date): string {
  return addMonths(localMonth(now, LAST_ZONE_REGION), -1);
}

export type PublishResult =
  | { published: true; id: string; throughMonth: string; cells: number }
  | { published: false; reason: 'exists' | 'busy' | 'rollup_behind' | 'no_data' };

/**
 * Makes the snapshot through the last whole month if there is none yet. `threshold`: the
 * smallest count shown as a number (SIMPUL_PUBLIC_STATS_MIN_CELL).
 */
export async function publishDueSnapshot(
  svc: Pick<Services, 'conn' | 'clock' | 'log'>,
  threshold: number,
): Promise<PublishResult> {
  const db = svc.conn.db;
  const now = svc.clock();
  const through = lastCompleteMonth(now);
  if (await snapshotExists(db, through)) return { published: false, reason: 'exists' };
  // the rollup must hold every change of the months published (the worker keeps it; catch up here)
  await refreshStats(svc);
  const { end } = monthBounds(through, LAST_ZONE_REGION);
  if (await dirtyBefore(db, end)) return { published: false, reason: 'rollup_behind' };
  const first = await firstRollupMonth(db);
  const regencies = await servedRegencies(db);
  return db.transaction().execute(async (trx): Promise<PublishResult> => {
    if (!(await tryPublishLock(trx))) return { published: false, reason: 'busy' };
    if (await snapshotExists(trx, through)) return { published: false, reason: 'exists' };
    const prev = await latestSnapshot(trx);
    const carried = prev ? await snapshotCells(trx, prev.id) : [];
    const cells = buildCells({
      through,
      first: first ?? through,
      rollup: first ? await publicRollup(trx, `${first.slice(0, 4)}-01-01`, through) : [],
      regencies,
      carried,
      threshold,
    });
    // nothing recorded yet: published all the same, so the page can say so as of a date
    const id = await insertSnapshot(trx, { publishedAt: now, throughMonth: through, threshold }, cells);
    if (!id) return { published: false, reason: 'exists' };
    svc.log.info({ throughMonth: through, cells: cells.length }, 'public statistics snapshot published');
    return { published: true, id, throughMonth: through, cells: cells.length };
  });
}

/**
 * Every cell of the next snapshot: the carried ones, and the closed periods not published yet
 * for each province and kab/kota served. Throws when a cell could not be protected (nothing is
 * published then).
 */
export function buildCells(p: {
  through: string;
  first: string;
  rollup: readonly RollupCount[];
  regencies: readonly string[];
  carried: readonly PublishedCell[];
  threshold: number;
}): PublishedCell[] {
  // counts by unit, year and quarter (0 = the year)
  const byPeriod = new Map<string, RollupCount[]>();
  for (const r of p.rollup) {
    if (r.month > p.through) continue;
    const y = r.month.slice(0, 4);
    for (const q of [quarterOf(r.month), 0]) {
      const k = `${r.unit}|${y}|${q}`;
      const l = byPeriod.get(k);
      if (l) l.push(r);
      else byPeriod.set(k, [r]);
    }
  }
  const tables = new Map<string, Map<string, number>>();
  const counts = (year: number) => (unit: string, q: number) => {
    const k = `${unit}|${year}|${q}`;
    let t = tables.get(k);
    if (!t) {
      t = tabulate(byPeriod.get(k) ?? []);
      tables.set(k, t);
    }
    return t;
  };
  const provinces = new Map<string, Set<string>>();
  const addReg = (code: string) => {
    const prov = code.slice(0, 2);
    if (!provinces.has(prov)) provinces.set(prov, new Set());
    if (code.length === 5) provinces.get(prov)!.add(code);
  };
  for (const r of p.regencies) addReg(r);
  for (const r of p.rollup) addReg(r.unit);
  for (const c of p.carried) addReg(c.region);
  const closed = closedPeriods(p.through, p.first);
  const out: PublishedCell[] = [...p.carried];
  for (const [prov, regs] of [...provinces].sort()) {
    const years = [...new Set(closed.map((c) => c.year))];
    for (const year of years) {
      const fixed = p.carried.filter((c) => c.year === year && c.region.slice(0, 2) === prov);
      const done = new Set(fixed.filter((c) => c.region === prov).map((c) => c.quarter));
      const periods = closed.filter((c) => c.year === year && !done.has(c.quarter)).map((c) => c.quarter);
      if (periods.length === 0) continue;
      const { cells, unprotected } = protect({
        province: prov,
        regencies: [...regs].sort(),
        year,
        periods,
        fixed,
        counts: counts(year),
        threshold: p.threshold,
      });
      if (unprotected.length > 0)
        throw new Error(
          `public statistics: ${unprotected.length} cells of ${prov} ${year} could not be protected`,
        );
      out.push(...cells);
    }
  }
  return out;
}
