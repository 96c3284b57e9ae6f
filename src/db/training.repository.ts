/**
 * SQL of training and capacity (issue 12 §2): types, events, participants, requirements. Events
 * are read through a `CoordinationScope` turned into SQL here, so an event out of the actor's
 * scope is never loaded (404): a region reads events whose jurisdiction lies within its own; a
 * partner reads the events its organisation organises or its staff take part in.
 */
import { type ExpressionBuilder, sql } from 'kysely';
import type { CoordinationScope } from '../domain/policy.ts';
import type { CaseRole } from '../domain/training.ts';
import type { Tx } from './connect.ts';
import type { Database } from './schema.ts';
import { versionedUpdate } from './versioned.ts';

const within = (col: string, root: string) =>
  sql<boolean>`(${sql.ref(col)} = ${root} OR ${sql.ref(col)} LIKE ${`${root}.%`})`;

// ---- types

export function listTrainingTypes(db: Tx, jurisdictions: readonly string[]) {
  return db
    .selectFrom('training_type')
    .selectAll()
    .where((eb) =>
      jurisdictions.length > 0
        ? eb.or([eb('jurisdiction', 'is', null), eb('jurisdiction', 'in', jurisdictions)])
        : eb('jurisdiction', 'is', null),
    )
    .orderBy(sql`jurisdiction IS NOT NULL`)
    .orderBy('name')
    .execute();
}

