/**
 * The audit log's SQL (invariant 2, decision 017). A request only INSERTs its rows, each with a
 * marker in `audit_pending`, in its own transaction: no lock, nothing read first. The chainer
 * (src/app/audit/chain-audit.ts) gives committed rows their place in `audit_chain` in batches,
 * one process at a time (a transaction-scoped advisory lock, tried, never waited for). Audit rows
 * and the chain are append-only: a trigger refuses UPDATE, DELETE and TRUNCATE (migration 0012).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { ChainHead, ChainRow } from '../domain/audit-chain.ts';
import type { Tx } from './connect.ts';
import type { Database } from './schema.ts';

export type AuditInput = {
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  outcome: 'ok' | 'denied' | 'not_found' | 'failed' | 'error' | 'replayed';
  detail?: Record<string, unknown> | null;
};

const CHAIN_LOCK = 7_270_412;

/** An audit row as the table's columns. */
export function auditColumns(e: AuditInput) {
  const detail = e.detail ?? null;
  return {
    at: new Date(Math.floor(e.at.getTime())), // millisecond precision round-trips exactly
    actor_id: e.actorId,
    actor_role: e.actorRole,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId,
    ip: e.ip,
    user_agent: e.userAgent,
    request_id: e.requestId,
    outcome: e.outcome,
    detail: detail === null ? null : JSON.stringify(detail),
  };
}

/** Appends rows and their chain markers (one statement), in the caller's transaction when given one. */
export async function appendAudit(
  db: Kysely<Database> | Transaction<Database>,
  events: AuditInput[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .with('e', (q) => q.insertInto('audit_event').values(events.map(auditColumns)).returning('id'))
    .insertInto('audit_pending')
    .columns(['event_id'])
    .expression((eb) => eb.selectFrom('e').select('e.id'))
    .execute();
}

/** Takes the chainer's lock for this transaction; false when another process holds it. */
export async function tryChainLock(trx: Transaction<Database>): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${CHAIN_LOCK}) AS ok`.execute(trx);
  return r.rows[0]?.ok === true;
}

/** The newest place of the chain, its MAC and its row's id; undefined for an empty chain. */
export async function chainHead(db: Tx): Promise<(ChainHead & { eventId: string }) | undefined> {
  const r = await db
    .selectFrom('audit_chain')
    .select(['seq', 'mac', 'event_id'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { seq: Number(r.seq), mac: r.mac, eventId: String(r.event_id) } : undefined;
}

/** The MAC stored at a place of the chain; undefined when the place is empty. */
export async function macAt(db: Tx, seq: number): Promise<string | undefined> {
  const r = await db
    .selectFrom('audit_chain')
    .select('mac')
    .where(sql<boolean>`seq = ${seq}::bigint`)
    .executeTakeFirst();
  return r?.mac;
}

const ROW_COLUMNS = [
  'e.id',
  'e.at',
  'e.actor_id',
  'e.actor_role',
  'e.action',
  'e.entity',
  'e.entity_id',
  'e.ip',
  'e.user_agent',
  'e.request_id',
  'e.outcome',
  'e.detail',
] as const;

type RowColumns = {
  id: string;
  at: Date | string;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  outcome: string;
  detail: unknown;
};

function chainRow(r: RowColumns): ChainRow {
  return {
    id: String(r.id),
    at: r.at instanceof Date ? r.at : new Date(r.at),
    actorId: r.actor_id,
    actorRole: r.actor_role,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    ip: r.ip,
    userAgent: r.user_agent,
    requestId: r.request_id,
    outcome: r.outcome,
    detail: r.detail,
  };
}

/**
 * Rows waiting for their place, oldest id first; `missing` lists markers whose row is gone
 * (deleted before it was chained, by someone who holds the database).
 */
export async function pendingRows(db: Tx, limit: number): Promise<{ rows: ChainRow[]; missing: string[] }> {
  const rows = await db
    .selectFrom('audit_pending as p')
    .leftJoin('audit_event as e', 'e.id', 'p.event_id')
    .select('p.event_id as pending_id')
    .select(ROW_COLUMNS)
    .orderBy('p.event_id')
    .limit(limit)
    .execute();
  return {
    rows: rows.filter((r) => r.id !== null).map((r) => chainRow(r as RowColumns)),
    missing: rows.filter((r) => r.id === null).map((r) => String(r.pending_id)),
  };
}

/** Places of the chain after `afterSeq` in order, with their rows (null when the row is gone). */
export async function chainedRows(
  db: Tx,
  afterSeq: number,
  limit: number,
): Promise<Array<{ seq: number; mac: string; eventId: string; row: ChainRow | null }>> {
  const rows = await db
    .selectFrom('audit_chain as c')
    .leftJoin('audit_event as e', 'e.id', 'c.event_id')
    .select(['c.seq', 'c.mac', 'c.event_id'])
    .select(ROW_COLUMNS)
    .where(sql<boolean>`c.seq > ${afterSeq}::bigint`)
    .orderBy('c.seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    mac: r.mac,
    eventId: String(r.event_id),
    row: r.id === null ? null : chainRow(r as RowColumns),
  }));
}

/**
 * Gives rows their places (one statement: the chain rows in, their markers out). A place or a
 * row already taken fails it (unique), so two chainers can never both place a row.
 */
export async function placeInChain(
  trx: Transaction<Database>,
  links: Array<{ id: string; seq: number; mac: string }>,
  missing: string[] = [],
): Promise<void> {
  if (links.length === 0 && missing.length === 0) return;
  const done = [...links.map((l) => l.id), ...missing];
  await sql`
    WITH placed AS (
      INSERT INTO audit_chain (seq, event_id, mac)
      SELECT * FROM unnest(${links.map((l) => l.seq)}::bigint[], ${links.map((l) => l.id)}::bigint[],
                           ${links.map((l) => l.mac)}::text[])
    )
    DELETE FROM audit_pending WHERE event_id = ANY(${done}::bigint[])`.execute(trx);
}

/** Rows without a place in the chain (whatever their marker says), and when the oldest was written. */
export async function unchainedSummary(db: Tx): Promise<{ count: number; oldestAt: Date | null }> {
  const r = await sql<{ n: string; oldest: Date | string | null }>`
    SELECT count(*) AS n, min(e.at) AS oldest FROM audit_event e
    WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.event_id = e.id)`.execute(db);
  const row = r.rows[0]!;
  return {
    count: Number(row.n),
    oldestAt: row.oldest === null ? null : row.oldest instanceof Date ? row.oldest : new Date(row.oldest),
  };
}

/** Active auditors of every jurisdiction: who receives the daily chain head. */
export async function activeAuditorIds(db: Tx): Promise<string[]> {
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('role', '=', 'auditor')
    .where('disabled', '=', false)
    .execute();
  return rows.map((r) => r.id);
}

/** Claims a once-a-day task for `day` (a local date); false when it already ran that day. */
export async function claimDailyCheck(trx: Tx, name: string, day: string, now: Date): Promise<boolean> {
  const r = await sql<{ name: string }>`
    INSERT INTO daily_check (name, last_day, ran_at) VALUES (${name}, ${day}, ${now})
    ON CONFLICT (name) DO UPDATE SET last_day = excluded.last_day, ran_at = excluded.ran_at
    WHERE daily_check.last_day < excluded.last_day
    RETURNING name`.execute(trx);
  return r.rows.length > 0;
}
