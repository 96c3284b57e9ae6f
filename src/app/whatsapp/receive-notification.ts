/**
 * A signed webhook notification from the WhatsApp Business Cloud API. Each message joins its
 * sender's conversation (one per number); the first message of a new conversation, or the first
 * after the conversation's intake item was closed, creates an intake item in the inbox. Text and
 * locations are stored encrypted; media are recorded at once and fetched afterwards
 * (fetchPendingMedia), so nothing is lost when the Graph API is slow or down. Delivery statuses
 * update the officers' replies. Each message and status is its own transaction, and WhatsApp's
 * message id (as a keyed hash) makes a notification delivered twice create nothing twice.
 */
import { randomUUID } from 'node:crypto';
import { addIntakeEvent, insertIntake } from '../../db/intake.repository.ts';
import {
  findConversationByPhoneHash,
  findOutgoingByKey,
  insertConversation,
  insertMessage,
  lockSender,
  messageKeyExists,
  updateConversation,
  updateMessage,
} from '../../db/whatsapp.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { type IntakeStatus, isOpen } from '../../domain/intake.ts';
import {
  ChangeValue,
  DELIVERY_STATUSES,
  type DeliveryStatus,
  IncomingMessage,
  mediaOf,
  messageText,
  Notification,
  nextDeliveryStatus,
  StatusUpdate,
  waTime,
} from '../../domain/whatsapp.ts';
import { type RejectionSlot, rejectionSlot } from '../audit/record-rejection.ts';
import { audit, type Ctx, type Tx } from '../context.ts';
import { newFollowUpCode } from '../intake/shared.ts';
import { waKey } from './shared.ts';

export type ReceiveResult = {
  messages: number;
  duplicates: number;
  statuses: number;
  ignored: number;
  /** incoming messages whose media still have to be fetched */
  pendingMedia: string[];
};

export type WebhookAction = 'whatsapp.webhook' | 'whatsapp.verify';

/**
 * A webhook call before its signature or verify token is checked: counted against its source at
 * once; `limited` when the source was rejected too often this minute (answer 429). A rejected
 * call is then recorded with `reject(reason)` — counted per source and minute and audited as one
 * row with the count (record-rejection.ts), the reason only, no personal data — and a genuine
 * one given back with `release()`.
 */
export function webhookSlot(ctx: Ctx, action: WebhookAction): RejectionSlot {
  return rejectionSlot(ctx, { action, entity: 'whatsapp_webhook' });
}

export async function receiveNotification(ctx: Ctx, payload: unknown): Promise<ReceiveResult> {
  const s = ctx.whatsapp;
  if (!s) throw new AppError('WHATSAPP_DISABLED');
  const parsed = Notification.safeParse(payload);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', { _: 'invalid_value' });
  const out: ReceiveResult = { messages: 0, duplicates: 0, statuses: 0, ignored: 0, pendingMedia: [] };
  if (parsed.data.object !== 'whatsapp_business_account') return out;
  const failures: Error[] = [];
  for (const entry of parsed.data.entry) {
    for (const change of entry.changes) {
      if (change.field !== 'messages') continue;
      const v = ChangeValue.safeParse(change.value);
      if (!v.success) {
        out.ignored++;
        continue;
      }
      const value = v.data;
      const to = value.metadata?.phone_number_id;
      if (to !== undefined && to !== s.phoneNumberId) {
        // meant for another number of the same WhatsApp Business account
        ctx.log.warn({ requestId: ctx.meta.requestId }, 'whatsapp notification for another phone number id');
        out.ignored++;
        continue;
      }
      for (const raw of value.messages ?? []) {
        const m = IncomingMessage.safeParse(raw);
        if (!m.success) {
          ctx.log.warn({ requestId: ctx.meta.requestId }, 'whatsapp message in an unknown shape skipped');
          out.ignored++;
          continue;
        }
        const profileName =
          value.contacts?.find((c) => c.wa_id === m.data.from)?.profile?.name ??
          (value.contacts?.length === 1 ? value.contacts[0]?.profile?.name : undefined);
        try {
          const r = await receiveMessage(ctx, m.data, profileName ?? null);
          if (r === 'duplicate') out.duplicates++;
          else {
            out.messages++;
            if (r.pendingMedia) out.pendingMedia.push(r.id);
          }
        } catch (e) {
          failures.push(e as Error);
        }
      }
      for (const raw of value.statuses ?? []) {
        const st = StatusUpdate.safeParse(raw);
        if (!st.success || !(DELIVERY_STATUSES as readonly string[]).includes(st.data.status)) {
          out.ignored++;
          continue;
        }
        try {
          if (await applyStatus(ctx, st.data)) out.statuses++;
        } catch (e) {
          failures.push(e as Error);
        }
      }
    }
  }
  // what was stored stays stored; WhatsApp delivers the whole notification again and the
  // messages already stored are recognised by their ids
  if (failures.length > 0) throw failures[0];
  return out;
}

