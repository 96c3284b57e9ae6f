/**
 * Telling people that something needs them. A notification is a row in the user's in-app list
 * plus a job that delivers it by e-mail (and WhatsApp template where set up). Both are written in
 * the caller's transaction: if the change rolls back, nobody is told; if it commits, the job
 * survives a crash and is delivered by the worker. Notifications carry no personal data: a kind,
 * a link inside Simpul and a reference number.
 */
import { enqueueJobs, insertNotifications } from '../../db/notification.repository.ts';
import type { NotificationKind } from '../../domain/referrals.ts';
import type { Tx } from '../context.ts';

/** `topic`: what the notice is about beyond its kind, a code (a deadline rule), never free text. */
export type Notice = { kind: NotificationKind; link: string; ref?: string | null; topic?: string | null };

export async function notify(db: Tx, userIds: readonly string[], n: Notice, at: Date): Promise<void> {
  const unique = [...new Set(userIds)];
  const rows = await insertNotifications(
    db,
    unique.map((userId) => ({
      userId,
      kind: n.kind,
      link: n.link,
      ref: n.ref ?? null,
      topic: n.topic ?? null,
    })),
    at,
  );
  await enqueueJobs(
    db,
    rows.map((r) => ({ kind: 'notification.deliver', payload: { notificationId: r.id }, runAt: at })),
    at,
  );
}