export function findTrainingType(db: Tx, id: string) {
  return db.selectFrom('training_type').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findTrainingTypeByCode(db: Tx, jurisdiction: string, code: string) {
  return db
    .selectFrom('training_type')
    .selectAll()
    .where('jurisdiction', '=', jurisdiction)
    .where('code', '=', code)
    .executeTakeFirst();
}

export async function insertTrainingType(
  db: Tx,
  row: {
    id: string;
    jurisdiction: string;
    code: string;
    name: string;
    description: string | null;
    createdBy: string;
    now: Date;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('training_type')
    .values({
      id: row.id,
      jurisdiction: row.jurisdiction,
      code: row.code,
      name: row.name,
      description: row.description,
      created_by: row.createdBy,
      created_at: row.now,
      updated_at: row.now,
    })
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function updateTrainingType(
  db: Tx,
  id: string,
  version: number,
  set: { name?: string; description?: string | null; active?: boolean },
  now: Date,
): Promise<boolean> {
  const r = await versionedUpdate(db, 'training_type', id, version, set, now).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- events

/** The event ids the scope may read, as a condition on `e` (training_event). */
function eventInScope(scope: CoordinationScope) {
  return (eb: ExpressionBuilder<Database & { e: Database['training_event'] }, 'e'>) => {
    if (scope.kind === 'region') return eb.and([within('e.jurisdiction', scope.within)]);
    if (scope.kind === 'org')
      return eb.or([
        eb('e.organiser_org_id', '=', scope.orgId),
        eb.exists(
          eb
            .selectFrom('training_attendance as pa')
            .select(sql`1`.as('one'))
            .whereRef('pa.event_id', '=', 'e.id')
            .where('pa.org_id', '=', scope.orgId),
        ),
      ]);
    return eb.val(false);
  };
}

function eventQuery(db: Tx) {
  return db
    .selectFrom('training_event as e')
    .innerJoin('training_type as t', 't.id', 'e.type_id')
    .innerJoin('organisation as o', 'o.id', 'e.organiser_org_id')
    .selectAll('e')
    .select(['t.name as type_name', 'o.name as organiser_name'])
    .select((eb) => [
      eb
        .selectFrom('training_attendance as a')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('a.event_id', '=', 'e.id')
        .as('participant_count'),
      eb
        .selectFrom('training_attendance as a')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('a.event_id', '=', 'e.id')
        .where('a.attendance', '=', 'hadir')
        .as('attended_count'),
      eb
        .selectFrom('training_attendance as a')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('a.event_id', '=', 'e.id')
        .where('a.completed', '=', true)
        .as('completed_count'),
    ]);
}
export type TrainingEventRow = Awaited<ReturnType<typeof findTrainingEvent>> & {};

export function findTrainingEvent(db: Tx, scope: CoordinationScope, id: string) {
  return eventQuery(db).where('e.id', '=', id).where(eventInScope(scope)).executeTakeFirst();
}

export async function listTrainingEvents(
  db: Tx,
  scope: CoordinationScope,
  q: { year?: number | undefined; typeId?: string | undefined; limit: number; offset: number },
) {
  let query = eventQuery(db).where(eventInScope(scope));
  if (q.year !== undefined)
    query = query.where('e.starts_on', '<=', `${q.year}-12-31`).where('e.ends_on', '>=', `${q.year}-01-01`);
  if (q.typeId) query = query.where('e.type_id', '=', q.typeId);
  return query
    .orderBy('e.starts_on', 'desc')
    .orderBy('e.id')
    .limit(q.limit + 1)
    .offset(q.offset)
    .execute();
}

export async function insertTrainingEvent(
  db: Tx,
  row: {
    id: string;
    jurisdiction: string;
    title: string;
    type_id: string;
    topics: string[];
    starts_on: string;
    ends_on: string;
    mode: 'luring' | 'daring' | 'campuran';
    place: string | null;
    organiser_org_id: string;
    trainers: string;
    created_by: string;
    created_at: Date;
    updated_at: Date;
  },
) {
  await db.insertInto('training_event').values(row).execute();
}

export async function updateTrainingEvent(
  db: Tx,
  id: string,
  version: number,
  set: Partial<{
    title: string;
    type_id: string;
    topics: string[];
    starts_on: string;
    ends_on: string;
    mode: 'luring' | 'daring' | 'campuran';
    place: string | null;
    organiser_org_id: string;
    trainers: string;
  }>,
  now: Date,
): Promise<boolean> {
  const r = await versionedUpdate(db, 'training_event', id, version, set, now).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteTrainingEvent(db: Tx, id: string, version: number): Promise<boolean> {
  const r = await db
    .deleteFrom('training_event')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/**
 * Holds the event's row until the transaction ends: adding participants (the cap), completing one
 * (a certificate) and deleting the event (only without certificates) take it, so they run one after
 * another for the same event.
 */
export async function lockTrainingEvent(db: Tx, id: string): Promise<void> {
  await db.selectFrom('training_event').select('id').where('id', '=', id).forUpdate().execute();
}

export async function eventHasCertificates(db: Tx, eventId: string): Promise<boolean> {
  const r = await db
    .selectFrom('training_attendance')
    .select('id')
    .where('event_id', '=', eventId)
    .where('certificate_code', 'is not', null)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

// ---- participants

function participantQuery(db: Tx) {
  return db
    .selectFrom('training_attendance as a')
    .innerJoin('organisation as o', 'o.id', 'a.org_id')
    .leftJoin('app_user as u', 'u.id', 'a.user_id')
    .selectAll('a')
    .select(['o.name as org_name', 'u.name as user_name', 'u.role as user_role']);
}
export type ParticipantRow = Awaited<ReturnType<typeof findParticipant>> & {};

export function listParticipants(db: Tx, eventId: string, onlyOrgId?: string) {
  let q = participantQuery(db).where('a.event_id', '=', eventId);
  if (onlyOrgId) q = q.where('a.org_id', '=', onlyOrgId);
  return q.orderBy('a.created_at').orderBy('a.id').execute();
}

export function findParticipant(db: Tx, eventId: string, id: string) {
  return participantQuery(db).where('a.event_id', '=', eventId).where('a.id', '=', id).executeTakeFirst();
}

export async function countParticipants(db: Tx, eventId: string): Promise<number> {
  const r = await db
    .selectFrom('training_attendance')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('event_id', '=', eventId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Inserts a participant; false when that user already takes part in the event. */
export async function insertParticipant(
  db: Tx,
  row: {
    id: string;
    eventId: string;
    jurisdiction: string;
    userId: string | null;
    nameEnc: string | null;
    orgId: string;
    createdBy: string;
    now: Date;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('training_attendance')
    .values({
      id: row.id,
      event_id: row.eventId,
      jurisdiction: row.jurisdiction,
      user_id: row.userId,
      name_enc: row.nameEnc,
      org_id: row.orgId,
      created_by: row.createdBy,
      created_at: row.now,
      updated_at: row.now,
    })
    .onConflict((oc) => oc.columns(['event_id', 'user_id']).where('user_id', 'is not', null).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function updateParticipant(
  db: Tx,
  eventId: string,
  id: string,
  version: number,
  set: Partial<{
    attendance: 'terdaftar' | 'hadir' | 'tidak_hadir';
    completed: boolean;
    completed_at: Date | null;
    certificate_code: string;
    name_enc: string;
  }>,
  now: Date,
): Promise<boolean> {
  const r = await versionedUpdate(db, 'training_attendance', id, version, set, now)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function deleteParticipant(db: Tx, eventId: string, id: string, version: number) {
  const r = await db
    .deleteFrom('training_attendance')
    .where('event_id', '=', eventId)
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/** A user's participations, newest first, with what the record shows. */
export function participationsOfUser(db: Tx, userId: string) {
  return db
    .selectFrom('training_attendance as a')
    .innerJoin('training_event as e', 'e.id', 'a.event_id')
    .innerJoin('training_type as t', 't.id', 'e.type_id')
    .innerJoin('organisation as o', 'o.id', 'e.organiser_org_id')
    .select([
      'a.id',
      'a.event_id',
      'a.attendance',
      'a.completed',
      'a.certificate_code',
      'e.title',
      'e.type_id',
      't.name as type_name',
      'e.starts_on',
      'e.ends_on',
      'e.organiser_org_id',
      'o.name as organiser_name',
    ])
    .where('a.user_id', '=', userId)
    .orderBy('e.starts_on', 'desc')
    .execute();
}

/** A certificate by its code, for the public check: only what the certificate itself says. */
export function findCertificateByCode(db: Tx, code: string) {
  return db
    .selectFrom('training_attendance as a')
    .innerJoin('training_event as e', 'e.id', 'a.event_id')
    .innerJoin('training_type as t', 't.id', 'e.type_id')
    .innerJoin('organisation as o', 'o.id', 'e.organiser_org_id')
    .leftJoin('app_user as u', 'u.id', 'a.user_id')
    .select([
      'a.id',
      'a.completed',
      'a.name_enc',
      'u.name as user_name',
      'e.title',
      't.name as type_name',
      'e.starts_on',
      'e.ends_on',
      'e.jurisdiction',
      'o.name as organiser_name',
    ])
    .where('a.certificate_code', '=', code)
    .executeTakeFirst();
}

// ---- people of a jurisdiction

/** Active users of the organisations within `root` (participants to choose from, the gap view). */
export function usersWithin(db: Tx, root: string, roles?: readonly string[]) {
  let q = db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.name', 'u.role', 'u.org_id', 'o.name as org_name', 'o.jurisdiction'])
    .where('u.disabled', '=', false)
    .where(within('o.jurisdiction', root));
  if (roles) q = q.where('u.role', 'in', roles as CaseRole[]);
  return q.orderBy('u.name').orderBy('u.id').limit(5000).execute();
}

export function organisationsWithin(db: Tx, root: string) {
  return db
    .selectFrom('organisation as o')
    .select(['o.id', 'o.name', 'o.type', 'o.jurisdiction'])
    .where('o.active', '=', true)
    .where(within('o.jurisdiction', root))
    .orderBy('o.name')
    .limit(2000)
    .execute();
}

export function findOrganisationBrief(db: Tx, id: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'jurisdiction', 'active'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findUserBrief(db: Tx, id: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.name', 'u.role', 'u.org_id', 'u.disabled', 'o.name as org_name', 'o.jurisdiction'])
    .where('u.id', '=', id)
    .executeTakeFirst();
}

/** Completions (the training's last day) of the users, by type. */
export function completionsOf(db: Tx, userIds: readonly string[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('training_attendance as a')
    .innerJoin('training_event as e', 'e.id', 'a.event_id')
    .select(['a.user_id', 'e.type_id', 'e.ends_on'])
    .where('a.completed', '=', true)
    .where('a.user_id', 'in', userIds as string[])
    .execute();
}

// ---- requirements

export function findRequirementSet(db: Tx, jurisdiction: string) {
  return db
    .selectFrom('training_requirement_set')
    .selectAll()
    .where('jurisdiction', '=', jurisdiction)
    .executeTakeFirst();
}

export function listRequirements(db: Tx, jurisdictions: readonly string[]) {
  if (jurisdictions.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('training_requirement as r')
    .innerJoin('training_type as t', 't.id', 'r.type_id')
    .select(['r.jurisdiction', 'r.type_id', 'r.role', 'r.valid_years', 't.name as type_name'])
    .where('r.jurisdiction', 'in', jurisdictions as string[])
    .orderBy('t.name')
    .orderBy('r.role')
    .execute();
}

/**
 * Replaces the jurisdiction's requirements when the set's version is still `version` (0: none yet).
 * The set's row is the lock: of two savers who read the same version exactly one wins.
 */
export async function replaceRequirements(
  db: Tx,
  jurisdiction: string,
  version: number,
  rows: Array<{ typeId: string; role: CaseRole; validYears: number | null }>,
  by: string,
  now: Date,
): Promise<boolean> {
  if (version === 0) {
    const r = await db
      .insertInto('training_requirement_set')
      .values({ jurisdiction, updated_by: by, updated_at: now })
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    if (Number(r.numInsertedOrUpdatedRows ?? 0n) !== 1) return false;
  } else {
    const r = await db
      .updateTable('training_requirement_set')
      .set({ version: sql<number>`version + 1`, updated_by: by, updated_at: now })
      .where('jurisdiction', '=', jurisdiction)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
  }
  await db.deleteFrom('training_requirement').where('jurisdiction', '=', jurisdiction).execute();
  if (rows.length > 0)
    await db
      .insertInto('training_requirement')
      .values(rows.map((r) => ({ jurisdiction, type_id: r.typeId, role: r.role, valid_years: r.validYears })))
      .execute();
  return true;
}
