/**
 * Creating and changing a RAD plan: the Dinas's coord:manage staff, in their own jurisdiction. A
 * new period may not leave any activity's target outside it (change those targets first).
 */
import { randomUUID } from 'node:crypto';
import { findPlan, insertPlan, lockPlan, targetsOutside, updatePlan } from '../../db/rad.repository.ts';
import type { RadPlanSummaryDto } from '../../domain/contract/rad.ts';
import { AppError } from '../../domain/errors.ts';
import type { RadPlanInput, RadPlanUpdate } from '../../domain/rad.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { forbidden, mayManage, notFound, radScope } from './access.ts';
import { planSummary } from './views.ts';

export async function createRadPlan(
  ctx: AuthedCtx,
  input: RadPlanInput,
  key?: IdempotencyKey,
): Promise<RadPlanSummaryDto> {
  const jurisdiction = ctx.actor.jurisdiction;
  if (!mayManage(ctx, jurisdiction)) throw forbidden('rad.create', 'rad_plan', jurisdiction);
  const scope = radScope(ctx, 'rad.create');
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async (stored) => {
          if (!(await findPlan(trx, scope, stored.id))) throw notFound('rad.create', 'rad_plan', stored.id);
        },
        audit: (stored) => ({ action: 'rad.create', entity: 'rad_plan', entityId: stored.id }),
      },
      async () => {
        const id = randomUUID();
        const now = ctx.clock();
        await insertPlan(trx, {
          id,
          jurisdiction,
          title: input.title,
          start_year: input.startYear,
          end_year: input.endYear,
          legal_basis: input.legalBasis || null,
          created_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        });
        await audit(ctx, trx, {
          action: 'rad.create',
          entity: 'rad_plan',
          entityId: id,
          outcome: 'ok',
          detail: { startYear: input.startYear, endYear: input.endYear },
        });
        return planSummary(ctx, (await findPlan(trx, scope, id))!, 0);
      },
    ),
  );
}

export async function updateRadPlan(
  ctx: AuthedCtx,
  id: string,
  input: RadPlanUpdate,
): Promise<RadPlanSummaryDto> {
  const scope = radScope(ctx, 'rad.update', id);
  return ctx.conn.db.transaction().execute(async (trx) => {
    const plan = await findPlan(trx, scope, id);
    if (!plan) throw notFound('rad.update', 'rad_plan', id);
    if (!mayManage(ctx, plan.jurisdiction)) throw forbidden('rad.update', 'rad_plan', id);
    // activities' targets are written under the same lock, so none lands outside the new period
    await lockPlan(trx, id);
    if (await targetsOutside(trx, id, input.startYear, input.endYear))
      throw new AppError('VALIDATION_FAILED', { endYear: 'targets_outside_period' });
    const ok = await updatePlan(
      trx,
      id,
      input.version,
      {
        title: input.title,
        start_year: input.startYear,
        end_year: input.endYear,
        legal_basis: input.legalBasis || null,
      },
      ctx.clock(),
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action: 'rad.update',
      entity: 'rad_plan',
      entityId: id,
      outcome: 'ok',
      detail: { startYear: input.startYear, endYear: input.endYear },
    });
    return planSummary(ctx, (await findPlan(trx, scope, id))!, 0);
  });
}
