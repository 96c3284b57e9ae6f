/**
 * A quarter's progress report of a RAD activity (cumulative for the year): the realised value
 * (not for an automatic indicator: Simpul computes it), the budget used, the status and a note.
 * Its responsible organisation's staff or the Dinas report it (policy `canUpdateOwned`). The
 * version read is sent back: 0 for the quarter's first report (an INSERT that only one of many
 * simultaneous first reports wins), else the row's version (a conditional UPDATE). A stale
 * version is 409 and changes nothing.
 */
import { randomUUID } from 'node:crypto';
import { findActivity, insertProgress, progressOf, updateProgress } from '../../db/rad.repository.ts';
import type { RadActivityDto } from '../../domain/contract/rad.ts';
import { AppError } from '../../domain/errors.ts';
import { progressProblems, type Quarter, quarterDays, type RadProgressInput } from '../../domain/rad.ts';
import { localDate } from '../../domain/time.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { forbidden, mayReport, notFound, radScope } from './access.ts';
import { activityDto } from './views.ts';

export async function recordRadProgress(
  ctx: AuthedCtx,
  activityId: string,
  year: number,
  quarter: Quarter,
  input: RadProgressInput,
): Promise<RadActivityDto> {
  const action = 'rad.progress.save';
  const scope = radScope(ctx, action, activityId);
  return ctx.conn.db.transaction().execute(async (trx) => {
    const a = await findActivity(trx, scope, activityId);
    if (!a) throw notFound(action, 'rad_activity', activityId);
    if (!mayReport(ctx, a)) throw forbidden(action, 'rad_activity', activityId);
    if (year < a.start_year || year > a.end_year)
      throw new AppError('VALIDATION_FAILED', { year: 'year_outside_plan' });
    const now = ctx.clock();
    if (quarterDays(year, quarter).from > localDate(now, a.jurisdiction))
      throw new AppError('VALIDATION_FAILED', { quarter: 'quarter_not_begun' });
    const saved =
      input.version === 0
        ? null
        : ((await progressOf(trx, [activityId], year)).find((p) => p.quarter === quarter)?.realised ?? null);
    const problems = progressProblems({ unit: a.unit, autoIndicator: a.auto_indicator }, input, saved);
    if (Object.keys(problems).length > 0) throw new AppError('VALIDATION_FAILED', problems);
    const set = {
      realised: a.auto_indicator ? null : input.realised,
      budget_used: input.budgetUsed,
      status: input.status,
      note_enc: input.note ? ctx.keys.encrypt(input.note) : null,
      updated_by: ctx.actor.userId,
    };
    const ok =
      input.version === 0
        ? await insertProgress(trx, {
            id: randomUUID(),
            activity_id: activityId,
            jurisdiction: a.jurisdiction,
            year,
            quarter,
            ...set,
            created_at: now,
            updated_at: now,
          })
        : await updateProgress(trx, activityId, year, quarter, input.version, set, now);
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action,
      entity: 'rad_activity',
      entityId: activityId,
      outcome: 'ok',
      detail: {
        year,
        quarter,
        status: input.status,
        first: input.version === 0,
        ...(saved !== null && input.realised === null ? { cleared: true } : {}),
      },
    });
    return activityDto(ctx, trx, a, { year, quarter });
  });
}
