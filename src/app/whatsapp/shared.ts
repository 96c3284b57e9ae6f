/** Pieces the WhatsApp use cases share: signatures, keyed message ids, the API shape of a message. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { MessageRow } from '../../db/whatsapp.repository.ts';
import type { WhatsAppMessageDto } from '../../domain/contract/whatsapp.ts';
import type { Keyring } from '../crypto.ts';

/**
 * Checks `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body under the app secret>`
 * in constant time.
 */
export function checkSignature(
  appSecret: string,
  raw: Uint8Array,
  header: string | undefined,
): 'ok' | 'missing' | 'malformed' | 'mismatch' {
  if (!header) return 'missing';
  const m = /^sha256=([0-9a-f]{64})$/i.exec(header.trim());
  if (!m) return 'malformed';
  const given = Buffer.from(m[1]!, 'hex');
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return timingSafeEqual(given, expected) ? 'ok' : 'mismatch';
}

/** Constant-time comparison of two secrets of any length. */
export function sameSecret(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest();
  const y = createHash('sha256').update(b).digest();
  return timingSafeEqual(x, y);
}

/**
 * WhatsApp message ids (wamid.…) encode the sender's number, so only a keyed hash is stored;
 * it is what makes a notification delivered twice create nothing twice.
 */
export function waKey(keys: Keyring, waMessageId: string): string {
  return keys.blindIndex('wa-message', waMessageId);
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

export function messageDto(keys: Keyring, intakeId: string, m: MessageRow): WhatsAppMessageDto {
  const lat = keys.decrypt(m.latitude_enc);
  const long = keys.decrypt(m.longitude_enc);
  return {
    id: m.id,
    intakeId: m.intake_id,
    direction: m.direction,
    type: m.type,
    at: iso(m.at)!,
    text: keys.decrypt(m.body_enc),
    template: m.template_name ? { name: m.template_name, language: m.template_language } : null,
    media: m.media_id
      ? {
          mime: m.media_mime,
          filename: keys.decrypt(m.media_filename_enc),
          size: m.media_size,
          state: m.media_status,
          error: m.media_error,
          url: `/api/v1/intake/${intakeId}/whatsapp/media/${m.id}`,
        }
      : null,
    location:
      lat !== null && long !== null
        ? { latitude: Number(lat), longitude: Number(long), label: keys.decrypt(m.location_label_enc) }
        : null,
    status: m.status,
    sentAt: iso(m.sent_at),
    deliveredAt: iso(m.delivered_at),
    readAt: iso(m.read_at),
    failedAt: iso(m.failed_at),
    errorCode: m.error_code,
    sentByName: m.sent_by_name,
  };
}
