/**
 * Paging without counting every match (issue 10 §5): a list counts up to COUNT_CAP + 1 rows of
 * its own filtered query and reads one row more than its page to know whether another follows.
 */
import { type SelectQueryBuilder, sql } from 'kysely';
import { COUNT_CAP } from '../domain/contract/define.ts';
import type { Tx } from './connect.ts';

export type CappedCount = { total: number; totalCapped: boolean };

/** How many rows `ids` (the list's filtered query selecting one column) has, up to the cap. */
export async function cappedCount(
  db: Tx,
  // biome-ignore lint/suspicious/noExplicitAny: any filtered query of any table or subquery
  ids: SelectQueryBuilder<any, any, any>,
): Promise<CappedCount> {
  const r = await db
    .selectFrom(ids.limit(COUNT_CAP + 1).as('capped'))
    .select(sql<string>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  return capped(Number(r.n));
}

/** A count that stopped at COUNT_CAP + 1, as the list says it. */
export function capped(n: number): CappedCount {
  return { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP };
}

/** The page out of `pageSize + 1` rows read, and whether another follows. */
export function pageOfRows<T>(rows: T[], pageSize: number): { rows: T[]; hasMore: boolean } {
  return { rows: rows.slice(0, pageSize), hasMore: rows.length > pageSize };
}
