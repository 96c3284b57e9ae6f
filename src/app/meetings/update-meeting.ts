/** Changes a meeting (details, agenda, invited organisations, general minutes) at the version read. */
import type { Updateable } from 'kysely';
import { setMeetingOrgs, updateMeetingRow } from '../../db/meeting.repository.ts';
import type { MeetingTable } from '../../db/schema.ts';
import type { MeetingDto } from '../../domain/contract/meetings.ts';
import { AppError } from '../../domain/errors.ts';
import { localParts, type MeetingUpdate, meetingInstants } from '../../domain/meetings.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { loadMeeting, requireManage } from './access.ts';
import { checkOrgs } from './create-meeting.ts';
import { meetingDetail } from './get-meeting.ts';

export async function updateMeeting(ctx: AuthedCtx, id: string, input: MeetingUpdate): Promise<MeetingDto> {
  return ctx.conn.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, id, 'meeting.update');
    requireManage(ctx, m, 'meeting.update');
    if (m.status === 'selesai' || m.status === 'dibatalkan')
      throw new AppError('VALIDATION_FAILED', { minutes: 'meeting_closed' });
    const start = localParts(new Date(m.starts_at), m.jurisdiction);
    const endNow = m.ends_at ? localParts(new Date(m.ends_at), m.jurisdiction).time : null;
    const date = input.date ?? start.date;
    const startTime = input.startTime ?? start.time;
    const endTime = input.endTime === undefined ? endNow : input.endTime;
    if (endTime && endTime <= startTime)
      throw new AppError('VALIDATION_FAILED', { endTime: 'end_time_before_start' });
    const place = input.place === undefined ? m.place : input.place || null;
    const link = input.onlineLink === undefined ? m.online_link : input.onlineLink || null;
    if (!place && !link) throw new AppError('VALIDATION_FAILED', { place: 'place_or_link_required' });
    const { startsAt, endsAt } = meetingInstants(m.jurisdiction, date, startTime, endTime);
    const set: Updateable<MeetingTable> = { starts_at: startsAt, ends_at: endsAt, place, online_link: link };
    if (input.kind !== undefined) set.kind = input.kind;
    if (input.title !== undefined) set.title = input.title;
    if (input.agenda !== undefined) set.agenda = input.agenda;
    if (input.minutes !== undefined) set.minutes_enc = input.minutes ? ctx.keys.encrypt(input.minutes) : null;
    if (!(await updateMeetingRow(trx, id, input.version, set, ctx.clock())))
      throw new AppError('VERSION_CONFLICT');
    if (input.invitedOrgIds !== undefined) {
      await checkOrgs(trx, m.jurisdiction, input.invitedOrgIds, 'invitedOrgIds');
      await setMeetingOrgs(trx, id, input.invitedOrgIds);
    }
    await audit(ctx, trx, {
      action: 'meeting.update',
      entity: 'meeting',
      entityId: id,
      outcome: 'ok',
      detail: { fields: Object.keys(input).filter((k) => k !== 'version') },
    });
    return meetingDetail(ctx, trx, id, 'meeting.update');
  });
}
