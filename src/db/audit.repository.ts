/**
 * The audit log's SQL (invariant 2, decision 017). A request only INSERTs its rows, in its own
 * transaction: no lock, nothing read first. The chainer (src/app/audit/chain-audit.ts) places
 * committed rows in the keyed chain in batches, one process at a time (a transaction-scoped
 * advisory lock, tried, never waited for). Rows are append-only: a trigger refuses UPDATE,
 * DELETE and TRUNCATE except the chainer's one-time placing of a row (migration 0012).
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
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
  outcome: 'ok' | 'denied' | 'not_found' | 'failed' | 'error';
  detail?: Record<string, unknown> | null;
};

const CHAIN_LOCK = 7_270_412;

/** Appends rows (one INSERT) inside the caller's transaction when given one, else on its own. */
export async function appendAudit(
  db: Kysely<Database> | Transaction<Database>,
  events: AuditInput[],
): Promise<void> {
  if (events.length === 0) return;
  await db
    .insertInto('audit_event')
    .values(
      events.map((e) => {
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
      }),
    )
    .execute();
}

/** Takes the chainer's lock for this transaction; false when another process holds it. */
export async function tryChainLock(trx: Transaction<Database>): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`SELECT pg_try_advisory_xact_lock(${CHAIN_LOCK}) AS ok`.execute(trx);
  return r.rows[0]?.ok === true;
}

/** The newest chained row's place, MAC and id; undefined for an empty chain. */
export async function chainHead(db: Tx): Promise<(ChainHead & { eventId: string }) | undefined> {
  const r = await db
    .selectFrom('audit_event')
    .select(['id', 'chain_seq', 'chain_mac'])
    .where('chain_seq', 'is not', null)
    .orderBy('chain_seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { seq: Number(r.chain_seq), mac: r.chain_mac!, eventId: String(r.id) } : undefined;
}

/** The MAC stored at a place of the chain; undefined when no row holds that place. */
export async function macAt(db: Tx, seq: number): Promise<string | undefined> {
  const r = await db
    .selectFrom('audit_event')
    .select('chain_mac')
    .where(sql<boolean>`chain_seq = ${seq}::bigint`)
    .executeTakeFirst();
  return r?.chain_mac ?? undefined;
}

type AuditRow = Omit<Selectable<Database['audit_event']>, 'prev_hash' | 'hash'>;
function selectRows(q: ReturnType<typeof base>): Promise<AuditRow[]> {
  return q.execute();
}
function base(db: Tx) {
  return db
    .selectFrom('audit_event')
    .select([
      'id',
      'at',
      'actor_id',
      'actor_role',
      'action',
      'entity',
      'entity_id',
      'ip',
      'user_agent',
      'request_id',
      'outcome',
      'detail',
      'chain_seq',
      'chain_mac',
    ]);
}

export function chainRow(r: AuditRow): ChainRow {
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

/** Committed rows without a place in the chain, oldest id first. */
export async function unchainedRows(db: Tx, limit: number): Promise<ChainRow[]> {
  const rows = await selectRows(base(db).where('chain_seq', 'is', null).orderBy('id').limit(limit));
  return rows.map(chainRow);
}

/** Chained rows after place `afterSeq`, in chain order. */
export async function chainedRows(
  db: Tx,
  afterSeq: number,
  limit: number,
): Promise<Array<ChainRow & { seq: number; mac: string }>> {
  const rows = await selectRows(
    base(db).where(sql<boolean>`chain_seq > ${afterSeq}::bigint`).orderBy('chain_seq').limit(limit),
  );
  return rows.map((r) => ({ ...chainRow(r), seq: Number(r.chain_seq), mac: r.chain_mac ?? '' }));
}

/**
 * Places rows in the chain (one UPDATE). Only rows still without a place are touched; returns
 * how many were placed, so the caller can roll back when another chainer got there first.
 */
export async function placeInChain(
  trx: Transaction<Database>,
  links: Array<{ id: string; seq: number; mac: string }>,
): Promise<number> {
  if (links.length === 0) return 0;
  const r = await sql`
    UPDATE audit_event AS e SET chain_seq = v.seq, chain_mac = v.mac
    FROM (SELECT * FROM unnest(${links.map((l) => l.id)}::bigint[], ${links.map((l) => l.seq)}::bigint[],
                               ${links.map((l) => l.mac)}::text[]) AS x(id, seq, mac)) AS v
    WHERE e.id = v.id AND e.chain_seq IS NULL`.execute(trx);
  return Number(r.numAffectedRows ?? 0);
}

/** How many rows wait for their place in the chain, and when the oldest of them was written. */
export async function unchainedSummary(db: Tx): Promise<{ count: number; oldestAt: Date | null }> {
  const r = await db
    .selectFrom('audit_event')
    .select([sql<string>`count(*)`.as('n'), sql<Date | null>`min(at)`.as('oldest')])
    .where('chain_seq', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    count: Number(r.n),
    oldestAt: r.oldest === null ? null : r.oldest instanceof Date ? r.oldest : new Date(r.oldest),
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
