/**
 * Job handlers that deliver an in-app notification outside Simpul: `notification.deliver`
 * e-mails it (to the user's sign-in address, when the user wants e-mail and SMTP is configured)
 * and, when the user gave a WhatsApp number and a notification template is configured, hands on
 * to `notification.whatsapp` — a job of its own, so a WhatsApp failure never re-sends the e-mail.
 * Both carry only the kind's label, the reference number and the link (no personal data).
 * A disabled user gets nothing.
 */
import { findForDelivery } from '../../db/notification.repository.ts';
import {
  absoluteLink,
  notificationEmail,
  whatsappNumber,
  whatsappTemplateParams,
} from '../../domain/notifications.ts';
import { audit, type Services } from '../context.ts';
import { sendMessage } from '../whatsapp/graph.ts';
import { mailError, sendMail } from './mailer.ts';

export type FollowUp = { kind: string; payload: Record<string, unknown> };
export type JobResult = { followUps?: FollowUp[] } | undefined;

/** A failure worth retrying; `message` holds no personal data. */
export class JobFailure extends Error {}

function linkOf(svc: Services, link: string): string {
  return absoluteLink(svc.publicUrl ?? 'http://localhost:8080', link);
}

const systemCtx = (svc: Services) => ({
  ...svc,
  actor: null,
  meta: { ip: null, userAgent: null, requestId: null },
});

function notificationId(payload: Record<string, unknown>): string | null {
  const id = payload.notificationId;
  return typeof id === 'string' ? id : null;
}

export async function deliverNotification(
  svc: Services,
  payload: Record<string, unknown>,
): Promise<JobResult> {
  const id = notificationId(payload);
  const n = id ? await findForDelivery(svc.conn.db, id) : undefined;
  if (!n || n.disabled) return undefined;
  const url = linkOf(svc, n.link);
  if (n.notify_email) {
    if (!svc.mail) {
      svc.log.debug({ notificationId: n.id }, 'e-mail off (no SMTP_URL): notification not e-mailed');
    } else {
      try {
        await sendMail(svc.mail, {
          to: n.email,
          ...notificationEmail({ kind: n.kind, ref: n.ref, topic: n.topic, url }),
        });
      } catch (e) {
        throw new JobFailure(mailError(e));
      }
      await audit(systemCtx(svc), svc.conn.db, {
        action: 'notification.email',
        entity: 'notification',
        entityId: n.id,
        outcome: 'ok',
        detail: { kind: n.kind },
      });
    }
  }
  if (n.notify_wa_phone_enc && svc.whatsapp?.notifyTemplate)
    return { followUps: [{ kind: 'notification.whatsapp', payload: { notificationId: n.id } }] };
  return undefined;
}

export async function deliverWhatsApp(svc: Services, payload: Record<string, unknown>): Promise<JobResult> {
  const id = notificationId(payload);
  const n = id ? await findForDelivery(svc.conn.db, id) : undefined;
  const wa = svc.whatsapp;
  const template = wa?.notifyTemplate;
  if (!n || n.disabled || !n.notify_wa_phone_enc || !wa || !template) return undefined;
  const to = whatsappNumber(svc.keys.decrypt(n.notify_wa_phone_enc));
  try {
    await sendMessage(wa, to, {
      type: 'template',
      name: template.name,
      language: template.language,
      params: whatsappTemplateParams({ kind: n.kind, ref: n.ref, topic: n.topic, url: linkOf(svc, n.link) }),
    });
  } catch (e) {
    // GraphError messages carry only the HTTP status and Graph code
    throw new JobFailure(`whatsapp ${(e as Error).message}`.slice(0, 200));
  }
  await audit(systemCtx(svc), svc.conn.db, {
    action: 'notification.whatsapp',
    entity: 'notification',
    entityId: n.id,
    outcome: 'ok',
    detail: { kind: n.kind },
  });
  return undefined;
}
