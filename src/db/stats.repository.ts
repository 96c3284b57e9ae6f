/**
 * SQL of the figures (migration 0018, decision 024): the facts of a month's cases, the rollup
 * that keeps their counts, the victims recorded in more than one case, and the caseload now.
 */
import { sql } from 'kysely';
import type { Tx } from './connect.ts';

const REFRESH_LOCK = 0x51_4d_50_55; // one rollup writer at a time (tried; another process waits its turn)

/** Takes the rollup's writer lock for this transaction; false when another process holds it. */
export async function tryRollupLock(trx: Tx): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${REFRESH_LOCK}) AS ok`.execute(trx);
  return r.rows[0]?.ok === true;
}

/** Up to `limit` changed buckets, removed from the queue (the caller's transaction keeps them if it fails). */
export async function takeDirty(trx: Tx, limit: number) {
  const r = await sql<{ jurisdiction: string; hour: Date }>`
    DELETE FROM stat_dirty d USING (
      SELECT jurisdiction, hour FROM stat_dirty ORDER BY jurisdiction, hour LIMIT ${limit}
    ) x WHERE d.jurisdiction = x.jurisdiction AND d.hour = x.hour
    RETURNING d.jurisdiction, d.hour`.execute(trx);
  return r.rows.map((x) => ({ jurisdiction: x.jurisdiction, hour: new Date(x.hour) }));
}

/** The earliest changed bucket of one kab/kota, left in the queue (takeMonthMarks takes its month). */
export async function firstDirtyHourOf(trx: Tx, jurisdiction: string): Promise<Date | null> {
  const r = await trx
    .selectFrom('stat_dirty')
    .select('hour')
    .where('jurisdiction', '=', jurisdiction)
    .orderBy('hour')
    .limit(1)
    .executeTakeFirst();
  return r ? new Date(r.hour) : null;
}

/** Marks every (kab/kota, hour) that has cases, so the worker rebuilds every month. */
export async function markAllMonths(db: Tx) {
  await sql`INSERT INTO stat_dirty SELECT DISTINCT jurisdiction, date_trunc('hour', received_at) FROM case_file
            ON CONFLICT DO NOTHING`.execute(db);
}

/** Changes of the region's kab/kota (or province) not yet counted (another region's activity is not said). */
/** Removes every mark of a kab/kota within [start, end) (a local month about to be rebuilt). */
export async function takeMonthMarks(trx: Tx, jurisdiction: string, start: Date, end: Date) {
  await trx
    .deleteFrom('stat_dirty')
    .where('jurisdiction', '=', jurisdiction)
    .where('hour', '>=', start)
    .where('hour', '<', end)
    .execute();
}

export async function dirtyCount(db: Tx, region: string): Promise<number> {
  const r = await sql<{
    n: string;
  }>`SELECT count(*) AS n FROM stat_dirty WHERE ${scopeWhere(region)}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** Every fact the figures read, for the cases a kab/kota received in [start, end). */
export async function monthCaseFacts(db: Tx, jurisdiction: string, start: Date, end: Date) {
  const inMonth = (alias: 'p' | 'i' | 'r' | 'x') =>
    sql<boolean>`${sql.ref(`${alias}.case_id`)} IN (SELECT id FROM case_file WHERE jurisdiction = ${jurisdiction} AND received_at >= ${start} AND received_at < ${end})`;
  const [cases, persons, incidents, relationships, records] = await Promise.all([
    db
      .selectFrom('case_file')
      .select([
        'id',
        'jurisdiction',
        'received_at',
        'case_type',
        'channel',
        'stage',
        'risk',
        'closure_reason',
        'closed_at',
        'assessment_started_at',
      ])
      .where('jurisdiction', '=', jurisdiction)
      .where('received_at', '>=', start)
      .where('received_at', '<', end)
      .execute(),
    db
      .selectFrom('person as p')
      .select([
        'p.id',
        'p.case_id',
        'p.role',
        'p.sex',
        'p.birth_date',
        'p.estimated_age',
        'p.age_group',
        'p.disability',
        'p.education',
        'p.region_code',
        'p.nik_hash',
      ])
      .where(inMonth('p'))
      .where('p.role', 'in', ['korban', 'terlapor'])
      .orderBy('p.created_at')
      .orderBy('p.id')
      .execute(),
    db
      .selectFrom('incident as i')
      .select([
        'i.case_id',
        'i.forms',
        'i.place_category',
        'i.tpks_offences',
        'i.ampk_categories',
        'i.region_code',
      ])
      .where(inMonth('i'))
      .orderBy('i.created_at')
      .orderBy('i.id')
      .execute(),
    db.selectFrom('relationship as r').select(['r.case_id', 'r.relationship']).where(inMonth('r')).execute(),
    db
      .selectFrom('case_record as x')
      .select(['x.case_id', 'x.kind', 'x.data', 'x.updated_at'])
      .where(inMonth('x'))
      .where('x.kind', 'in', ['service', 'right', 'diversion'])
      .orderBy('x.updated_at')
      .execute(),
  ]);
  return { cases, persons, incidents, relationships, records };
}

