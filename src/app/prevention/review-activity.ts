/**
 * The Dinas accepts a partner's report (it then counts in the coverage) or returns it with a note
 * saying what to correct (back to held; the partner reports it again).
 */
import { activeUsersOfOrg } from '../../db/notification.repository.ts';
import { lockActivity, updateActivityRow } from '../../db/prevention.repository.ts';
import type { ActivityDto } from '../../domain/contract/prevention.ts';
import { AppError } from '../../domain/errors.ts';
import { canReviewPreventionReport } from '../../domain/policy.ts';
import type { ActivityReview } from '../../domain/prevention.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { notify } from '../notifications/notify.ts';
import { activityDetail } from './get-activity.ts';
import { notFound, readScope } from './shared.ts';

export async function reviewActivity(
  ctx: AuthedCtx,
  id: string,
  input: ActivityReview,
): Promise<ActivityDto> {
  const action = 'prevention_activity.review';
  const scope = readScope(ctx, action);
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    const a = await lockActivity(trx, scope, id);
    if (!a) throw notFound(action, 'prevention_activity', id);
    if (!canReviewPreventionReport(ctx.actor, a))
      throw new AppError('FORBIDDEN', undefined, {
        action,
        entity: 'prevention_activity',
        entityId: id,
        outcome: 'denied',
      });
    if (a.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (a.status !== 'dilaporkan' || a.review !== 'menunggu')
      throw new AppError('PREVENTION_STATE', { decision: 'not_awaiting_review' });
    if (input.decision === 'dikembalikan' && !input.note)
      throw new AppError('VALIDATION_FAILED', { note: 'required' });
    const ok = await updateActivityRow(
      trx,
      id,
      input.version,
      {
        review: input.decision,
        review_note: input.note || null,
        reviewed_by: ctx.actor.userId,
        reviewed_at: now,
        ...(input.decision === 'dikembalikan' ? { status: 'terlaksana' } : {}),
      },
      now,
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    // the partner's staff hear the answer
    await notify(
      trx,
      await activeUsersOfOrg(trx, a.organiser_org_id),
      {
        kind: input.decision === 'diterima' ? 'pencegahan_diterima' : 'pencegahan_dikembalikan',
        link: `/pencegahan/${id}`,
      },
      now,
    );
    await audit(ctx, trx, {
      action,
      entity: 'prevention_activity',
      entityId: id,
      outcome: 'ok',
      detail: { decision: input.decision },
    });
    return activityDetail(ctx, trx, id);
  });
}
