/**
 * The prevention activities the actor reads (Dinas staff and pimpinan: their region's; a partner:
 * those its organisation organises or takes part in), newest first, filtered by campaign, status,
 * kind, kecamatan/desa, local period and the Dinas's review. No facilitator names in a list.
 */
import { listActivities as listRows } from '../../db/prevention.repository.ts';
import { type List, pageOf } from '../../domain/contract/define.ts';
import type { ActivityDto } from '../../domain/contract/prevention.ts';
import { AppError } from '../../domain/errors.ts';
import type { ActivityListQuery } from '../../domain/prevention.ts';
import { localDayStart } from '../../domain/time.ts';
import type { AuthedCtx } from '../context.ts';
import { activityDtos, readScope } from './shared.ts';

const DAY = 86_400_000;

export async function listActivities(ctx: AuthedCtx, q: ActivityListQuery): Promise<List<ActivityDto>> {
  const scope = readScope(ctx, 'prevention_activity.list');
  if (q.from && q.to && q.to < q.from) throw new AppError('VALIDATION_FAILED', { to: 'ends_before_start' });
  const zone = ctx.actor.jurisdiction;
  const db = ctx.conn.db;
  const page = await listRows(
    db,
    scope,
    {
      campaignId: q.campaign,
      status: q.status,
      kind: q.kind,
      region: q.region,
      review: q.review,
      fromUtc: q.from ? localDayStart(q.from, zone) : undefined,
      toUtc: q.to ? new Date(localDayStart(q.to, zone).getTime() + DAY) : undefined,
    },
    q.page,
    q.pageSize,
  );
  return pageOf(await activityDtos(ctx, db, page.rows), q.page, q.pageSize, {
    ...page.count,
    hasMore: page.hasMore,
  });
}
