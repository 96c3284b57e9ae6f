/** One plan with its tree, each activity's standing and the roll-up, for a year and quarter. */
import { findPlan } from '../../db/rad.repository.ts';
import type { RadPlanDto } from '../../domain/contract/rad.ts';
import { AppError } from '../../domain/errors.ts';
import type { RadPlanQuery } from '../../domain/rad.ts';
import type { AuthedCtx } from '../context.ts';
import { notFound, radScope } from './access.ts';
import { planDto } from './views.ts';

export async function getRadPlan(ctx: AuthedCtx, id: string, q: RadPlanQuery): Promise<RadPlanDto> {
  const scope = radScope(ctx, 'rad.read', id);
  const db = ctx.conn.db;
  const plan = await findPlan(db, scope, id);
  if (!plan) throw notFound('rad.read', 'rad_plan', id);
  if (q.year !== undefined && (q.year < plan.start_year || q.year > plan.end_year))
    throw new AppError('VALIDATION_FAILED', { year: 'year_outside_plan' });
  return planDto(ctx, db, scope, plan, q);
}
