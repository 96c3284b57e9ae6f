/**
 * Keeps the figures (decision 024). A change to a case marks its (kab/kota, hour received) in
 * `stat_dirty` in the same transaction (triggers, migration 0018); the job worker rebuilds each
 * marked local month from the case tables, one month per transaction, so the rollup equals a
 * count of the live data as soon as the worker has passed (test/integration/stats.test.ts).
 * The caseload now (open cases and overdue tasks per unit and officer) is recomputed with the
 * deadline scan.
 */

import {
  firstDirtyHourOf,
  jurisdictionsWithCases,
  markAllMonths,
  monthCaseFacts,
  openCasesPage,
  type RollupRow,
  refreshRepeatVictims,
  repeatNiksOfMonth,
  replaceMonth,
  replaceWorkload,
  takeDirty,
  takeMonthMarks,
  tryRollupLock,
  type WorkloadRow,
} from '../../db/stats.repository.ts';
import type { AgeGroupCode } from '../../domain/facts.ts';
import {
  type CaseFactsForStats,
  caseArea,
  caseContributions,
  DESA_MEASURES,
  localMonth,
  monthBounds,
} from '../../domain/stats.ts';
import { tasksForCases } from '../cases/tasks.ts';
import type { Services } from '../context.ts';

const d = (x: Date | string | null) => (x === null ? null : new Date(x));

/** The rollup rows of one kab/kota's local month, from its cases' facts. */
export async function buildMonth(db: Services['conn']['db'], jurisdiction: string, month: string) {
  const { start, end } = monthBounds(month, jurisdiction);
  const f = await monthCaseFacts(db, jurisdiction, start, end);
  const by = <T extends { case_id: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) {
      const l = m.get(r.case_id);
      if (l) l.push(r);
      else m.set(r.case_id, [r]);
    }
    return m;
  };
  const persons = by(f.persons);
  const incidents = by(f.incidents);
  const relationships = by(f.relationships);
  const records = by(f.records);
  const sums = new Map<string, RollupRow>();
  const add = (row: Omit<RollupRow, 'n'>, n: number) => {
    const k = `${row.level}|${row.area}|${row.case_type}|${row.measure}|${row.value}`;
    const had = sums.get(k);
    if (had) had.n += n;
    else sums.set(k, { ...row, n });
  };
  const niks: string[] = [];
  for (const c of f.cases) {
    const recs = records.get(c.id) ?? [];
    // the latest record of each victim and right
    const rights = new Map<string, { victimId: string; right: string; status: string }>();
    for (const r of recs)
      if (r.kind === 'right') {
        const x = r.data as { victimId: string; right: string; status: string };
        rights.set(`${x.victimId}|${x.right}`, { victimId: x.victimId, right: x.right, status: x.status });
      }
    const ps = persons.get(c.id) ?? [];
    for (const p of ps) if (p.role === 'korban' && p.nik_hash) niks.push(p.nik_hash);
    const facts: CaseFactsForStats = {
      jurisdiction: c.jurisdiction,
      receivedAt: new Date(c.received_at),
      caseType: c.case_type,
      channel: c.channel,
      stage: c.stage,
      risk: c.risk,
      closureReason: c.closure_reason,
      closedAt: d(c.closed_at),
      assessmentStartedAt: d(c.assessment_started_at),
      persons: ps.map((p) => ({
        id: p.id,
        role: p.role,
        sex: p.sex,
        birthDate: p.birth_date,
        estimatedAge: p.estimated_age,
        ageGroup: p.age_group as AgeGroupCode | null,
        disability: p.disability,
        education: p.education,
        regionCode: p.region_code,
      })),
      incidents: (incidents.get(c.id) ?? []).map((i) => ({
        forms: i.forms,
        place: i.place_category,
        tpks: i.tpks_offences,
        ampk: i.ampk_categories,
        regionCode: i.region_code,
      })),
      relationships: (relationships.get(c.id) ?? []).map((r) => r.relationship),
      services: recs
        .filter((r) => r.kind === 'service')
        .map((r) => r.data as { service: string; date: string }),
      rights: [...rights.values()],
      diversions: recs
        .filter((r) => r.kind === 'diversion')
        .map((r) => r.data as { result: string; date: string }),
    };
    const area = caseArea(facts);
    const kec = area ? area.slice(0, 8) : '';
    const desa = area && area.length > 8 ? area : '';
    const caseType = c.case_type ?? '';
    for (const x of caseContributions(facts)) {
      const row = { case_type: caseType, measure: x.measure, value: x.value };
      add({ level: 2, area: jurisdiction, ...row }, x.n);
      add({ level: 3, area: kec, ...row }, x.n);
      if (DESA_MEASURES.has(x.measure)) add({ level: 4, area: desa, ...row }, x.n);
    }
  }
  return { rows: [...sums.values()], niks, start, end };
}

