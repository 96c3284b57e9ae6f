/**
 * One optimistic update for every table that carries a `version`: the row changes only when the
 * version the writer read is still the stored one, and the version goes up by one in the same
 * statement, so of two writers who read the same version exactly one wins (the other gets
 * VERSION_CONFLICT). `set` is typed by the table: a wrong column or value does not compile.
 */
import { sql, type Updateable, type UpdateQueryBuilder, type UpdateResult } from 'kysely';
import type { Tx } from './connect.ts';
import type { Database } from './schema.ts';

export type VersionedTable =
  | 'case_file'
  | 'person'
  | 'incident'
  | 'case_record'
  | 'intake'
  | 'referral'
  | 'agreement'
  | 'regulation'
  | 'organisation'
  | 'app_user'
  | 'rad_plan'
  | 'rad_pillar'
  | 'rad_programme'
  | 'rad_activity'
  | 'rad_progress'
  | 'meeting'
  | 'meeting_decision'
  | 'followup'
  | 'training_type'
  | 'training_event'
  | 'training_attendance'
  | 'kla_evaluation'
  | 'kla_answer';

/** `UPDATE t SET …, updated_at, version = version + 1 WHERE id AND version (AND more)` as a query. */
export function versionedUpdate<T extends VersionedTable>(
  db: Tx,
  table: T,
  id: string,
  version: number,
  set: Updateable<Database[T]>,
  now: Date,
) {
  // the one place that spreads a typed `set` into a table chosen at run time
  return db
    .updateTable(table as 'case_file')
    .set({
      ...(set as Updateable<Database['case_file']>),
      updated_at: now,
      version: sql<number>`version + 1`,
    })
    .where('id', '=', id)
    .where('version', '=', version) as unknown as UpdateQueryBuilder<Database, T, T, UpdateResult>;
}