export type RollupRow = {
  level: 2 | 3 | 4;
  area: string;
  case_type: string;
  measure: string;
  value: string;
  n: number;
};

/** Replaces a kab/kota's counts of one local month. */
export async function replaceMonth(trx: Tx, jurisdiction: string, month: string, rows: readonly RollupRow[]) {
  await trx
    .deleteFrom('stat_rollup')
    .where('jurisdiction', '=', jurisdiction)
    .where('month', '=', month)
    .execute();
  const BATCH = 2000;
  for (let i = 0; i < rows.length; i += BATCH)
    await trx
      .insertInto('stat_rollup')
      .values(rows.slice(i, i + BATCH).map((r) => ({ ...r, jurisdiction, month })))
      .execute();
}

/** Re-reads, for these NIKs, every victim recorded under them in more than one case. */
export async function refreshRepeatVictims(trx: Tx, nikHashes: readonly string[]) {
  if (nikHashes.length === 0) return;
  const hashes = [...new Set(nikHashes)];
  await trx.deleteFrom('stat_repeat_victim').where('nik_hash', 'in', hashes).execute();
  await sql`
    INSERT INTO stat_repeat_victim (person_id, nik_hash, case_id, jurisdiction, received_at)
    SELECT p.id, p.nik_hash, c.id, c.jurisdiction, c.received_at
    FROM person p JOIN case_file c ON c.id = p.case_id
    WHERE p.role = 'korban' AND p.nik_hash IN (${sql.join(hashes)})
      AND p.nik_hash IN (
        SELECT p2.nik_hash FROM person p2 WHERE p2.role = 'korban' AND p2.nik_hash IN (${sql.join(hashes)})
        GROUP BY p2.nik_hash HAVING count(DISTINCT p2.case_id) > 1)`.execute(trx);
}

/** The NIKs of the repeat-victim rows a month held before it is rebuilt. */
export async function repeatNiksOfMonth(db: Tx, jurisdiction: string, start: Date, end: Date) {
  const rows = await db
    .selectFrom('stat_repeat_victim')
    .select('nik_hash')
    .where('jurisdiction', '=', jurisdiction)
    .where('received_at', '>=', start)
    .where('received_at', '<', end)
    .execute();
  return rows.map((r) => r.nik_hash);
}

/* ---- reading ---- */

/** Which kab/kota a scope covers: one (`36.02`) or every one of a province (`36`). */
function scopeWhere(code: string, column = 'jurisdiction') {
  // a province: its kab/kota and the cases the province Dinas holds itself
  return code.length === 2
    ? sql<boolean>`(${sql.ref(column)} = ${code} OR ${sql.ref(column)} LIKE ${`${code}.%`})`
    : sql<boolean>`${sql.ref(column)} = ${code.slice(0, 5)}`;
}

export type RollupFilter = {
  /** a province, kab/kota, kecamatan or desa code */
  region: string;
  months: readonly string[];
  /** stored case types counted; null = all */
  caseTypes: readonly string[] | null;
};

