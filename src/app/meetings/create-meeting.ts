/** Plans a meeting of the actor's Dinas (coord:manage of its own jurisdiction). */
import { randomUUID } from 'node:crypto';
import { insertMeeting, orgsIn, setMeetingOrgs } from '../../db/meeting.repository.ts';
import type { MeetingDto } from '../../domain/contract/meetings.ts';
import { AppError } from '../../domain/errors.ts';
import { type MeetingInput, meetingInstants } from '../../domain/meetings.ts';
import { canManageCoordination } from '../../domain/policy.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { meetingDetail } from './get-meeting.ts';

/** The organisations named must be of the jurisdiction (a province: of its kab/kota too). */
export async function checkOrgs(db: Tx, jurisdiction: string, ids: readonly string[], field: string) {
  const found = await orgsIn(db, jurisdiction, ids);
  if (found.length !== new Set(ids).size)
    throw new AppError('VALIDATION_FAILED', { [field]: 'unknown_organisation' });
}

export async function createMeeting(
  ctx: AuthedCtx,
  input: MeetingInput,
  key?: IdempotencyKey,
): Promise<MeetingDto> {
  const jurisdiction = ctx.actor.jurisdiction;
  if (!canManageCoordination(ctx.actor, { jurisdiction })) throw new AppError('FORBIDDEN');
  const organiser = input.organiserOrgId ?? ctx.actor.orgId;
  const { startsAt, endsAt } = meetingInstants(jurisdiction, input.date, input.startTime, input.endTime);
  const id = randomUUID();
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async (m) => void (await meetingDetail(ctx, trx, m.id, 'meeting.create')),
        audit: (m) => ({ action: 'meeting.create', entity: 'meeting', entityId: m.id }),
      },
      async () => {
        await checkOrgs(trx, jurisdiction, [organiser], 'organiserOrgId');
        await checkOrgs(trx, jurisdiction, input.invitedOrgIds, 'invitedOrgIds');
        await insertMeeting(trx, {
          id,
          jurisdiction,
          kind: input.kind,
          title: input.title,
          starts_at: startsAt,
          ends_at: endsAt,
          place: input.place || null,
          online_link: input.onlineLink || null,
          organiser_org_id: organiser,
          agenda: input.agenda,
          created_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        });
        await setMeetingOrgs(trx, id, input.invitedOrgIds);
        await audit(ctx, trx, { action: 'meeting.create', entity: 'meeting', entityId: id, outcome: 'ok' });
        return meetingDetail(ctx, trx, id, 'meeting.create');
      },
    ),
  );
}
