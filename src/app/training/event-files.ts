/**
 * Materials of a training event (coord_file, ownerKind 'training_event', purpose 'materi'): whoever
 * may read the event lists and downloads them; its Dinas's managers add and remove them.
 */
import type { CoordFileDto } from '../../domain/contract/coord-files.ts';
import type { AuthedCtx, Tx } from '../context.ts';
import { listCoordFiles, readCoordFile, removeCoordFile, storeCoordFile } from '../coord-files.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { loadEvent, loadEventForWrite } from './access.ts';

export async function listEventFiles(ctx: AuthedCtx, eventId: string): Promise<CoordFileDto[]> {
  await loadEvent(ctx, ctx.conn.db, eventId, 'training.files_read');
  return listCoordFiles(ctx, ctx.conn.db, 'training_event', eventId);
}

export async function addEventFile(
  ctx: AuthedCtx,
  eventId: string,
  file: { name: string; bytes: Uint8Array },
  key?: IdempotencyKey,
): Promise<CoordFileDto> {
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async () => {
          await loadEventForWrite(ctx, trx, eventId, 'training.file_add');
        },
        audit: (stored) => ({ action: 'coord_file.create', entity: 'coord_file', entityId: stored.id }),
      },
      async () => {
        const e = await loadEventForWrite(ctx, trx, eventId, 'training.file_add');
        return storeCoordFile(ctx, trx, {
          jurisdiction: e.jurisdiction,
          ownerKind: 'training_event',
          ownerId: eventId,
          purpose: 'materi',
          name: file.name,
          bytes: file.bytes,
        });
      },
    ),
  );
}

export async function readEventFile(ctx: AuthedCtx, eventId: string, fileId: string) {
  await loadEvent(ctx, ctx.conn.db, eventId, 'training.files_read');
  return readCoordFile(ctx, ctx.conn.db, 'training_event', eventId, fileId);
}

export async function removeEventFile(ctx: AuthedCtx, eventId: string, fileId: string): Promise<void> {
  await ctx.conn.db.transaction().execute(async (trx) => {
    await loadEventForWrite(ctx, trx, eventId, 'training.file_remove');
    await removeCoordFile(ctx, trx, 'training_event', eventId, fileId);
  });
}

/** Removes every material of an event that is being deleted (coord_file has no foreign key to its owners). */
export async function removeAllEventFiles(ctx: AuthedCtx, trx: Tx, eventId: string): Promise<void> {
  for (const f of await listCoordFiles(ctx, trx, 'training_event', eventId))
    await removeCoordFile(ctx, trx, 'training_event', eventId, f.id);
}
