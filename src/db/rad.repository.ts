/**
 * SQL of the regional action plan (migration 0027, decision 032). Every read takes the actor's
 * coordination scope and turns it into SQL, so a plan or activity outside it is never loaded
 * (the use case answers 404): a region reads plans whose jurisdiction lies within it; a partner
 * organisation reads only the activities it is responsible for or a partner in, and the plans,
 * pillars and programmes above them.
 */
import { type Expression, type ExpressionBuilder, type Insertable, type SqlBool, sql } from 'kysely';
import type { CoordinationScope } from '../domain/policy.ts';
import type { Tx } from './connect.ts';
import type { Database, RadActivityTable, RadPlanTable } from './schema.ts';
import { versionedUpdate } from './versioned.ts';

export type RadScope = Exclude<CoordinationScope, { kind: 'none' }>;

const num = (x: string | number | bigint | null): number | null => (x === null ? null : Number(x));

/** `jurisdiction` within the scope's region (the column of table alias `t`). */
function regionWhere(col: string, within: string) {
  return sql<SqlBool>`(${sql.ref(col)} = ${within} OR ${sql.ref(col)} LIKE ${`${within}.%`})`;
}

/** An activity (alias `a`) the partner organisation is responsible for or a partner in. */
function orgActivity(orgId: string) {
  return sql<SqlBool>`(a.responsible_org_id = ${orgId} OR ${orgId}::uuid = ANY(a.partner_org_ids))`;
}

function activityScope(scope: RadScope): Expression<SqlBool> {
  return scope.kind === 'region' ? regionWhere('a.jurisdiction', scope.within) : orgActivity(scope.orgId);
}

function planScope(scope: RadScope) {
  return (eb: ExpressionBuilder<Database & { p: RadPlanTable }, 'p'>) =>
    scope.kind === 'region'
      ? regionWhere('p.jurisdiction', scope.within)
      : eb.exists(
          eb
            .selectFrom('rad_activity as a')
            .select(sql`1`.as('one'))
            .where('a.plan_id', '=', eb.ref('p.id'))
            .where(orgActivity(scope.orgId)),
        );
}

export type PlanRow = Awaited<ReturnType<typeof findPlan>> & {};

export function listPlans(db: Tx, scope: RadScope) {
  return db
    .selectFrom('rad_plan as p')
    .selectAll('p')
    .select((eb) =>
      eb
        .selectFrom('rad_activity as a')
        .select(eb.fn.countAll<string>().as('n'))
        .where('a.plan_id', '=', eb.ref('p.id'))
        .where(activityScope(scope))
        .as('activities'),
    )
    .where(planScope(scope))
    .orderBy('p.jurisdiction')
    .orderBy('p.start_year', 'desc')
    .orderBy('p.created_at', 'desc')
    .limit(200)
    .execute();
}

export function findPlan(db: Tx, scope: RadScope, id: string) {
  return db
    .selectFrom('rad_plan as p')
    .selectAll('p')
    .where('p.id', '=', id)
    .where(planScope(scope))
    .executeTakeFirst();
}

export async function insertPlan(db: Tx, row: Insertable<RadPlanTable>) {
  await db.insertInto('rad_plan').values(row).execute();
}

