import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Services } from '../../app/context.ts';
import { getConversation } from '../../app/whatsapp/list-conversation.ts';
import { getWhatsAppMedia } from '../../app/whatsapp/media.ts';
import { sendReply } from '../../app/whatsapp/send-reply.ts';
import { uuid } from '../../domain/schemas.ts';
import { WhatsAppReply } from '../../domain/whatsapp.ts';
import { type AppEnv, authed, created } from '../context.ts';
import { op } from '../openapi.ts';

const Id = z.object({ id: uuid });
const MediaParams = z.object({ id: uuid, messageId: uuid });
const INLINE = /^(image\/(jpeg|png|webp)|audio\/[a-z0-9.+-]+|video\/mp4)$/;

export function whatsappRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  const tags = ['WhatsApp'];
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/intake/{id}/whatsapp',
      summary: 'Percakapan WhatsApp sebuah pengaduan, dengan status kirim/terima/baca',
      tags,
      params: Id,
    },
    async (c, { params }) => c.json(await getConversation(authed(c, svc), (params as { id: string }).id)),
  );
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/intake/{id}/whatsapp/messages',
      summary: 'Balas lewat WhatsApp (teks dalam 24 jam, atau templat yang disetujui)',
      tags,
      params: Id,
      body: WhatsAppReply,
      status: 201,
    },
    async (c, { params, body }) => {
      const ctx = authed(c, svc);
      const id = (params as { id: string }).id;
      return created(c, `POST /intake/${id}/whatsapp`, body, (key) =>
        sendReply(ctx, id, body as WhatsAppReply, key),
      );
    },
  );
  op(
    app,
    {
      method: 'get',
      path: '/api/v1/intake/{id}/whatsapp/media/{messageId}',
      summary: 'Unduh berkas yang dikirim lewat WhatsApp',
      tags,
      params: MediaParams,
    },
    async (c, { params }) => {
      const p = params as { id: string; messageId: string };
      const f = await getWhatsAppMedia(authed(c, svc), p.id, p.messageId);
      const disposition = INLINE.test(f.mime) ? 'inline' : 'attachment';
      return new Response(new Uint8Array(f.bytes), {
        headers: {
          'content-type': f.mime,
          'content-disposition': `${disposition}; filename*=UTF-8''${encodeURIComponent(f.filename)}`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
        },
      });
    },
  );
}
