/**
 * Poster codes ("titik sebar") and their monthly counts (migration 0029, decision 034). The
 * counts are bumped by one atomic upsert each, so simultaneous reports never lose one; nothing
 * here reads or writes the intake tables.
 */
import { sql } from 'kysely';
import { type CappedCount, cappedCount } from './capped-count.ts';
import type { Tx } from './connect.ts';

export type PosterCodeRow = {
  id: string;
  jurisdiction: string;
  code: string;
  label: string;
  campaign: string | null;
  desa_code: string | null;
  desa_name: string | null;
  created_at: Date | string;
  version: number;
};

/** Inserts a code; null when its code or its label (in that jurisdiction) is taken already. */
export async function insertPosterCode(
  db: Tx,
  row: {
    id: string;
    jurisdiction: string;
    code: string;
    label: string;
    campaign: string | null;
    desa_code: string | null;
    created_by: string;
    created_at: Date;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('poster_code')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function posterLabelTaken(
  db: Tx,
  jurisdiction: string,
  label: string,
  exceptId: string | null = null,
): Promise<boolean> {
  let q = db
    .selectFrom('poster_code')
    .select('id')
    .where('jurisdiction', '=', jurisdiction)
    .where(sql<string>`lower(label)`, '=', label.toLowerCase());
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/**
 * Changes a code's label, campaign line and desa when `version` is still the stored one (one
 * statement: of two writers with the same version one wins). Answers the new version, or null
 * when the version was stale (the caller has checked the row exists). A label taken meanwhile
 * fails the unique index: `label_taken`.
 */
export async function updatePosterCode(
  db: Tx,
  id: string,
  version: number,
  set: { label: string; campaign: string | null; desa_code: string | null },
): Promise<number | null | 'label_taken'> {
  try {
    const r = await db
      .updateTable('poster_code')
      .set({ ...set, version: sql<number>`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .returning('version')
      .executeTakeFirst();
    return r ? r.version : null;
  } catch (e) {
    if ((e as { code?: string }).code === '23505') return 'label_taken';
    throw e;
  }
}

const codeColumns = (db: Tx) =>
  db
    .selectFrom('poster_code as p')
    .leftJoin('region as d', 'd.code', 'p.desa_code')
    .select([
      'p.id',
      'p.jurisdiction',
      'p.code',
      'p.label',
      'p.campaign',
      'p.desa_code',
      'd.name as desa_name',
      'p.created_at',
      'p.version',
    ]);

/** The codes of jurisdictions within `within` (a kab/kota, or a province and its kab/kota), newest first. */
export async function listPosterCodes(
  db: Tx,
  within: string,
  page: { limit: number; offset: number },
): Promise<PosterCodeRow[]> {
  return (await codeColumns(db)
    .where((eb) => eb.or([eb('p.jurisdiction', '=', within), eb('p.jurisdiction', 'like', `${within}.%`)]))
    .orderBy('p.created_at', 'desc')
    .orderBy('p.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute()) as PosterCodeRow[];
}

/** How many codes lie within `within`, up to the lists' cap (src/db/capped-count.ts). */
export function countPosterCodes(db: Tx, within: string): Promise<CappedCount> {
  return cappedCount(
    db,
    db
      .selectFrom('poster_code as p')
      .select('p.id')
      .where((eb) => eb.or([eb('p.jurisdiction', '=', within), eb('p.jurisdiction', 'like', `${within}.%`)])),
  );
}

/** One code, only when its jurisdiction lies within `within` (else undefined: 404). */
export async function getPosterCode(db: Tx, id: string, within: string): Promise<PosterCodeRow | undefined> {
  return (await codeColumns(db)
    .where('p.id', '=', id)
    .where((eb) => eb.or([eb('p.jurisdiction', '=', within), eb('p.jurisdiction', 'like', `${within}.%`)]))
    .executeTakeFirst()) as PosterCodeRow | undefined;
}

/** The counts of these codes over these months. */
export async function posterCounts(
  db: Tx,
  codeIds: readonly string[],
  months: readonly string[],
): Promise<Array<{ code_id: string; month: string; views: number; reports: number }>> {
  if (codeIds.length === 0 || months.length === 0) return [];
  return db
    .selectFrom('poster_count')
    .select(['code_id', 'month', 'views', 'reports'])
    .where('code_id', 'in', codeIds)
    .where('month', 'in', months)
    .execute();
}

/** The code as carried by a link: its id and the jurisdiction whose zone its months are kept in. */
export async function findPosterCode(
  db: Tx,
  code: string,
): Promise<{ id: string; jurisdiction: string } | undefined> {
  return db
    .selectFrom('poster_code')
    .select(['id', 'jurisdiction'])
    .where('code', '=', code)
    .executeTakeFirst();
}

/** Adds `by` to one count of a code's month: one atomic upsert (simultaneous bumps all count). */
export async function bumpPosterCount(
  db: Tx,
  codeId: string,
  month: string,
  what: 'views' | 'reports',
  by = 1,
): Promise<void> {
  await db
    .insertInto('poster_count')
    .values({
      code_id: codeId,
      month,
      views: what === 'views' ? by : 0,
      reports: what === 'reports' ? by : 0,
    })
    .onConflict((oc) =>
      oc.columns(['code_id', 'month']).doUpdateSet((eb) => ({ [what]: eb(`poster_count.${what}`, '+', by) })),
    )
    .execute();
}

/** The active UPTD PPA of a jurisdiction (the first by name), for the poster's contacts. */
export async function uptdOf(
  db: Tx,
  jurisdiction: string,
): Promise<{ name: string; type: string; phone: string | null; address: string | null } | undefined> {
  return db
    .selectFrom('organisation')
    .select(['name', 'type', 'phone', 'address'])
    .where('jurisdiction', '=', jurisdiction)
    .where('type', '=', 'uptd_ppa')
    .where('active', '=', true)
    .orderBy('name')
    .orderBy('id')
    .executeTakeFirst();
}

/** Monthly counts written as they are (the demo data); an existing month is replaced. */
export async function putPosterCounts(
  db: Tx,
  rows: ReadonlyArray<{ code_id: string; month: string; views: number; reports: number }>,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('poster_count')
    .values([...rows])
    .onConflict((oc) =>
      oc.columns(['code_id', 'month']).doUpdateSet((eb) => ({
        views: eb.ref('excluded.views'),
        reports: eb.ref('excluded.reports'),
      })),
    )
    .execute();
}
