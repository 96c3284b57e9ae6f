/**
 * Attachments: at most 20 MB, only pdf/jpg/png/mp3/m4a/docx (checked by content, not by name),
 * stored encrypted in the database so a backup holds everything and a dump shows nothing.
 */
import { randomUUID } from 'node:crypto';
import { findAttachment, insertAttachment } from '../../db/attachment.repository.ts';
import { addCaseEvent } from '../../db/case.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { loadForWrite, loadVisibleCase, requireStillAllowed } from './access.ts';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;
const ALLOWED: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

/** Control characters (C0, DEL, C1), line separators, bidirectional marks and path separators. */
const UNSAFE_IN_NAME = /[\p{Cc}\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069/\\]/u;
const MAX_NAME = 200;

/** The extensions a detected type is known by; the first is added when a name has none of them. */
const EXTENSIONS: Record<string, readonly string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'audio/mpeg': ['mp3'],
  'audio/mp4': ['m4a', 'mp4'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  // the office files coordination records also keep (src/app/coord-files.ts)
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': ['pptx'],
};

/**
 * Keeps a file name printable and honest: unsafe characters become `_` (so "\u202Egnp.exe" cannot
 * pose as "exe.png"), at most 200 characters counted whole (never half an emoji), and it ends in an
 * extension of the type its bytes are (a PNG named "x.html" is kept as "x.html.png", so it never
 * opens as a web page once saved).
 */
export function safeFilename(name: string, mime?: string): string {
  const chars = [...name].map((ch) => (UNSAFE_IN_NAME.test(ch) ? '_' : ch));
  const exts = mime ? (EXTENSIONS[mime] ?? []) : [];
  const dot = name.lastIndexOf('.');
  const has = dot > 0 && exts.includes(name.slice(dot + 1).toLowerCase());
  const suffix = exts.length > 0 && !has ? `.${exts[0]}` : '';
  const room = MAX_NAME - suffix.length;
  let kept = chars;
  if (kept.length > room) {
    // cut the middle of a long name, not its extension
    const ext = has ? [...name.slice(dot)] : [];
    kept = [...chars.slice(0, room - ext.length), ...ext];
  }
  const clean = kept.join('').trim();
  return clean ? `${clean}${suffix}` : `lampiran${suffix}`;
}

export async function detectAllowedType(bytes: Uint8Array): Promise<string | null> {
  // loaded on the first upload, not at start (decision 020)
  const { fileTypeFromBuffer } = await import('file-type');
  const t = await fileTypeFromBuffer(bytes);
  if (!t) return null;
  if (t.ext === 'm4a' || (t.ext === 'mp4' && t.mime.startsWith('audio/'))) return ALLOWED.m4a!;
  return ALLOWED[t.ext] ?? null;
}

export async function addAttachment(
  ctx: AuthedCtx,
  caseId: string,
  file: { name: string; bytes: Uint8Array },
  key?: IdempotencyKey,
) {
  if (file.bytes.byteLength > MAX_ATTACHMENT_BYTES)
    throw new AppError('FILE_TOO_LARGE', { file: 'too_large' });
  if (file.bytes.byteLength === 0) throw new AppError('VALIDATION_FAILED', { file: 'required' });
  const mime = await detectAllowedType(file.bytes);
  if (!mime) throw new AppError('FILE_TYPE_NOT_ALLOWED', { file: 'type_not_allowed' });
  const name = safeFilename(file.name, mime);
  const now = ctx.clock();
  const id = randomUUID();
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async () => void (await requireStillAllowed(ctx, trx, caseId, 'attach', 'attachment.create')),
        audit: (a) => ({
          action: 'attachment.create',
          entity: 'attachment',
          entityId: a.id,
          detail: { caseId },
        }),
      },
      async () => {
        await loadForWrite(ctx, trx, caseId, 'attach', 'attachment.create');
        await insertAttachment(trx, {
          id,
          case_id: caseId,
          filename_enc: ctx.keys.encrypt(name),
          mime,
          size_bytes: file.bytes.byteLength,
          content_enc: ctx.keys.encryptBytes(file.bytes),
          created_by: ctx.actor.userId,
          created_at: now,
        });
        await addCaseEvent(trx, caseId, ctx.actor.userId, 'attachment.added', now, {
          attachmentId: id,
          mime,
          size: file.bytes.byteLength,
        });
        await audit(ctx, trx, {
          action: 'attachment.create',
          entity: 'attachment',
          entityId: id,
          outcome: 'ok',
          detail: { caseId },
        });
        return { id, filename: name, mime, size: file.bytes.byteLength, createdAt: now.toISOString() };
      },
    ),
  );
}

export async function getAttachment(ctx: AuthedCtx, caseId: string, attachmentId: string) {
  const db = ctx.conn.db;
  await loadVisibleCase(ctx, db, caseId, 'attachment.read');
  const a = await findAttachment(db, caseId, attachmentId);
  if (!a) throw new AppError('NOT_FOUND');
  await audit(ctx, db, {
    action: 'attachment.read',
    entity: 'attachment',
    entityId: attachmentId,
    outcome: 'ok',
    detail: { caseId },
  });
  return {
    filename: ctx.keys.decrypt(a.filename_enc),
    mime: a.mime,
    bytes: ctx.keys.decryptBytes(a.content_enc),
  };
}
