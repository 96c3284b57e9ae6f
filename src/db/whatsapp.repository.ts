/** WhatsApp conversations (one per sender number) and their messages, with encrypted media. */
import { type Insertable, sql, type Updateable } from 'kysely';
import type { MediaState } from '../domain/whatsapp.ts';
import type { Tx } from './connect.ts';
import type { WaConversationTable, WaMessageTable } from './schema.ts';

/** Namespace of the per-sender advisory locks (two-key form: never collides with one-key locks). */
const SENDER_LOCK = 7_270_412;

/** Serialises the handling of one sender's messages until the transaction ends. */
export async function lockSender(trx: Tx, phoneHash: string) {
  await sql`SELECT pg_advisory_xact_lock(${SENDER_LOCK}::int, hashtext(${phoneHash}))`.execute(trx);
}

/** The sender's conversation with the state of the intake item it currently feeds. */
export function findConversationByPhoneHash(db: Tx, phoneHash: string) {
  return db
    .selectFrom('wa_conversation as c')
    .innerJoin('intake as i', 'i.id', 'c.intake_id')
    .selectAll('c')
    .select(['i.status as intake_status', 'i.jurisdiction as intake_jurisdiction'])
    .where('c.phone_hash', '=', phoneHash)
    .executeTakeFirst();
}

export async function insertConversation(db: Tx, row: Insertable<WaConversationTable>) {
  await db.insertInto('wa_conversation').values(row).execute();
}

export async function updateConversation(db: Tx, id: string, set: Updateable<WaConversationTable>) {
  await db.updateTable('wa_conversation').set(set).where('id', '=', id).execute();
}

/**
 * The conversation an intake item belongs to: the one it currently feeds, or the one whose
 * earlier messages belong to it (an item closed before the sender wrote again).
 */
export function findConversationForIntake(db: Tx, intakeId: string) {
  return db
    .selectFrom('wa_conversation as c')
    .selectAll('c')
    .where((eb) =>
      eb.or([
        eb('c.intake_id', '=', intakeId),
        eb(
          'c.id',
          'in',
          eb.selectFrom('wa_message as m').select('m.conversation_id').where('m.intake_id', '=', intakeId),
        ),
      ]),
    )
    .executeTakeFirst();
}
export type ConversationRow = NonNullable<Awaited<ReturnType<typeof findConversationForIntake>>>;

export async function messageKeyExists(db: Tx, waKey: string): Promise<boolean> {
  const r = await db.selectFrom('wa_message').select('id').where('wa_key', '=', waKey).executeTakeFirst();
  return r !== undefined;
}

