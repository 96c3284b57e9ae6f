/**
 * Prevention campaigns ("Stop Kekerasan terhadap Anak 2026"): a period, target desa and schools
 * and target numbers. The Dinas's coordinators keep their jurisdiction's; Dinas staff, pimpinan
 * and a province read them; a partner reads its jurisdiction's (to name one on its activity).
 */
import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import {
  type CampaignRow,
  campaignTargetDesa,
  campaignTargetSchools,
  countDesaWithin,
  deleteCampaignRow,
  findCampaign,
  insertCampaign,
  listCampaigns as listCampaignRows,
  organisationsById,
  regionsByCode,
  replaceCampaignTargets,
  updateCampaignRow,
} from '../../db/prevention.repository.ts';
import type { PreventionCampaignTable } from '../../db/schema.ts';
import { type List, wholeList } from '../../domain/contract/define.ts';
import type { CampaignDto } from '../../domain/contract/prevention.ts';
import { AppError } from '../../domain/errors.ts';
import { canManageCoordination, isWithin } from '../../domain/policy.ts';
import type { CampaignInput, CampaignUpdate } from '../../domain/prevention.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { notFound, orgFits, readScope } from './shared.ts';

async function campaignDtos(ctx: AuthedCtx, db: Tx, rows: readonly CampaignRow[]): Promise<CampaignDto[]> {
  const ids = rows.map((r) => r.id);
  const [desa, schools] = await Promise.all([campaignTargetDesa(db, ids), campaignTargetSchools(db, ids)]);
  return rows.map((c) => ({
    id: c.id,
    jurisdiction: c.jurisdiction,
    name: c.name,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    description: c.description,
    targetDesa: desa
      .filter((d) => d.campaign_id === c.id)
      .map((d) => ({ code: d.code, name: d.name, district: d.district ?? '' })),
    targetSchools: schools
      .filter((s) => s.campaign_id === c.id)
      .map((s) => ({ orgId: s.org_id, name: s.name })),
    targets: {
      children: c.target_children,
      adults: c.target_adults,
      activities: c.target_activities,
      desa: c.target_desa,
      schools: c.target_schools,
    },
    activityCount: Number(c.activity_count ?? 0),
    countedActivityCount: Number(c.counted_count ?? 0),
    canEdit: canManageCoordination(ctx.actor, c),
    version: c.version,
    updatedAt: new Date(c.updated_at).toISOString(),
  }));
}

export async function listCampaigns(ctx: AuthedCtx): Promise<List<CampaignDto>> {
  const scope = readScope(ctx, 'prevention_campaign.list');
  const db = ctx.conn.db;
  return wholeList(await campaignDtos(ctx, db, await listCampaignRows(db, scope, ctx.actor.jurisdiction)));
}

async function campaignDetail(ctx: AuthedCtx, db: Tx, id: string, action: string) {
  const row = await findCampaign(db, readScope(ctx, action), ctx.actor.jurisdiction, id);
  if (!row) throw notFound(action, 'prevention_campaign', id);
  return row;
}

export async function getCampaign(ctx: AuthedCtx, id: string): Promise<CampaignDto> {
  const db = ctx.conn.db;
  const [dto] = await campaignDtos(ctx, db, [await campaignDetail(ctx, db, id, 'prevention_campaign.read')]);
  return dto!;
}

/** Target desa inside the jurisdiction, schools that are its organisations of type sekolah (or names). */
async function checkTargets(
  db: Tx,
  jurisdiction: string,
  desa: readonly string[] | undefined,
  schools: CampaignInput['targetSchools'] | undefined,
) {
  if (desa) {
    const found = new Map((await regionsByCode(db, desa)).map((r) => [r.code, r]));
    desa.forEach((code, i) => {
      const r = found.get(code);
      const key = `targetDesa.${i}`;
      if (!r) throw new AppError('VALIDATION_FAILED', { [key]: 'unknown_region' });
      if (!isWithin(code, jurisdiction))
        throw new AppError('VALIDATION_FAILED', { [key]: 'out_of_jurisdiction' });
      if (r.level !== 4) throw new AppError('VALIDATION_FAILED', { [key]: 'not_a_desa' });
    });
  }
  if (!schools) return undefined;
  const orgs = new Map(
    (
      await organisationsById(
        db,
        schools.flatMap((s) => ('orgId' in s ? [s.orgId] : [])),
      )
    ).map((o) => [o.id, o]),
  );
  return schools.map((s, i) => {
    if ('name' in s) return { orgId: null, name: s.name };
    const o = orgs.get(s.orgId);
    if (!o || !orgFits(o.jurisdiction, jurisdiction))
      throw new AppError('VALIDATION_FAILED', { [`targetSchools.${i}.orgId`]: 'unknown_organisation' });
    if (o.type !== 'sekolah')
      throw new AppError('VALIDATION_FAILED', { [`targetSchools.${i}.orgId`]: 'not_a_school' });
    return { orgId: o.id, name: null };
  });
}

/**
 * The checks that need the stored data, all reported at once: the period (also checked by the
 * schema when both dates are sent) and a target of desa above the desa/kelurahan of the region.
 */
