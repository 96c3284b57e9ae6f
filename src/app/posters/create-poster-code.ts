/**
 * A Dinas creates a poster code ("titik sebar": a poster, a QR placement or a print run) with a
 * short random code for its link (issue 12 §6, decision 034). Its own managers only; a desa must
 * lie in its jurisdiction; a label is unique (case-insensitive) within the jurisdiction.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { insertPosterCode, posterLabelTaken } from '../../db/poster.repository.ts';
import { getRegion } from '../../db/region.repository.ts';
import type { PosterCodeDto } from '../../domain/contract/posters.ts';
import { AppError } from '../../domain/errors.ts';
import { canManagePosters, isWithin } from '../../domain/policy.ts';
import { drawPosterCode, type PosterCodeInput } from '../../domain/posters.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { getPosterCodeWithCounts, posterRegion } from './list-poster-codes.ts';

/** A poster's desa: a desa/kelurahan (level 4) that exists, inside the Dinas's jurisdiction. */
export async function checkPosterDesa(db: Tx, desaCode: string | null, jurisdiction: string): Promise<void> {
  if (!desaCode) return;
  if (!isWithin(desaCode, jurisdiction))
    throw new AppError('VALIDATION_FAILED', { desaCode: 'out_of_jurisdiction' });
  const r = await getRegion(db, desaCode);
  if (!r) throw new AppError('VALIDATION_FAILED', { desaCode: 'unknown_region' });
  if (r.level !== 4) throw new AppError('VALIDATION_FAILED', { desaCode: 'poster_desa_level' });
}

export async function createPosterCode(
  ctx: AuthedCtx,
  input: PosterCodeInput,
  baseUrl: string,
  key?: IdempotencyKey,
): Promise<PosterCodeDto> {
  const jurisdiction = ctx.actor.jurisdiction;
  posterRegion(ctx);
  if (!canManagePosters(ctx.actor, jurisdiction)) throw new AppError('FORBIDDEN');
  const db = ctx.conn.db;
  await checkPosterDesa(db, input.desaCode, jurisdiction);
  return db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async (p) => void (await getPosterCodeWithCounts(ctx, p.id, { months: 12 }, baseUrl, trx)),
        audit: (p) => ({ action: 'poster.create', entity: 'poster_code', entityId: p.id }),
      },
      async () => {
        const id = randomUUID();
        // a code already taken (one in ~10^9 per code) is drawn again; a label taken is the person's to change
        for (let attempt = 1; ; attempt++) {
          const ok = await insertPosterCode(trx, {
            id,
            jurisdiction,
            code: drawPosterCode((n) => randomBytes(n)),
            label: input.label,
            campaign: input.campaign,
            desa_code: input.desaCode,
            created_by: ctx.actor.userId,
            created_at: ctx.clock(),
          });
          if (ok) break;
          if (await posterLabelTaken(trx, jurisdiction, input.label))
            throw new AppError('VALIDATION_FAILED', { label: 'poster_label_taken' });
          if (attempt >= 5) throw new Error('no free poster code after 5 draws');
        }
        await audit(ctx, trx, {
          action: 'poster.create',
          entity: 'poster_code',
          entityId: id,
          outcome: 'ok',
        });
        return getPosterCodeWithCounts(ctx, id, { months: 12 }, baseUrl, trx);
      },
    ),
  );
}
