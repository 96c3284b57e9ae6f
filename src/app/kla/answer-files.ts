/**
 * Evidence of an answer (coord_file, owner kind 'kla_answer', purpose 'bukti'): those who may fill
 * the indicator add and remove it while the answer is open; whoever sees the answer downloads it
 * (the store audits every read). Type by content, size and name checks are the store's.
 */

import { findAnswer } from '../../db/kla.repository.ts';
import type { CoordFileDto } from '../../domain/contract/coord-files.ts';
import { answerOpen } from '../../domain/kla.ts';
import { canFillKlaIndicator } from '../../domain/policy.ts';
import type { AuthedCtx } from '../context.ts';
import { readCoordFile, removeCoordFile, storeCoordFile } from '../coord-files.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { forbidden, klaReadScope, locked, notFound } from './access.ts';
import { evaluationStatus, type LoadedAnswer, loadAnswer, recordHistory, verifyStatus } from './change.ts';

function mayFill(ctx: AuthedCtx, a: LoadedAnswer, action: string): void {
  const who = { jurisdiction: a.jurisdiction, orgId: a.assigned_org_id, userId: a.assigned_user_id };
  if (!canFillKlaIndicator(ctx.actor, who)) throw forbidden(action, 'kla_answer', a.id);
  if (!answerOpen(evaluationStatus(a), verifyStatus(a))) throw locked();
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
        mayFill(ctx, a, action);
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
        return stored;
      },
    ),
  );
}

/** A member not assigned the indicator does not see its evidence (404, as for what it cannot see). */
function sees(
  ctx: AuthedCtx,
  scope: ReturnType<typeof klaReadScope>,
  a: LoadedAnswer | NonNullable<Awaited<ReturnType<typeof findAnswer>>>,
) {
  return (
    scope.kind === 'region' ||
    a.assigned_org_id === ctx.actor.orgId ||
    a.assigned_user_id === ctx.actor.userId
  );
}

export async function readKlaEvidence(ctx: AuthedCtx, answerId: string, fileId: string) {
  const action = 'kla.evidence.read';
  const scope = klaReadScope(ctx, action, answerId);
  const db = ctx.conn.db;
  const a = await findAnswer(db, scope, answerId);
  if (!a || !sees(ctx, scope, a)) throw notFound(action, 'kla_answer', answerId);
  return readCoordFile(ctx, db, 'kla_answer', answerId, fileId);
}

export async function removeKlaEvidence(ctx: AuthedCtx, answerId: string, fileId: string): Promise<void> {
  const action = 'kla.evidence.delete';
  const scope = klaReadScope(ctx, action, answerId);
  await ctx.conn.db.transaction().execute(async (trx) => {
    const a = await loadAnswer(trx, scope, answerId, action);
    mayFill(ctx, a, action);
    await removeCoordFile(ctx, trx, 'kla_answer', answerId, fileId);
    await recordHistory(ctx, trx, a.evaluation_id, a.indicator_number, 'evidence.remove', { fileId });
  });
}
