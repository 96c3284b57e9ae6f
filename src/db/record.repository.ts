/** Case records: assessments, plan items, services, victim rights and notes. */

import type { Insertable } from 'kysely';
import type { RecordKind } from '../domain/schemas.ts';
import type { Tx } from './connect.ts';
import type { CaseRecordTable } from './schema.ts';

export function insertRecord(db: Tx, row: Insertable<CaseRecordTable>) {
  return db.insertInto('case_record').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A record of the given kind in the given case, if there is one. */
export function findRecord(db: Tx, caseId: string, kind: RecordKind, id: string) {
  return db
    .selectFrom('case_record')
    .selectAll()
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .where('kind', '=', kind)
    .executeTakeFirst();
}

export function findRecordById(db: Tx, id: string) {
  return db.selectFrom('case_record').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}
