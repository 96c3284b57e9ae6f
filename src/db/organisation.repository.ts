/** Writing organisations (lembaga); reads for administrators are in admin.repository.ts. */
import type { Insertable, Updateable } from 'kysely';
import type { Tx } from './connect.ts';
import type { OrganisationTable } from './schema.ts';
import { versionedUpdate } from './versioned.ts';

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
  set: Updateable<OrganisationTable>,
  now: Date,
) {
  return versionedUpdate(db, 'organisation', id, version, set, now).returningAll().executeTakeFirst();
}

/**
 * The organisation's type, its row locked against change (FOR SHARE) until the transaction ends:
 * a role given to one of its staff is checked against the type that stays.
 */
export async function lockOrganisationType(db: Tx, id: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('organisation')
    .select('type')
    .where('id', '=', id)
    .forShare()
    .executeTakeFirst();
  return r?.type;
}

/** The distinct roles held by the organisation's staff, disabled accounts included. */
export async function rolesInOrganisation(db: Tx, id: string): Promise<string[]> {
  const rows = await db.selectFrom('app_user').select('role').distinct().where('org_id', '=', id).execute();
  return rows.map((r) => r.role);
}
