/** Loading meetings and follow-ups through the actor's coordination scope, and their answers. */
import {
  type FollowupRow,
  getScopedFollowup,
  getScopedMeeting,
  type MeetingRow,
} from '../../db/meeting.repository.ts';
import type { FollowupDto, MeetingSummaryDto } from '../../domain/contract/meetings.ts';
import { AppError } from '../../domain/errors.ts';
import {
  daysOverdue,
  FOLLOWUP_ESCALATE_DAYS,
  type FollowupStatus,
  localParts,
  type MeetingKind,
  type MeetingStatus,
} from '../../domain/meetings.ts';
import { type Actor, canManageCoordination, canUpdateOwned, coordinationScope } from '../../domain/policy.ts';
import { localDate, ZONE_ABBR, zoneOfRegion } from '../../domain/time.ts';
import type { AuthedCtx, Tx } from '../context.ts';

/** The actor's local day (its own zone): overdue is counted in it. */
export const todayOf = (ctx: AuthedCtx) => localDate(ctx.clock(), ctx.actor.jurisdiction);

export function requireCoordination(ctx: AuthedCtx) {
  const scope = coordinationScope(ctx.actor);
  if (scope.kind === 'none') throw new AppError('FORBIDDEN');
  return scope;
}

/** The meeting if the actor may see it; otherwise the attempt is recorded and it answers 404. */
export async function loadMeeting(ctx: AuthedCtx, db: Tx, id: string, action: string): Promise<MeetingRow> {
  const scope = requireCoordination(ctx);
  const m = await getScopedMeeting(db, scope, id, todayOf(ctx));
  if (!m)
    throw new AppError('NOT_FOUND', undefined, {
      action,
      entity: 'meeting',
      entityId: id,
      outcome: 'not_found',
    });
  return m;
}

export function requireManage(ctx: AuthedCtx, m: { id: string; jurisdiction: string }, action: string) {
  if (!canManageCoordination(ctx.actor, m))
    throw new AppError('FORBIDDEN', undefined, {
      action,
      entity: 'meeting',
      entityId: m.id,
      outcome: 'denied',
    });
}

export async function loadFollowup(ctx: AuthedCtx, db: Tx, id: string, action: string): Promise<FollowupRow> {
  const scope = requireCoordination(ctx);
  const f = await getScopedFollowup(db, scope, id);
  if (!f)
    throw new AppError('NOT_FOUND', undefined, {
      action,
      entity: 'followup',
      entityId: id,
      outcome: 'not_found',
    });
  return f;
}

export function meetingSummary(actor: Actor, m: MeetingRow): MeetingSummaryDto {
  const start = localParts(new Date(m.starts_at), m.jurisdiction);
  return {
    id: m.id,
    jurisdiction: m.jurisdiction,
    kind: m.kind as MeetingKind,
    title: m.title,
    date: start.date,
    startTime: start.time,
    endTime: m.ends_at ? localParts(new Date(m.ends_at), m.jurisdiction).time : null,
    zone: ZONE_ABBR[zoneOfRegion(m.jurisdiction)],
    place: m.place,
    onlineLink: m.online_link,
    organiserOrgId: m.organiser_org_id,
    organiserName: m.organiser_name,
    status: m.status as MeetingStatus,
    decisions: Number(m.decisions),
    openFollowups: Number(m.open_followups),
    overdueFollowups: Number(m.overdue_followups),
    mayManage: canManageCoordination(actor, m),
    version: m.version,
  };
}

export function followupDto(actor: Actor, f: FollowupRow, today: string): FollowupDto {
  const overdue = daysOverdue({ dueOn: f.due_on, status: f.status }, today);
  return {
    id: f.id,
    meetingId: f.meeting_id,
    meetingTitle: f.meeting_title,
    meetingDate: localDate(new Date(f.meeting_starts_at), f.jurisdiction),
    decisionId: f.decision_id,
    decisionNumber: f.decision_number,
    decisionBody: f.decision_body,
    jurisdiction: f.jurisdiction,
    action: f.action,
    ownerOrgId: f.owner_org_id,
    ownerOrgName: f.owner_org_name,
    ownerUserId: f.owner_user_id,
    ownerUserName: f.owner_user_name,
    dueOn: f.due_on,
    status: f.status as FollowupStatus,
    statusNote: f.status_note,
    doneOn: f.done_on,
    overdueDays: overdue,
    escalated: overdue >= FOLLOWUP_ESCALATE_DAYS,
    mayUpdate: canUpdateOwned(actor, { jurisdiction: f.jurisdiction, ownerOrgId: f.owner_org_id }),
    mayManage: canManageCoordination(actor, f),
    version: f.version,
  };
}
