/**
 * SQL of the public statistics (migration 0020, decision 026): reading the monthly rollup's
 * kab/kota rows, and writing and reading published snapshots. Public pages read only the latest
 * snapshot; nothing here reads a case.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { PublishedCell, RollupCount } from '../domain/public-stats.ts';
import type { Tx } from './connect.ts';

const PUBLISH_LOCK = 0x50_53_54_41; // one publisher at a time

export async function tryPublishLock(trx: Tx): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${PUBLISH_LOCK}) AS ok`.execute(trx);
  return r.rows[0]?.ok === true;
}

export type SnapshotHead = { id: string; publishedAt: Date; throughMonth: string; threshold: number };

const head = (r: {
  id: string;
  published_at: Date;
  through_month: string;
  threshold: number;
}): SnapshotHead => ({
  id: r.id,
  publishedAt: new Date(r.published_at),
  throughMonth: r.through_month,
  threshold: r.threshold,
});

/** The latest snapshot, or null when none is published yet. */
export async function latestSnapshot(db: Tx): Promise<SnapshotHead | null> {
  const r = await sql<{ id: string; published_at: Date; through_month: string; threshold: number }>`
    SELECT id, published_at, to_char(through_month, 'YYYY-MM-DD') AS through_month, threshold
    FROM public_snapshot ORDER BY through_month DESC, published_at DESC LIMIT 1`.execute(db);
  return r.rows[0] ? head(r.rows[0]) : null;
}

export async function snapshotExists(db: Tx, throughMonth: string): Promise<boolean> {
  const r = await sql<{
    one: number;
  }>`SELECT 1 AS one FROM public_snapshot WHERE through_month = ${throughMonth}`.execute(db);
  return r.rows.length > 0;
}

/** Changes the rollup has not taken in yet, received before `before`. */
export async function dirtyBefore(db: Tx, before: Date): Promise<boolean> {
  const r = await sql<{
    one: number;
  }>`SELECT 1 AS one FROM stat_dirty WHERE hour < ${before} LIMIT 1`.execute(db);
  return r.rows.length > 0;
}

/** Every cell of a snapshot. */
export async function snapshotCells(db: Tx, snapshotId: string): Promise<PublishedCell[]> {
  const rows = await db
    .selectFrom('public_snapshot_cell')
    .select(['region', 'year', 'quarter', 'cell', 'status', 'value', 'threshold'])
    .where('snapshot_id', '=', snapshotId)
    .execute();
  return rows.map((r) => ({
    ...r,
    year: Number(r.year),
    quarter: Number(r.quarter),
    threshold: Number(r.threshold),
  }));
}

/** The cells of one region and year of a snapshot. */
export async function regionYearCells(
  db: Tx,
  snapshotId: string,
  region: string,
  year: number,
): Promise<PublishedCell[]> {
  const rows = await db
    .selectFrom('public_snapshot_cell')
    .select(['region', 'year', 'quarter', 'cell', 'status', 'value', 'threshold'])
    .where('snapshot_id', '=', snapshotId)
    .where('region', '=', region)
    .where('year', '=', year)
    .execute();
  return rows.map((r) => ({
    ...r,
    year: Number(r.year),
    quarter: Number(r.quarter),
    threshold: Number(r.threshold),
  }));
}

/** Which regions and periods a snapshot holds (for the page's choices). */
export async function snapshotIndex(db: Tx, snapshotId: string) {
  const r = await sql<{ region: string; year: number; quarter: number }>`
    SELECT DISTINCT region, year, quarter FROM public_snapshot_cell WHERE snapshot_id = ${snapshotId}
    ORDER BY region, year, quarter`.execute(db);
  return r.rows.map((x) => ({ region: x.region, year: Number(x.year), quarter: Number(x.quarter) }));
}

/** The rollup's kab/kota rows of the measures the public tables use, for months in [from, through]. */
export async function publicRollup(db: Tx, from: string, through: string): Promise<RollupCount[]> {
  const r = await sql<{
    unit: string;
    month: string;
    case_type: string;
    measure: string;
    value: string;
    n: string;
  }>`
    SELECT jurisdiction AS unit, to_char(month, 'YYYY-MM-DD') AS month, case_type, measure, value, sum(n) AS n
    FROM stat_rollup
    WHERE level = 2 AND month >= ${from} AND month <= ${through}
      AND measure IN ('cases', 'victims', 'victim_sex', 'victim_age', 'form', 'place')
    GROUP BY jurisdiction, month, case_type, measure, value`.execute(db);
  return r.rows.map((x) => ({
    unit: x.unit,
    month: x.month,
    caseType: x.case_type,
    measure: x.measure,
    value: x.value,
    n: Number(x.n),
  }));
}

/** The first month the rollup holds, or null. */
export async function firstRollupMonth(db: Tx): Promise<string | null> {
  const r = await sql<{
    m: string | null;
  }>`SELECT to_char(min(month), 'YYYY-MM-DD') AS m FROM stat_rollup WHERE level = 2`.execute(db);
  return r.rows[0]?.m ?? null;
}

/** The kab/kota the installation serves: those with an organisation or with figures. */
export async function servedRegencies(db: Tx): Promise<string[]> {
  const r = await sql<{ code: string }>`
    SELECT jurisdiction AS code FROM organisation WHERE length(jurisdiction) = 5
    UNION SELECT DISTINCT jurisdiction FROM stat_rollup WHERE level = 2 AND length(jurisdiction) = 5
    ORDER BY code`.execute(db);
  return r.rows.map((x) => x.code);
}

/** Writes a snapshot: its head and every cell (carried and new). False when one for the month exists. */
export async function insertSnapshot(
  trx: Tx,
  s: { publishedAt: Date; throughMonth: string; threshold: number },
  cells: readonly PublishedCell[],
): Promise<string | null> {
  const id = randomUUID();
  const r = await sql<{ id: string }>`
    INSERT INTO public_snapshot (id, published_at, through_month, threshold)
    VALUES (${id}, ${s.publishedAt}, ${s.throughMonth}, ${s.threshold})
    ON CONFLICT (through_month) DO NOTHING RETURNING id`.execute(trx);
  if (r.rows.length === 0) return null;
  for (let i = 0; i < cells.length; i += 2000) {
    const chunk = cells.slice(i, i + 2000);
    await trx
      .insertInto('public_snapshot_cell')
      .values(
        chunk.map((c) => ({
          snapshot_id: id,
          region: c.region,
          year: c.year,
          quarter: c.quarter,
          cell: c.cell,
          status: c.status,
          value: c.value,
          threshold: c.threshold,
        })),
      )
      .execute();
  }
  return id;
}

/** Names of region codes. */
export async function namesOf(db: Tx, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}