async function receiveMessage(
  ctx: Ctx,
  m: IncomingMessage,
  profileName: string | null,
): Promise<'duplicate' | { id: string; pendingMedia: boolean }> {
  const s = ctx.whatsapp!;
  const k = ctx.keys;
  const key = waKey(k, m.id);
  const phoneHash = k.phoneHash(m.from);
  const now = ctx.clock();
  const at = waTime(m.timestamp, now);
  const text = messageText(m);
  const media = mediaOf(m);
  const id = randomUUID();
  return ctx.conn.db.transaction().execute(async (trx) => {
    await lockSender(trx, phoneHash);
    if (await messageKeyExists(trx, key)) return 'duplicate' as const;
    const conv = await findConversationByPhoneHash(trx, phoneHash);
    let intakeId: string;
    let jurisdiction: string;
    if (conv && isOpen(conv.intake_status as IntakeStatus)) {
      intakeId = conv.intake_id;
      jurisdiction = conv.intake_jurisdiction;
    } else {
      // a new conversation goes to the default inbox; after a closed item, to the inbox that
      // handled this sender last (it may have been forwarded there)
      jurisdiction = conv?.intake_jurisdiction ?? s.defaultRegion;
      intakeId = await createIntake(ctx, trx, {
        phone: m.from,
        phoneHash,
        jurisdiction,
        at,
        now,
        description: text,
        previousIntakeId: conv?.intake_id ?? null,
      });
    }
    const conversationId = conv?.id ?? randomUUID();
    const profileEnc = profileName ? k.encrypt(profileName) : null;
    if (!conv) {
      await insertConversation(trx, {
        id: conversationId,
        phone_enc: k.encrypt(`+${m.from}`),
        phone_hash: phoneHash,
        profile_name_enc: profileEnc,
        intake_id: intakeId,
        jurisdiction,
        status: 'menunggu_balasan',
        last_message_at: at,
        last_inbound_at: at,
        created_at: now,
        updated_at: now,
      });
    } else {
      const lastMessage = new Date(conv.last_message_at);
      const lastInbound = conv.last_inbound_at ? new Date(conv.last_inbound_at) : null;
      await updateConversation(trx, conv.id, {
        intake_id: intakeId,
        jurisdiction,
        ...(profileEnc ? { profile_name_enc: profileEnc } : {}),
        ...(at >= lastMessage ? { last_message_at: at, status: 'menunggu_balasan' } : {}),
        ...(!lastInbound || at > lastInbound ? { last_inbound_at: at } : {}),
        updated_at: now,
      });
    }
    const loc = m.type === 'location' ? m.location : undefined;
    const inserted = await insertMessage(trx, {
      id,
      conversation_id: conversationId,
      intake_id: intakeId,
      wa_key: key,
      direction: 'in',
      type: m.type,
      body_enc: k.encrypt(text),
      media_id: media?.id ?? null,
      media_mime: media?.mime_type ?? null,
      media_filename_enc: k.encrypt(media?.filename ?? null),
      media_status: media ? 'menunggu' : null,
      latitude_enc: loc ? k.encrypt(String(loc.latitude)) : null,
      longitude_enc: loc ? k.encrypt(String(loc.longitude)) : null,
      location_label_enc: loc ? k.encrypt([loc.name, loc.address].filter(Boolean).join(', ') || null) : null,
      status: 'received',
      at,
      created_at: now,
    });
    if (!inserted) throw new Error('whatsapp message inserted concurrently');
    await audit(ctx, trx, {
      action: 'whatsapp.receive',
      entity: 'wa_message',
      entityId: id,
      outcome: 'ok',
      detail: { intakeId, type: m.type },
    });
    return { id, pendingMedia: media !== null };
  });
}

