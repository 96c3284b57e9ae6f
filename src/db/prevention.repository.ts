/**
 * SQL of prevention campaigns and activities (migration 0024, decision 029). Every read of an
 * activity takes the actor's coordination scope, so an activity outside it is never loaded (404).
 */
import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { CoordinationScope, Role } from '../domain/policy.ts';
import { type CappedCount, cappedCount, pageOfRows } from './capped-count.ts';
import type { Tx } from './connect.ts';
import type { Database, PreventionActivityTable, PreventionCampaignTable } from './schema.ts';

export type ReadScope = Exclude<CoordinationScope, { kind: 'none' }>;

/** `col` is `code` or lies under it. */
const within = (col: string, code: string) =>
  sql<boolean>`(${sql.ref(col)} = ${code} OR ${sql.ref(col)} LIKE ${`${code}.%`})`;

function activityInScope(scope: ReadScope) {
  return (eb: ExpressionBuilder<Database, 'prevention_activity'>) =>
    scope.kind === 'region'
      ? eb(within('prevention_activity.jurisdiction', scope.within), '=', true)
      : eb.or([
          eb('prevention_activity.organiser_org_id', '=', scope.orgId),
          eb.exists(
            eb
              .selectFrom('prevention_activity_partner as pp')
              .select('pp.org_id')
              .whereRef('pp.activity_id', '=', 'prevention_activity.id')
              .where('pp.org_id', '=', scope.orgId),
          ),
        ]);
}

const activityColumns = [
  'prevention_activity.id',
  'prevention_activity.jurisdiction',
  'prevention_activity.campaign_id',
  'prevention_activity.title',
  'prevention_activity.kind',
  'prevention_activity.kind_other',
  'prevention_activity.field',
  'prevention_activity.setting',
  'prevention_activity.target_groups',
  'prevention_activity.starts_at',
  'prevention_activity.ends_at',
  'prevention_activity.region_code',
  'prevention_activity.rt_rw',
  'prevention_activity.place_name',
  'prevention_activity.school_org_id',
  'prevention_activity.organiser_org_id',
  'prevention_activity.description',
  'prevention_activity.status',
  'prevention_activity.cancel_reason',
  'prevention_activity.review',
  'prevention_activity.review_note',
  'prevention_activity.report_notes',
  'prevention_activity.children_male',
  'prevention_activity.children_female',
  'prevention_activity.adults_male',
  'prevention_activity.adults_female',
  'prevention_activity.version',
  'prevention_activity.updated_at',
] as const;

function activityQuery(db: Tx) {
  return db
    .selectFrom('prevention_activity')
    .innerJoin('organisation as org', 'org.id', 'prevention_activity.organiser_org_id')
    .innerJoin('region as desa', 'desa.code', 'prevention_activity.region_code')
    .leftJoin('region as kec', 'kec.code', 'desa.parent_code')
    .leftJoin('prevention_campaign as camp', 'camp.id', 'prevention_activity.campaign_id')
    .leftJoin('organisation as school', 'school.id', 'prevention_activity.school_org_id')
    .select(activityColumns)
    .select([
      'org.name as organiser_name',
      'desa.name as desa_name',
      'kec.name as kec_name',
      'camp.name as campaign_name',
      'school.name as school_name',
      (eb) =>
        eb
          .selectFrom('prevention_activity_facilitator as f')
          .select(sql<string>`count(*)`.as('n'))
          .whereRef('f.activity_id', '=', 'prevention_activity.id')
          .as('facilitator_count'),
    ]);
}
export type ActivityRow = Awaited<ReturnType<ReturnType<typeof activityQuery>['executeTakeFirstOrThrow']>>;

export function findActivity(db: Tx, scope: ReadScope, id: string) {
  return activityQuery(db)
    .where('prevention_activity.id', '=', id)
    .where(activityInScope(scope))
    .executeTakeFirst();
}

/** The row to change, locked for the transaction (a status change or review waits for another). */
export function lockActivity(trx: Tx, scope: ReadScope, id: string) {
  return trx
    .selectFrom('prevention_activity')
    .selectAll()
    .where('id', '=', id)
    .where(activityInScope(scope))
    .forUpdate()
    .executeTakeFirst();
}

export type ActivityFilter = {
  campaignId?: string | undefined;
  status?: string | undefined;
  kind?: string | undefined;
  region?: string | undefined;
  review?: string | undefined;
  fromUtc?: Date | undefined;
  toUtc?: Date | undefined;
};

