import type { Tx } from './connect.ts';

export function findIdempotent(db: Tx, actorId: string, key: string) {
  return db
    .selectFrom('idempotency_key')
    .selectAll()
    .where('actor_id', '=', actorId)
    .where('key', '=', key)
    .executeTakeFirst();
}

export async function saveIdempotent(
  db: Tx,
  row: { actorId: string; key: string; requestHash: string; status: number; response: unknown; now: Date },
) {
  await db
    .insertInto('idempotency_key')
    .values({
      actor_id: row.actorId,
      key: row.key,
      request_hash: row.requestHash,
      status: row.status,
      response: JSON.stringify(row.response),
      created_at: row.now,
    })
    .onConflict((oc) => oc.columns(['actor_id', 'key']).doNothing())
    .execute();
}
