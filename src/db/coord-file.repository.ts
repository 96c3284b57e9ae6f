/** Encrypted files of prevention and coordination records (migration 0023). */
import { type Insertable, sql } from 'kysely';
import type { Tx } from './connect.ts';
import type { CoordFileTable } from './schema.ts';

export async function insertCoordFile(db: Tx, row: Insertable<CoordFileTable>) {
  await db.insertInto('coord_file').values(row).execute();
}

/** The files of one record, oldest first, without their bytes. */
export function listCoordFileRows(db: Tx, ownerKind: string, ownerId: string) {
  return db
    .selectFrom('coord_file')
    .select(['id', 'purpose', 'filename_enc', 'mime', 'size_bytes', 'created_by', 'created_at'])
    .where('owner_kind', '=', ownerKind)
    .where('owner_id', '=', ownerId)
    .orderBy('seq')
    .execute();
}

/** One file with its bytes, only when it belongs to that record. */
export function findCoordFile(db: Tx, ownerKind: string, ownerId: string, id: string) {
  return db
    .selectFrom('coord_file')
    .selectAll()
    .where('id', '=', id)
    .where('owner_kind', '=', ownerKind)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
}

/** Removes a file of that record; false when there was none. */
export async function deleteCoordFile(
  db: Tx,
  ownerKind: string,
  ownerId: string,
  id: string,
): Promise<boolean> {
  const r = await db
    .deleteFrom('coord_file')
    .where('id', '=', id)
    .where('owner_kind', '=', ownerKind)
    .where('owner_id', '=', ownerId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * Holds the record's file list until the transaction ends, so that uploads to one record arriving
 * at once are counted one after another (the cap holds under a burst).
 */
export async function lockCoordFiles(db: Tx, ownerKind: string, ownerId: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`coord_file:${ownerKind}:${ownerId}`}))`.execute(db);
}

/** How many files a record has (a record keeps at most COORD_FILES_PER_RECORD). */
export async function countCoordFiles(db: Tx, ownerKind: string, ownerId: string): Promise<number> {
  const r = await db
    .selectFrom('coord_file')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('owner_kind', '=', ownerKind)
    .where('owner_id', '=', ownerId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
