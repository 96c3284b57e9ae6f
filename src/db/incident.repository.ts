/** Incidents of a case. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type { Tx } from './connect.ts';
import type { IncidentTable } from './schema.ts';

type IncidentBase = Pick<Insertable<IncidentTable>, 'id' | 'case_id' | 'created_at' | 'updated_at'>;

/** Inserts an incident; `columns` (by column name) complete the row. */
export function insertIncident(db: Tx, base: IncidentBase, columns: Updateable<IncidentTable>) {
  return db
    .insertInto('incident')
    .values({
      id: base.id,
      case_id: base.case_id,
      created_at: base.created_at,
      updated_at: base.updated_at,
      // the table's own defaults; the incident schema (src/domain/schemas.ts) gives the rest
      date_precision: 'tanggal',
      forms: [],
      tpks_offences: [],
      ampk_categories: [],
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findIncident(db: Tx, id: string) {
  return db.selectFrom('incident').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

/** An incident of the given case, if there is one. */
export function findIncidentIn(db: Tx, caseId: string, id: string) {
  return db
    .selectFrom('incident')
    .selectAll()
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

/** Whether any incident of the case carries the AMPK category (e.g. ABH for a diversion record). */
export async function caseHasAmpkCategory(db: Tx, caseId: string, category: string): Promise<boolean> {
  const r = await sql<{ one: number }>`
    SELECT 1 AS one FROM incident WHERE case_id = ${caseId} AND ${category} = ANY(ampk_categories) LIMIT 1`.execute(
    db,
  );
  return r.rows.length > 0;
}