export async function listActivities(
  db: Tx,
  scope: ReadScope,
  f: ActivityFilter,
  page: number,
  pageSize: number,
): Promise<{ rows: ActivityRow[]; count: CappedCount; hasMore: boolean }> {
  const where = (eb: ExpressionBuilder<Database, 'prevention_activity'>) => {
    const and = [activityInScope(scope)(eb)];
    if (f.campaignId) and.push(eb('prevention_activity.campaign_id', '=', f.campaignId));
    if (f.status) and.push(eb('prevention_activity.status', '=', f.status));
    if (f.kind) and.push(eb('prevention_activity.kind', '=', f.kind));
    if (f.review) and.push(eb('prevention_activity.review', '=', f.review));
    if (f.region) and.push(eb(within('prevention_activity.region_code', f.region), '=', true));
    if (f.fromUtc) and.push(eb('prevention_activity.starts_at', '>=', f.fromUtc));
    if (f.toUtc) and.push(eb('prevention_activity.starts_at', '<', f.toUtc));
    return eb.and(and);
  };
  const rows = await activityQuery(db)
    .where(where)
    .orderBy('prevention_activity.starts_at', 'desc')
    .orderBy('prevention_activity.id')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  const count = await cappedCount(
    db,
    db.selectFrom('prevention_activity').select('prevention_activity.id').where(where),
  );
  const p = pageOfRows(rows, pageSize);
  return { rows: p.rows, count, hasMore: p.hasMore };
}

export async function activityPartners(db: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('prevention_activity_partner as p')
    .innerJoin('organisation as o', 'o.id', 'p.org_id')
    .select(['p.activity_id', 'o.id', 'o.name'])
    .where('p.activity_id', 'in', ids)
    .orderBy('o.name')
    .execute();
}

export async function activityFollowups(db: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('prevention_activity_followup')
    .select(['id', 'activity_id', 'text', 'status'])
    .where('activity_id', 'in', ids)
    .orderBy('activity_id')
    .orderBy('position')
    .execute();
}

export function activityFacilitators(db: Tx, id: string) {
  return db
    .selectFrom('prevention_activity_facilitator as f')
    .leftJoin('app_user as u', 'u.id', 'f.user_id')
    .select(['f.user_id', 'f.name_enc', 'u.name as user_name'])
    .where('f.activity_id', '=', id)
    .orderBy('f.position')
    .execute();
}

export async function insertActivity(trx: Tx, row: Insertable<PreventionActivityTable>) {
  await trx.insertInto('prevention_activity').values(row).execute();
}

export type ActivityParts = {
  partnerOrgIds?: readonly string[] | undefined;
  facilitators?: ReadonlyArray<{ userId: string | null; nameEnc: string | null }> | undefined;
  followups?: ReadonlyArray<{ id: string; text: string; status: string }> | undefined;
};

/** Replaces the partners, facilitators and follow-ups that are given. */
export async function replaceActivityParts(trx: Tx, id: string, parts: ActivityParts) {
  if (parts.partnerOrgIds) {
    await trx.deleteFrom('prevention_activity_partner').where('activity_id', '=', id).execute();
    if (parts.partnerOrgIds.length > 0)
      await trx
        .insertInto('prevention_activity_partner')
        .values([...new Set(parts.partnerOrgIds)].map((org_id) => ({ activity_id: id, org_id })))
        .execute();
  }
  if (parts.facilitators) {
    await trx.deleteFrom('prevention_activity_facilitator').where('activity_id', '=', id).execute();
    if (parts.facilitators.length > 0)
      await trx
        .insertInto('prevention_activity_facilitator')
        .values(
          parts.facilitators.map((f, i) => ({
            id: crypto.randomUUID(),
            activity_id: id,
            user_id: f.userId,
            name_enc: f.nameEnc,
            position: i,
          })),
        )
        .execute();
  }
  if (parts.followups) {
    await trx.deleteFrom('prevention_activity_followup').where('activity_id', '=', id).execute();
    if (parts.followups.length > 0)
      await trx
        .insertInto('prevention_activity_followup')
        .values(
          parts.followups.map((f, i) => ({
            id: f.id,
            activity_id: id,
            text: f.text,
            status: f.status,
            position: i,
          })),
        )
        .execute();
  }
}

