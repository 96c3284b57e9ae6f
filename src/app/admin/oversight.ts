/** What auditors and leaders see: the audit log, and aggregates without personal data. */

import { caseStats, listAudit } from '../../db/admin.repository.ts';
import type { AuditEventDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { can, statsScope } from '../../domain/policy.ts';
import { auditEventDto } from '../audit-dto.ts';
import { type AuthedCtx, audit } from '../context.ts';

export async function listAuditEvents(
  ctx: AuthedCtx,
  q: {
    actorId?: string | undefined;
    entity?: string | undefined;
    entityId?: string | undefined;
    action?: string | undefined;
    page: number;
    pageSize: number;
  },
): Promise<{ items: AuditEventDto[]; page: number; pageSize: number }> {
  if (!can(ctx.actor, 'audit:read')) throw new AppError('FORBIDDEN');
  const rows = await listAudit(ctx.conn.db, ctx.actor.jurisdiction, q, q.page, q.pageSize);
  await audit(ctx, ctx.conn.db, { action: 'audit.read', entity: 'audit', entityId: null, outcome: 'ok' });
  return {
    items: rows.map(auditEventDto),
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function statsSummary(ctx: AuthedCtx) {
  const root = statsScope(ctx.actor);
  if (root === null) throw new AppError('FORBIDDEN');
  const s = await caseStats(ctx.conn.db, root);
  const n = (rows: Array<{ n: string }>) => rows.reduce((a, r) => a + Number(r.n), 0);
  return {
    region: root,
    total: n(s.byStage),
    byStage: Object.fromEntries(s.byStage.map((r) => [r.stage, Number(r.n)])),
    byRisk: Object.fromEntries(s.byRisk.map((r) => [r.risk ?? 'belum_dinilai', Number(r.n)])),
    byForm: Object.fromEntries(s.byForm.map((r) => [r.form, Number(r.n)])),
  };
}
