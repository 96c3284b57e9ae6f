/** The notifications part of the API contract (see ./define.ts): in-app notifications and how a user is told. */
import { z } from 'zod';
import { LabelSchema } from '../dto.ts';
import { NotificationIdParams, NotificationListQuery, NotificationSettingsInput } from '../notifications.ts';
import { listOf, routes } from './define.ts';

const tags = ['Notifikasi'];

/** One in-app notification: no personal data, only its kind, a reference number and a link. */
export const NotificationDto = z
  .object({
    id: z.string(),
    /** src/domain/referrals.ts NOTIFICATION_KINDS */
    kind: z.string(),
    label: LabelSchema,
    /** a path inside the staff app */
    link: z.string(),
    /** a reference number (referral, transfer, agreement, case), never a name */
    ref: z.string().nullable(),
    /** for a case task: its deadline rule */
    topic: z.string().nullable(),
    topicLabel: LabelSchema.nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'NotificationDto' });
export type NotificationDto = z.infer<typeof NotificationDto>;

/** The user's notifications, a page of them, and how many are unread in all. */
export const NotificationListDto = listOf(NotificationDto)
  .extend({ unread: z.number().int() })
  .meta({ id: 'NotificationListDto' });
export type NotificationListDto = z.infer<typeof NotificationListDto>;

export const UnreadCountDto = z.object({ unread: z.number().int() }).meta({ id: 'UnreadCountDto' });
export type UnreadCountDto = z.infer<typeof UnreadCountDto>;

export const NotificationSettingsDto = z
  .object({
    email: z.boolean(),
    whatsappPhone: z.string().nullable(),
    /** whether this installation sends e-mail notifications at all */
    emailAvailable: z.boolean(),
    /** whether this installation sends WhatsApp notifications at all */
    whatsappAvailable: z.boolean(),
  })
  .meta({ id: 'NotificationSettingsDto' });
export type NotificationSettingsDto = z.infer<typeof NotificationSettingsDto>;

export const notificationsRoutes = routes({
  'GET /notifications': {
    summary: 'Notifikasi saya (terbaru dahulu)',
    tags,
    query: NotificationListQuery,
    response: NotificationListDto,
  },
  'GET /notifications/count': { summary: 'Jumlah notifikasi belum dibaca', tags, response: UnreadCountDto },
  'POST /notifications/read-all': {
    summary: 'Tandai semua notifikasi sudah dibaca',
    tags,
    response: z.object({ marked: z.number().int(), unread: z.number().int() }),
  },
  'POST /notifications/{id}/read': {
    summary: 'Tandai satu notifikasi sudah dibaca',
    tags,
    params: NotificationIdParams,
    response: UnreadCountDto,
  },
  'GET /auth/me/notifications': {
    summary: 'Pengaturan pemberitahuan saya (e-mail, WhatsApp)',
    tags,
    response: NotificationSettingsDto,
  },
  'PATCH /auth/me/notifications': {
    summary: 'Ubah pengaturan pemberitahuan saya',
    tags,
    body: NotificationSettingsInput,
    response: NotificationSettingsDto,
  },
});
