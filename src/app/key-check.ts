/**
 * Losing or changing the key must be impossible to miss: the first start stores a check value
 * encrypted with the key; every later start refuses to run if it does not decrypt.
 */
import { findMeta, insertMetaIfAbsent } from '../db/meta.repository.ts';
import { findAnyPerson } from '../db/person.repository.ts';
import type { Tx } from './context.ts';
import type { Keyring } from './crypto.ts';

const PLAIN = 'simpul-key-check-v1';

export class KeyMismatchError extends Error {}

export async function checkKey(db: Tx, keys: Keyring): Promise<'created' | 'ok'> {
  const row = await findMeta(db, 'key_check');
  if (!row) {
    const encrypted = await findAnyPerson(db);
    if (encrypted)
      throw new KeyMismatchError(
        'The database holds encrypted data but no key check value; refusing to start.',
      );
    await insertMetaIfAbsent(db, 'key_check', keys.encrypt(PLAIN));
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
