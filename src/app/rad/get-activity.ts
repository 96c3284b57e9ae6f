/** One RAD activity: targets, four quarters of the chosen year with evidence, automatic values, links. */
import { findActivity } from '../../db/rad.repository.ts';
import type { RadActivityDto } from '../../domain/contract/rad.ts';
import { AppError } from '../../domain/errors.ts';
import type { RadPlanQuery } from '../../domain/rad.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { notFound, radScope } from './access.ts';
import { activityDto } from './views.ts';

export async function getRadActivity(ctx: AuthedCtx, id: string, q: RadPlanQuery): Promise<RadActivityDto> {
  const scope = radScope(ctx, 'rad.activity.read', id);
  const db = ctx.conn.db;
  const a = await findActivity(db, scope, id);
  if (!a) throw notFound('rad.activity.read', 'rad_activity', id);
  if (q.year !== undefined && (q.year < a.start_year || q.year > a.end_year))
    throw new AppError('VALIDATION_FAILED', { year: 'year_outside_plan' });
  const dto = await activityDto(ctx, db, a, q);
  // the progress notes are free text (they may name someone): reading them is recorded
  if (dto.progress.some((p) => p.note))
    await audit(ctx, db, {
      action: 'rad.activity.read',
      entity: 'rad_activity',
      entityId: id,
      outcome: 'ok',
    });
  return dto;
}
