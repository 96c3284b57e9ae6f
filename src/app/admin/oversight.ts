/** What auditors and leaders see: the audit log, and aggregates without personal data. */

import { caseStats } from '../../db/admin.repository.ts';
import {
  type AuditFilters,
  auditOrganisations,
  countAuditCapped,
  listAudit,
} from '../../db/audit-read.repository.ts';
import type { AuditQuery } from '../../domain/audit-schemas.ts';
import {
  AUDIT_CATEGORIES,
  AUDIT_CATEGORY_LABELS,
  AUDIT_OUTCOME_LABELS,
  AUDIT_OUTCOMES,
  actionsOf,
} from '../../domain/audit-words.ts';
import { COUNT_CAP, pageOf } from '../../domain/contract/define.ts';
import type { AuditPage } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { type Actor, can, ROLE_LABELS, ROLES, statsScope } from '../../domain/policy.ts';
import { localDayStart, ZONE_ABBR, zoneOfRegion } from '../../domain/time.ts';
import { auditEntryDto, describeObjects, orgTypeLabel } from '../audit-dto.ts';
import { type AuthedCtx, audit } from '../context.ts';

type Filters = Omit<AuditQuery, 'page' | 'pageSize'>;

/** The auditor's filters as the query sees them: local days of its jurisdiction's zone → instants. */
export function auditFilters(actor: Actor, q: Filters): AuditFilters {
  const j = actor.jurisdiction;
  return {
    actorId: q.actorId,
    entity: q.entity,
    entityId: q.entityId,
    action: q.action,
    actions: q.category ? actionsOf(q.category) : undefined,
    name: q.name,
    role: q.role,
    orgId: q.orgId,
    outcome: q.outcome,
    fromUtc: q.from ? localDayStart(q.from, j) : undefined,
    toUtc: q.to ? new Date(localDayStart(q.to, j).getTime() + 86_400_000) : undefined,
  };
}

/** The filters worth recording with an audit read or export (no paging). */
export function filtersForAudit(q: Filters): Record<string, unknown> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== ''));
}

export async function listAuditEvents(ctx: AuthedCtx, q: AuditQuery): Promise<AuditPage> {
  if (!can(ctx.actor, 'audit:read')) throw new AppError('FORBIDDEN');
  const { page, pageSize, ...f } = q;
  const db = ctx.conn.db;
  const filters = auditFilters(ctx.actor, f);
  const rows = await listAudit(db, ctx.actor.jurisdiction, filters, page, pageSize);
  // never count every match: up to the cap, then "1.000+" (src/domain/contract/define.ts)
  const n = await countAuditCapped(db, ctx.actor.jurisdiction, filters, COUNT_CAP + 1);
  const shown = rows.slice(0, pageSize);
  const describe = await describeObjects(db, shown, { keys: null, root: ctx.actor.jurisdiction });
  await audit(ctx, db, { action: 'audit.read', entity: 'audit', entityId: null, outcome: 'ok' });
  const zone = zoneOfRegion(ctx.actor.jurisdiction || '31');
  return {
    ...pageOf(
      shown.map((r) => auditEntryDto(r, describe)),
      page,
      pageSize,
      { total: Math.min(n, COUNT_CAP), totalCapped: n > COUNT_CAP, hasMore: rows.length > pageSize },
    ),
    zone,
    zoneAbbr: ZONE_ABBR[zone],
  };
}

/** What the filter form offers: roles, categories, outcomes, and the organisations overseen. */
export async function auditFilterChoices(ctx: AuthedCtx) {
  if (!can(ctx.actor, 'audit:read')) throw new AppError('FORBIDDEN');
  const orgs = await auditOrganisations(ctx.conn.db, ctx.actor.jurisdiction);
  const zone = zoneOfRegion(ctx.actor.jurisdiction || '31');
  return {
    zone,
    zoneAbbr: ZONE_ABBR[zone],
    roles: ROLES.map((code) => ({ code, label: ROLE_LABELS[code] })),
    categories: AUDIT_CATEGORIES.map((code) => ({ code, label: AUDIT_CATEGORY_LABELS[code] })),
    outcomes: AUDIT_OUTCOMES.map((code) => ({ code, label: AUDIT_OUTCOME_LABELS[code] })),
    organisations: orgs.map((o) => ({ id: o.id, name: o.name, typeLabel: orgTypeLabel(o.type) })),
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