async function checkPeriodAndTargets(
  db: Tx,
  jurisdiction: string,
  startsOn: string,
  endsOn: string,
  targetDesa: number | null | undefined,
) {
  const problems: Record<string, string> = {};
  if (endsOn < startsOn) problems.endsOn = 'ends_before_start';
  if (targetDesa != null && targetDesa > (await countDesaWithin(db, jurisdiction)))
    problems['targets.desa'] = 'target_desa_too_large';
  if (Object.keys(problems).length > 0) throw new AppError('VALIDATION_FAILED', problems);
}

function mayManage(ctx: AuthedCtx, jurisdiction: string, action: string, id: string | null) {
  if (!canManageCoordination(ctx.actor, { jurisdiction }))
    throw new AppError('FORBIDDEN', undefined, {
      action,
      entity: 'prevention_campaign',
      entityId: id,
      outcome: 'denied',
    });
}

export async function createCampaign(
  ctx: AuthedCtx,
  input: CampaignInput,
  key?: IdempotencyKey,
): Promise<CampaignDto> {
  const jurisdiction = ctx.actor.jurisdiction;
  mayManage(ctx, jurisdiction, 'prevention_campaign.create', null);
  await checkPeriodAndTargets(ctx.conn.db, jurisdiction, input.startsOn, input.endsOn, input.targets.desa);
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async (c) => void (await campaignDetail(ctx, trx, c.id, 'prevention_campaign.create')),
        audit: (c) => ({
          action: 'prevention_campaign.create',
          entity: 'prevention_campaign',
          entityId: c.id,
        }),
      },
      async () => {
        const schools = await checkTargets(trx, jurisdiction, input.targetDesa, input.targetSchools);
        const id = randomUUID();
        await insertCampaign(trx, {
          id,
          jurisdiction,
          name: input.name,
          starts_on: input.startsOn,
          ends_on: input.endsOn,
          description: input.description,
          target_children: input.targets.children ?? null,
          target_adults: input.targets.adults ?? null,
          target_activities: input.targets.activities ?? null,
          target_desa: input.targets.desa ?? null,
          target_schools: input.targets.schools ?? null,
          created_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        });
        await replaceCampaignTargets(trx, id, input.targetDesa, schools);
        await audit(ctx, trx, {
          action: 'prevention_campaign.create',
          entity: 'prevention_campaign',
          entityId: id,
          outcome: 'ok',
        });
        const [dto] = await campaignDtos(ctx, trx, [
          await campaignDetail(ctx, trx, id, 'prevention_campaign.create'),
        ]);
        return dto!;
      },
    ),
  );
}

/** Deletes a campaign no activity names (a campaign made by mistake); with its version. */
export async function deleteCampaign(ctx: AuthedCtx, id: string, version: number): Promise<void> {
  const action = 'prevention_campaign.delete';
  await ctx.conn.db.transaction().execute(async (trx) => {
    const c = await campaignDetail(ctx, trx, id, action);
    mayManage(ctx, c.jurisdiction, action, id);
    // an activity planned meanwhile holds the campaign: lock the row first
    await trx.selectFrom('prevention_campaign').select('id').where('id', '=', id).forUpdate().execute();
    const r = await deleteCampaignRow(trx, id, version);
    if (r === 'in_use') throw new AppError('CAMPAIGN_HAS_ACTIVITIES');
    if (r === 'conflict') throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action,
      entity: 'prevention_campaign',
      entityId: id,
      outcome: 'ok',
      detail: { name: c.name },
    });
  });
}

export async function updateCampaign(
  ctx: AuthedCtx,
  id: string,
  input: CampaignUpdate,
): Promise<CampaignDto> {
  const action = 'prevention_campaign.update';
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    const c = await campaignDetail(ctx, trx, id, action);
    mayManage(ctx, c.jurisdiction, action, id);
    if (c.version !== input.version) throw new AppError('VERSION_CONFLICT');
    const startsOn = input.startsOn ?? c.starts_on;
    const endsOn = input.endsOn ?? c.ends_on;
    await checkPeriodAndTargets(trx, c.jurisdiction, startsOn, endsOn, input.targets?.desa);
    const schools = await checkTargets(trx, c.jurisdiction, input.targetDesa, input.targetSchools);
    const set: Updateable<PreventionCampaignTable> = { starts_on: startsOn, ends_on: endsOn };
    if (input.name !== undefined) set.name = input.name;
    if (input.description !== undefined) set.description = input.description;
    if (input.targets !== undefined) {
      const t = input.targets;
      set.target_children = t.children ?? null;
      set.target_adults = t.adults ?? null;
      set.target_activities = t.activities ?? null;
      set.target_desa = t.desa ?? null;
      set.target_schools = t.schools ?? null;
    }
    if (!(await updateCampaignRow(trx, id, input.version, set, now))) throw new AppError('VERSION_CONFLICT');
    await replaceCampaignTargets(trx, id, input.targetDesa, schools);
    await audit(ctx, trx, { action, entity: 'prevention_campaign', entityId: id, outcome: 'ok' });
    const [dto] = await campaignDtos(ctx, trx, [await campaignDetail(ctx, trx, id, action)]);
    return dto!;
  });
}
