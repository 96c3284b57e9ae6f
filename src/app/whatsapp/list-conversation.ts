/** The WhatsApp conversation of an intake item, decrypted for the officer (audited). */
import { findConversationForIntake, listMessages } from '../../db/whatsapp.repository.ts';
import type { WhatsAppConversationDto } from '../../domain/contract/whatsapp.ts';
import { AppError } from '../../domain/errors.ts';
import { REPLY_WINDOW_MS, replyWindowOpen } from '../../domain/whatsapp.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { loadIntake } from '../intake/get-intake.ts';
import { messageDto } from './shared.ts';

export async function getConversation(ctx: AuthedCtx, intakeId: string): Promise<WhatsAppConversationDto> {
  const row = await loadIntake(ctx, intakeId, 'whatsapp.read');
  const db = ctx.conn.db;
  const conv = await findConversationForIntake(db, intakeId);
  if (!conv)
    throw new AppError('NOT_FOUND', undefined, {
      action: 'whatsapp.read',
      entity: 'intake',
      entityId: intakeId,
      outcome: 'not_found',
    });
  // only messages of items in this inbox: an earlier item forwarded elsewhere stays there
  const messages = await listMessages(db, conv.id, row.jurisdiction);
  await audit(ctx, db, {
    action: 'whatsapp.read',
    entity: 'intake',
    entityId: intakeId,
    outcome: 'ok',
    detail: { conversationId: conv.id, returned: messages.length },
  });
  const k = ctx.keys;
  const lastInbound = conv.last_inbound_at ? new Date(conv.last_inbound_at) : null;
  return {
    conversationId: conv.id,
    intakeId,
    currentIntakeId: conv.intake_id,
    phone: k.decrypt(conv.phone_enc),
    profileName: k.decrypt(conv.profile_name_enc),
    status: conv.status,
    lastMessageAt: new Date(conv.last_message_at).toISOString(),
    lastInboundAt: lastInbound?.toISOString() ?? null,
    /** free text is possible until then; afterwards only approved templates */
    replyWindowOpen: replyWindowOpen(lastInbound, ctx.clock()),
    replyWindowEndsAt: lastInbound ? new Date(lastInbound.getTime() + REPLY_WINDOW_MS).toISOString() : null,
    enabled: ctx.whatsapp !== undefined,
    messages: messages.map((m) => messageDto(k, intakeId, m)),
  };
}