async function createIntake(
  ctx: Ctx,
  trx: Tx,
  p: {
    phone: string;
    phoneHash: string;
    jurisdiction: string;
    at: Date;
    now: Date;
    description: string | null;
    previousIntakeId: string | null;
  },
): Promise<string> {
  const k = ctx.keys;
  const id = randomUUID();
  await insertIntake(trx, {
    id,
    code: await newFollowUpCode(trx),
    secret_hash: null,
    jurisdiction: p.jurisdiction,
    region_code: null,
    channel: 'whatsapp',
    // the sender is taken to be the victim until an officer learns otherwise
    reporter_type: 'korban',
    contact_method: 'whatsapp',
    contact_phone_enc: k.encrypt(`+${p.phone}`),
    contact_phone_hash: p.phoneHash,
    // the sender chose to write to the service; replies go back into the same chat only
    consent_contact: true,
    victim_name_tokens: [],
    forms: [],
    description_enc: k.encrypt(p.description),
    danger_now: false,
    status: 'baru',
    suspected_spam: false,
    received_at: p.at,
    created_at: p.now,
    updated_at: p.now,
  });
  await addIntakeEvent(trx, id, null, 'intake.received', p.now, {
    channel: 'whatsapp',
    ...(p.previousIntakeId ? { previousIntakeId: p.previousIntakeId } : {}),
  });
  await audit(ctx, trx, {
    action: 'intake.create',
    entity: 'intake',
    entityId: id,
    outcome: 'ok',
    detail: { channel: 'whatsapp', ...(p.previousIntakeId ? { previousIntakeId: p.previousIntakeId } : {}) },
  });
  return id;
}

/** Applies a delivery status to an officer's reply; false when unknown or nothing changed. */
async function applyStatus(ctx: Ctx, st: StatusUpdate): Promise<boolean> {
  const key = waKey(ctx.keys, st.id);
  const now = ctx.clock();
  const at = waTime(st.timestamp, now);
  const status = st.status as DeliveryStatus;
  return ctx.conn.db.transaction().execute(async (trx) => {
    const row = await findOutgoingByKey(trx, key);
    if (!row) return false;
    const set: Record<string, unknown> = {};
    // a later status implies the earlier ones (read ⇒ delivered ⇒ sent)
    if ((status === 'sent' || status === 'delivered' || status === 'read') && !row.sent_at) set.sent_at = at;
    if ((status === 'delivered' || status === 'read') && !row.delivered_at) set.delivered_at = at;
    if (status === 'read' && !row.read_at) set.read_at = at;
    if (status === 'failed' && !row.failed_at) {
      set.failed_at = at;
      const code = st.errors?.[0]?.code;
      if (code !== undefined) set.error_code = String(code).slice(0, 20);
    }
    const next = nextDeliveryStatus(row.status, status);
    if (next !== row.status) set.status = next;
    if (Object.keys(set).length === 0) return false;
    await updateMessage(trx, row.id, set);
    await audit(ctx, trx, {
      action: 'whatsapp.status',
      entity: 'wa_message',
      entityId: row.id,
      outcome: 'ok',
      detail: { status, intakeId: row.intake_id },
    });
    return true;
  });
}