export async function updatePlan(
  db: Tx,
  id: string,
  version: number,
  set: { title: string; start_year: number; end_year: number; legal_basis: string | null },
  now: Date,
): Promise<boolean> {
  const r = await versionedUpdate(db, 'rad_plan', id, version, set, now).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Does any activity of the plan have a target outside [start, end]? */
export async function targetsOutside(db: Tx, planId: string, start: number, end: number): Promise<boolean> {
  const r = await db
    .selectFrom('rad_target as t')
    .innerJoin('rad_activity as a', 'a.id', 't.activity_id')
    .select('t.year')
    .where('a.plan_id', '=', planId)
    .where((eb) => eb.or([eb('t.year', '<', start), eb('t.year', '>', end)]))
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Locks the plan row: positions of new pillars/programmes/activities are counted under it. */
export async function lockPlan(db: Tx, id: string) {
  await db.selectFrom('rad_plan').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function nextPosition(
  db: Tx,
  table: 'rad_pillar' | 'rad_programme' | 'rad_activity',
  planId: string,
) {
  const r = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('position').as('m'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

// ---- pillars and programmes (only the Dinas edits them; a partner reads those above its activities)

export function findPillar(db: Tx, scope: RadScope, id: string) {
  return db
    .selectFrom('rad_pillar as x')
    .innerJoin('rad_plan as p', 'p.id', 'x.plan_id')
    .select([
      'x.id',
      'x.plan_id',
      'x.jurisdiction',
      'x.code',
      'x.title',
      'x.version',
      'p.start_year',
      'p.end_year',
    ])
    .where('x.id', '=', id)
    .where(planScope(scope))
    .executeTakeFirst();
}

export function findProgramme(db: Tx, scope: RadScope, id: string) {
  return db
    .selectFrom('rad_programme as x')
    .innerJoin('rad_plan as p', 'p.id', 'x.plan_id')
    .select([
      'x.id',
      'x.plan_id',
      'x.pillar_id',
      'x.jurisdiction',
      'x.code',
      'x.title',
      'x.version',
      'p.start_year',
      'p.end_year',
    ])
    .where('x.id', '=', id)
    .where(planScope(scope))
    .executeTakeFirst();
}

export async function insertPillar(db: Tx, row: Insertable<Database['rad_pillar']>) {
  await db.insertInto('rad_pillar').values(row).execute();
}
export async function insertProgramme(db: Tx, row: Insertable<Database['rad_programme']>) {
  await db.insertInto('rad_programme').values(row).execute();
}

export async function updateHeading(
  db: Tx,
  table: 'rad_pillar' | 'rad_programme',
  id: string,
  version: number,
  set: { code: string; title: string },
  now: Date,
): Promise<boolean> {
  const r = await versionedUpdate(db, table, id, version, set, now).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- activities

export type ActivityRow = {
  id: string;
  plan_id: string;
  programme_id: string;
  pillar_id: string;
  jurisdiction: string;
  position: number;
  title: string;
  responsible_org_id: string;
  responsible_org_name: string;
  partner_org_ids: string[];
  indicator: string;
  unit: string;
  baseline: number | null;
  kla_code: string | null;
  auto_indicator: string | null;
  version: number;
  start_year: number;
  end_year: number;
  plan_title: string;
};

function activityQuery(db: Tx) {
  return db
    .selectFrom('rad_activity as a')
    .innerJoin('rad_programme as g', 'g.id', 'a.programme_id')
    .innerJoin('rad_plan as p', 'p.id', 'a.plan_id')
    .innerJoin('organisation as o', 'o.id', 'a.responsible_org_id')
    .select([
      'a.id',
      'a.plan_id',
      'a.programme_id',
      'g.pillar_id',
      'a.jurisdiction',
      'a.position',
      'a.title',
      'a.responsible_org_id',
      'o.name as responsible_org_name',
      'a.partner_org_ids',
      'a.indicator',
      'a.unit',
      'a.baseline',
      'a.kla_code',
      'a.auto_indicator',
      'a.version',
      'p.start_year',
      'p.end_year',
      'p.title as plan_title',
    ]);
}

const activityRow = (r: Record<string, unknown>): ActivityRow =>
  ({ ...r, baseline: num(r.baseline as string | null) }) as ActivityRow;

export async function findActivity(db: Tx, scope: RadScope, id: string): Promise<ActivityRow | undefined> {
  const r = await activityQuery(db).where('a.id', '=', id).where(activityScope(scope)).executeTakeFirst();
  return r ? activityRow(r) : undefined;
}

export async function planActivities(db: Tx, scope: RadScope, planId: string): Promise<ActivityRow[]> {
  const rows = await activityQuery(db)
    .where('a.plan_id', '=', planId)
    .where(activityScope(scope))
    .orderBy('a.position')
    .execute();
  return rows.map(activityRow);
}

export function planHeadings(db: Tx, planId: string) {
  return Promise.all([
    db
      .selectFrom('rad_pillar')
      .select(['id', 'code', 'title', 'position', 'version'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .execute(),
    db
      .selectFrom('rad_programme')
      .select(['id', 'pillar_id', 'code', 'title', 'position', 'version'])
      .where('plan_id', '=', planId)
      .orderBy('position')
      .execute(),
  ]);
}

export async function insertActivity(db: Tx, row: Insertable<RadActivityTable>) {
  await db.insertInto('rad_activity').values(row).execute();
}

export async function updateActivity(
  db: Tx,
  id: string,
  version: number,
  set: Omit<
    Insertable<RadActivityTable>,
    'id' | 'plan_id' | 'programme_id' | 'jurisdiction' | 'position' | 'created_at' | 'updated_at'
  >,
  now: Date,
): Promise<boolean> {
  const r = await versionedUpdate(db, 'rad_activity', id, version, set, now).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function replaceTargets(
  db: Tx,
  activityId: string,
  targets: ReadonlyArray<{ year: number; target: number; budget: number; budgetSource: string }>,
) {
  await db.deleteFrom('rad_target').where('activity_id', '=', activityId).execute();
  if (targets.length === 0) return;
  await db
    .insertInto('rad_target')
    .values(
      targets.map((t) => ({
        activity_id: activityId,
        year: t.year,
        target: t.target,
        budget: t.budget,
        budget_source: t.budgetSource,
      })),
    )
    .execute();
}

export async function targetsOf(db: Tx, activityIds: readonly string[]) {
  if (activityIds.length === 0) return [];
  const rows = await db
    .selectFrom('rad_target')
    .selectAll()
    .where('activity_id', 'in', activityIds)
    .orderBy('year')
    .execute();
  return rows.map((r) => ({
    activityId: r.activity_id,
    year: r.year,
    target: Number(r.target),
    budget: Number(r.budget),
    budgetSource: r.budget_source,
  }));
}

/** Organisations by id that lie within the plan's jurisdiction (responsible and partners). */
export async function orgsWithin(db: Tx, ids: readonly string[], jurisdiction: string) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('organisation as o')
    .select(['o.id', 'o.name'])
    .where('o.id', 'in', ids)
    .where(regionWhere('o.jurisdiction', jurisdiction))
    .execute();
}

export async function orgNames(db: Tx, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The organisations a plan's activities may name: active ones within its jurisdiction. */
export function orgsOfJurisdiction(db: Tx, jurisdiction: string) {
  return db
    .selectFrom('organisation as o')
    .select(['o.id', 'o.name', 'o.type'])
    .where(regionWhere('o.jurisdiction', jurisdiction))
    .where('o.active', '=', true)
    .orderBy('o.name')
    .limit(500)
    .execute();
}

// ---- progress

export type ProgressRow = {
  id: string;
  activity_id: string;
  year: number;
  quarter: number;
  realised: number | null;
  budget_used: number;
  status: string;
  note_enc: string | null;
  version: number;
  updated_by: string | null;
  updated_at: Date;
};

export async function progressOf(
  db: Tx,
  activityIds: readonly string[],
  year?: number,
): Promise<ProgressRow[]> {
  if (activityIds.length === 0) return [];
  let q = db
    .selectFrom('rad_progress')
    .select([
      'id',
      'activity_id',
      'year',
      'quarter',
      'realised',
      'budget_used',
      'status',
      'note_enc',
      'version',
      'updated_by',
      'updated_at',
    ])
    .where('activity_id', 'in', activityIds);
  if (year !== undefined) q = q.where('year', '=', year);
  const rows = await q.orderBy('year').orderBy('quarter').execute();
  return rows.map((r) => ({
    ...r,
    realised: num(r.realised),
    budget_used: Number(r.budget_used),
    updated_at: new Date(r.updated_at),
  }));
}

/**
 * The first report of a quarter: inserted only when none exists (the caller sent version 0).
 * Of simultaneous first reports exactly one inserts; the others find the row and get a conflict.
 */
export async function insertProgress(db: Tx, row: Insertable<Database['rad_progress']>): Promise<boolean> {
  const r = await db
    .insertInto('rad_progress')
    .values(row)
    .onConflict((oc) => oc.columns(['activity_id', 'year', 'quarter']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function updateProgress(
  db: Tx,
  activityId: string,
  year: number,
  quarter: number,
  version: number,
  set: {
    realised: number | null;
    budget_used: number;
    status: string;
    note_enc: string | null;
    updated_by: string;
  },
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('rad_progress')
    .set({ ...set, updated_at: now, version: sql<number>`version + 1` })
    .where('activity_id', '=', activityId)
    .where('year', '=', year)
    .where('quarter', '=', quarter)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** A progress row with its activity, within the scope (for its evidence files). */
export function findProgressById(db: Tx, scope: RadScope, id: string) {
  return db
    .selectFrom('rad_progress as r')
    .innerJoin('rad_activity as a', 'a.id', 'r.activity_id')
    .select(['r.id', 'r.activity_id', 'r.year', 'r.quarter', 'a.jurisdiction', 'a.responsible_org_id'])
    .where('r.id', '=', id)
    .where(activityScope(scope))
    .executeTakeFirst();
}

export async function evidenceCounts(db: Tx, progressIds: readonly string[]) {
  if (progressIds.length === 0) return new Map<string, number>();
  const rows = await db
    .selectFrom('coord_file')
    .select(['owner_id', (eb) => eb.fn.countAll<string>().as('n')])
    .where('owner_kind', '=', 'rad_progress')
    .where('owner_id', 'in', progressIds)
    .groupBy('owner_id')
    .execute();
  return new Map(rows.map((r) => [r.owner_id, Number(r.n)]));
}

// ---- prevention figures for automatic indicators (aggregates only)

/**
 * Prevention activities held in the jurisdiction (and the kab/kota below a province) with a start
 * in [start, end): how many, and in how many distinct desa/kelurahan. As the prevention coverage
 * counts them (src/domain/prevention.ts `countsInCoverage`): reported (`dilaporkan`), and a
 * partner's report only once the Dinas has accepted it (review null or diterima).
 */
export async function preventionReach(db: Tx, jurisdiction: string, start: Date, end: Date) {
  const r = await sql<{ activities: string; desa: string }>`
    SELECT count(*) AS activities, count(DISTINCT region_code) AS desa FROM prevention_activity
    WHERE (jurisdiction = ${jurisdiction} OR jurisdiction LIKE ${`${jurisdiction}.%`})
      AND status = 'dilaporkan'
      AND (review IS NULL OR review = 'diterima')
      AND starts_at >= ${start} AND starts_at < ${end}`.execute(db);
  return { activities: Number(r.rows[0]?.activities ?? 0), desa: Number(r.rows[0]?.desa ?? 0) };
}

// ---- links to meeting decisions and prevention activities (migration 0030)

export type RadLinkKind = 'meeting_decision' | 'prevention_activity';

/** The links of an activity with what the linked record says of itself (no personal data). */
export async function linkRows(db: Tx, activityId: string) {
  return db
    .selectFrom('rad_activity_link as l')
    .leftJoin('meeting_decision as d', 'd.id', 'l.meeting_decision_id')
    .leftJoin('meeting as m', 'm.id', 'd.meeting_id')
    .leftJoin('prevention_activity as v', 'v.id', 'l.prevention_activity_id')
    .select([
      'l.id',
      'l.meeting_decision_id',
      'l.prevention_activity_id',
      'd.number as decision_number',
      'd.body as decision_body',
      'm.id as meeting_id',
      'm.title as meeting_title',
      'm.starts_at as meeting_starts_at',
      'v.title as activity_title',
      'v.starts_at as activity_starts_at',
    ])
    .where('l.activity_id', '=', activityId)
    .orderBy('l.created_at')
    .orderBy('l.id')
    .execute();
}

/** Is the record to link there, in this jurisdiction? */
export async function linkTargetExists(db: Tx, kind: RadLinkKind, id: string, jurisdiction: string) {
  const r =
    kind === 'meeting_decision'
      ? await db
          .selectFrom('meeting_decision as d')
          .innerJoin('meeting as m', 'm.id', 'd.meeting_id')
          .select('d.id')
          .where('d.id', '=', id)
          .where('m.jurisdiction', '=', jurisdiction)
          .executeTakeFirst()
      : await db
          .selectFrom('prevention_activity')
          .select('id')
          .where('id', '=', id)
          .where('jurisdiction', '=', jurisdiction)
          .executeTakeFirst();
  return r !== undefined;
}

/** Adds a link once (a second identical link is the same link): its id. */
export async function insertLink(
  db: Tx,
  row: {
    id: string;
    activityId: string;
    jurisdiction: string;
    kind: RadLinkKind;
    targetId: string;
    by: string;
    at: Date;
  },
): Promise<string> {
  const col = row.kind === 'meeting_decision' ? 'meeting_decision_id' : 'prevention_activity_id';
  const existing = await db
    .selectFrom('rad_activity_link')
    .select('id')
    .where('activity_id', '=', row.activityId)
    .where(col, '=', row.targetId)
    .executeTakeFirst();
  if (existing) return existing.id;
  const r = await db
    .insertInto('rad_activity_link')
    .values({
      id: row.id,
      activity_id: row.activityId,
      jurisdiction: row.jurisdiction,
      meeting_decision_id: row.kind === 'meeting_decision' ? row.targetId : null,
      prevention_activity_id: row.kind === 'prevention_activity' ? row.targetId : null,
      created_by: row.by,
      created_at: row.at,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (r) return r.id;
  // a simultaneous identical link won: it is this link
  const won = await db
    .selectFrom('rad_activity_link')
    .select('id')
    .where('activity_id', '=', row.activityId)
    .where(col, '=', row.targetId)
    .executeTakeFirstOrThrow();
  return won.id;
}

export async function deleteLink(db: Tx, activityId: string, linkId: string): Promise<boolean> {
  const r = await db
    .deleteFrom('rad_activity_link')
    .where('id', '=', linkId)
    .where('activity_id', '=', activityId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

/**
 * For the meetings and prevention modules: the RAD activities a meeting decision or a prevention
 * activity is linked to (the other direction of a link). The caller has checked that its reader
 * may see the decision or activity; the RAD activities named are of the same jurisdiction, and
 * only their title and plan are given.
 */
export function radLinksFor(db: Tx, kind: RadLinkKind, id: string) {
  const col = kind === 'meeting_decision' ? 'l.meeting_decision_id' : 'l.prevention_activity_id';
  return db
    .selectFrom('rad_activity_link as l')
    .innerJoin('rad_activity as a', 'a.id', 'l.activity_id')
    .innerJoin('rad_plan as p', 'p.id', 'a.plan_id')
    .select([
      'l.id as linkId',
      'a.id as activityId',
      'a.title as activityTitle',
      'p.id as planId',
      'p.title as planTitle',
      'a.jurisdiction',
    ])
    .where(col, '=', id)
    .orderBy('p.title')
    .orderBy('a.position')
    .execute();
}

/** For the demo: a meeting decision and a prevention activity of the jurisdiction to link, if any. */
export async function firstLinkTargets(db: Tx, jurisdiction: string) {
  const [decision, activity] = await Promise.all([
    db
      .selectFrom('meeting_decision as d')
      .innerJoin('meeting as m', 'm.id', 'd.meeting_id')
      .select('d.id')
      .where('m.jurisdiction', '=', jurisdiction)
      .orderBy('m.starts_at')
      .orderBy('d.number')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('prevention_activity')
      .select('id')
      .where('jurisdiction', '=', jurisdiction)
      .where('status', 'in', ['terlaksana', 'dilaporkan'])
      .orderBy('starts_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { decisionId: decision?.id ?? null, preventionId: activity?.id ?? null };
}

/** What a RAD activity of the jurisdiction may link to: recent meeting decisions and prevention activities. */
export async function linkCandidates(db: Tx, jurisdiction: string) {
  const [decisions, activities] = await Promise.all([
    db
      .selectFrom('meeting_decision as d')
      .innerJoin('meeting as m', 'm.id', 'd.meeting_id')
      .select(['d.id', 'd.number', 'd.body', 'm.title', 'm.starts_at'])
      .where('m.jurisdiction', '=', jurisdiction)
      .orderBy('m.starts_at', 'desc')
      .orderBy('d.number')
      .limit(200)
      .execute(),
    db
      .selectFrom('prevention_activity')
      .select(['id', 'title', 'starts_at'])
      .where('jurisdiction', '=', jurisdiction)
      .where('status', '!=', 'dibatalkan')
      .orderBy('starts_at', 'desc')
      .limit(200)
      .execute(),
  ]);
  return { decisions, activities };
}
