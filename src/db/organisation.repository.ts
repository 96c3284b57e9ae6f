/** Writing organisations (lembaga); reads for administrators are in admin.repository.ts. */
import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import type { Tx } from './connect.ts';
import type { OrganisationTable } from './schema.ts';

export function insertOrganisation(db: Tx, row: Insertable<OrganisationTable>) {
  return db.insertInto('organisation').values(row).returningAll().executeTakeFirstOrThrow();
}

/**
 * Optimistic update: applies only when `version` matches; the version goes up by one.
 * Returns the updated row, or undefined on a version conflict.
 */
export function updateOrganisationRow(
  db: Tx,
  id: string,
  version: number,
  set: Record<string, unknown>,
  now: Date,
) {
  return db
    .updateTable('organisation')
    .set({ ...set, updated_at: now, version: sql`version + 1` } as never)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}
