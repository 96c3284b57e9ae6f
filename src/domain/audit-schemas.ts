/**
 * What the audit log pages accept (issue 8 §5). Dates are local calendar days in the zone of the
 * reader's jurisdiction (src/domain/time.ts); unknown parameters are refused like everywhere else.
 */
import { z } from 'zod';
import { AUDIT_CATEGORIES, AUDIT_OUTCOMES } from './audit-words.ts';
import { ROLES } from './policy.ts';
import { isoDate, reqText, text, uuid } from './schemas.ts';

const filters = {
  actorId: uuid.optional(),
  /** part of the acting user's name */
  name: reqText(100).optional(),
  role: z.enum(ROLES, 'invalid_value').optional(),
  orgId: uuid.optional(),
  category: z.enum(AUDIT_CATEGORIES, 'invalid_value').optional(),
  outcome: z.enum(AUDIT_OUTCOMES, 'invalid_value').optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  entity: text(50).optional(),
  entityId: text(100).optional(),
  action: text(100).optional(),
};

const rangeInOrder = (q: { from?: string | undefined; to?: string | undefined }, ctx: z.RefinementCtx) => {
  if (q.from && q.to && q.from > q.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'date_before_from', input: q.to });
};

export const AuditQuery = z
  .strictObject({
    ...filters,
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine(rangeInOrder);
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditExportQuery = z
  .strictObject({ ...filters, lang: z.enum(['id', 'en'], 'invalid_value').optional() })
  .superRefine(rangeInOrder);
export type AuditExportQuery = z.infer<typeof AuditExportQuery>;

export const AccessLogQuery = z.strictObject({
  actorId: uuid.optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type AccessLogQuery = z.infer<typeof AccessLogQuery>;

/** The most rows one CSV export holds; narrow the filters for more. */
export const AUDIT_EXPORT_MAX_ROWS = 50_000;
