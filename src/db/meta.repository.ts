/** `system_meta`: installation-wide key/value facts (key check value, demo data marker). */
import type { Tx } from './connect.ts';

export function findMeta(db: Tx, key: string) {
  return db.selectFrom('system_meta').select('value').where('key', '=', key).executeTakeFirst();
}

export async function insertMeta(db: Tx, key: string, value: string) {
  await db.insertInto('system_meta').values({ key, value }).execute();
}

/** Inserts the value unless the key is already there (the existing value wins). */
export async function insertMetaIfAbsent(db: Tx, key: string, value: string) {
  await db
    .insertInto('system_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}
