/**
 * Kemendagri region codes (idn-area-data 4.x, data under ODbL) loaded into `region` once.
 */
import { getDistricts, getProvinces, getRegencies, getVillages } from 'idn-area-data';
import { sql } from 'kysely';
import type { Tx } from './connect.ts';

export type RegionRow = { code: string; parent_code: string | null; level: number; name: string };

export async function regionCount(db: Tx): Promise<number> {
  const r = await db
    .selectFrom('region')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * Loads all regions (or only the given provinces) unless they are already there.
 * Returns the number of rows inserted.
 */
export async function loadRegions(db: Tx, provinces?: readonly string[]): Promise<number> {
  const keep = (code: string) => !provinces || provinces.includes(code.slice(0, 2));
  const rows: RegionRow[] = [];
  for (const p of await getProvinces())
    if (keep(p.code)) rows.push({ code: p.code, parent_code: null, level: 1, name: p.name });
  for (const r of await getRegencies())
    if (keep(r.code)) rows.push({ code: r.code, parent_code: r.province_code, level: 2, name: r.name });
  for (const d of await getDistricts())
    if (keep(d.code)) rows.push({ code: d.code, parent_code: d.regency_code, level: 3, name: d.name });
  for (const v of await getVillages())
    if (keep(v.code)) rows.push({ code: v.code, parent_code: v.district_code, level: 4, name: v.name });
  let inserted = 0;
  const BATCH = 4000;
  for (let i = 0; i < rows.length; i += BATCH) {
    const chunk = rows.slice(i, i + BATCH);
    const res = await db
      .insertInto('region')
      .values(chunk)
      .onConflict((oc) => oc.column('code').doNothing())
      .executeTakeFirst();
    inserted += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export async function getRegion(db: Tx, code: string) {
  return db.selectFrom('region').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function regionNames(db: Tx, codes: readonly string[]): Promise<Map<string, string>> {
  const uniq = [...new Set(codes.filter(Boolean))];
  if (uniq.length === 0) return new Map();
  const rows = await db.selectFrom('region').select(['code', 'name']).where('code', 'in', uniq).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function childRegions(db: Tx, parent: string | null) {
  const q = db.selectFrom('region').select(['code', 'name', 'level']).orderBy('code');
  return parent ? q.where('parent_code', '=', parent).execute() : q.where('level', '=', 1).execute();
}

export async function regionWithAncestors(db: Tx, code: string) {
  const parts = code.split('.');
  const codes = parts.map((_, i) => parts.slice(0, i + 1).join('.'));
  return db
    .selectFrom('region')
    .select(['code', 'name', 'level'])
    .where('code', 'in', codes)
    .orderBy(sql`length(code)`)
    .execute();
}
