import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../app/context.ts';
import {
  listNotifications,
  markAllRead,
  markRead,
  unreadCount,
} from '../../app/notifications/list-notifications.ts';
import {
  getNotificationSettings,
  updateNotificationSettings,
} from '../../app/notifications/notification-settings.ts';
import {
  NotificationIdParams,
  NotificationListQuery,
  NotificationSettingsInput,
} from '../../domain/notifications.ts';
import { type AppEnv, authed } from '../context.ts';
import { op } from '../openapi.ts';

export function notificationRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  const tags = ['Notifikasi'];
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/notifications',
      summary: 'Notifikasi saya (terbaru dahulu)',
      tags,
      query: NotificationListQuery,
    },
    async (c, { query }) => c.json(await listNotifications(authed(c, svc), query)),
  );
  op(
    app,
    { method: 'get', path: '/api/v1/notifications/count', summary: 'Jumlah notifikasi belum dibaca', tags },
    async (c) => c.json(await unreadCount(authed(c, svc))),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/notifications/read-all',
      summary: 'Tandai semua notifikasi sudah dibaca',
      tags,
    },
    async (c) => c.json(await markAllRead(authed(c, svc))),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/notifications/{id}/read',
      summary: 'Tandai satu notifikasi sudah dibaca',
      tags,
      params: NotificationIdParams,
    },
    async (c, { params }) => c.json(await markRead(authed(c, svc), (params as { id: string }).id)),
  );
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/auth/me/notifications',
      summary: 'Pengaturan pemberitahuan saya (e-mail, WhatsApp)',
      tags,
    },
    async (c) => c.json(await getNotificationSettings(authed(c, svc))),
  );
  op(
    app,
    {
      method: 'patch',
      path: '/api/v1/auth/me/notifications',
      summary: 'Ubah pengaturan pemberitahuan saya',
      tags,
      body: NotificationSettingsInput,
    },
    async (c, { body }) =>
      c.json(await updateNotificationSettings(authed(c, svc), body as NotificationSettingsInput)),
  );
}
