/**
 * Append-only, hash-chained audit log (invariant 2). Each row's hash covers the previous row's
 * hash and the row's own fields, so changing or deleting any row breaks the chain from there on.
 * Appends are serialised with a transaction-scoped advisory lock.
 */
import { createHash } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
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

const GENESIS = '0'.repeat(64);
const AUDIT_LOCK = 7_270_411;

function canonical(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function auditHash(prev: string, e: Omit<AuditInput, 'detail'> & { detail: unknown }): string {
  const body = canonical([
    e.at.toISOString(),
    e.actorId,
    e.actorRole,
    e.action,
    e.entity,
    e.entityId,
    e.ip,
    e.userAgent,
    e.requestId,
    e.outcome,
    e.detail ?? null,
  ]);
  return createHash('sha256').update(prev).update('\n').update(body).digest('hex');
}

async function appendIn(trx: Transaction<Database>, events: AuditInput[]): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`.execute(trx);
  const last = await trx
    .selectFrom('audit_event')
    .select('hash')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  let prev = last?.hash ?? GENESIS;
  for (const e of events) {
    const at = new Date(Math.floor(e.at.getTime())); // millisecond precision round-trips exactly
    const detail = e.detail ?? null;
    const hash = auditHash(prev, { ...e, at, detail });
    await trx
      .insertInto('audit_event')
      .values({
        at,
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
        prev_hash: prev,
        hash,
      })
      .execute();
    prev = hash;
  }
}

/** Appends inside the caller's transaction when given one, else in a transaction of its own. */
export async function appendAudit(
  db: Kysely<Database> | Transaction<Database>,
  events: AuditInput[],
): Promise<void> {
  if (events.length === 0) return;
  if (db.isTransaction) return appendIn(db as Transaction<Database>, events);
  await db.transaction().execute((trx) => appendIn(trx, events));
}

export type VerifyResult =
  | { ok: true; checked: number }
  | { ok: false; checked: number; brokenId: string; reason: string };

export async function verifyAuditChain(db: Kysely<Database>): Promise<VerifyResult> {
  let prev = GENESIS;
  let checked = 0;
  let lastId = '0';
  for (;;) {
    const rows = await db
      .selectFrom('audit_event')
      .selectAll()
      .where(sql<boolean>`id > ${lastId}::bigint`)
      .orderBy('id')
      .limit(5000)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      if (r.prev_hash !== prev)
        return { ok: false, checked, brokenId: String(r.id), reason: 'previous event missing or changed' };
      const at = r.at instanceof Date ? r.at : new Date(r.at);
      const h = auditHash(prev, {
        at,
        actorId: r.actor_id,
        actorRole: r.actor_role,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        ip: r.ip,
        userAgent: r.user_agent,
        requestId: r.request_id,
        outcome: r.outcome as AuditInput['outcome'],
        detail: r.detail,
      });
      if (h !== r.hash)
        return { ok: false, checked, brokenId: String(r.id), reason: 'event content changed' };
      prev = r.hash;
      checked++;
      lastId = String(r.id);
    }
  }
  return { ok: true, checked };
}
