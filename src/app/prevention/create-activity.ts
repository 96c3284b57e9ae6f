/**
 * Plans a prevention activity. The Dinas's coordinators plan for their jurisdiction and may name
 * any organisation of it as organiser; a partner's staff plan their own organisation's activities
 * (the organiser is always their organisation), which the Dinas accepts once reported. The desa
 * lies inside the jurisdiction; times are local to the region's zone. Idempotency-Key: one
 * activity however many copies arrive.
 */
import { randomUUID } from 'node:crypto';
import { findActivity, insertActivity, replaceActivityParts } from '../../db/prevention.repository.ts';
import type { ActivityDto } from '../../domain/contract/prevention.ts';
import { AppError } from '../../domain/errors.ts';
import {
  canManageCoordination,
  canReportPreventionActivity,
  coordinationScope,
} from '../../domain/policy.ts';
import { type ActivityInput, localInstant, schoolProblems, spanProblems } from '../../domain/prevention.ts';
import { SCHOOL_SETTINGS } from '../../domain/prevention-codes.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { activityDetail } from './get-activity.ts';
import { checkDesa, checkReferences, readScope } from './shared.ts';

export async function createActivity(
  ctx: AuthedCtx,
  input: ActivityInput,
  key?: IdempotencyKey,
): Promise<ActivityDto> {
  const { actor } = ctx;
  const jurisdiction = actor.jurisdiction;
  const manager = canManageCoordination(actor, { jurisdiction });
  const partner = coordinationScope(actor).kind === 'org';
  const organiserOrgId = manager ? (input.organiserOrgId ?? actor.orgId) : actor.orgId;
  if (!canReportPreventionActivity(actor, { jurisdiction, organiserOrgId }) || (!manager && !partner))
    throw new AppError('FORBIDDEN', undefined, {
      action: 'prevention_activity.create',
      entity: 'prevention_activity',
      entityId: null,
      outcome: 'denied',
    });
  if (!manager && input.organiserOrgId && input.organiserOrgId !== actor.orgId)
    throw new AppError('VALIDATION_FAILED', { organiserOrgId: 'own_organisation_only' });
  const startsAt = localInstant(input.startsAt, jurisdiction);
  const endsAt = localInstant(input.endsAt, jurisdiction);
  // only a school setting keeps its school (schoolOf in src/domain/prevention.ts)
  const schoolOrgId = SCHOOL_SETTINGS.includes(input.setting) ? (input.schoolOrgId ?? null) : null;
  const problems = {
    ...spanProblems(startsAt, endsAt),
    ...schoolProblems({ setting: input.setting, schoolOrgId, placeName: input.placeName }),
  };
  if (Object.keys(problems).length > 0) throw new AppError('VALIDATION_FAILED', problems);
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async (stored) => {
          if (!(await findActivity(trx, readScope(ctx, 'prevention_activity.create'), stored.id)))
            throw new AppError('NOT_FOUND');
        },
        audit: (a) => ({
          action: 'prevention_activity.create',
          entity: 'prevention_activity',
          entityId: a.id,
        }),
      },
      async () => {
        await checkDesa(trx, input.regionCode, jurisdiction);
        const facilitators = await checkReferences(ctx, trx, jurisdiction, {
          ...input,
          schoolOrgId,
          organiserOrgId,
        });
        const id = randomUUID();
        await insertActivity(trx, {
          id,
          jurisdiction,
          campaign_id: input.campaignId ?? null,
          title: input.title,
          kind: input.kind,
          kind_other: input.kind === 'lainnya' ? (input.kindOther ?? null) : null,
          field: input.field,
          setting: input.setting,
          target_groups: [...new Set(input.targetGroups)],
          starts_at: startsAt,
          ends_at: endsAt,
          region_code: input.regionCode,
          rt_rw: input.rtRw || null,
          place_name: input.placeName || null,
          school_org_id: schoolOrgId,
          organiser_org_id: organiserOrgId,
          description: input.description,
          status: 'direncanakan',
          created_by: actor.userId,
          created_at: now,
          updated_at: now,
        });
        await replaceActivityParts(trx, id, {
          partnerOrgIds: input.partnerOrgIds.filter((o) => o !== organiserOrgId),
          facilitators: facilitators ?? [],
          followups: input.followups.map((f) => ({ id: randomUUID(), text: f.text, status: f.status })),
        });
        await audit(ctx, trx, {
          action: 'prevention_activity.create',
          entity: 'prevention_activity',
          entityId: id,
          outcome: 'ok',
          detail: { regionCode: input.regionCode, kind: input.kind, partner: !manager },
        });
        return activityDetail(ctx, trx, id);
      },
    ),
  );
}
