/**
 * Losing or changing the key must be impossible to miss: the first start stores a check value
 * encrypted with the key; every later start refuses to run if it does not decrypt.
 */
import type { Tx } from './context.ts';
import type { Keyring } from './crypto.ts';

const PLAIN = 'simpul-key-check-v1';

export class KeyMismatchError extends Error {}

export async function checkKey(db: Tx, keys: Keyring): Promise<'created' | 'ok'> {
  const row = await db
    .selectFrom('system_meta')
    .select('value')
    .where('key', '=', 'key_check')
    .executeTakeFirst();
  if (!row) {
    const encrypted = await db.selectFrom('person').select('id').limit(1).executeTakeFirst();
    if (encrypted)
      throw new KeyMismatchError(
        'The database holds encrypted data but no key check value; refusing to start.',
      );
    await db
      .insertInto('system_meta')
      .values({ key: 'key_check', value: keys.encrypt(PLAIN) })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    return 'created';
  }
  let ok = false;
  try {
    ok = keys.decrypt(row.value) === PLAIN;
  } catch {
    ok = false;
  }
  if (!ok) {
    throw new KeyMismatchError(
      'The encryption key does not match the data in this database (SIMPUL_ENCRYPTION_KEY / key file). Refusing to start: restore the right key from your backup.',
    );
  }
  return 'ok';
}
