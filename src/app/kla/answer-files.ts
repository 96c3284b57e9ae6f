/**
 * Evidence of an answer (coord_file, owner kind 'kla_answer', purpose 'bukti'): those who may fill
 * the indicator add and remove it while the answer is open; whoever sees the answer downloads it
 * (the store audits every read). Type by content, size and name checks are the store's. A change
 * of the evidence of a checked or final answer sends it back to `diisi`.
 */

import { findAnswer, updateAnswer } from '../../db/kla.repository.ts';
import type { CoordFileDto } from '../../domain/contract/coord-files.ts';
import { AppError } from '../../domain/errors.ts';
import type { AuthedCtx, Tx } from '../context.ts';
import { readCoordFile, removeCoordFile, storeCoordFile } from '../coord-files.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { klaReadScope, notFound } from './access.ts';
import { type LoadedAnswer, loadAnswer, mayChangeAnswer, recordHistory, seesAnswer } from './change.ts';

/**
 * Evidence changed on an answer the coordinator checked or made final sends it back to `diisi`:
 * what was checked is no longer what is there. On an answer the province asked to fix, it is a
 * change of the answer (a new version) that the resubmission looks for.
 */
async function evidenceChanged(ctx: AuthedCtx, trx: Tx, a: LoadedAnswer): Promise<void> {
  const back = a.status === 'diperiksa' || a.status === 'final';
  if (!back && a.verify_status !== 'fix') return;
  const ok = await updateAnswer(
    trx,
    a.id,
    a.version,
    { ...(back ? { status: 'diisi' } : {}), updated_by: ctx.actor.userId },
    ctx.clock(),
  );
  if (!ok) throw new AppError('VERSION_CONFLICT');
  if (back)
    await recordHistory(ctx, trx, a.evaluation_id, a.indicator_number, 'answer.review', {
      status: { from: a.status, to: 'diisi' },
    });
}

export async function addKlaEvidence(
  ctx: AuthedCtx,
  answerId: string,
  file: { name: string; bytes: Uint8Array },
  key?: IdempotencyKey,
): Promise<CoordFileDto> {
  const action = 'kla.evidence.create';
  const scope = klaReadScope(ctx, action, answerId);
  return ctx.conn.db.transaction().execute((trx) =>
    createOnce(
      ctx,
      trx,
      key,
      {
        check: async () => {
          if (!(await findAnswer(trx, scope, answerId))) throw notFound(action, 'kla_answer', answerId);
        },
        audit: (stored) => ({ action: 'coord_file.create', entity: 'coord_file', entityId: stored.id }),
      },
      async () => {
        const a = await loadAnswer(trx, scope, answerId, action);
        mayChangeAnswer(ctx, scope, a, action);
        const stored = await storeCoordFile(ctx, trx, {
          jurisdiction: a.jurisdiction,
          ownerKind: 'kla_answer',
          ownerId: answerId,
          purpose: 'bukti',
          name: file.name,
          bytes: file.bytes,
        });
        await recordHistory(ctx, trx, a.evaluation_id, a.indicator_number, 'evidence.add', {
          fileId: stored.id,
          mime: stored.mime,
          size: stored.size,
        });
        await evidenceChanged(ctx, trx, a);
        return stored;
      },
    ),
  );
}

export async function readKlaEvidence(ctx: AuthedCtx, answerId: string, fileId: string) {
  const action = 'kla.evidence.read';
  const scope = klaReadScope(ctx, action, answerId);
  const db = ctx.conn.db;
  const a = await findAnswer(db, scope, answerId);
  if (!a || !seesAnswer(ctx, scope, a)) throw notFound(action, 'kla_answer', answerId);
  return readCoordFile(ctx, db, 'kla_answer', answerId, fileId);
}

export async function removeKlaEvidence(ctx: AuthedCtx, answerId: string, fileId: string): Promise<void> {
  const action = 'kla.evidence.delete';
  const scope = klaReadScope(ctx, action, answerId);
  await ctx.conn.db.transaction().execute(async (trx) => {
    const a = await loadAnswer(trx, scope, answerId, action);
    mayChangeAnswer(ctx, scope, a, action);
    await removeCoordFile(ctx, trx, 'kla_answer', answerId, fileId);
    await recordHistory(ctx, trx, a.evaluation_id, a.indicator_number, 'evidence.remove', { fileId });
    await evidenceChanged(ctx, trx, a);
  });
}
