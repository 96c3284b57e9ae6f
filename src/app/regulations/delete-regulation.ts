import { deleteRegulationRow } from '../../db/regulation.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { listCoordFiles, removeCoordFile } from '../coord-files.ts';
import { loadRegulation } from './regulation-dto.ts';

/** Deletes a regulation recorded by mistake, with its file (its own Dinas's coord:manage; stale version → 409). */
export async function deleteRegulation(ctx: AuthedCtx, id: string, version: number): Promise<void> {
  await ctx.conn.db.transaction().execute(async (trx) => {
    await loadRegulation(ctx, trx, id, true);
    if (!(await deleteRegulationRow(trx, id, version))) throw new AppError('VERSION_CONFLICT');
    for (const f of await listCoordFiles(ctx, trx, 'regulation', id))
      await removeCoordFile(ctx, trx, 'regulation', id, f.id);
    await audit(ctx, trx, { action: 'regulation.delete', entity: 'regulation', entityId: id, outcome: 'ok' });
  });
}
