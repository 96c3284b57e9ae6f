/** One meeting as its reader sees it: invitations and attendance (names: audited), minutes, decisions, follow-ups, files. */
import { caseMembers, getScopedCase } from '../../db/case.repository.ts';
import {
  countCaseParts,
  decisionsOf,
  followupsOfMeeting,
  meetingOrgs,
  participantsOf,
} from '../../db/meeting.repository.ts';
import type { MeetingDto } from '../../domain/contract/meetings.ts';
import { canOnCase, caseScope } from '../../domain/policy.ts';
import type { Stage } from '../../domain/stages.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { listCoordFiles } from '../coord-files.ts';
import { followupDto, loadMeeting, meetingSummary, todayOf } from './access.ts';

/** May the actor read this case (the case scope and the read rule, as opening the case would)? */
export async function mayReadCase(ctx: AuthedCtx, db: Tx, caseId: string): Promise<string | null> {
  const c = await getScopedCase(db, caseScope(ctx.actor), caseId);
  if (!c) return null;
  const members = await caseMembers(db, caseId);
  const ok = canOnCase(ctx.actor, 'read', {
    stage: c.stage as Stage,
    jurisdiction: c.jurisdiction,
    managerId: c.manager_id,
    memberIds: members.map((m) => m.id),
  });
  return ok ? c.number : null;
}

/** Builds the answer inside `db` (a transaction that also holds its audit row). */
export async function meetingDetail(
  ctx: AuthedCtx,
  db: Tx,
  id: string,
  action = 'meeting.read',
): Promise<MeetingDto> {
  const m = await loadMeeting(ctx, db, id, action);
  const today = todayOf(ctx);
  const [orgs, people, decisions, followups, files, caseIds] = [
    await meetingOrgs(db, id),
    await participantsOf(db, id),
    await decisionsOf(db, id),
    await followupsOfMeeting(db, id),
    await listCoordFiles(ctx, db, 'meeting', id),
    await countCaseParts(db, id),
  ];
  let hidden = 0;
  for (const c of caseIds) if ((await mayReadCase(ctx, db, c)) === null) hidden++;
  if (people.length > 0)
    await audit(ctx, db, {
      action: 'meeting.participants_read',
      entity: 'meeting',
      entityId: id,
      outcome: 'ok',
      detail: { people: people.length },
    });
  const fu = followups.map((f) => followupDto(ctx.actor, f, today));
  return {
    ...meetingSummary(ctx.actor, m),
    agenda: m.agenda,
    minutes: m.minutes_enc ? ctx.keys.decrypt(m.minutes_enc) : null,
    minutesFinalAt: m.minutes_final_at ? new Date(m.minutes_final_at).toISOString() : null,
    cancelReason: m.cancel_reason,
    invitedOrgs: orgs,
    participants: people.map((p) => ({
      id: p.id,
      userId: p.user_id,
      name: p.user_name ?? (p.name_enc ? ctx.keys.decrypt(p.name_enc) : ''),
      orgId: p.org_id,
      orgName: p.org_name,
      invited: p.invited,
      attended: p.attended,
    })),
    decisions: decisions.map((d) => ({ ...d, followups: fu.filter((f) => f.decisionId === d.id) })),
    files,
    caseParts: { total: caseIds.length, hidden },
  };
}

export async function getMeeting(ctx: AuthedCtx, id: string): Promise<MeetingDto> {
  return ctx.conn.db.transaction().execute((trx) => meetingDetail(ctx, trx, id));
}
