/** The whatsapp part of the API contract (see ./define.ts): an intake item's WhatsApp conversation. */
import { z } from 'zod';
import { uuid } from '../schemas.ts';
import { MEDIA_STATES, WhatsAppReply } from '../whatsapp.ts';
import { routes } from './define.ts';

const Id = z.object({ id: uuid });
const MediaParams = z.object({ id: uuid, messageId: uuid });
const tags = ['WhatsApp'];

/** One message of a conversation, decrypted for the officer, with its delivery state. */
export const WhatsAppMessageDto = z
  .object({
    id: z.string(),
    /** the intake item the message belongs to */
    intakeId: z.string(),
    direction: z.enum(['in', 'out']),
    /** WhatsApp's message type: text, image, audio, document, location, template… */
    type: z.string(),
    at: z.string(),
    text: z.string().nullable(),
    template: z.object({ name: z.string(), language: z.string().nullable() }).nullable(),
    media: z
      .object({
        mime: z.string().nullable(),
        filename: z.string().nullable(),
        size: z.number().int().nullable(),
        /** fetched from WhatsApp after the message arrived */
        state: z.enum(MEDIA_STATES).nullable(),
        error: z.string().nullable(),
        /** where the officer downloads it (GET /intake/{id}/whatsapp/media/{messageId}) */
        url: z.string(),
      })
      .nullable(),
    location: z
      .object({ latitude: z.number(), longitude: z.number(), label: z.string().nullable() })
      .nullable(),
    /** incoming: received; outgoing: accepted, sent, delivered, read or failed */
    status: z.string(),
    sentAt: z.string().nullable(),
    deliveredAt: z.string().nullable(),
    readAt: z.string().nullable(),
    failedAt: z.string().nullable(),
    errorCode: z.string().nullable(),
    sentByName: z.string().nullable(),
  })
  .meta({ id: 'WhatsAppMessageDto' });
export type WhatsAppMessageDto = z.infer<typeof WhatsAppMessageDto>;

/** The WhatsApp conversation of an intake item: who wrote, the messages and the reply window. */
export const WhatsAppConversationDto = z
  .object({
    conversationId: z.string(),
    /** the item asked for */
    intakeId: z.string(),
    /** the item the conversation now belongs to (a later message may have opened a new one) */
    currentIntakeId: z.string(),
    phone: z.string(),
    profileName: z.string().nullable(),
    status: z.string(),
    lastMessageAt: z.string(),
    lastInboundAt: z.string().nullable(),
    /** free text is possible until replyWindowEndsAt; afterwards only approved templates */
    replyWindowOpen: z.boolean(),
    replyWindowEndsAt: z.string().nullable(),
    /** whether this installation is connected to WhatsApp (replies can be sent) */
    enabled: z.boolean(),
    messages: z.array(WhatsAppMessageDto),
  })
  .meta({ id: 'WhatsAppConversationDto' });
export type WhatsAppConversationDto = z.infer<typeof WhatsAppConversationDto>;

export const whatsappRoutes = routes({
  'GET /intake/{id}/whatsapp': {
    summary: 'Percakapan WhatsApp sebuah pengaduan, dengan status kirim/terima/baca',
    tags,
    params: Id,
    response: WhatsAppConversationDto,
  },
  'POST /intake/{id}/whatsapp/messages': {
    summary: 'Balas lewat WhatsApp (teks dalam 24 jam, atau templat yang disetujui)',
    tags,
    params: Id,
    body: WhatsAppReply,
    response: WhatsAppMessageDto,
    status: 201,
  },
  'GET /intake/{id}/whatsapp/media/{messageId}': {
    summary: 'Unduh berkas yang dikirim lewat WhatsApp',
    tags,
    params: MediaParams,
    // whatever the sender sent (its type as WhatsApp gave it, or application/octet-stream)
    response: { file: ['image/*', 'audio/*', 'video/*', 'application/*', 'text/*'] },
  },
});
