/**
 * Moves an activity on: held (terlaksana, once it has begun), reported (dilaporkan, with its
 * participant counts) or cancelled (dibatalkan, with a reason). A report by a partner's staff
 * waits for the Dinas to accept it (review menunggu); the Dinas's own report counts at once.
 */
import type { Updateable } from 'kysely';
import { activeUsersInJurisdiction } from '../../db/notification.repository.ts';
import { lockActivity, updateActivityRow } from '../../db/prevention.repository.ts';
import type { PreventionActivityTable } from '../../db/schema.ts';
import { roleCan } from '../../domain/capabilities.ts';
import type { ActivityDto } from '../../domain/contract/prevention.ts';
import { AppError } from '../../domain/errors.ts';
import { canManageCoordination, canReportPreventionActivity, ROLES } from '../../domain/policy.ts';
import { type ActivityTransition, canMove, participantTotal } from '../../domain/prevention.ts';
import type { ActivityStatus } from '../../domain/prevention-codes.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { notify } from '../notifications/notify.ts';
import { activityDetail } from './get-activity.ts';
import { notFound, readScope, rights } from './shared.ts';

export async function changeActivityStatus(
  ctx: AuthedCtx,
  id: string,
  input: ActivityTransition,
): Promise<ActivityDto> {
  const action = 'prevention_activity.status';
  const scope = readScope(ctx, action);
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    const a = await lockActivity(trx, scope, id);
    if (!a) throw notFound(action, 'prevention_activity', id);
    const rec = { jurisdiction: a.jurisdiction, organiserOrgId: a.organiser_org_id };
    if (!canReportPreventionActivity(ctx.actor, rec))
      throw new AppError('FORBIDDEN', undefined, {
        action,
        entity: 'prevention_activity',
        entityId: id,
        outcome: 'denied',
      });
    if (a.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (!rights(ctx.actor, a).canEdit || !canMove(a.status as ActivityStatus, input.to))
      throw new AppError('PREVENTION_STATE', { to: 'transition_not_allowed' });
    const set: Updateable<PreventionActivityTable> = { status: input.to };
    if (input.to === 'dibatalkan') {
      if (!input.reason) throw new AppError('VALIDATION_FAILED', { reason: 'required' });
      set.cancel_reason = input.reason;
    } else {
      if (new Date(a.starts_at).getTime() > now.getTime())
        throw new AppError('VALIDATION_FAILED', { to: 'not_yet_held' });
      if (input.participants) {
        set.children_male = input.participants.childrenMale;
        set.children_female = input.participants.childrenFemale;
        set.adults_male = input.participants.adultsMale;
        set.adults_female = input.participants.adultsFemale;
      }
      if (input.reportNotes !== undefined) set.report_notes = input.reportNotes || null;
    }
    if (input.to === 'dilaporkan') {
      if (!input.participants) throw new AppError('VALIDATION_FAILED', { participants: 'required' });
      if (participantTotal(input.participants) === 0)
        throw new AppError('VALIDATION_FAILED', { participants: 'participants_required' });
      const manager = canManageCoordination(ctx.actor, a);
      set.review = manager ? (a.review === null ? null : 'diterima') : 'menunggu';
      set.review_note = manager ? a.review_note : null;
      set.reported_by = ctx.actor.userId;
      set.reported_at = now;
    }
    if (!(await updateActivityRow(trx, id, input.version, set, now))) throw new AppError('VERSION_CONFLICT');
    // a partner's report waits for the Dinas's coordinators: tell them (no personal data, a link)
    if (set.review === 'menunggu') {
      const coordinators = ROLES.filter((r) => roleCan(r, 'coord:manage'));
      const to = await activeUsersInJurisdiction(trx, a.jurisdiction, coordinators);
      await notify(trx, to, { kind: 'pencegahan_menunggu', link: `/pencegahan/${id}` }, now);
    }
    await audit(ctx, trx, {
      action,
      entity: 'prevention_activity',
      entityId: id,
      outcome: 'ok',
      detail: { from: a.status, to: input.to, review: set.review ?? a.review },
    });
    return activityDetail(ctx, trx, id);
  });
}
