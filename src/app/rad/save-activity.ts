/**
 * Activities of a RAD plan with their yearly targets and budgets: added and changed by the Dinas
 * that keeps the plan. The responsible organisation and the partners must be organisations of
 * the plan's jurisdiction; targets must fall in the plan's years (written under the plan's row
 * lock, which a change of the plan's period takes too).
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../db/connect.ts';
import {
  findActivity,
  findProgramme,
  insertActivity,
  lockPlan,
  nextPosition,
  orgsWithin,
  progressOf,
  replaceTargets,
  updateActivity as updateActivityRow,
} from '../../db/rad.repository.ts';
import type { RadActivityDto } from '../../domain/contract/rad.ts';
import { AppError } from '../../domain/errors.ts';
import { type RadActivityInput, type RadActivityUpdate, targetsOutsidePlan } from '../../domain/rad.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { forbidden, mayManage, notFound, radScope } from './access.ts';
import { activityDto } from './views.ts';

async function check(
  trx: Tx,
  plan: { jurisdiction: string; start_year: number; end_year: number },
  input: RadActivityInput,
) {
  const problems = targetsOutsidePlan({ startYear: plan.start_year, endYear: plan.end_year }, input.targets);
  const asked = [...new Set([input.responsibleOrgId, ...input.partnerOrgIds])];
  const found = new Set((await orgsWithin(trx, asked, plan.jurisdiction)).map((o) => o.id));
  if (!found.has(input.responsibleOrgId)) problems.responsibleOrgId = 'rad_org_unknown';
  input.partnerOrgIds.forEach((id, i) => {
    if (!found.has(id)) problems[`partnerOrgIds.${i}`] = 'rad_org_unknown';
  });
  if (Object.keys(problems).length > 0) throw new AppError('VALIDATION_FAILED', problems);
}

const fields = (input: RadActivityInput) => ({
  title: input.title,
  responsible_org_id: input.responsibleOrgId,
  partner_org_ids: [...new Set(input.partnerOrgIds)].filter((id) => id !== input.responsibleOrgId),
  indicator: input.indicator,
  unit: input.unit,
  baseline: input.baseline,
  kla_code: input.klaCode || null,
  auto_indicator: input.autoIndicator,
});

export async function addActivity(
  ctx: AuthedCtx,
  programmeId: string,
  input: RadActivityInput,
  key?: IdempotencyKey,
): Promise<RadActivityDto> {
  const scope = radScope(ctx, 'rad.activity.create', programmeId);
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async (stored) => {
          if (!(await findActivity(trx, scope, stored.id)))
            throw notFound('rad.activity.create', 'rad_activity', stored.id);
        },
        audit: (stored) => ({ action: 'rad.activity.create', entity: 'rad_activity', entityId: stored.id }),
      },
      async () => {
        const g = await findProgramme(trx, scope, programmeId);
        if (!g) throw notFound('rad.activity.create', 'rad_programme', programmeId);
        if (!mayManage(ctx, g.jurisdiction))
          throw forbidden('rad.activity.create', 'rad_programme', programmeId);
        await lockPlan(trx, g.plan_id);
        await check(trx, g, input);
        const id = randomUUID();
        const now = ctx.clock();
        await insertActivity(trx, {
          id,
          plan_id: g.plan_id,
          programme_id: programmeId,
          jurisdiction: g.jurisdiction,
          position: await nextPosition(trx, 'rad_activity', g.plan_id),
          ...fields(input),
          created_at: now,
          updated_at: now,
        });
        await replaceTargets(trx, id, input.targets);
        await audit(ctx, trx, {
          action: 'rad.activity.create',
          entity: 'rad_activity',
          entityId: id,
          outcome: 'ok',
          detail: { planId: g.plan_id, responsibleOrgId: input.responsibleOrgId },
        });
        return activityDto(ctx, trx, (await findActivity(trx, scope, id))!, {});
      },
    ),
  );
}

export async function updateActivity(
  ctx: AuthedCtx,
  id: string,
  input: RadActivityUpdate,
): Promise<RadActivityDto> {
  const scope = radScope(ctx, 'rad.activity.update', id);
  return ctx.conn.db.transaction().execute(async (trx) => {
    const before = await findActivity(trx, scope, id);
    if (!before) throw notFound('rad.activity.update', 'rad_activity', id);
    if (!mayManage(ctx, before.jurisdiction)) throw forbidden('rad.activity.update', 'rad_activity', id);
    await lockPlan(trx, before.plan_id);
    await check(trx, before, input);
    // a count becoming a percentage: no quarter already reported may hold more than 100
    if (input.unit === 'persen' && before.unit !== 'persen') {
      const over = (await progressOf(trx, [id])).some((p) => p.realised !== null && p.realised > 100);
      if (over) throw new AppError('VALIDATION_FAILED', { unit: 'percent_over_max' });
    }
    if (!(await updateActivityRow(trx, id, input.version, fields(input), ctx.clock())))
      throw new AppError('VERSION_CONFLICT');
    await replaceTargets(trx, id, input.targets);
    await audit(ctx, trx, {
      action: 'rad.activity.update',
      entity: 'rad_activity',
      entityId: id,
      outcome: 'ok',
      detail: { responsibleOrgId: input.responsibleOrgId },
    });
    return activityDto(ctx, trx, (await findActivity(trx, scope, id))!, {});
  });
}
