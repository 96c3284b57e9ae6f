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
import { type AppEnv, authed } from '../context.ts';
import { implement } from '../openapi.ts';

export function notificationRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'GET /notifications', async (c, { query }) => listNotifications(authed(c, svc), query));

  implement(app, 'GET /notifications/count', async (c) => unreadCount(authed(c, svc)));

  implement(app, 'POST /notifications/read-all', async (c) => markAllRead(authed(c, svc)));

  implement(app, 'POST /notifications/{id}/read', async (c, { params }) =>
    markRead(authed(c, svc), params.id),
  );

  implement(app, 'GET /auth/me/notifications', async (c) => getNotificationSettings(authed(c, svc)));

  implement(app, 'PATCH /auth/me/notifications', async (c, { body }) =>
    updateNotificationSettings(authed(c, svc), body),
  );
}