/** The optimistic update: false when the version read is no longer the stored one. */
export async function updateActivityRow(
  trx: Tx,
  id: string,
  version: number,
  set: Updateable<PreventionActivityTable>,
  now: Date,
): Promise<boolean> {
  const r = await trx
    .updateTable('prevention_activity')
    .set({ ...set, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

// ---- campaigns ---------------------------------------------------------------------------------

/** Campaigns a scope reads: a region's staff those within it; a partner those of its own jurisdiction. */
function campaignInScope(scope: ReadScope, partnerJurisdiction: string) {
  return scope.kind === 'region'
    ? within('prevention_campaign.jurisdiction', scope.within)
    : sql<boolean>`prevention_campaign.jurisdiction = ${partnerJurisdiction}`;
}

function campaignQuery(db: Tx) {
  return db
    .selectFrom('prevention_campaign')
    .selectAll('prevention_campaign')
    .select((eb) =>
      eb
        .selectFrom('prevention_activity as a')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('a.campaign_id', '=', 'prevention_campaign.id')
        .as('activity_count'),
    )
    .select((eb) =>
      eb
        .selectFrom('prevention_activity as a')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('a.campaign_id', '=', 'prevention_campaign.id')
        // counted in the coverage: reported and, a partner's report, accepted (countsInCoverage)
        .where('a.status', '=', 'dilaporkan')
        .where((w) => w.or([w('a.review', 'is', null), w('a.review', '=', 'diterima')]))
        .as('counted_count'),
    );
}
export type CampaignRow = Awaited<ReturnType<ReturnType<typeof campaignQuery>['executeTakeFirstOrThrow']>>;

export function findCampaign(db: Tx, scope: ReadScope, partnerJurisdiction: string, id: string) {
  return campaignQuery(db)
    .where('prevention_campaign.id', '=', id)
    .where(campaignInScope(scope, partnerJurisdiction))
    .executeTakeFirst();
}

export function listCampaigns(db: Tx, scope: ReadScope, partnerJurisdiction: string) {
  return campaignQuery(db)
    .where(campaignInScope(scope, partnerJurisdiction))
    .orderBy('prevention_campaign.starts_on', 'desc')
    .orderBy('prevention_campaign.name')
    .limit(500)
    .execute();
}

export async function campaignTargetDesa(db: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('prevention_campaign_desa as t')
    .innerJoin('region as d', 'd.code', 't.region_code')
    .leftJoin('region as k', 'k.code', 'd.parent_code')
    .select(['t.campaign_id', 'd.code', 'd.name', 'k.name as district'])
    .where('t.campaign_id', 'in', ids)
    .orderBy('d.code')
    .execute();
}

export async function campaignTargetSchools(db: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('prevention_campaign_school as s')
    .leftJoin('organisation as o', 'o.id', 's.org_id')
    .select(['s.campaign_id', 's.org_id', sql<string>`coalesce(o.name, s.name)`.as('name')])
    .where('s.campaign_id', 'in', ids)
    .orderBy('s.position')
    .execute();
}

export async function insertCampaign(trx: Tx, row: Insertable<PreventionCampaignTable>) {
  await trx.insertInto('prevention_campaign').values(row).execute();
}

export async function replaceCampaignTargets(
  trx: Tx,
  id: string,
  desa: readonly string[] | undefined,
  schools: ReadonlyArray<{ orgId: string | null; name: string | null }> | undefined,
) {
  if (desa) {
    await trx.deleteFrom('prevention_campaign_desa').where('campaign_id', '=', id).execute();
    const uniq = [...new Set(desa)];
    if (uniq.length > 0)
      await trx
        .insertInto('prevention_campaign_desa')
        .values(uniq.map((region_code) => ({ campaign_id: id, region_code })))
        .execute();
  }
  if (schools) {
    await trx.deleteFrom('prevention_campaign_school').where('campaign_id', '=', id).execute();
    if (schools.length > 0)
      await trx
        .insertInto('prevention_campaign_school')
        .values(
          schools.map((s, i) => ({
            id: crypto.randomUUID(),
            campaign_id: id,
            org_id: s.orgId,
            name: s.name,
            position: i,
          })),
        )
        .execute();
  }
}

export async function updateCampaignRow(
  trx: Tx,
  id: string,
  version: number,
  set: Updateable<PreventionCampaignTable>,
  now: Date,
): Promise<boolean> {
  const r = await trx
    .updateTable('prevention_campaign')
    .set({ ...set, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Deletes a campaign at `version` that no activity names; 'conflict' | 'in_use' | 'ok'. */
export async function deleteCampaignRow(trx: Tx, id: string, version: number) {
  const used = await trx
    .selectFrom('prevention_activity')
    .select('id')
    .where('campaign_id', '=', id)
    .limit(1)
    .executeTakeFirst();
  if (used) return 'in_use' as const;
  const r = await trx
    .deleteFrom('prevention_campaign')
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1 ? ('ok' as const) : ('conflict' as const);
}

// ---- places, organisations, people of a jurisdiction ------------------------------------------

/** Regions by code with their level and their kecamatan's name. */
export async function regionsByCode(db: Tx, codes: readonly string[]) {
  const uniq = [...new Set(codes)];
  if (uniq.length === 0) return [];
  return db
    .selectFrom('region as d')
    .leftJoin('region as k', 'k.code', 'd.parent_code')
    .select(['d.code', 'd.name', 'd.level', 'k.name as district'])
    .where('d.code', 'in', uniq)
    .execute();
}

/** Every desa/kelurahan of a kab/kota with its kecamatan's name. */
export function desaOf(db: Tx, kabKota: string) {
  return db
    .selectFrom('region as d')
    .innerJoin('region as k', 'k.code', 'd.parent_code')
    .select(['d.code', 'd.name', 'k.name as district'])
    .where('d.level', '=', 4)
    .where('k.parent_code', '=', kabKota)
    .orderBy('d.code')
    .execute();
}

/** How many desa/kelurahan lie within a kab/kota or province (the ceiling of a campaign's target desa). */
export async function countDesaWithin(db: Tx, jurisdiction: string): Promise<number> {
  const r = await db
    .selectFrom('region')
    .select(sql<string>`count(*)`.as('n'))
    .where('level', '=', 4)
    .where('code', 'like', `${jurisdiction}.%`)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Active organisations working within a jurisdiction (for organiser, partners and schools). */
export function organisationsWithin(db: Tx, jurisdiction: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'type', 'jurisdiction', 'active'])
    .where(within('organisation.jurisdiction', jurisdiction))
    .where('active', '=', true)
    .orderBy('name')
    .limit(2000)
    .execute();
}

export async function organisationsById(db: Tx, ids: readonly string[]) {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return [];
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'type', 'jurisdiction', 'active'])
    .where('id', 'in', uniq)
    .execute();
}

/** Users by id with the jurisdiction of their organisation. */
export async function usersById(db: Tx, ids: readonly string[]) {
  const uniq = [...new Set(ids)];
  if (uniq.length === 0) return [];
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.name', 'u.role', 'o.jurisdiction', 'u.disabled'])
    .where('u.id', 'in', uniq)
    .execute();
}

/** Active users of a jurisdiction's organisations holding one of `roles` (facilitator choices). */
export function usersWithin(db: Tx, jurisdiction: string, roles: readonly Role[]) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.name', 'o.name as org_name', 'o.id as org_id'])
    .where(within('o.jurisdiction', jurisdiction))
    .where('u.disabled', '=', false)
    .where('u.role', 'in', [...roles])
    .orderBy('u.name')
    .limit(2000)
    .execute();
}

// ---- coverage ------------------------------------------------------------------------------------

/**
 * The counted activities (reported; a partner's report accepted) that took place in a kab/kota's
 * desa within [start, end), kept by a jurisdiction the actor reads (`within`).
 */
export function countedActivitiesIn(
  db: Tx,
  kabKota: string,
  readWithin: string,
  start: Date,
  end: Date,
  campaignId: string | null,
) {
  let q = db
    .selectFrom('prevention_activity as a')
    .leftJoin('organisation as s', 's.id', 'a.school_org_id')
    .select([
      'a.id',
      'a.region_code',
      'a.setting',
      'a.school_org_id',
      's.name as school_org_name',
      'a.place_name',
      'a.children_male',
      'a.children_female',
      'a.adults_male',
      'a.adults_female',
    ])
    .where(within('a.region_code', kabKota))
    .where(within('a.jurisdiction', readWithin))
    .where('a.status', '=', 'dilaporkan')
    .where((eb) => eb.or([eb('a.review', 'is', null), eb('a.review', '=', 'diterima')]))
    .where('a.starts_at', '>=', start)
    .where('a.starts_at', '<', end);
  if (campaignId) q = q.where('a.campaign_id', '=', campaignId);
  return q.execute();
}

/** Cases reported from each desa of a kab/kota over the given local months (stat_rollup, level 4). */
export async function casesByDesa(db: Tx, kabKota: string, months: readonly string[]) {
  if (months.length === 0) return [];
  const r = await sql<{ area: string; n: string }>`
    SELECT area, sum(n) AS n FROM stat_rollup
    WHERE jurisdiction = ${kabKota} AND level = 4 AND measure = 'cases' AND area <> ''
      AND month IN (${sql.join(months)})
    GROUP BY area`.execute(db);
  return r.rows.map((x) => ({ area: x.area, n: Number(x.n) }));
}