/** Inserts a message unless one with the same WhatsApp id exists; true when inserted. */
export async function insertMessage(db: Tx, row: Insertable<WaMessageTable>): Promise<boolean> {
  const r = await db
    .insertInto('wa_message')
    .values(row)
    .onConflict((oc) => oc.column('wa_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export function findOutgoingByKey(db: Tx, waKey: string) {
  return db
    .selectFrom('wa_message')
    .select(['id', 'intake_id', 'status', 'sent_at', 'delivered_at', 'read_at', 'failed_at', 'error_code'])
    .where('wa_key', '=', waKey)
    .where('direction', '=', 'out')
    .forUpdate()
    .executeTakeFirst();
}

export async function updateMessage(db: Tx, id: string, set: Updateable<WaMessageTable>) {
  await db.updateTable('wa_message').set(set).where('id', '=', id).execute();
}

/** Messages of a conversation that belong to intake items of `jurisdiction`, oldest first. */
export function listMessages(db: Tx, conversationId: string, jurisdiction: string) {
  return db
    .selectFrom('wa_message as m')
    .innerJoin('intake as i', 'i.id', 'm.intake_id')
    .leftJoin('app_user as u', 'u.id', 'm.sent_by')
    .select([
      'm.id',
      'm.intake_id',
      'm.direction',
      'm.type',
      'm.body_enc',
      'm.template_name',
      'm.template_language',
      'm.media_id',
      'm.media_mime',
      'm.media_filename_enc',
      'm.media_size',
      'm.media_status',
      'm.media_error',
      'm.latitude_enc',
      'm.longitude_enc',
      'm.location_label_enc',
      'm.status',
      'm.sent_at',
      'm.delivered_at',
      'm.read_at',
      'm.failed_at',
      'm.error_code',
      'm.at',
      'u.name as sent_by_name',
    ])
    .where('m.conversation_id', '=', conversationId)
    .where('i.jurisdiction', '=', jurisdiction)
    .orderBy('m.at')
    .orderBy('m.seq')
    .$narrowType<{ media_status: MediaState | null }>()
    .execute();
}
export type MessageRow = Awaited<ReturnType<typeof listMessages>>[number];

/** One message with its media, if it is in the conversation and its item is in `jurisdiction`. */
export function findMediaMessage(db: Tx, conversationId: string, jurisdiction: string, messageId: string) {
  return db
    .selectFrom('wa_message as m')
    .innerJoin('intake as i', 'i.id', 'm.intake_id')
    .select([
      'm.id',
      'm.media_id',
      'm.media_mime',
      'm.media_filename_enc',
      'm.media_enc',
      'm.media_status',
      'm.type',
    ])
    .where('m.id', '=', messageId)
    .where('m.conversation_id', '=', conversationId)
    .where('i.jurisdiction', '=', jurisdiction)
    .executeTakeFirst();
}

/**
 * Claims incoming media that still have to be fetched: the given messages, and up to `limit`
 * older ones that failed or whose fetch was abandoned (claimed before `staleBefore`). A claim
 * counts as an attempt; `force` ignores the attempt limit (an officer asked for the file).
 */
export async function claimPendingMedia(
  db: Tx,
  o: { ids: string[]; limit: number; maxAttempts: number; now: Date; staleBefore: Date; force?: boolean },
) {
  const pending = sql<boolean>`(m.media_status IN ('menunggu', 'gagal') OR (m.media_status = 'mengambil' AND m.media_tried_at < ${o.staleBefore}))`;
  const ids = o.ids.length > 0 ? o.ids : ['00000000-0000-0000-0000-000000000000'];
  const r = await sql<{
    id: string;
    media_id: string;
    media_mime: string | null;
    intake_id: string;
    seq: string;
  }>`
    WITH asked AS (
      SELECT m.id FROM wa_message m
      WHERE m.id = ANY(${ids}::uuid[]) AND m.media_id IS NOT NULL AND m.media_enc IS NULL
        AND ${o.force ? sql`TRUE` : pending}
      FOR UPDATE SKIP LOCKED
    ), retry AS (
      SELECT m.id FROM wa_message m
      WHERE m.direction = 'in' AND m.media_id IS NOT NULL AND m.media_enc IS NULL AND ${pending}
        AND m.media_attempts < ${o.maxAttempts}
      ORDER BY m.seq LIMIT ${o.limit}
      FOR UPDATE SKIP LOCKED
    )
    UPDATE wa_message SET media_status = 'mengambil', media_attempts = media_attempts + 1, media_tried_at = ${o.now}
    WHERE id IN (SELECT id FROM asked UNION SELECT id FROM retry)
    RETURNING id, media_id, media_mime, intake_id, seq`.execute(db);
  // the files asked for first, in the order asked, then earlier failures oldest first: UPDATE …
  // RETURNING has no order of its own, and a fetch that fails (or a rate limit) must meet the same
  // file every time
  const at = new Map(o.ids.map((id, i) => [id, i]));
  return r.rows
    .sort((a, b) => (at.get(a.id) ?? Infinity) - (at.get(b.id) ?? Infinity) || Number(a.seq) - Number(b.seq))
    .map(({ seq: _seq, ...m }) => m);
}

export async function storeMedia(
  db: Tx,
  id: string,
  m: { enc: Uint8Array; size: number; mime: string | null },
): Promise<boolean> {
  const r = await db
    .updateTable('wa_message')
    .set({
      media_enc: m.enc,
      media_size: m.size,
      media_mime: m.mime,
      media_status: 'tersimpan',
      media_error: null,
    })
    .where('id', '=', id)
    .where('media_enc', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function markMediaFailed(
  db: Tx,
  id: string,
  error: string,
  giveUp: boolean,
  maxAttempts: number,
) {
  await db
    .updateTable('wa_message')
    .set({
      media_status: 'gagal',
      media_error: error,
      ...(giveUp ? { media_attempts: maxAttempts } : {}),
    })
    .where('id', '=', id)
    .where('media_enc', 'is', null)
    .execute();
}