/** Where the rows of a region sit: the kab/kota rows of a province or kab/kota, else its own level. */
function regionRows(f: RollupFilter | Omit<RollupFilter, 'months'>) {
  const level = f.region.length <= 5 ? 2 : f.region.length === 8 ? 3 : 4;
  const months = 'months' in f ? sql` AND month IN (${sql.join(f.months)})` : sql``;
  return sql<boolean>`${scopeWhere(f.region)} AND level = ${level}${level === 2 ? sql`` : sql` AND area = ${f.region}`}${months}${f.caseTypes ? sql` AND case_type IN (${sql.join(f.caseTypes)})` : sql``}`;
}

/** Open cases (not at terminasi) per month received, whatever the month. */
export async function openByMonth(db: Tx, f: Omit<RollupFilter, 'months'>) {
  const r = await sql<{ month: string; n: string }>`
    SELECT to_char(month, 'YYYY-MM-DD') AS month, sum(n) AS n FROM stat_rollup
    WHERE ${regionRows(f)} AND measure = 'stage' AND value <> 'terminasi'
    GROUP BY month`.execute(db);
  return r.rows.map((x) => ({ month: x.month, n: Number(x.n) }));
}

/** Sums per measure and value over the months. */
export async function sumsByValue(db: Tx, f: RollupFilter) {
  if (f.months.length === 0) return [];
  const r = await sql<{ measure: string; value: string; n: string }>`
    SELECT measure, value, sum(n) AS n FROM stat_rollup WHERE ${regionRows(f)}
    GROUP BY measure, value`.execute(db);
  return r.rows.map((x) => ({ measure: x.measure, value: x.value, n: Number(x.n) }));
}

/** Cases and victims per month. */
export async function countsByMonth(db: Tx, f: RollupFilter) {
  if (f.months.length === 0) return [];
  const r = await sql<{ month: string; measure: string; value: string; n: string }>`
    SELECT to_char(month, 'YYYY-MM-DD') AS month, measure, value, sum(n) AS n FROM stat_rollup
    WHERE ${regionRows(f)} AND measure IN ('cases', 'victims', 'stage')
    GROUP BY month, measure, value`.execute(db);
  return r.rows.map((x) => ({ month: x.month, measure: x.measure, value: x.value, n: Number(x.n) }));
}

/** Cases and victims of each area one level below the region (kab/kota of a province, kecamatan, desa). */
export async function countsByArea(db: Tx, f: RollupFilter) {
  if (f.months.length === 0 || f.region.length > 8) return [];
  const types = f.caseTypes ? sql` AND case_type IN (${sql.join(f.caseTypes)})` : sql``;
  const months = sql`month IN (${sql.join(f.months)})`;
  const r =
    f.region.length === 2
      ? await sql<{ area: string; month: string; measure: string; n: string }>`
          SELECT jurisdiction AS area, to_char(month, 'YYYY-MM-DD') AS month, measure, sum(n) AS n FROM stat_rollup
          WHERE ${scopeWhere(f.region)} AND level = 2 AND measure IN ('cases', 'victims') AND ${months}${types}
          GROUP BY jurisdiction, month, measure`.execute(db)
      : await sql<{ area: string; month: string; measure: string; n: string }>`
          SELECT area, to_char(month, 'YYYY-MM-DD') AS month, measure, sum(n) AS n FROM stat_rollup
          WHERE ${scopeWhere(f.region)} AND level = ${f.region.length === 5 ? 3 : 4}
            AND measure IN ('cases', 'victims') AND ${months}${types}
            ${f.region.length === 8 ? sql`AND (area LIKE ${`${f.region}.%`} OR area = '')` : sql``}
          GROUP BY area, month, measure`.execute(db);
  return r.rows.map((x) => ({ area: x.area, month: x.month, measure: x.measure, n: Number(x.n) }));
}

/**
 * Victims recorded in more than one case of the scope within [start, end): how many records
 * there are and how many persons they are (the rollup counts each record).
 */
export async function repeatVictims(db: Tx, region: string, start: Date, end: Date) {
  const r = await sql<{ records: string; persons: string }>`
    SELECT count(*) AS records, count(DISTINCT nik_hash) AS persons FROM (
      SELECT nik_hash FROM stat_repeat_victim
      WHERE ${scopeWhere(region)} AND received_at >= ${start} AND received_at < ${end}
    ) x`.execute(db);
  const row = r.rows[0];
  return { records: Number(row?.records ?? 0), persons: Number(row?.persons ?? 0) };
}

