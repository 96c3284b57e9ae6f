/**
 * Media sent by WhatsApp: fetched through the Graph API after the notification was acknowledged,
 * stored encrypted in the database. A failed fetch is recorded and tried again with the next
 * notification (up to MAX_ATTEMPTS) or when an officer opens the file; the message itself is
 * never lost. An officer reads the decrypted file from the intake item it belongs to.
 */
import {
  claimPendingMedia,
  findConversationForIntake,
  findMediaMessage,
  markMediaFailed,
  storeMedia,
} from '../../db/whatsapp.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { safeMime } from '../../domain/whatsapp.ts';
import { type AuthedCtx, audit, type Ctx } from '../context.ts';
import { loadIntake } from '../intake/get-intake.ts';
import { downloadMedia, GraphError } from './graph.ts';

export const MAX_ATTEMPTS = 5;
const STALE_MS = 5 * 60_000;

/**
 * Fetches the media of the given messages and retries up to `retryLimit` earlier failures.
 * Returns how many files were stored.
 */
export async function fetchPendingMedia(
  ctx: Ctx,
  ids: string[],
  opts: { force?: boolean; retryLimit?: number } = {},
): Promise<{ stored: number; failed: number }> {
  const s = ctx.whatsapp;
  if (!s) return { stored: 0, failed: 0 };
  const now = ctx.clock();
  const claimed = await claimPendingMedia(ctx.conn.db, {
    ids,
    limit: opts.retryLimit ?? 10,
    maxAttempts: MAX_ATTEMPTS,
    now,
    staleBefore: new Date(now.getTime() - STALE_MS),
    force: opts.force ?? false,
  });
  let stored = 0;
  let failed = 0;
  for (const m of claimed) {
    try {
      const file = await downloadMedia(s, m.media_id);
      const mime = m.media_mime ?? file.mime;
      await ctx.conn.db.transaction().execute(async (trx) => {
        const ok = await storeMedia(trx, m.id, {
          enc: ctx.keys.encryptBytes(file.bytes),
          size: file.bytes.byteLength,
          mime: mime ? safeMime(mime) : null,
        });
        if (ok)
          await audit(ctx, trx, {
            action: 'whatsapp.media.fetch',
            entity: 'wa_message',
            entityId: m.id,
            outcome: 'ok',
            detail: { intakeId: m.intake_id, size: file.bytes.byteLength },
          });
      });
      stored++;
    } catch (e) {
      failed++;
      const g = e instanceof GraphError ? e : null;
      const reason = g ? g.message.slice(0, 200) : 'store failed';
      ctx.log.warn({ messageId: m.id, reason }, 'whatsapp media not fetched');
      await ctx.conn.db.transaction().execute(async (trx) => {
        await markMediaFailed(trx, m.id, reason, g?.permanent ?? false, MAX_ATTEMPTS);
        await audit(ctx, trx, {
          action: 'whatsapp.media.fetch',
          entity: 'wa_message',
          entityId: m.id,
          outcome: 'failed',
          detail: { intakeId: m.intake_id, reason },
        });
      });
    }
  }
  return { stored, failed };
}

/** The decrypted file of a message of the intake's conversation; fetched now if it is still missing. */
export async function getWhatsAppMedia(ctx: AuthedCtx, intakeId: string, messageId: string) {
  const row = await loadIntake(ctx, intakeId, 'whatsapp.media.read');
  const db = ctx.conn.db;
  const conv = await findConversationForIntake(db, intakeId);
  const notFound = new AppError('NOT_FOUND', undefined, {
    action: 'whatsapp.media.read',
    entity: 'wa_message',
    entityId: messageId,
    outcome: 'not_found',
  });
  if (!conv) throw notFound;
  let m = await findMediaMessage(db, conv.id, row.jurisdiction, messageId);
  if (!m?.media_id) throw notFound;
  if (!m.media_enc) {
    // the officer's request is a retry: fetch it now, whatever the earlier attempts
    if (ctx.whatsapp) await fetchPendingMedia(ctx, [m.id], { force: true, retryLimit: 0 });
    m = await findMediaMessage(db, conv.id, row.jurisdiction, messageId);
    if (!m?.media_enc) throw new AppError('WHATSAPP_MEDIA_UNAVAILABLE');
  }
  await audit(ctx, db, {
    action: 'whatsapp.media.read',
    entity: 'wa_message',
    entityId: m.id,
    outcome: 'ok',
    detail: { intakeId },
  });
  const ext =
    safeMime(m.media_mime)
      .split('/')[1]!
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 10) || 'bin';
  return {
    mime: safeMime(m.media_mime),
    filename: ctx.keys.decrypt(m.media_filename_enc) ?? `whatsapp-${m.type}.${ext}`,
    bytes: ctx.keys.decryptBytes(m.media_enc),
  };
}
