/**
 * WhatsApp Business Cloud API: the shapes Simpul reads from webhook notifications, the reply an
 * officer may send, and the rules for delivery statuses and the 24-hour reply window. Pure rules,
 * no I/O. Notification schemas are lenient (WhatsApp adds fields over time); what Simpul stores
 * is picked out explicitly.
 */
import { z } from 'zod';

const MediaPart = z.looseObject({
  id: z.string().min(1).max(200),
  mime_type: z.string().max(200).optional(),
  caption: z.string().max(10_000).optional(),
  filename: z.string().max(1000).optional(),
});

export const MEDIA_TYPES = ['image', 'audio', 'document', 'video', 'sticker'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];

/** Where a message's file stands: waiting to be fetched, being fetched, stored, or fetching failed. */
export const MEDIA_STATES = ['menunggu', 'mengambil', 'tersimpan', 'gagal'] as const;
export type MediaState = (typeof MEDIA_STATES)[number];

export const IncomingMessage = z.looseObject({
  from: z.string().regex(/^\d{5,20}$/),
  id: z.string().min(1).max(500),
  timestamp: z
    .string()
    .regex(/^\d{1,12}$/)
    .optional(),
  type: z
    .string()
    .regex(/^[a-z_]{1,40}$/)
    .default('unknown'),
  text: z.looseObject({ body: z.string().max(100_000) }).optional(),
  image: MediaPart.optional(),
  audio: MediaPart.optional(),
  document: MediaPart.optional(),
  video: MediaPart.optional(),
  sticker: MediaPart.optional(),
  location: z
    .looseObject({
      latitude: z.number().min(-90).max(90),
      longitude: z.number().min(-180).max(180),
      name: z.string().max(1000).optional(),
      address: z.string().max(1000).optional(),
    })
    .optional(),
  button: z.looseObject({ text: z.string().max(10_000).optional() }).optional(),
  interactive: z
    .looseObject({
      button_reply: z.looseObject({ title: z.string().max(1000).optional() }).optional(),
      list_reply: z.looseObject({ title: z.string().max(1000).optional() }).optional(),
    })
    .optional(),
  reaction: z.looseObject({ emoji: z.string().max(50).optional() }).optional(),
});
export type IncomingMessage = z.infer<typeof IncomingMessage>;

export const StatusUpdate = z.looseObject({
  id: z.string().min(1).max(500),
  status: z.string().max(40),
  timestamp: z
    .string()
    .regex(/^\d{1,12}$/)
    .optional(),
  errors: z.array(z.looseObject({ code: z.union([z.number(), z.string()]).optional() })).optional(),
});
export type StatusUpdate = z.infer<typeof StatusUpdate>;

export const ChangeValue = z.looseObject({
  metadata: z.looseObject({ phone_number_id: z.string().optional() }).optional(),
  contacts: z
    .array(
      z.looseObject({
        wa_id: z.string().optional(),
        profile: z.looseObject({ name: z.string().max(500).optional() }).optional(),
      }),
    )
    .optional(),
  messages: z.array(z.unknown()).max(1000).optional(),
  statuses: z.array(z.unknown()).max(1000).optional(),
});

export const Notification = z.looseObject({
  object: z.string(),
  entry: z
    .array(
      z.looseObject({
        changes: z.array(z.looseObject({ field: z.string(), value: z.unknown() })).max(1000),
      }),
    )
    .max(1000),
});

/** The readable text of a message: its body, a media caption, a button or list choice, a reaction. */
export function messageText(m: IncomingMessage): string | null {
  if (m.text) return m.text.body;
  const media = mediaOf(m);
  if (media) return media.caption ?? null;
  if (m.button?.text) return m.button.text;
  const i = m.interactive?.button_reply?.title ?? m.interactive?.list_reply?.title;
  if (i) return i;
  if (m.reaction?.emoji) return m.reaction.emoji;
  return null;
}

export function mediaOf(m: IncomingMessage) {
  return (MEDIA_TYPES as readonly string[]).includes(m.type) ? (m[m.type as MediaType] ?? null) : null;
}

/** WhatsApp's time for a message (seconds since the epoch), or `now` when missing or in the future. */
export function waTime(ts: string | undefined, now: Date): Date {
  if (!ts) return now;
  const t = new Date(Number(ts) * 1000);
  return t.getTime() > now.getTime() + 5 * 60_000 || t.getTime() <= 0 ? now : t;
}

/** Outgoing delivery states in the order WhatsApp reports them; `failed` stands apart. */
export const DELIVERY_RANK: Record<string, number> = { accepted: 0, sent: 1, delivered: 2, read: 3 };
export const DELIVERY_STATUSES = ['sent', 'delivered', 'read', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The status an outgoing message has after `incoming` arrives: statuses may arrive out of order
 * or twice, so a message never goes back (read stays read), and a failure after delivery is ignored.
 */
export function nextDeliveryStatus(current: string, incoming: DeliveryStatus): string {
  if (incoming === 'failed') return (DELIVERY_RANK[current] ?? 0) >= 2 ? current : 'failed';
  if (current === 'failed') return current;
  return (DELIVERY_RANK[incoming] ?? 0) > (DELIVERY_RANK[current] ?? 0) ? incoming : current;
}

/** WhatsApp allows free-form replies for 24 hours after the sender's last message; after that only templates. */
export const REPLY_WINDOW_MS = 24 * 3600_000;

export function replyWindowOpen(lastInboundAt: Date | null, now: Date): boolean {
  return lastInboundAt !== null && now.getTime() - lastInboundAt.getTime() < REPLY_WINDOW_MS;
}

export const WhatsAppReply = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('text'), body: z.string().trim().min(1).max(4096) }),
  z.strictObject({
    type: z.literal('template'),
    name: z
      .string()
      .regex(/^[a-z0-9_]{1,512}$/, 'invalid_value')
      .describe('nama templat yang sudah disetujui'),
    language: z
      .string()
      .regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'invalid_value')
      .describe('kode bahasa templat, mis. id atau en_US'),
  }),
]);
export type WhatsAppReply = z.infer<typeof WhatsAppReply>;

/** A mime type that is safe to put in a Content-Type header, or a neutral one. */
export function safeMime(m: string | null | undefined): string {
  const base = (m ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z]+\/[a-z0-9.+-]{1,100}$/.test(base) ? base : 'application/octet-stream';
}
