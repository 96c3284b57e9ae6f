/** One KLA evaluation the reader sees, with its live score and last year's beside it. */
import { findEvaluation, type KlaReadScope } from '../../db/kla.repository.ts';
import type { KlaEvaluationDto } from '../../domain/contract/kla.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { klaReadScope, notFound } from './access.ts';
import { evaluationDto } from './views.ts';

export async function getKlaEvaluation(ctx: AuthedCtx, id: string): Promise<KlaEvaluationDto> {
  const action = 'kla.evaluation.read';
  const scope = klaReadScope(ctx, action, id);
  const db = ctx.conn.db;
  const e = await findEvaluation(db, scope, id);
  if (!e) throw notFound(action, 'kla_evaluation', id);
  // narratives and evidence names may mention people: opening an evaluation is audited
  await audit(ctx, db, { action, entity: 'kla_evaluation', entityId: id, outcome: 'ok' });
  return evaluationDto(ctx, db, scope, e);
}

/** The evaluation after a change, in the change's transaction. */
export async function reload(
  ctx: AuthedCtx,
  trx: Tx,
  scope: KlaReadScope,
  id: string,
): Promise<KlaEvaluationDto> {
  const e = await findEvaluation(trx, scope, id);
  if (!e) throw notFound('kla.evaluation.read', 'kla_evaluation', id);
  return evaluationDto(ctx, trx, scope, e);
}
