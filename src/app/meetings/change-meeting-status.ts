/** Moves a meeting: berlangsung, selesai (the minutes become final) or dibatalkan (with a reason). */
import { updateMeetingRow } from '../../db/meeting.repository.ts';
import type { MeetingDto } from '../../domain/contract/meetings.ts';
import { AppError } from '../../domain/errors.ts';
import { canMoveMeeting, type MeetingStatus } from '../../domain/meetings.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { loadMeeting, requireManage } from './access.ts';
import { meetingDetail } from './get-meeting.ts';

export async function changeMeetingStatus(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; status: MeetingStatus; reason?: string | undefined },
): Promise<MeetingDto> {
  return ctx.conn.db.transaction().execute(async (trx) => {
    const m = await loadMeeting(ctx, trx, id, 'meeting.status');
    requireManage(ctx, m, 'meeting.status');
    if (m.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (!canMoveMeeting(m.status as MeetingStatus, input.status)) throw new AppError('MEETING_STATE');
    if (input.status === 'selesai' && !m.minutes_enc)
      throw new AppError('VALIDATION_FAILED', { minutes: 'minutes_required' });
    const now = ctx.clock();
    const ok = await updateMeetingRow(
      trx,
      id,
      input.version,
      {
        status: input.status,
        ...(input.status === 'selesai' ? { minutes_final_at: now } : {}),
        ...(input.status === 'dibatalkan' ? { cancel_reason: input.reason ?? null } : {}),
      },
      now,
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action: 'meeting.status',
      entity: 'meeting',
      entityId: id,
      outcome: 'ok',
      detail: { from: m.status, to: input.status },
    });
    return meetingDetail(ctx, trx, id, 'meeting.status');
  });
}
