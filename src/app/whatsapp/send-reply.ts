/**
 * An officer with the intake item in their inbox replies on WhatsApp: free text inside the
 * 24-hour window after the sender's last message, an approved template at any time. The Graph
 * API is called outside any transaction; only a message it accepted is stored (with its id, so
 * delivery statuses find it). A refusal answers a clear error and stores nothing.
 */
import { randomUUID } from 'node:crypto';
import { addIntakeEvent, updateIntakeRow } from '../../db/intake.repository.ts';
import {
  findConversationForIntake,
  insertMessage,
  listMessages,
  updateConversation,
} from '../../db/whatsapp.repository.ts';
import type { WhatsAppMessageDto } from '../../domain/contract/whatsapp.ts';
import { AppError, type ErrorCode } from '../../domain/errors.ts';
import { replyWindowOpen, type WhatsAppReply } from '../../domain/whatsapp.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { type IdempotencyKey, sendOnce } from '../idempotency.ts';
import { loadIntake } from '../intake/get-intake.ts';
import { GraphError, sendMessage } from './graph.ts';
import { messageDto, waKey } from './shared.ts';

/** Graph API error codes: 131047 = more than 24 hours since the customer's last message; 132xxx = template problems. */
function refusal(e: GraphError): ErrorCode {
  if (e.graphCode === 131047) return 'WHATSAPP_WINDOW_CLOSED';
  if (e.graphCode !== null && e.graphCode >= 132000 && e.graphCode < 133000)
    return 'WHATSAPP_TEMPLATE_REJECTED';
  return 'WHATSAPP_SEND_FAILED';
}

/**
 * With an Idempotency-Key a reply is sent once: the key is reserved before the Graph API call and
 * the answer stored with the message (sendOnce); a copy that arrives meanwhile waits and gets the
 * same answer, if the item is still in the actor's inbox.
 */
export async function sendReply(
  ctx: AuthedCtx,
  intakeId: string,
  input: WhatsAppReply,
  key?: IdempotencyKey,
) {
  const row = await loadIntake(ctx, intakeId, 'whatsapp.send');
  const s = ctx.whatsapp;
  if (!s) throw new AppError('WHATSAPP_DISABLED');
  const db = ctx.conn.db;
  type Sent = WhatsAppMessageDto;
  return sendOnce<{ waId: string; conversationId: string; now: Date }, Sent>(
    ctx,
    key,
    {
      check: async (_m, trx) => void (await loadIntake(ctx, intakeId, 'whatsapp.send', trx)),
      audit: (m) => ({ action: 'whatsapp.send', entity: 'wa_message', entityId: m.id, detail: { intakeId } }),
    },
    async () => {
      const conv = await findConversationForIntake(db, intakeId);
      if (!conv)
        throw new AppError('NOT_FOUND', undefined, {
          action: 'whatsapp.send',
          entity: 'intake',
          entityId: intakeId,
          outcome: 'not_found',
        });
      const now = ctx.clock();
      if (
        input.type === 'text' &&
        !replyWindowOpen(conv.last_inbound_at ? new Date(conv.last_inbound_at) : null, now)
      )
        throw new AppError('WHATSAPP_WINDOW_CLOSED');
      const to = ctx.keys.decrypt(conv.phone_enc).replace(/\D/g, '');
      try {
        return { waId: await sendMessage(s, to, input), conversationId: conv.id, now };
      } catch (e) {
        if (!(e instanceof GraphError)) throw e;
        ctx.log.warn({ requestId: ctx.meta.requestId, reason: e.message }, 'whatsapp send refused');
        throw new AppError(refusal(e), undefined, {
          action: 'whatsapp.send',
          entity: 'intake',
          entityId: intakeId,
          outcome: 'failed',
        });
      }
    },
    async ({ waId, conversationId, now }, keep) => {
      const id = randomUUID();
      return db.transaction().execute(async (trx) => {
        await insertMessage(trx, {
          id,
          conversation_id: conversationId,
          intake_id: intakeId,
          wa_key: waKey(ctx.keys, waId),
          direction: 'out',
          type: input.type,
          body_enc: input.type === 'text' ? ctx.keys.encrypt(input.body) : null,
          template_name: input.type === 'template' ? input.name : null,
          template_language: input.type === 'template' ? input.language : null,
          status: 'accepted',
          sent_by: ctx.actor.userId,
          at: now,
          created_at: now,
        });
        await updateConversation(trx, conversationId, {
          status: 'dibalas',
          last_message_at: now,
          updated_at: now,
        });
        // a reply is a response: a new item is now being handled (a stale version just leaves it)
        if (row.status === 'baru')
          await updateIntakeRow(trx, intakeId, row.version, { status: 'ditangani' }, now);
        await addIntakeEvent(trx, intakeId, ctx.actor.userId, 'whatsapp.reply', now, { type: input.type });
        await audit(ctx, trx, {
          action: 'whatsapp.send',
          entity: 'wa_message',
          entityId: id,
          outcome: 'ok',
          detail: { intakeId, type: input.type },
        });
        const sent = (await listMessages(trx, conversationId, row.jurisdiction)).find((m) => m.id === id)!;
        const dto = messageDto(ctx.keys, intakeId, sent);
        await keep(trx, dto);
        return dto;
      });
    },
  );
}
