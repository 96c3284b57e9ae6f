import type { Tx } from './connect.ts';

export type IdempotencyRow = {
  request_hash: string;
  status: number | null;
  response: unknown;
};

/**
 * Reserves a key: true when this request inserted it. On PostgreSQL a request whose key another
 * open transaction has just inserted waits here for that transaction to end (the primary key),
 * then finds the committed row (false) or, after a rollback, inserts it itself (true).
 */
export async function reserveIdempotencyKey(
  db: Tx,
  row: { actorId: string; key: string; requestHash: string; now: Date },
): Promise<boolean> {
  const r = await db
    .insertInto('idempotency_key')
    .values({
      actor_id: row.actorId,
      key: row.key,
      request_hash: row.requestHash,
      status: null,
      response: null,
      created_at: row.now,
    })
    .onConflict((oc) => oc.columns(['actor_id', 'key']).doNothing())
    .returning('key')
    .executeTakeFirst();
  return r !== undefined;
}

export function findIdempotent(db: Tx, actorId: string, key: string): Promise<IdempotencyRow | undefined> {
  return db
    .selectFrom('idempotency_key')
    .select(['request_hash', 'status', 'response'])
    .where('actor_id', '=', actorId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Stores the answer of a reserved key. */
export async function completeIdempotent(
  db: Tx,
  row: { actorId: string; key: string; status: number; response: string },
): Promise<void> {
  await db
    .updateTable('idempotency_key')
    .set({ status: row.status, response: JSON.stringify(row.response) })
    .where('actor_id', '=', row.actorId)
    .where('key', '=', row.key)
    .execute();
}

/** Gives a reservation back (the action failed before anything was done). */
export async function releaseIdempotent(db: Tx, actorId: string, key: string): Promise<void> {
  await db
    .deleteFrom('idempotency_key')
    .where('actor_id', '=', actorId)
    .where('key', '=', key)
    .where('response', 'is', null)
    .execute();
}
