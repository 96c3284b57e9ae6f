/**
 * Cluster V from Simpul's own case data: the coordinator applies the value computed for the
 * indicator's `autoSource` (src/app/kla/auto-values.ts) — numerator, denominator and the counts
 * behind them (aggregates only) are kept with the answer as the calculation shown. When there is
 * nothing to count the answer is entered by hand with evidence (400 `kla_no_auto_value`).
 */
import { updateAnswer } from '../../db/kla.repository.ts';
import type { KlaEvaluationDto } from '../../domain/contract/kla.ts';
import { AppError } from '../../domain/errors.ts';
import { answerOpen, readAnswer } from '../../domain/kla.ts';
import { caseDataYear } from '../../domain/kla-cluster-v.ts';
import { canCoordinateKla } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { forbidden, klaReadScope, locked, setOf } from './access.ts';
import { autoValueFor } from './auto-values.ts';
import { evaluationStatus, loadAnswer, recordHistory, verifyStatus } from './change.ts';
import { reload } from './get-evaluation.ts';

export async function applyKlaAutoValue(
  ctx: AuthedCtx,
  answerId: string,
  input: { version: number },
): Promise<KlaEvaluationDto> {
  const action = 'kla.answer.auto';
  const scope = klaReadScope(ctx, action, answerId);
  return ctx.conn.db.transaction().execute(async (trx) => {
    const a = await loadAnswer(trx, scope, answerId, action);
    if (!canCoordinateKla(ctx.actor, a.jurisdiction)) throw forbidden(action, 'kla_answer', answerId);
    if (!answerOpen(evaluationStatus(a), verifyStatus(a))) throw locked();
    const set = await setOf(trx, a.year, a.set_version);
    const ind = set.indicators.find((i) => i.number === a.indicator_number);
    if (!ind?.autoSource) throw new AppError('VALIDATION_FAILED', { indicator: 'kla_not_automatic' });
    const v = await autoValueFor(trx, ind.autoSource, a.jurisdiction, caseDataYear(a.year));
    if (!v || v.denominator <= 0) throw new AppError('VALIDATION_FAILED', { value: 'kla_no_auto_value' });
    const read = readAnswer(ind, { numerator: v.numerator, denominator: v.denominator });
    if (!read.ok) throw new AppError('VALIDATION_FAILED', read.fields);
    const now = ctx.clock();
    const calc = { ...v, appliedAt: now.toISOString() };
    const ok = await updateAnswer(
      trx,
      answerId,
      input.version,
      {
        option_code: null,
        value: null,
        numerator: v.numerator,
        denominator: v.denominator,
        auto_calc: JSON.stringify(calc),
        status: 'diisi',
        updated_by: ctx.actor.userId,
      },
      now,
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await recordHistory(ctx, trx, a.evaluation_id, a.indicator_number, 'answer.auto', {
      source: ind.autoSource,
      numerator: { from: a.numerator, to: v.numerator },
      denominator: { from: a.denominator, to: v.denominator },
    });
    await audit(ctx, trx, {
      action,
      entity: 'kla_answer',
      entityId: answerId,
      outcome: 'ok',
      detail: { source: ind.autoSource, numerator: v.numerator, denominator: v.denominator },
    });
    return reload(ctx, trx, scope, a.evaluation_id);
  });
}