/** How many persons in the scope are victims in more than one case of the period. */
export async function repeatVictimPersons(db: Tx, region: string, start: Date, end: Date) {
  const r = await sql<{ n: string }>`
    SELECT count(*) AS n FROM (
      SELECT nik_hash FROM stat_repeat_victim
      WHERE ${scopeWhere(region)} AND received_at >= ${start} AND received_at < ${end}
      GROUP BY nik_hash HAVING count(DISTINCT case_id) > 1) x`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/* ---- the caseload now ---- */

/** Open cases of a kab/kota, by id, manager and unit (for the deadline rules, in pages). */
export async function openCasesPage(db: Tx, jurisdiction: string, after: string | null, limit: number) {
  let q = db
    .selectFrom('case_file')
    .select(['id', 'org_id', 'manager_id', 'risk'])
    .where('jurisdiction', '=', jurisdiction)
    .where('stage', '<>', 'terminasi')
    .orderBy('id')
    .limit(limit);
  if (after) q = q.where('id', '>', after);
  return q.execute();
}

/** The kab/kota that hold cases: those of the organisations (a small table). */
export async function jurisdictionsWithCases(db: Tx): Promise<string[]> {
  const r = await sql<{ jurisdiction: string }>`
    SELECT DISTINCT jurisdiction FROM organisation WHERE length(jurisdiction) = 5 ORDER BY jurisdiction`.execute(
    db,
  );
  return r.rows.map((x) => x.jurisdiction);
}

export type WorkloadRow = {
  org_id: string;
  user_id: string | null;
  open_cases: number;
  overdue_tasks: number;
  overdue_high_risk: number;
};

export async function replaceWorkload(trx: Tx, jurisdiction: string, rows: readonly WorkloadRow[], at: Date) {
  await trx.deleteFrom('stat_workload').where('jurisdiction', '=', jurisdiction).execute();
  if (rows.length > 0)
    await trx
      .insertInto('stat_workload')
      .values(rows.map((r) => ({ ...r, jurisdiction, computed_at: at })))
      .execute();
}

export async function workload(db: Tx, region: string) {
  const r = await sql<{
    jurisdiction: string;
    org_id: string;
    org_name: string;
    user_id: string | null;
    user_name: string | null;
    open_cases: number;
    overdue_tasks: number;
    overdue_high_risk: number;
    computed_at: Date;
  }>`
    SELECT w.jurisdiction, w.org_id, o.name AS org_name, w.user_id, u.name AS user_name,
           w.open_cases, w.overdue_tasks, w.overdue_high_risk, w.computed_at
    FROM stat_workload w JOIN organisation o ON o.id = w.org_id LEFT JOIN app_user u ON u.id = w.user_id
    WHERE ${scopeWhere(region, 'w.jurisdiction')}
    ORDER BY o.name, u.name NULLS LAST`.execute(db);
  return r.rows;
}

/**
 * The KLA cluster V counts of a kab/kota (or a province's) for a local year (decision 036): the
 * victims of AMPK cases received in the year's months, and the ABH cases whose year (closed, or
 * a diversion dated in it) is this one, whatever month they were received in.
 */
export async function clusterVSums(db: Tx, region: string, year: number) {
  const [ampk, abh] = await Promise.all([
    sql<{ measure: string; value: string; n: string }>`
      SELECT measure, value, sum(n) AS n FROM stat_rollup
      WHERE ${scopeWhere(region)} AND level = 2 AND measure IN ('ampk_child', 'ampk_child_cat')
        AND month >= ${`${year}-01-01`} AND month <= ${`${year}-12-01`}
      GROUP BY measure, value`.execute(db),
    sql<{ measure: string; value: string; n: string }>`
      SELECT measure, value, sum(n) AS n FROM stat_rollup
      WHERE ${scopeWhere(region)} AND level = 2 AND measure = 'abh_diversion' AND value LIKE ${`${year}:%`}
      GROUP BY measure, value`.execute(db),
  ]);
  return [...ampk.rows, ...abh.rows].map((x) => ({ measure: x.measure, value: x.value, n: Number(x.n) }));
}