/** Rebuilds one local month of a kab/kota in the caller's transaction. */
async function rebuildMonth(trx: Services['conn']['db'], jurisdiction: string, month: string) {
  const { rows, niks, start, end } = await buildMonth(trx, jurisdiction, month);
  const before = await repeatNiksOfMonth(trx, jurisdiction, start, end);
  await replaceMonth(trx, jurisdiction, month, rows);
  await refreshRepeatVictims(trx, [...before, ...niks]);
}

/**
 * Rebuilds every marked month, one per transaction, until none is left or `maxMonths` were
 * rebuilt. Another process already rebuilding: returns at once (it will take the rest).
 */
export async function refreshStats(svc: Pick<Services, 'conn'>, maxMonths = 500): Promise<number> {
  let done = 0;
  while (done < maxMonths) {
    const rebuilt = await svc.conn.db.transaction().execute(async (trx) => {
      if (!(await tryRollupLock(trx))) return false;
      const first = await takeDirty(trx, 1);
      const mark = first[0];
      if (!mark) return false;
      const month = localMonth(mark.hour, mark.jurisdiction);
      const { start, end } = monthBounds(month, mark.jurisdiction);
      // every other mark of the same local month goes with it
      await takeMonthMarks(trx, mark.jurisdiction, start, end);
      await rebuildMonth(trx, mark.jurisdiction, month);
      return true;
    });
    if (!rebuilt) break;
    done++;
  }
  return done;
}

/**
 * Rebuilds every marked month of one kab/kota now, one per transaction (the demo seed, before it
 * reads that kab/kota's figures); the other kab/kota's marks wait for the worker.
 */
export async function refreshStatsOf(svc: Pick<Services, 'conn'>, jurisdiction: string): Promise<number> {
  let done = 0;
  for (;;) {
    const rebuilt = await svc.conn.db.transaction().execute(async (trx) => {
      if (!(await tryRollupLock(trx))) return false;
      const hour = await firstDirtyHourOf(trx, jurisdiction);
      if (!hour) return false;
      const month = localMonth(hour, jurisdiction);
      const { start, end } = monthBounds(month, jurisdiction);
      await takeMonthMarks(trx, jurisdiction, start, end);
      await rebuildMonth(trx, jurisdiction, month);
      return true;
    });
    if (!rebuilt) break;
    done++;
  }
  return done;
}

/** The caseload now of each kab/kota that has cases: open cases and overdue tasks per unit and officer. */
export async function refreshWorkload(svc: Pick<Services, 'conn' | 'clock'>): Promise<void> {
  const db = svc.conn.db;
  const now = svc.clock();
  for (const jurisdiction of await jurisdictionsWithCases(db)) {
    const acc = new Map<string, WorkloadRow>();
    let after: string | null = null;
    for (;;) {
      const page = await openCasesPage(db, jurisdiction, after, 2000);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      const tasks = await tasksForCases(
        db,
        page.map((c) => c.id),
        now,
      );
      for (const c of page) {
        const k = `${c.org_id}|${c.manager_id ?? ''}`;
        let w = acc.get(k);
        if (!w) {
          w = {
            org_id: c.org_id,
            user_id: c.manager_id,
            open_cases: 0,
            overdue_tasks: 0,
            overdue_high_risk: 0,
          };
          acc.set(k, w);
        }
        w.open_cases++;
        const ts = tasks.get(c.id) ?? [];
        w.overdue_tasks += ts.filter((t) => t.overdue).length;
        if (ts.some((t) => t.overdue && t.rule === 'respon_risiko_tinggi')) w.overdue_high_risk++;
      }
    }
    await db.transaction().execute((trx) => replaceWorkload(trx, jurisdiction, [...acc.values()], now));
  }
}

/** Marks every month that has cases and rebuilds them all now (the CLI's `stats rebuild`). */
export async function rebuildAllStats(svc: Pick<Services, 'conn'>): Promise<number> {
  await markAllMonths(svc.conn.db);
  let months = 0;
  for (let k = await refreshStats(svc, 1000); k > 0; k = await refreshStats(svc, 1000)) months += k;
  return months;
}
