/**
 * Evidence of a quarter's progress (coord_file, ownerKind 'rad_progress', purpose 'bukti'): those
 * who may report the activity add and remove it; those who may read the activity download it.
 */
import { findProgressById } from '../../db/rad.repository.ts';
import type { CoordFileDto } from '../../domain/contract/coord-files.ts';
import type { AuthedCtx } from '../context.ts';
import { readCoordFile, removeCoordFile, storeCoordFile } from '../coord-files.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { forbidden, mayReport, notFound, radScope } from './access.ts';

export async function addProgressEvidence(
  ctx: AuthedCtx,
  progressId: string,
  file: { name: string; bytes: Uint8Array },
  key?: IdempotencyKey,
): Promise<CoordFileDto> {
  const action = 'rad.evidence.create';
  const scope = radScope(ctx, action, progressId);
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async () => {
          if (!(await findProgressById(trx, scope, progressId)))
            throw notFound(action, 'rad_progress', progressId);
        },
        audit: (stored) => ({ action: 'coord_file.create', entity: 'coord_file', entityId: stored.id }),
      },
      async () => {
        const p = await findProgressById(trx, scope, progressId);
        if (!p) throw notFound(action, 'rad_progress', progressId);
        if (!mayReport(ctx, p)) throw forbidden(action, 'rad_progress', progressId);
        return storeCoordFile(ctx, trx, {
          jurisdiction: p.jurisdiction,
          ownerKind: 'rad_progress',
          ownerId: progressId,
          purpose: 'bukti',
          name: file.name,
          bytes: file.bytes,
        });
      },
    ),
  );
}

export async function readProgressEvidence(ctx: AuthedCtx, progressId: string, fileId: string) {
  const action = 'rad.evidence.read';
  const scope = radScope(ctx, action, progressId);
  const db = ctx.conn.db;
  if (!(await findProgressById(db, scope, progressId))) throw notFound(action, 'rad_progress', progressId);
  return readCoordFile(ctx, db, 'rad_progress', progressId, fileId);
}

export async function removeProgressEvidence(
  ctx: AuthedCtx,
  progressId: string,
  fileId: string,
): Promise<void> {
  const action = 'rad.evidence.delete';
  const scope = radScope(ctx, action, progressId);
  await ctx.conn.db.transaction().execute(async (trx) => {
    const p = await findProgressById(trx, scope, progressId);
    if (!p) throw notFound(action, 'rad_progress', progressId);
    if (!mayReport(ctx, p)) throw forbidden(action, 'rad_progress', progressId);
    await removeCoordFile(ctx, trx, 'rad_progress', progressId, fileId);
  });
}
