/**
 * SQL of the KLA self-evaluation (migration 0032, decision 035). Every read of an evaluation or
 * an answer takes the actor's KLA scope (src/domain/policy.ts klaScope) and turns it into SQL, so
 * an evaluation outside it is never loaded (the use case answers 404): a region reads the
 * evaluations of its kab/kota (a province: its kab/kota's once submitted); a member reads those
 * where its organisation or the person is assigned an indicator.
 */
import { type Insertable, type SqlBool, sql, type Updateable } from 'kysely';
import type { KlaScope } from '../domain/policy.ts';
import type { Tx } from './connect.ts';
import type {
  KlaAnswerHistoryTable,
  KlaAnswerTable,
  KlaAssignmentTable,
  KlaEvaluationTable,
  KlaIndicatorSetTable,
} from './schema.ts';
import { versionedUpdate } from './versioned.ts';

export type KlaReadScope = Exclude<KlaScope, { kind: 'none' }>;

const num = (x: string | number | null): number | null => (x === null ? null : Number(x));

/** The evaluations (alias `e`) the scope reads. */
function evaluationScope(scope: KlaReadScope) {
  if (scope.kind === 'region') {
    const within = sql<SqlBool>`(e.jurisdiction = ${scope.within} OR e.jurisdiction LIKE ${`${scope.within}.%`})`;
    return scope.submittedOnly ? sql<SqlBool>`(${within} AND e.submitted_at IS NOT NULL)` : within;
  }
  return sql<SqlBool>`(e.jurisdiction = ${scope.jurisdiction} AND EXISTS (
    SELECT 1 FROM kla_assignment s WHERE s.evaluation_id = e.id
      AND (s.org_id = ${scope.orgId} OR s.user_id = ${scope.userId})))`;
}

// ---- indicator sets ----------------------------------------------------------------------------

export function findSet(db: Tx, year: number, version: number) {
  return db
    .selectFrom('kla_indicator_set')
    .selectAll()
    .where('year', '=', year)
    .where('version', '=', version)
    .executeTakeFirst();
}

/** The newest imported version of a year's set; 0 when none (the shipped set). */
export async function latestSetVersion(db: Tx, year: number): Promise<number> {
  const r = await db
    .selectFrom('kla_indicator_set')
    .select((eb) => eb.fn.max('version').as('v'))
    .where('year', '=', year)
    .executeTakeFirst();
  return r?.v == null ? 0 : Number(r.v);
}

export function listSetVersions(db: Tx, year: number) {
  return db
    .selectFrom('kla_indicator_set as s')
    .leftJoin('app_user as u', 'u.id', 's.imported_by')
    .select(['s.version', 's.label', 's.imported_at', 'u.name as imported_by_name'])
    .where('s.year', '=', year)
    .orderBy('s.version', 'desc')
    .execute();
}

/** Stores a set as the next version of its year; null when another import took that number. */
export async function insertSetVersion(
  db: Tx,
  row: Omit<Insertable<KlaIndicatorSetTable>, 'version'>,
): Promise<number | null> {
  const version = (await latestSetVersion(db, row.year)) + 1;
  const r = await db
    .insertInto('kla_indicator_set')
    .values({ ...row, version })
    .onConflict((oc) => oc.columns(['year', 'version']).doNothing())
    .returning('version')
    .executeTakeFirst();
  return r ? Number(r.version) : null;
}

// ---- evaluations -------------------------------------------------------------------------------

export type EvaluationRow = Awaited<ReturnType<typeof findEvaluation>> & {};

export function listEvaluations(db: Tx, scope: KlaReadScope, year?: number) {
  let q = db
    .selectFrom('kla_evaluation as e')
    .leftJoin('region as r', 'r.code', 'e.jurisdiction')
    .selectAll('e')
    .select('r.name as jurisdiction_name')
    .where(evaluationScope(scope));
  if (year !== undefined) q = q.where('e.year', '=', year);
  return q.orderBy('e.year', 'desc').orderBy('e.jurisdiction').limit(500).execute();
}

export function findEvaluation(db: Tx, scope: KlaReadScope, id: string) {
  return db
    .selectFrom('kla_evaluation as e')
    .leftJoin('region as r', 'r.code', 'e.jurisdiction')
    .selectAll('e')
    .select('r.name as jurisdiction_name')
    .where('e.id', '=', id)
    .where(evaluationScope(scope))
    .executeTakeFirst();
}

