/**
 * The background job queue (table `job`). Workers claim due jobs with FOR UPDATE SKIP LOCKED, so
 * several Simpul processes on one PostgreSQL never run the same job at once; a claim holds a
 * lease (`locked_until`) so a job whose worker died is picked up again when the lease ends.
 */
import { sql } from 'kysely';
import type { Tx } from './connect.ts';

export type ClaimedJob = {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  attempts: number;
  lockedUntil: Date;
};

/** Claims up to `limit` due jobs (oldest first) and leases them until `lockedUntil`. */
export async function claimDueJobs(
  db: Tx,
  now: Date,
  lockedUntil: Date,
  limit: number,
): Promise<ClaimedJob[]> {
  const r = await sql<{ id: string; kind: string; payload: unknown; attempts: number }>`
    UPDATE job SET locked_until = ${lockedUntil}
    WHERE id IN (
      SELECT id FROM job
      WHERE status = 'antri' AND run_at <= ${now} AND (locked_until IS NULL OR locked_until < ${now})
      ORDER BY run_at, id
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, kind, payload, attempts`.execute(db);
  return r.rows
    .map((j) => ({
      id: String(j.id),
      kind: j.kind,
      payload: (typeof j.payload === 'string' ? JSON.parse(j.payload) : (j.payload ?? {})) as Record<
        string,
        unknown
      >,
      attempts: j.attempts,
      lockedUntil,
    }))
    .sort((a, b) => Number(a.id) - Number(b.id));
}

/** Marks a job done; false when the lease was lost (another worker took the job over). */
export async function completeJob(db: Tx, id: string, lockedUntil: Date, at: Date): Promise<boolean> {
  const r = await db
    .updateTable('job')
    .set({ status: 'selesai', done_at: at, locked_until: null, last_error: null })
    .where('id', '=', id)
    .where('status', '=', 'antri')
    .where('locked_until', '=', lockedUntil)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/**
 * Records a failed run: `attempts` is the new count; `retryAt` null gives the job up ('gagal').
 * `error` must hold no personal data.
 */
export async function failJob(
  db: Tx,
  id: string,
  lockedUntil: Date,
  f: { attempts: number; error: string; retryAt: Date | null; at: Date },
): Promise<void> {
  await db
    .updateTable('job')
    .set({
      attempts: f.attempts,
      last_error: f.error.slice(0, 500),
      locked_until: null,
      ...(f.retryAt ? { run_at: f.retryAt } : { status: 'gagal', done_at: f.at }),
    })
    .where('id', '=', id)
    .where('status', '=', 'antri')
    .where('locked_until', '=', lockedUntil)
    .execute();
}

/** Counts of the queue by status (for the CLI/tests and health views; no payloads). */
export async function jobCounts(db: Tx): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('job')
    .select(['status', sql<string>`count(*)`.as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}
