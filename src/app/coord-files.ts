/**
 * Files of prevention and coordination records (issue 12; decision 028): activity materials and
 * photos, meeting documents, follow-up and RAD evidence, regulations, agreements. One store for
 * every module, with the checks of case attachments: at most 20 MB, the type read from the bytes
 * (PDF, JPEG, PNG, Word, Excel, PowerPoint — never what the name says), a safe name, and name and
 * bytes encrypted with the keyring. Photos are kept without their camera metadata (place, time,
 * device; src/domain/image-metadata.ts).
 *
 * These functions do not decide who may touch a record: the calling use case checks access to
 * the owner record first (src/domain/policy.ts), then calls them in its own transaction.
 */
import { randomUUID } from 'node:crypto';
import {
  countCoordFiles,
  deleteCoordFile,
  findCoordFile,
  insertCoordFile,
  listCoordFileRows,
  lockCoordFiles,
} from '../db/coord-file.repository.ts';
import type { CoordFileDto } from '../domain/contract/coord-files.ts';
import { AppError } from '../domain/errors.ts';
import { stripImageMetadata } from '../domain/image-metadata.ts';
import { safeFilename } from './cases/attachments.ts';
import { type AuthedCtx, audit, type Tx } from './context.ts';

export const MAX_COORD_FILE_BYTES = 20 * 1024 * 1024;
/** A record keeps at most this many files (a meeting's documents, an activity's photos). */
export const COORD_FILES_PER_RECORD = 50;

export const COORD_OWNER_KINDS = [
  'prevention_activity',
  'training_event',
  'meeting',
  'followup',
  'rad_progress',
  'regulation',
  'agreement',
  /** evidence of a KLA answer (issue 13; migration 0032) */
  'kla_answer',
] as const;
export type CoordOwnerKind = (typeof COORD_OWNER_KINDS)[number];

export const COORD_FILE_PURPOSES = ['materi', 'foto', 'dokumen', 'bukti'] as const;
export type CoordFilePurpose = (typeof COORD_FILE_PURPOSES)[number];

/** What a coordination file may be, by the type its bytes are. */
const ALLOWED: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  png: 'image/png',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** The type of these bytes when it is one a coordination record may keep; null otherwise. */
export async function detectCoordFileType(bytes: Uint8Array): Promise<string | null> {
  // loaded on the first upload, not at start (decision 020)
  const { fileTypeFromBuffer } = await import('file-type');
  const t = await fileTypeFromBuffer(bytes);
  return t ? (ALLOWED[t.ext] ?? null) : null;
}

export type NewCoordFile = {
  jurisdiction: string;
  ownerKind: CoordOwnerKind;
  ownerId: string;
  purpose: CoordFilePurpose;
  name: string;
  bytes: Uint8Array;
};

/** Checks, encrypts and stores a file of a record the caller has already checked; audited. */
export async function storeCoordFile(ctx: AuthedCtx, trx: Tx, f: NewCoordFile): Promise<CoordFileDto> {
  if (f.bytes.byteLength === 0) throw new AppError('VALIDATION_FAILED', { file: 'required' });
  if (f.bytes.byteLength > MAX_COORD_FILE_BYTES) throw new AppError('FILE_TOO_LARGE', { file: 'too_large' });
  if (!(COORD_FILE_PURPOSES as readonly string[]).includes(f.purpose))
    throw new AppError('VALIDATION_FAILED', { purpose: 'invalid_option' });
  const mime = await detectCoordFileType(f.bytes);
  if (!mime) throw new AppError('FILE_TYPE_NOT_ALLOWED', { file: 'coord_type_not_allowed' });
  if (f.purpose === 'foto' && !mime.startsWith('image/'))
    throw new AppError('FILE_TYPE_NOT_ALLOWED', { file: 'image_only' });
  // a photo keeps the picture, not where, when and with what it was taken
  const stripped = stripImageMetadata(f.bytes, mime);
  if (!stripped.ok) throw new AppError('VALIDATION_FAILED', { file: 'image_unreadable' });
  const bytes = stripped.bytes;
  await lockCoordFiles(trx, f.ownerKind, f.ownerId);
  if ((await countCoordFiles(trx, f.ownerKind, f.ownerId)) >= COORD_FILES_PER_RECORD)
    throw new AppError('VALIDATION_FAILED', { file: 'too_many_files' });
  const name = safeFilename(f.name, mime);
  const id = randomUUID();
  const now = ctx.clock();
  await insertCoordFile(trx, {
    id,
    jurisdiction: f.jurisdiction,
    owner_kind: f.ownerKind,
    owner_id: f.ownerId,
    purpose: f.purpose,
    filename_enc: ctx.keys.encrypt(name),
    mime,
    size_bytes: bytes.byteLength,
    content_enc: ctx.keys.encryptBytes(bytes),
    created_by: ctx.actor.userId,
    created_at: now,
  });
  await audit(ctx, trx, {
    action: 'coord_file.create',
    entity: 'coord_file',
    entityId: id,
    outcome: 'ok',
    detail: {
      ownerKind: f.ownerKind,
      ownerId: f.ownerId,
      purpose: f.purpose,
      mime,
      size: bytes.byteLength,
    },
  });
  return {
    id,
    purpose: f.purpose,
    filename: name,
    mime,
    size: bytes.byteLength,
    createdBy: ctx.actor.userId,
    createdAt: now.toISOString(),
  };
}

/** The files of a record the caller may read: names and sizes, no bytes. */
export async function listCoordFiles(
  ctx: AuthedCtx,
  db: Tx,
  ownerKind: CoordOwnerKind,
  ownerId: string,
): Promise<CoordFileDto[]> {
  const rows = await listCoordFileRows(db, ownerKind, ownerId);
  return rows.map((r) => ({
    id: r.id,
    purpose: r.purpose as CoordFilePurpose,
    filename: ctx.keys.decrypt(r.filename_enc),
    mime: r.mime,
    size: r.size_bytes,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** One file of a record the caller may read, decrypted; audited. NOT_FOUND when not of that record. */
export async function readCoordFile(
  ctx: AuthedCtx,
  db: Tx,
  ownerKind: CoordOwnerKind,
  ownerId: string,
  fileId: string,
): Promise<{ filename: string; mime: string; bytes: Uint8Array }> {
  const f = await findCoordFile(db, ownerKind, ownerId, fileId);
  if (!f) throw new AppError('NOT_FOUND');
  await audit(ctx, db, {
    action: 'coord_file.read',
    entity: 'coord_file',
    entityId: fileId,
    outcome: 'ok',
    detail: { ownerKind, ownerId },
  });
  return {
    filename: ctx.keys.decrypt(f.filename_enc),
    mime: f.mime,
    bytes: ctx.keys.decryptBytes(f.content_enc),
  };
}

/** Removes a file of a record the caller may change; audited. NOT_FOUND when not of that record. */
export async function removeCoordFile(
  ctx: AuthedCtx,
  trx: Tx,
  ownerKind: CoordOwnerKind,
  ownerId: string,
  fileId: string,
): Promise<void> {
  if (!(await deleteCoordFile(trx, ownerKind, ownerId, fileId))) throw new AppError('NOT_FOUND');
  await audit(ctx, trx, {
    action: 'coord_file.delete',
    entity: 'coord_file',
    entityId: fileId,
    outcome: 'ok',
    detail: { ownerKind, ownerId },
  });
}
