import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Services } from '../../app/context.ts';
import { getConversation } from '../../app/whatsapp/list-conversation.ts';
import { getWhatsAppMedia } from '../../app/whatsapp/media.ts';
import { sendReply } from '../../app/whatsapp/send-reply.ts';
import { type AppEnv, authed, creating, fileAnswer } from '../context.ts';
import { implement } from '../openapi.ts';

const INLINE = /^(image\/(jpeg|png|webp)|audio\/[a-z0-9.+-]+|video\/mp4)$/;

export function whatsappRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  implement(app, 'GET /intake/{id}/whatsapp', async (c, { params }) =>
    getConversation(authed(c, svc), params.id),
  );

  implement(app, 'POST /intake/{id}/whatsapp/messages', async (c, { params, body }) => {
    const ctx = authed(c, svc);
    return creating(c, `POST /intake/${params.id}/whatsapp`, body, (key) =>
      sendReply(ctx, params.id, body, key),
    );
  });

  implement(app, 'GET /intake/{id}/whatsapp/media/{messageId}', async (c, { params }) => {
    const f = await getWhatsAppMedia(authed(c, svc), params.id, params.messageId);
    return fileAnswer(
      new Uint8Array(f.bytes),
      f.mime,
      f.filename,
      INLINE.test(f.mime) ? 'inline' : 'attachment',
    );
  });
}