/** The same kab/kota's evaluation of another year, within the scope (last year's, beside this one). */
export function findEvaluationOf(db: Tx, scope: KlaReadScope, jurisdiction: string, year: number) {
  return db
    .selectFrom('kla_evaluation as e')
    .leftJoin('region as r', 'r.code', 'e.jurisdiction')
    .selectAll('e')
    .select('r.name as jurisdiction_name')
    .where('e.jurisdiction', '=', jurisdiction)
    .where('e.year', '=', year)
    .where(evaluationScope(scope))
    .executeTakeFirst();
}

/** Locks an evaluation row: FOR UPDATE for a step of the whole evaluation, FOR SHARE for an answer. */
export async function lockEvaluation(db: Tx, id: string, mode: 'update' | 'share') {
  const q = db.selectFrom('kla_evaluation').selectAll().where('id', '=', id);
  return (mode === 'update' ? q.forUpdate() : q.forShare()).executeTakeFirst();
}

/** Inserts an evaluation; false when the kab/kota already has one for that year. */
export async function insertEvaluation(db: Tx, row: Insertable<KlaEvaluationTable>): Promise<boolean> {
  const r = await db
    .insertInto('kla_evaluation')
    .values(row)
    .onConflict((oc) => oc.columns(['jurisdiction', 'year']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function updateEvaluation(
  db: Tx,
  id: string,
  version: number,
  set: Updateable<KlaEvaluationTable>,
  now: Date,
): Promise<boolean> {
  const r = await versionedUpdate(db, 'kla_evaluation', id, version, set, now).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- assignments -------------------------------------------------------------------------------

export function listAssignments(db: Tx, evaluationId: string) {
  return db
    .selectFrom('kla_assignment as s')
    .innerJoin('organisation as o', 'o.id', 's.org_id')
    .leftJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.indicator_number', 's.org_id', 'o.name as org_name', 's.user_id', 'u.name as user_name'])
    .where('s.evaluation_id', '=', evaluationId)
    .orderBy('s.indicator_number')
    .execute();
}

export async function replaceAssignments(
  db: Tx,
  evaluationId: string,
  rows: Insertable<KlaAssignmentTable>[],
): Promise<void> {
  await db.deleteFrom('kla_assignment').where('evaluation_id', '=', evaluationId).execute();
  if (rows.length) await db.insertInto('kla_assignment').values(rows).execute();
}

/** Active organisations of a kab/kota among `ids` (a Gugus Tugas member must work there). */
export function orgsOfJurisdiction(db: Tx, jurisdiction: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organisation')
    .select(['id', 'name'])
    .where('id', 'in', ids)
    .where('jurisdiction', '=', jurisdiction)
    .where('active', '=', true)
    .execute();
}

export function usersOf(db: Tx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('app_user')
    .select(['id', 'org_id', 'name', 'role', 'disabled'])
    .where('id', 'in', ids)
    .execute();
}

/** The organisations a coordinator may assign: active ones of the kab/kota. */
export function assignableOrgs(db: Tx, jurisdiction: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'type'])
    .where('jurisdiction', '=', jurisdiction)
    .where('active', '=', true)
    .orderBy('name')
    .limit(500)
    .execute();
}

// ---- answers -----------------------------------------------------------------------------------

export async function insertAnswers(db: Tx, rows: Insertable<KlaAnswerTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('kla_answer').values(rows).execute();
}

export type AnswerRow = Awaited<ReturnType<typeof listAnswers>>[number];

function answerRow<
  T extends {
    value: string | number | null;
    numerator: string | number | null;
    denominator: string | number | null;
  },
>(r: T) {
  return { ...r, value: num(r.value), numerator: num(r.numerator), denominator: num(r.denominator) };
}

export async function listAnswers(db: Tx, evaluationId: string) {
  const rows = await db
    .selectFrom('kla_answer')
    .selectAll()
    .where('evaluation_id', '=', evaluationId)
    .orderBy('indicator_number')
    .execute();
  return rows.map(answerRow);
}

/** An answer with its evaluation and assignment, when the evaluation is within the scope. */
export async function findAnswer(db: Tx, scope: KlaReadScope, id: string) {
  const r = await db
    .selectFrom('kla_answer as a')
    .innerJoin('kla_evaluation as e', 'e.id', 'a.evaluation_id')
    .leftJoin('kla_assignment as s', (j) =>
      j
        .onRef('s.evaluation_id', '=', 'a.evaluation_id')
        .onRef('s.indicator_number', '=', 'a.indicator_number'),
    )
    .selectAll('a')
    .select([
      'e.status as evaluation_status',
      'e.year',
      'e.set_version',
      's.org_id as assigned_org_id',
      's.user_id as assigned_user_id',
    ])
    .where('a.id', '=', id)
    .where(evaluationScope(scope))
    .executeTakeFirst();
  return r ? answerRow(r) : undefined;
}

export async function updateAnswer(
  db: Tx,
  id: string,
  version: number,
  set: Updateable<KlaAnswerTable>,
  now: Date,
): Promise<boolean> {
  const r = await versionedUpdate(db, 'kla_answer', id, version, set, now).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Clears the province's pending decisions (fix, rejected) when the kab/kota resubmits. */
export async function clearOpenVerifications(db: Tx, evaluationId: string, now: Date): Promise<void> {
  await db
    .updateTable('kla_answer')
    .set({ verify_status: null, updated_at: now, version: sql<number>`version + 1` })
    .where('evaluation_id', '=', evaluationId)
    .where('verify_status', 'in', ['fix', 'rejected'])
    .execute();
}

// ---- history -----------------------------------------------------------------------------------

export async function appendHistory(db: Tx, rows: Insertable<KlaAnswerHistoryTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('kla_answer_history').values(rows).execute();
}

/**
 * The answer version each of these indicators had when the province last decided on it (from the
 * history of 'answer.verify'): a later version means the answer or its evidence changed since.
 */
export async function versionsAtVerification(
  db: Tx,
  evaluationId: string,
  numbers: readonly number[],
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (numbers.length === 0) return out;
  const rows = await db
    .selectFrom('kla_answer_history')
    .select(['indicator_number', 'detail'])
    .where('evaluation_id', '=', evaluationId)
    .where('indicator_number', 'in', [...numbers])
    .where('action', '=', 'answer.verify')
    .execute();
  for (const r of rows) {
    const d = (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as { version?: unknown };
    if (typeof d.version === 'number' && r.indicator_number !== null)
      out.set(r.indicator_number, Math.max(out.get(r.indicator_number) ?? 0, d.version));
  }
  return out;
}

export function listHistory(db: Tx, evaluationId: string) {
  return db
    .selectFrom('kla_answer_history as h')
    .leftJoin('app_user as u', 'u.id', 'h.actor_id')
    .select([
      'h.id',
      'h.at',
      'h.indicator_number',
      'h.action',
      'h.detail',
      'h.actor_id',
      'u.name as actor_name',
    ])
    .where('h.evaluation_id', '=', evaluationId)
    .orderBy('h.seq', 'desc')
    .limit(2000)
    .execute();
}

// ---- the coordination module's records an institutional indicator points at ------------------

/** Regulations in force of a kab/kota issued by the end of the year (Perda/Perbup/Perwal, SK). */
export function regulationsInForce(db: Tx, jurisdiction: string, year: number) {
  return db
    .selectFrom('regulation')
    .select(['id', 'kind', 'number', 'title', 'issued_on'])
    .where('jurisdiction', '=', jurisdiction)
    .where('status', '=', 'berlaku')
    .where('kind', 'in', ['perda', 'perbup', 'perwal', 'sk_kepala_daerah', 'sk_gugus_tugas_kla'])
    .where('issued_on', '<=', `${year}-12-31`)
    .orderBy('issued_on', 'desc')
    .limit(50)
    .execute();
}

/** RAD PPA plans of a kab/kota whose period covers the year. */
export function radPlansCovering(db: Tx, jurisdiction: string, year: number) {
  return db
    .selectFrom('rad_plan')
    .select(['id', 'title', 'start_year', 'end_year'])
    .where('jurisdiction', '=', jurisdiction)
    .where('start_year', '<=', year)
    .where('end_year', '>=', year)
    .orderBy('start_year', 'desc')
    .limit(10)
    .execute();
}
