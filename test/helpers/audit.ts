/** Test helpers for the audit chain: acting as someone who holds the database (not the key). */
import { sql, type Transaction } from 'kysely';
import type { Tx } from '../../src/db/connect.ts';
import type { Database } from '../../src/db/schema.ts';

/**
 * Runs `fn` in a transaction with triggers off (`session_replication_role = replica`, a superuser
 * setting): what a database superuser, or an owner who drops the trigger, can do to audit rows.
 */
export async function asDatabaseHolder<T>(
  db: Tx,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  return (db as { transaction(): { execute<R>(f: (t: Transaction<Database>) => Promise<R>): Promise<R> } })
    .transaction()
    .execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      return fn(trx);
    });
}
