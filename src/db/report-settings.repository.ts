/** The periodic report's letterhead per Dinas jurisdiction (migration 0021). */
import { sql } from 'kysely';
import type { Tx } from './connect.ts';

export function findReportSettings(db: Tx, jurisdiction: string) {
  return db
    .selectFrom('report_settings')
    .selectAll()
    .where('jurisdiction', '=', jurisdiction)
    .executeTakeFirst();
}

type Fields = {
  dinas_name: string;
  address: string | null;
  head_title: string;
  head_name: string;
  head_nip: string | null;
};

/**
 * Writes the letterhead if `version` is still the stored one (0: none stored yet); the version
 * goes up by one. Returns whether it applied (of two writers who read the same version, one wins).
 */
export async function saveReportSettings(
  db: Tx,
  jurisdiction: string,
  version: number,
  f: Fields,
  by: string,
  now: Date,
): Promise<boolean> {
  if (version === 0) {
    const r = await db
      .insertInto('report_settings')
      .values({ jurisdiction, ...f, updated_by: by, updated_at: now })
      .onConflict((oc) => oc.column('jurisdiction').doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
  }
  const r = await db
    .updateTable('report_settings')
    .set({ ...f, updated_by: by, updated_at: now, version: sql<number>`version + 1` })
    .where('jurisdiction', '=', jurisdiction)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Sets the logo of a stored letterhead; false when none is stored yet. */
export async function saveReportLogo(
  db: Tx,
  jurisdiction: string,
  logo: Uint8Array,
  mime: 'image/png' | 'image/jpeg',
  by: string,
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('report_settings')
    .set({ logo, logo_mime: mime, updated_by: by, updated_at: now, version: sql<number>`version + 1` })
    .where('jurisdiction', '=', jurisdiction)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
