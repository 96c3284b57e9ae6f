/**
 * Materials (materi) and photos (foto) of a prevention activity in the shared encrypted store
 * (src/app/coord-files.ts): whoever reads the activity may download them; whoever may change it
 * may add and remove them.
 */
import { findActivity } from '../../db/prevention.repository.ts';
import type { CoordFileDto } from '../../domain/contract/coord-files.ts';
import { AppError } from '../../domain/errors.ts';
import type { AuthedCtx } from '../context.ts';
import { readCoordFile, removeCoordFile, storeCoordFile } from '../coord-files.ts';
import { notFound, readScope, rights } from './shared.ts';

async function owner(ctx: AuthedCtx, id: string, action: string, write: boolean) {
  const a = await findActivity(ctx.conn.db, readScope(ctx, action), id);
  if (!a) throw notFound(action, 'prevention_activity', id);
  if (write && !rights(ctx.actor, a).canEdit)
    throw new AppError('FORBIDDEN', undefined, {
      action,
      entity: 'prevention_activity',
      entityId: id,
      outcome: 'denied',
    });
  return a;
}

export async function addActivityFile(
  ctx: AuthedCtx,
  id: string,
  purpose: string,
  file: { name: string; bytes: Uint8Array },
): Promise<CoordFileDto> {
  const a = await owner(ctx, id, 'coord_file.create', true);
  if (purpose !== 'materi' && purpose !== 'foto')
    throw new AppError('VALIDATION_FAILED', { purpose: purpose ? 'invalid_value' : 'required' });
  return ctx.conn.db.transaction().execute((trx) =>
    storeCoordFile(ctx, trx, {
      jurisdiction: a.jurisdiction,
      ownerKind: 'prevention_activity',
      ownerId: id,
      purpose,
      name: file.name,
      bytes: file.bytes,
    }),
  );
}

export async function getActivityFile(ctx: AuthedCtx, id: string, fileId: string) {
  await owner(ctx, id, 'coord_file.read', false);
  return readCoordFile(ctx, ctx.conn.db, 'prevention_activity', id, fileId);
}

export async function deleteActivityFile(ctx: AuthedCtx, id: string, fileId: string): Promise<void> {
  await owner(ctx, id, 'coord_file.delete', true);
  await ctx.conn.db
    .transaction()
    .execute((trx) => removeCoordFile(ctx, trx, 'prevention_activity', id, fileId));
}
