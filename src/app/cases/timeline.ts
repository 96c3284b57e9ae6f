/** The case timeline and its access log. */

import { caseAccessLog, caseTimeline } from '../../db/case.repository.ts';
import type { AuditEventDto, TimelineEntryDto } from '../../domain/dto.ts';
import { auditEventDto } from '../audit-dto.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { loadVisibleCase, requireOnCase } from './access.ts';

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

export async function getAccessLog(ctx: AuthedCtx, caseId: string): Promise<AuditEventDto[]> {
  const c = await loadVisibleCase(ctx, ctx.conn.db, caseId, 'case.access_log');
  requireOnCase(ctx, c, 'read_access_log', 'case.access_log');
  const rows = await caseAccessLog(ctx.conn.db, caseId);
  await audit(ctx, ctx.conn.db, {
    action: 'case.access_log',
    entity: 'case',
    entityId: caseId,
    outcome: 'ok',
  });
  return rows.map(auditEventDto);
}
