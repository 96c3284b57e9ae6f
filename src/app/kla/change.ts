/**
 * The steps every change of a KLA evaluation shares: load the answer within the reader's scope
 * (404 otherwise), hold its evaluation row so a submission cannot pass between the check and the
 * write (FOR SHARE; a submission takes it FOR UPDATE), refuse a locked evaluation (409), and
 * append the change to the history with who and when.
 */
import { randomUUID } from 'node:crypto';
import { appendHistory, findAnswer, type KlaReadScope, lockEvaluation } from '../../db/kla.repository.ts';
import type { KlaEvaluationStatus, KlaVerifyDecision } from '../../domain/kla.ts';
import type { AuthedCtx, Tx } from '../context.ts';
import { notFound } from './access.ts';

export type LoadedAnswer = NonNullable<Awaited<ReturnType<typeof findAnswer>>> & {
  evaluation: NonNullable<Awaited<ReturnType<typeof lockEvaluation>>>;
};

export async function loadAnswer(
  trx: Tx,
  scope: KlaReadScope,
  answerId: string,
  action: string,
): Promise<LoadedAnswer> {
  const a = await findAnswer(trx, scope, answerId);
  if (!a) throw notFound(action, 'kla_answer', answerId);
  const evaluation = await lockEvaluation(trx, a.evaluation_id, 'share');
  if (!evaluation) throw notFound(action, 'kla_answer', answerId);
  return { ...a, evaluation };
}

export const evaluationStatus = (a: LoadedAnswer) => a.evaluation.status as KlaEvaluationStatus;
export const verifyStatus = (a: LoadedAnswer) => a.verify_status as KlaVerifyDecision | null;

/** Appends one history row: who (the actor), when (now), what (the action and its detail). */
export function recordHistory(
  ctx: AuthedCtx,
  trx: Tx,
  evaluationId: string,
  indicatorNumber: number | null,
  action: string,
  detail: Record<string, unknown>,
): Promise<void> {
  return appendHistory(trx, [
    {
      id: randomUUID(),
      evaluation_id: evaluationId,
      indicator_number: indicatorNumber,
      action,
      detail: JSON.stringify(detail),
      actor_id: ctx.actor.userId,
      at: ctx.clock(),
    },
  ]);
}
