/**
 * Decisions of a meeting (numbered in order) and their follow-up actions: an owner organisation of
 * the jurisdiction, optionally one of its users, and a due date (a local day, not before the
 * meeting). The owner organisation's staff are told (no names, no case data in the notice).
 */
import { randomUUID } from 'node:crypto';
import {
  findDecision,
  insertDecision,
  insertFollowup,
  lockMeeting,
  type MeetingRow,
  nextDecisionNumber,
  updateDecisionRow,
  usersIn,
} from '../../db/meeting.repository.ts';
import { activeUsersOfOrg } from '../../db/notification.repository.ts';
import type { FollowupDto, MeetingDto } from '../../domain/contract/meetings.ts';
import { AppError } from '../../domain/errors.ts';
import { type DecisionInput, FOLLOWUP_OWNER_ROLES, type FollowupInput } from '../../domain/meetings.ts';
import { localDate } from '../../domain/time.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { notify } from '../notifications/notify.ts';
import { followupDto, loadFollowup, loadMeeting, requireManage, todayOf } from './access.ts';
import { checkOrgs } from './create-meeting.ts';
import { meetingDetail } from './get-meeting.ts';

/** Checks an owner (organisation of the jurisdiction, a user of it) and a due date not before the meeting. */
export async function checkOwner(
  trx: Tx,
  m: { jurisdiction: string; starts_at: Date | string },
  f: { ownerOrgId: string; ownerUserId?: string | null | undefined; dueOn: string },
  prefix = '',
) {
  await checkOrgs(trx, m.jurisdiction, [f.ownerOrgId], `${prefix}ownerOrgId`);
  if (f.ownerUserId) {
    const u = await usersIn(trx, m.jurisdiction, [f.ownerUserId]);
    if (u[0]?.org_id !== f.ownerOrgId)
      throw new AppError('VALIDATION_FAILED', { [`${prefix}ownerUserId`]: 'unknown_user' });
  }
  if (f.dueOn < localDate(new Date(m.starts_at), m.jurisdiction))
    throw new AppError('VALIDATION_FAILED', { [`${prefix}dueOn`]: 'due_before_meeting' });
}

async function addFollowup(
  ctx: AuthedCtx,
  trx: Tx,
  m: MeetingRow,
  decision: { id: string; number: number },
  f: FollowupInput,
) {
  const id = randomUUID();
  const now = ctx.clock();
  await insertFollowup(trx, {
    id,
    decision_id: decision.id,
    meeting_id: m.id,
    jurisdiction: m.jurisdiction,
    action: f.action,
    owner_org_id: f.ownerOrgId,
    owner_user_id: f.ownerUserId ?? null,
    due_on: f.dueOn,
    created_by: ctx.actor.userId,
    created_at: now,
    updated_at: now,
  });
  const staff = await activeUsersOfOrg(trx, f.ownerOrgId, FOLLOWUP_OWNER_ROLES);
  await notify(
    trx,
    staff.filter((u) => u !== ctx.actor.userId),
    { kind: 'tindak_lanjut_baru', link: `/rapat/tindak-lanjut/${id}`, ref: followupRef(m, decision.number) },
    now,
  );
  await audit(ctx, trx, {
    action: 'followup.create',
    entity: 'followup',
    entityId: id,
    outcome: 'ok',
    detail: { meetingId: m.id, decisionId: decision.id, ownerOrgId: f.ownerOrgId, dueOn: f.dueOn },
  });
  return id;
}

/** The reference a notice carries: the meeting's date and the decision's number (never a title or a name). */
export function followupRef(m: { starts_at: Date | string; jurisdiction: string }, decisionNumber: number) {
  return `Rapat ${localDate(new Date(m.starts_at), m.jurisdiction)} · Keputusan ${decisionNumber}`;
}

export async function recordDecision(
  ctx: AuthedCtx,
  meetingId: string,
  input: DecisionInput,
  key?: IdempotencyKey,
): Promise<MeetingDto> {
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async () => {
          const m = await loadMeeting(ctx, trx, meetingId, 'meeting.decision');
          requireManage(ctx, m, 'meeting.decision');
        },
        audit: () => ({ action: 'meeting.decision', entity: 'meeting', entityId: meetingId }),
      },
      async () => {
        const m = await loadMeeting(ctx, trx, meetingId, 'meeting.decision');
        requireManage(ctx, m, 'meeting.decision');
        if (m.status === 'dibatalkan') throw new AppError('MEETING_STATE');
        // final minutes: their decisions are what was decided (review 13)
        if (m.status === 'selesai') throw new AppError('MINUTES_FINAL');
        for (const [i, f] of input.followups.entries()) await checkOwner(trx, m, f, `followups.${i}.`);
        // one writer at a time per meeting: numbers follow each other under a burst
        await lockMeeting(trx, meetingId);
        const number = await nextDecisionNumber(trx, meetingId);
        const id = randomUUID();
        const now = ctx.clock();
        await insertDecision(trx, {
          id,
          meeting_id: meetingId,
          number,
          body: input.body,
          created_by: ctx.actor.userId,
          created_at: now,
          updated_at: now,
        });
        for (const f of input.followups) await addFollowup(ctx, trx, m, { id, number }, f);
        await audit(ctx, trx, {
          action: 'meeting.decision',
          entity: 'meeting',
          entityId: meetingId,
          outcome: 'ok',
          detail: { decisionId: id, number, followups: input.followups.length },
        });
        return meetingDetail(ctx, trx, meetingId, 'meeting.decision');
      },
    ),
  );
}

export async function updateDecision(
  ctx: AuthedCtx,
  meetingId: string,
  decisionId: string,
  input: { version: number; body: string },
): Promise<MeetingDto> {
  return ctx.conn.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, meetingId, 'meeting.decision_update');
    requireManage(ctx, m, 'meeting.decision_update');
    if (m.status === 'selesai') throw new AppError('MINUTES_FINAL');
    if (!(await findDecision(trx, meetingId, decisionId))) throw new AppError('NOT_FOUND');
    if (!(await updateDecisionRow(trx, decisionId, input.version, input.body, ctx.clock())))
      throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action: 'meeting.decision_update',
      entity: 'meeting',
      entityId: meetingId,
      outcome: 'ok',
      detail: { decisionId },
    });
    return meetingDetail(ctx, trx, meetingId, 'meeting.decision_update');
  });
}

export async function addDecisionFollowup(
  ctx: AuthedCtx,
  meetingId: string,
  decisionId: string,
  input: FollowupInput,
  key?: IdempotencyKey,
): Promise<FollowupDto> {
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async (f) => void (await loadFollowup(ctx, trx, f.id, 'followup.create')),
        audit: (f) => ({ action: 'followup.create', entity: 'followup', entityId: f.id }),
      },
      async () => {
        const m = await loadMeeting(ctx, trx, meetingId, 'followup.create');
        requireManage(ctx, m, 'followup.create');
        if (m.status === 'dibatalkan') throw new AppError('MEETING_STATE');
        const d = await findDecision(trx, meetingId, decisionId);
        if (!d) throw new AppError('NOT_FOUND');
        await checkOwner(trx, m, input);
        const id = await addFollowup(ctx, trx, m, d, input);
        return followupDto(ctx.actor, await loadFollowup(ctx, trx, id, 'followup.create'), todayOf(ctx));
      },
    ),
  );
}
