/** National holidays and cuti bersama (migration 0015). */
import type { Tx } from './connect.ts';

/** Every holiday date (YYYY-MM-DD): a few dozen rows a year, read whole. */
export async function holidayDates(db: Tx): Promise<Set<string>> {
  const rows = await db.selectFrom('holiday').select('date').execute();
  return new Set(rows.map((r) => String(r.date)));
}

export function holidaysOfYear(db: Tx, year: number) {
  return db
    .selectFrom('holiday')
    .select(['date', 'name', 'kind', 'updated_at'])
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .execute();
}

/** Replaces the list of one year. */
export async function replaceHolidaysOfYear(
  db: Tx,
  year: number,
  days: ReadonlyArray<{ date: string; name: string; kind: 'libur_nasional' | 'cuti_bersama' }>,
  by: string,
  now: Date,
) {
  await db
    .deleteFrom('holiday')
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .execute();
  if (days.length > 0)
    await db
      .insertInto('holiday')
      .values(days.map((d) => ({ ...d, updated_by: by, updated_at: now })))
      .execute();
}
