/**
 * Webhooks called by outside services, outside /api: no session and no CSRF header, each call is
 * authenticated by its sender's signature instead. WhatsApp Business Cloud API:
 * GET answers the subscription handshake, POST receives notifications (signature checked over
 * the raw body before anything is parsed; answered as soon as the messages are stored, media
 * are fetched afterwards).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { runInBackground } from '../app/background.ts';
import type { Ctx, Services } from '../app/context.ts';
import { fetchPendingMedia } from '../app/whatsapp/media.ts';
import { receiveNotification, webhookSlot } from '../app/whatsapp/receive-notification.ts';
import { checkSignature, sameSecret } from '../app/whatsapp/shared.ts';
import { type AppEnv, meta } from './context.ts';
import { errorResponse } from './errors.ts';

const WEBHOOK_LIMIT = 1024 * 1024;

export function webhookRoutes(app: OpenAPIHono<AppEnv>, svc: Services) {
  app.use('/webhooks/*', async (c, next) => {
    c.header('cache-control', 'no-store');
    if (!svc.whatsapp) return errorResponse(c, 'NOT_FOUND');
    return bodyLimit({
      maxSize: WEBHOOK_LIMIT,
      onError: (cc) => errorResponse(cc as Context<AppEnv>, 'PAYLOAD_TOO_LARGE'),
    })(c, next);
  });

  const ctxOf = (c: Context<AppEnv>): Ctx => ({ ...svc, actor: null, meta: meta(c) });

  /** 429 for a source whose calls were rejected too often this minute (issue 9 §9) */
  const limited = (c: Context<AppEnv>) => {
    c.header('retry-after', '60');
    return errorResponse(c, 'RATE_LIMITED');
  };

  app.get('/webhooks/whatsapp', async (c) => {
    const s = svc.whatsapp!;
    const slot = webhookSlot(ctxOf(c), 'whatsapp.verify');
    if (slot.limited) return limited(c);
    const mode = c.req.query('hub.mode');
    const token = c.req.query('hub.verify_token') ?? '';
    const challenge = c.req.query('hub.challenge') ?? '';
    if (mode === 'subscribe' && sameSecret(token, s.verifyToken) && /^[\x21-\x7e]{1,256}$/.test(challenge)) {
      slot.release();
      return c.text(challenge, 200);
    }
    slot.reject(mode === 'subscribe' ? 'wrong_token' : 'bad_request');
    return errorResponse(c, 'FORBIDDEN');
  });

  app.post('/webhooks/whatsapp', async (c) => {
    const s = svc.whatsapp!;
    const slot = webhookSlot(ctxOf(c), 'whatsapp.webhook');
    if (slot.limited) return limited(c);
    let raw: Uint8Array;
    try {
      raw = new Uint8Array(await c.req.arrayBuffer());
    } catch (e) {
      slot.release(); // a body that could not be read is no bad signature
      throw e;
    }
    const check = checkSignature(s.appSecret, raw, c.req.header('x-hub-signature-256'));
    if (check !== 'ok') {
      slot.reject(`signature_${check}`);
      return errorResponse(c, 'WEBHOOK_SIGNATURE_INVALID');
    }
    slot.release();
    if (!/^application\/json\b/i.test(c.req.header('content-type') ?? ''))
      return errorResponse(c, 'UNSUPPORTED_MEDIA_TYPE');
    let payload: unknown;
    try {
      payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(raw));
    } catch {
      return errorResponse(c, 'MALFORMED_JSON');
    }
    const ctx = ctxOf(c);
    const r = await receiveNotification(ctx, payload);
    // fetching media can take long; WhatsApp wants a quick answer
    runInBackground(svc, 'whatsapp media', () => fetchPendingMedia(ctx, r.pendingMedia));
    return c.json({ received: r.messages, duplicates: r.duplicates, statuses: r.statuses });
  });
}
