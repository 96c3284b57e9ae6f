/** Notifications and the job queue (tables `notification`, `job`). */

import { randomUUID } from 'node:crypto';
import type { Role } from '../domain/policy.ts';
import { cappedCount, pageOfRows } from './capped-count.ts';
import type { Tx } from './connect.ts';

export type NewNotification = {
  userId: string;
  kind: string;
  link: string;
  ref: string | null;
  topic?: string | null;
};

export async function insertNotifications(db: Tx, rows: readonly NewNotification[], at: Date) {
  if (rows.length === 0) return [];
  return db
    .insertInto('notification')
    .values(
      rows.map((r) => ({
        id: randomUUID(),
        user_id: r.userId,
        kind: r.kind,
        link: r.link,
        ref: r.ref,
        topic: r.topic ?? null,
        created_at: at,
      })),
    )
    .returning(['id', 'user_id'])
    .execute();
}

export async function enqueueJobs(
  db: Tx,
  jobs: ReadonlyArray<{ kind: string; payload: Record<string, unknown>; runAt: Date }>,
  at: Date,
) {
  if (jobs.length === 0) return;
  await db
    .insertInto('job')
    .values(
      jobs.map((j) => ({
        kind: j.kind,
        payload: JSON.stringify(j.payload),
        run_at: j.runAt,
        created_at: at,
      })),
    )
    .execute();
}

/** Active users of an organisation, optionally only some roles. */
export function activeUsersOfOrg(db: Tx, orgId: string, roles?: readonly Role[]) {
  let q = db.selectFrom('app_user').select(['id']).where('org_id', '=', orgId).where('disabled', '=', false);
  if (roles && roles.length > 0) q = q.where('role', 'in', roles);
  return q.execute().then((r) => r.map((x) => x.id));
}

/** Active users of some roles whose organisation works in `jurisdiction`. */
export function activeUsersInJurisdiction(db: Tx, jurisdiction: string, roles: readonly Role[]) {
  return db
    .selectFrom('app_user')
    .innerJoin('organisation', 'organisation.id', 'app_user.org_id')
    .select(['app_user.id'])
    .where('organisation.jurisdiction', '=', jurisdiction)
    .where('app_user.role', 'in', roles)
    .where('app_user.disabled', '=', false)
    .execute()
    .then((r) => r.map((x) => x.id));
}

// ---- delivery and the user's own notification list (issue 4 §4)

/** A notification with what delivery needs to know about its user. */
export function findForDelivery(db: Tx, notificationId: string) {
  return db
    .selectFrom('notification')
    .innerJoin('app_user', 'app_user.id', 'notification.user_id')
    .select([
      'notification.id',
      'notification.kind',
      'notification.link',
      'notification.ref',
      'notification.topic',
      'notification.read_at',
      'app_user.email',
      'app_user.disabled',
      'app_user.notify_email',
      'app_user.notify_wa_phone_enc',
    ])
    .where('notification.id', '=', notificationId)
    .executeTakeFirst();
}

export async function listUserNotifications(
  db: Tx,
  userId: string,
  o: { unreadOnly: boolean; limit: number; offset: number },
) {
  let q = db.selectFrom('notification').where('user_id', '=', userId);
  if (o.unreadOnly) q = q.where('read_at', 'is', null);
  const [rows, total] = await Promise.all([
    q
      .select(['id', 'kind', 'link', 'ref', 'topic', 'created_at', 'read_at'])
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(o.limit + 1)
      .offset(o.offset)
      .execute(),
    // never count every match (src/db/capped-count.ts)
    cappedCount(db, q.select('id')),
  ]);
  const page = pageOfRows(rows, o.limit);
  return { items: page.rows, hasMore: page.hasMore, ...total };
}

export async function countUnread(db: Tx, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Marks one of the user's notifications read; false when it is not theirs (or does not exist). */
export async function markNotificationRead(db: Tx, userId: string, id: string, at: Date): Promise<boolean> {
  const own = await db
    .selectFrom('notification')
    .select(['id', 'read_at'])
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!own) return false;
  if (own.read_at === null)
    await db.updateTable('notification').set({ read_at: at }).where('id', '=', id).execute();
  return true;
}

export async function markAllNotificationsRead(db: Tx, userId: string, at: Date): Promise<number> {
  const r = await db
    .updateTable('notification')
    .set({ read_at: at })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function getNotifySettings(db: Tx, userId: string) {
  return db
    .selectFrom('app_user')
    .select(['notify_email', 'notify_wa_phone_enc'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function setNotifySettings(
  db: Tx,
  userId: string,
  s: { notifyEmail: boolean; waPhoneEnc: string | null },
  at: Date,
) {
  await db
    .updateTable('app_user')
    .set({ notify_email: s.notifyEmail, notify_wa_phone_enc: s.waPhoneEnc, updated_at: at })
    .where('id', '=', userId)
    .execute();
}

/**
 * Of `ids`, the active users whose organisation works in `jurisdiction` (after a transfer, the
 * sender's staff are no longer told about the case's referrals).
 */
export async function usersWorkingIn(db: Tx, ids: ReadonlyArray<string | null>, jurisdiction: string) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return [];
  const rows = await db
    .selectFrom('app_user')
    .innerJoin('organisation', 'organisation.id', 'app_user.org_id')
    .select('app_user.id')
    .where('app_user.id', 'in', wanted)
    .where('app_user.disabled', '=', false)
    .where('organisation.jurisdiction', '=', jurisdiction)
    .execute();
  return rows.map((r) => r.id);
}
