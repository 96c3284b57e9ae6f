/**
 * Local regulations (issue 12 §5, decision 033). Every read takes a RegulationScope
 * (src/domain/policy.ts) as SQL, so a regulation outside it is never loaded (404).
 */
import { type Insertable, sql, type Updateable } from 'kysely';
import type { RegulationScope } from '../domain/policy.ts';
import type { Tx } from './connect.ts';
import type { RegulationTable } from './schema.ts';
import { versionedUpdate } from './versioned.ts';

function visible(scope: RegulationScope) {
  if (scope.kind === 'region')
    return sql<boolean>`(r.jurisdiction = ${scope.within} OR r.jurisdiction LIKE ${`${scope.within}.%`})`;
  if (scope.kind === 'jurisdiction') return sql<boolean>`r.jurisdiction = ${scope.jurisdiction}`;
  return sql<boolean>`false`;
}

const columns = [
  'r.id',
  'r.jurisdiction',
  'jr.name as jurisdiction_name',
  'r.kind',
  'r.number',
  'r.issued_on',
  'r.title',
  'r.authority',
  'r.status',
  'r.expires_on',
  'r.review_on',
  'r.note',
  'r.version',
  'r.created_at',
  'r.updated_at',
] as const;

function base(db: Tx, scope: RegulationScope) {
  return db
    .selectFrom('regulation as r')
    .leftJoin('region as jr', 'jr.code', 'r.jurisdiction')
    .select(columns)
    .where(visible(scope));
}

export type RegulationFilters = {
  kind?: string | undefined;
  status?: string | undefined;
  /** review or expiry date on or before this date (of one in force) */
  dueBy?: string | undefined;
};

export function listRegulationRows(db: Tx, scope: RegulationScope, f: RegulationFilters) {
  let q = base(db, scope);
  if (f.kind) q = q.where('r.kind', '=', f.kind);
  if (f.status) q = q.where('r.status', '=', f.status);
  if (f.dueBy)
    q = q
      .where('r.status', '=', 'berlaku')
      .where((eb) => eb.or([eb('r.review_on', '<=', f.dueBy!), eb('r.expires_on', '<=', f.dueBy!)]));
  return q.orderBy('r.issued_on', 'desc').orderBy('r.number').limit(1000).execute();
}

export function findRegulation(db: Tx, scope: RegulationScope, id: string) {
  return base(db, scope).where('r.id', '=', id).executeTakeFirst();
}

export type RegulationRow = NonNullable<Awaited<ReturnType<typeof findRegulation>>>;

export function insertRegulation(db: Tx, row: Insertable<RegulationTable>) {
  return db.insertInto('regulation').values(row).execute();
}

export function updateRegulationRow(
  db: Tx,
  id: string,
  version: number,
  set: Updateable<RegulationTable>,
  now: Date,
) {
  return versionedUpdate(db, 'regulation', id, version, set, now).returning('id').executeTakeFirst();
}

/** Bumps the version when the file changes (so a form holding an older version learns of it). */
export function touchRegulation(db: Tx, id: string, version: number, now: Date) {
  return versionedUpdate(db, 'regulation', id, version, {}, now).returning('id').executeTakeFirst();
}

/* ---- reminders before the review and expiry dates (src/app/jobs/scans.ts) ---- */

export type RegulationDateKind = 'review' | 'expiry';

/** Regulations in force whose review (or expiry) date lies between `today` and `until` and were not warned about. */
export async function regulationsDueIds(
  db: Tx,
  kind: RegulationDateKind,
  today: string,
  until: string,
  limit: number,
) {
  const col = kind === 'review' ? 'review_on' : 'expires_on';
  const warned = kind === 'review' ? 'review_warned_at' : 'expiry_warned_at';
  const rows = await db
    .selectFrom('regulation')
    .select('id')
    .where('status', '=', 'berlaku')
    .where(col, '>=', today)
    .where(col, '<=', until)
    .where(warned, 'is', null)
    .orderBy(col)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Claims the reminder of one regulation's date; undefined when it was already sent (or it is no longer in force). */
export function claimRegulationWarning(db: Tx, id: string, kind: RegulationDateKind, now: Date) {
  const q =
    kind === 'review'
      ? db
          .updateTable('regulation')
          .set({ review_warned_at: now })
          .where('review_warned_at', 'is', null)
          .where('review_on', 'is not', null)
      : db
          .updateTable('regulation')
          .set({ expiry_warned_at: now })
          .where('expiry_warned_at', 'is', null)
          .where('expires_on', 'is not', null);
  return q
    .where('id', '=', id)
    .where('status', '=', 'berlaku')
    .returning(['id', 'number', 'jurisdiction', 'review_on', 'expires_on'])
    .executeTakeFirst();
}

/** Deletes a regulation at `version`; undefined when the version moved on. */
export function deleteRegulationRow(db: Tx, id: string, version: number) {
  return db
    .deleteFrom('regulation')
    .where('id', '=', id)
    .where('version', '=', version)
    .returning('id')
    .executeTakeFirst();
}
