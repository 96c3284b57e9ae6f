/** The case timeline (its access log: access-log.ts). */

import { caseTimeline } from '../../db/case.repository.ts';
import type { TimelineEntryDto } from '../../domain/dto.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { loadVisibleCase } from './access.ts';

export async function getTimeline(ctx: AuthedCtx, caseId: string): Promise<TimelineEntryDto[]> {
  await loadVisibleCase(ctx, ctx.conn.db, caseId, 'case.timeline');
  const rows = await caseTimeline(ctx.conn.db, caseId);
  await audit(ctx, ctx.conn.db, { action: 'case.timeline', entity: 'case', entityId: caseId, outcome: 'ok' });
  return rows.map((r) => ({
    at: new Date(r.at).toISOString(),
    actorName: r.actor_name,
    type: r.type,
    data: r.data,
  }));
}
