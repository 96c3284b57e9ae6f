/**
 * The invitation and attendance list: Simpul users (named by their account) and people outside
 * Simpul (name as typed, encrypted) with their organisation. Replaced as a whole at the meeting's version.
 * Once the minutes are final (status "selesai") the list is what they record and is not changed
 * (409 MINUTES_FINAL; decision 031).
 */
import { randomUUID } from 'node:crypto';
import { replaceParticipants, updateMeetingRow, usersIn } from '../../db/meeting.repository.ts';
import type { MeetingDto } from '../../domain/contract/meetings.ts';
import { AppError } from '../../domain/errors.ts';
import type { ParticipantInput } from '../../domain/meetings.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { loadMeeting, requireManage } from './access.ts';
import { checkOrgs } from './create-meeting.ts';
import { meetingDetail } from './get-meeting.ts';

export async function saveParticipants(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; participants: ParticipantInput[] },
): Promise<MeetingDto> {
  return ctx.conn.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, id, 'meeting.participants');
    requireManage(ctx, m, 'meeting.participants');
    if (m.status === 'dibatalkan') throw new AppError('MEETING_STATE');
    // the final minutes record who attended (review 13): the list no longer changes
    if (m.status === 'selesai') throw new AppError('MINUTES_FINAL');
    const userIds = input.participants.flatMap((p) => (p.userId ? [p.userId] : []));
    // one row per person: a second row would put them both among those present and those absent
    const seen = new Set<string>();
    input.participants.forEach((p, i) => {
      if (!p.userId) return;
      if (seen.has(p.userId))
        throw new AppError('VALIDATION_FAILED', { [`participants.${i}.userId`]: 'duplicate_participant' });
      seen.add(p.userId);
    });
    const users = await usersIn(trx, m.jurisdiction, userIds);
    if (users.length !== new Set(userIds).size)
      throw new AppError('VALIDATION_FAILED', { participants: 'unknown_user' });
    const orgIds = input.participants.flatMap((p) => (p.orgId ? [p.orgId] : []));
    await checkOrgs(trx, m.jurisdiction, orgIds, 'participants');
    if (!(await updateMeetingRow(trx, id, input.version, {}, ctx.clock())))
      throw new AppError('VERSION_CONFLICT');
    await replaceParticipants(
      trx,
      id,
      input.participants.map((p, i) => ({
        id: randomUUID(),
        meeting_id: id,
        position: i,
        user_id: p.userId ?? null,
        name_enc: p.userId ? null : ctx.keys.encrypt(p.name ?? ''),
        org_id: p.orgId ?? (p.userId ? (users.find((u) => u.id === p.userId)?.org_id ?? null) : null),
        org_name: p.orgId || p.userId ? null : (p.orgName ?? null),
        invited: p.invited,
        attended: p.attended,
      })),
    );
    await audit(ctx, trx, {
      action: 'meeting.participants',
      entity: 'meeting',
      entityId: id,
      outcome: 'ok',
      detail: {
        invited: input.participants.filter((p) => p.invited).length,
        attended: input.participants.filter((p) => p.attended).length,
      },
    });
    return meetingDetail(ctx, trx, id, 'meeting.participants');
  });
}
