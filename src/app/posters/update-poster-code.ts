/**
 * A Dinas's manager corrects a poster code's label, campaign line or desa with the version it
 * read (issue 12 §6, decision 034). The code itself never changes: it is printed already. Another
 * region's code is NOT_FOUND; a province reading its kab/kota's code may not change it; a stale
 * version is VERSION_CONFLICT.
 */
import { getPosterCode, posterLabelTaken, updatePosterCode } from '../../db/poster.repository.ts';
import type { PosterCodeDto } from '../../domain/contract/posters.ts';
import { AppError } from '../../domain/errors.ts';
import { canManagePosters } from '../../domain/policy.ts';
import type { PosterCodeUpdate } from '../../domain/posters.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { checkPosterDesa } from './create-poster-code.ts';
import { getPosterCodeWithCounts, posterRegion } from './list-poster-codes.ts';

export async function changePosterCode(
  ctx: AuthedCtx,
  id: string,
  input: PosterCodeUpdate,
  baseUrl: string,
): Promise<PosterCodeDto> {
  const within = posterRegion(ctx);
  const db = ctx.conn.db;
  const row = await getPosterCode(db, id, within);
  if (!row) throw new AppError('NOT_FOUND');
  if (!canManagePosters(ctx.actor, row.jurisdiction)) throw new AppError('FORBIDDEN');
  await checkPosterDesa(db, input.desaCode, row.jurisdiction);
  if (await posterLabelTaken(db, row.jurisdiction, input.label, id))
    throw new AppError('VALIDATION_FAILED', { label: 'poster_label_taken' });
  return db.transaction().execute(async (trx) => {
    const r = await updatePosterCode(trx, id, input.version, {
      label: input.label,
      campaign: input.campaign,
      desa_code: input.desaCode,
    });
    if (r === 'label_taken') throw new AppError('VALIDATION_FAILED', { label: 'poster_label_taken' });
    if (r === null) throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, { action: 'poster.update', entity: 'poster_code', entityId: id, outcome: 'ok' });
    return getPosterCodeWithCounts(ctx, id, { months: 12 }, baseUrl, trx);
  });
}
