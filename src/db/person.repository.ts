/** Persons of a case (victims, alleged perpetrators, reporters) and who did what to whom. */
import type { Insertable, Updateable } from 'kysely';
import type { Tx } from './connect.ts';
import type { PersonTable, RelationshipTable } from './schema.ts';

type PersonBase = Pick<
  Insertable<PersonTable>,
  'id' | 'case_id' | 'jurisdiction' | 'role' | 'created_at' | 'updated_at'
>;

/** Inserts a person; `columns` (encrypted and plain fields, by column name) complete the row. */
export function insertPerson(db: Tx, base: PersonBase, columns: Updateable<PersonTable>) {
  return db
    .insertInto('person')
    .values({
      id: base.id,
      case_id: base.case_id,
      jurisdiction: base.jurisdiction,
      role: base.role,
      name_enc: '',
      name_tokens: [],
      disability_types: [],
      created_at: base.created_at,
      updated_at: base.updated_at,
      ...columns,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findPerson(db: Tx, id: string) {
  return db.selectFrom('person').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export function findPersonRole(db: Tx, caseId: string, id: string) {
  return db
    .selectFrom('person')
    .select('role')
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}

export function findPersonRoles(db: Tx, caseId: string, ids: readonly string[]) {
  return db
    .selectFrom('person')
    .select(['id', 'role'])
    .where('case_id', '=', caseId)
    .where('id', 'in', [...ids])
    .execute();
}

/** Any person at all: a database with persons holds encrypted data. */
export function findAnyPerson(db: Tx) {
  return db.selectFrom('person').select('id').limit(1).executeTakeFirst();
}

/** Inserts the victim–perpetrator relationship, or replaces the relationship of an existing pair. */
export function upsertRelationship(db: Tx, row: Insertable<RelationshipTable>) {
  return db
    .insertInto('relationship')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['victim_id', 'perpetrator_id']).doUpdateSet({ relationship: row.relationship }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A person of this case, or undefined (an id from another case finds nothing). */
export function findCasePerson(db: Tx, caseId: string, id: string) {
  return db
    .selectFrom('person')
    .selectAll()
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
}
