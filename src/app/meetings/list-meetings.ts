/** The meetings the actor may see (its jurisdiction; a partner: those it organises or is invited to). */
import { listMeetings as listMeetingRows } from '../../db/meeting.repository.ts';
import { type List, pageOf } from '../../domain/contract/define.ts';
import type { MeetingSummaryDto } from '../../domain/contract/meetings.ts';
import { AppError } from '../../domain/errors.ts';
import type { MeetingListQuery } from '../../domain/meetings.ts';
import { localDayStart } from '../../domain/time.ts';
import type { AuthedCtx } from '../context.ts';
import { meetingSummary, requireCoordination, todayOf } from './access.ts';

export async function listMeetings(ctx: AuthedCtx, q: MeetingListQuery): Promise<List<MeetingSummaryDto>> {
  const scope = requireCoordination(ctx);
  if (q.from && q.to && q.to < q.from) throw new AppError('VALIDATION_FAILED', { to: 'date_before_from' });
  const j = ctx.actor.jurisdiction;
  const { rows, hasMore, count } = await listMeetingRows(
    ctx.conn.db,
    scope,
    {
      status: q.status,
      kind: q.kind,
      ...(q.from ? { from: localDayStart(q.from, j) } : {}),
      ...(q.to ? { to: new Date(localDayStart(q.to, j).getTime() + 86_400_000) } : {}),
    },
    todayOf(ctx),
    q.page,
    q.pageSize,
  );
  return pageOf(
    rows.map((m) => meetingSummary(ctx.actor, m)),
    q.page,
    q.pageSize,
    { ...count, hasMore },
  );
}
