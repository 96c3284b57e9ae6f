/**
 * The signed text of a regulation: one PDF (at most 20 MB) in the coordination file store
 * (owner kind 'regulation'); a new upload replaces the earlier one.
 */
import { touchRegulation } from '../../db/regulation.repository.ts';
import type { RegulationDto } from '../../domain/contract/regulations.ts';
import { AppError } from '../../domain/errors.ts';
import type { AuthedCtx } from '../context.ts';
import {
  detectCoordFileType,
  listCoordFiles,
  readCoordFile,
  removeCoordFile,
  storeCoordFile,
} from '../coord-files.ts';
import { loadRegulation, regulationDto } from './regulation-dto.ts';

export async function putRegulationFile(
  ctx: AuthedCtx,
  id: string,
  file: { name: string; bytes: Uint8Array },
): Promise<RegulationDto> {
  const existing = await loadRegulation(ctx, ctx.conn.db, id, true);
  if (file.bytes.byteLength > 0 && (await detectCoordFileType(file.bytes)) !== 'application/pdf')
    throw new AppError('FILE_TYPE_NOT_ALLOWED', { file: 'pdf_only' });
  return ctx.conn.db.transaction().execute(async (trx) => {
    // the version is claimed first: of two uploads at once one wins, the other gets 409
    if (!(await touchRegulation(trx, id, existing.version, ctx.clock())))
      throw new AppError('VERSION_CONFLICT');
    for (const f of await listCoordFiles(ctx, trx, 'regulation', id))
      await removeCoordFile(ctx, trx, 'regulation', id, f.id);
    await storeCoordFile(ctx, trx, {
      jurisdiction: existing.jurisdiction,
      ownerKind: 'regulation',
      ownerId: id,
      purpose: 'dokumen',
      name: file.name,
      bytes: file.bytes,
    });
    return regulationDto(ctx, trx, id);
  });
}

export async function getRegulationFile(ctx: AuthedCtx, id: string) {
  const r = await loadRegulation(ctx, ctx.conn.db, id);
  const f = (await listCoordFiles(ctx, ctx.conn.db, 'regulation', r.id))[0];
  if (!f) throw new AppError('NOT_FOUND');
  return readCoordFile(ctx, ctx.conn.db, 'regulation', r.id, f.id);
}
