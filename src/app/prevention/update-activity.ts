/**
 * Changes a prevention activity (sending the version read: a stale one answers 409). The organiser
 * stays; a partner cannot change its report while the Dinas is reviewing it or once accepted; a
 * cancelled activity is closed. Participant counts may be corrected once it was held.
 */
import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import { lockActivity, replaceActivityParts, updateActivityRow } from '../../db/prevention.repository.ts';
import type { PreventionActivityTable } from '../../db/schema.ts';
import type { ActivityDto } from '../../domain/contract/prevention.ts';
import { AppError } from '../../domain/errors.ts';
import { canReportPreventionActivity } from '../../domain/policy.ts';
import {
  type ActivityUpdate,
  localInput,
  localInstant,
  schoolProblems,
  spanProblems,
} from '../../domain/prevention.ts';
import { SCHOOL_SETTINGS } from '../../domain/prevention-codes.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { activityDetail } from './get-activity.ts';
import { checkDesa, checkReferences, notFound, readScope, rights } from './shared.ts';

export async function updateActivity(
  ctx: AuthedCtx,
  id: string,
  input: ActivityUpdate,
): Promise<ActivityDto> {
  const action = 'prevention_activity.update';
  const scope = readScope(ctx, action);
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    const a = await lockActivity(trx, scope, id);
    if (!a) throw notFound(action, 'prevention_activity', id);
    if (
      !canReportPreventionActivity(ctx.actor, {
        jurisdiction: a.jurisdiction,
        organiserOrgId: a.organiser_org_id,
      })
    )
      throw new AppError('FORBIDDEN', undefined, {
        action,
        entity: 'prevention_activity',
        entityId: id,
        outcome: 'denied',
      });
    if (a.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (!rights(ctx.actor, a).canEdit) throw new AppError('PREVENTION_STATE');
    if (
      input.organiserOrgId !== undefined &&
      input.organiserOrgId !== null &&
      input.organiserOrgId !== a.organiser_org_id
    )
      throw new AppError('VALIDATION_FAILED', { organiserOrgId: 'organiser_fixed' });
    const j = a.jurisdiction;
    const startsAt = localInstant(input.startsAt ?? localInput(new Date(a.starts_at), j), j);
    const endsAt = localInstant(input.endsAt ?? localInput(new Date(a.ends_at), j), j);
    const setting = input.setting ?? a.setting;
    const schoolOrgId = SCHOOL_SETTINGS.includes(setting)
      ? input.schoolOrgId !== undefined
        ? input.schoolOrgId
        : a.school_org_id
      : null;
    const placeName = input.placeName !== undefined ? input.placeName : a.place_name;
    const problems = {
      ...spanProblems(startsAt, endsAt),
      ...schoolProblems({ setting, schoolOrgId, placeName }),
    };
    if (Object.keys(problems).length > 0) throw new AppError('VALIDATION_FAILED', problems);
    if (input.participants && a.status !== 'terlaksana' && a.status !== 'dilaporkan')
      throw new AppError('VALIDATION_FAILED', { participants: 'not_held' });
    if (input.regionCode !== undefined) await checkDesa(trx, input.regionCode, j);
    const facilitators = await checkReferences(ctx, trx, j, {
      campaignId: input.campaignId,
      schoolOrgId: input.schoolOrgId !== undefined ? schoolOrgId : undefined,
      partnerOrgIds: input.partnerOrgIds,
      facilitators: input.facilitators,
    });
    const set: Updateable<PreventionActivityTable> = { starts_at: startsAt, ends_at: endsAt };
    if (input.title !== undefined) set.title = input.title;
    if (input.campaignId !== undefined) set.campaign_id = input.campaignId;
    if (input.kind !== undefined) set.kind = input.kind;
    if (input.kindOther !== undefined || input.kind !== undefined)
      set.kind_other =
        (input.kind ?? a.kind) === 'lainnya' ? (input.kindOther ?? a.kind_other ?? null) : null;
    if (input.field !== undefined) set.field = input.field;
    if (input.setting !== undefined) set.setting = input.setting;
    if (input.targetGroups !== undefined) set.target_groups = [...new Set(input.targetGroups)];
    if (input.regionCode !== undefined) set.region_code = input.regionCode;
    if (input.rtRw !== undefined) set.rt_rw = input.rtRw || null;
    if (input.placeName !== undefined) set.place_name = input.placeName || null;
    // only a school setting keeps its school (schoolOf in src/domain/prevention.ts)
    if (schoolOrgId !== a.school_org_id) set.school_org_id = schoolOrgId ?? null;
    if (input.description !== undefined) set.description = input.description;
    if (input.reportNotes !== undefined) set.report_notes = input.reportNotes || null;
    if (input.participants) {
      set.children_male = input.participants.childrenMale;
      set.children_female = input.participants.childrenFemale;
      set.adults_male = input.participants.adultsMale;
      set.adults_female = input.participants.adultsFemale;
    }
    if (!(await updateActivityRow(trx, id, input.version, set, now))) throw new AppError('VERSION_CONFLICT');
    await replaceActivityParts(trx, id, {
      partnerOrgIds: input.partnerOrgIds?.filter((o) => o !== a.organiser_org_id),
      facilitators,
      followups: input.followups?.map((f) => ({ id: randomUUID(), text: f.text, status: f.status })),
    });
    await audit(ctx, trx, { action, entity: 'prevention_activity', entityId: id, outcome: 'ok' });
    return activityDetail(ctx, trx, id);
  });
}
