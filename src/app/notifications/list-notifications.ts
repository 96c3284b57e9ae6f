/** The signed-in user's own in-app notifications (no personal data in them: kind, link, number). */
import {
  countUnread,
  listUserNotifications,
  markAllNotificationsRead,
  markNotificationRead,
} from '../../db/notification.repository.ts';
import { pageOf } from '../../domain/contract/define.ts';
import type { NotificationListDto } from '../../domain/contract/notifications.ts';
import { AppError } from '../../domain/errors.ts';
import { type NotificationListQuery, notificationLabel, topicLabel } from '../../domain/notifications.ts';
import type { AuthedCtx } from '../context.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export async function listNotifications(
  ctx: AuthedCtx,
  q: NotificationListQuery,
): Promise<NotificationListDto> {
  const { items, ...count } = await listUserNotifications(ctx.conn.db, ctx.actor.userId, {
    unreadOnly: q.unread === '1',
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const page = pageOf(
    items.map((n) => ({
      id: n.id,
      kind: n.kind,
      label: notificationLabel(n.kind),
      link: n.link,
      ref: n.ref,
      topic: n.topic,
      topicLabel: topicLabel(n.topic),
      createdAt: iso(n.created_at)!,
      readAt: iso(n.read_at),
    })),
    q.page,
    q.pageSize,
    count,
  );
  return { ...page, unread: await countUnread(ctx.conn.db, ctx.actor.userId) };
}

export async function unreadCount(ctx: AuthedCtx) {
  return { unread: await countUnread(ctx.conn.db, ctx.actor.userId) };
}

/** Someone else's notification answers 404, like anything outside the actor's scope. */
export async function markRead(ctx: AuthedCtx, id: string) {
  const ok = await ctx.conn.db
    .transaction()
    .execute((trx) => markNotificationRead(trx, ctx.actor.userId, id, ctx.clock()));
  if (!ok) throw new AppError('NOT_FOUND');
  return unreadCount(ctx);
}

export async function markAllRead(ctx: AuthedCtx) {
  const marked = await ctx.conn.db
    .transaction()
    .execute((trx) => markAllNotificationsRead(trx, ctx.actor.userId, ctx.clock()));
  return { marked, unread: 0 };
}
