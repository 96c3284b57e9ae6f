/**
 * Partner performance (issue 4 §5): per recipient organisation and service, how many referrals
 * came in, were accepted, declined, completed or cancelled, the median time to accept (hours) and
 * to complete (days), and how many passed a due date. Aggregates only, no personal data.
 */
import { partnerPerformance } from '../../db/directory.repository.ts';
import type { PartnerPerformanceDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { performanceScope } from '../../domain/policy.ts';
import { ZONE_OFFSET_HOURS, zoneOfRegion } from '../../domain/time.ts';
import type { AuthedCtx } from '../context.ts';

const round1 = (x: number | string | null) => (x === null ? null : Math.round(Number(x) * 10) / 10);

export async function getPartnerPerformance(
  ctx: AuthedCtx,
  q: { from: string; to: string },
): Promise<PartnerPerformanceDto> {
  const scope = performanceScope(ctx.actor);
  if (!scope) throw new AppError('FORBIDDEN');
  // whole local days of the reader's zone, `to` included
  const off = ZONE_OFFSET_HOURS[zoneOfRegion(ctx.actor.jurisdiction || '31')] * 3600_000;
  const fromUtc = new Date(Date.parse(`${q.from}T00:00:00Z`) - off);
  const toUtc = new Date(Date.parse(`${q.to}T00:00:00Z`) + 86_400_000 - off);
  const rows = await partnerPerformance(ctx.conn.db, scope, fromUtc, toUtc, ctx.clock());
  return {
    from: q.from,
    to: q.to,
    rows: rows.map((r) => ({
      orgId: r.org_id,
      orgName: r.org_name,
      service: r.service,
      received: Number(r.received),
      accepted: Number(r.accepted),
      declined: Number(r.declined),
      completed: Number(r.completed),
      cancelled: Number(r.cancelled),
      medianAcceptHours: round1(r.median_accept_hours),
      medianCompleteDays: round1(r.median_complete_days),
      overdue: Number(r.overdue),
      overdueAccept: Number(r.overdue_accept),
      overdueComplete: Number(r.overdue_complete),
    })),
  };
}
