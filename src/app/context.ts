import type { MailSettings, WhatsAppSettings } from '../config.ts';
import { type AuditInput, appendAudit } from '../db/audit.repository.ts';
import type { Db, Tx } from '../db/connect.ts';
import type { Actor } from '../domain/policy.ts';
import type { Logger } from '../logger.ts';
import type { Keyring } from './crypto.ts';

export type RequestMeta = {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  /**
   * A person on a public page (a reporter, someone checking a letter): the audit log keeps only a
   * keyed hash of the address and no browser description, so no audit row links a report or its
   * follow-up code to where it was sent from (docs/security.md, decision 015).
   */
  anonymous?: boolean;
};

/** How the audit log records a request's source: in clear for staff, a keyed hash for the public. */
function auditSource(ctx: Ctx): { ip: string | null; userAgent: string | null } {
  if (!ctx.meta.anonymous) return { ip: ctx.meta.ip, userAgent: ctx.meta.userAgent };
  return {
    ip: ctx.meta.ip ? `src:${ctx.keys.blindIndex('audit-source', ctx.meta.ip).slice(0, 16)}` : null,
    userAgent: null,
  };
}

export type Services = {
  conn: Db;
  keys: Keyring;
  clock: () => Date;
  log: Logger;
  /** WhatsApp Business Cloud API settings; absent when WhatsApp intake is off */
  whatsapp?: WhatsAppSettings | undefined;
  /** SMTP for notification e-mail; absent when e-mail is off */
  mail?: MailSettings | undefined;
  /** base of links in e-mail and WhatsApp notifications (SIMPUL_PUBLIC_URL) */
  publicUrl?: string | undefined;
  /** where checkpoints of the audit chain head are written, outside the database (decision 017); absent = none */
  auditAnchorDir?: string | undefined;
};

export type Ctx = Services & { actor: Actor | null; meta: RequestMeta };
export type AuthedCtx = Services & { actor: Actor; meta: RequestMeta };

export type { Tx } from '../db/connect.ts';

export type AuditEvent = Pick<AuditInput, 'action' | 'entity' | 'entityId' | 'outcome'> & {
  detail?: Record<string, unknown> | null;
};

/** The audit rows of events done by the context's actor in its request. */
export function auditRows(ctx: Ctx, ...events: AuditEvent[]): AuditInput[] {
  const at = ctx.clock();
  const source = auditSource(ctx);
  return events.map((e) => ({
    at,
    actorId: ctx.actor?.userId ?? null,
    actorRole: ctx.actor?.role ?? null,
    ip: source.ip,
    userAgent: source.userAgent,
    requestId: ctx.meta.requestId,
    detail: null,
    ...e,
  }));
}

/** Appends audit events for the context's actor and request. */
export function audit(ctx: Ctx, db: Tx, ...events: AuditEvent[]): Promise<void> {
  return appendAudit(db, auditRows(ctx, ...events));
}
