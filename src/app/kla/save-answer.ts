/**
 * An indicator's answer as entered by an assigned OPD member (or the coordinator): the option, or
 * the percentage (with numerator and denominator where there are), and a narrative (encrypted: it
 * may name people). Checked against the indicator (`readAnswer`: over 100 %, a denominator of 0,
 * a numerator above the denominator, an unknown option → 400 with field codes). The answer goes
 * (back) to `diisi`. The version read is sent back: of simultaneous saves one wins, the rest 409.
 * A submitted or verified evaluation is locked (409); a returned one opens what the province did
 * not accept. Every save is in the history.
 */
import { updateAnswer } from '../../db/kla.repository.ts';
import type { KlaEvaluationDto } from '../../domain/contract/kla.ts';
import { AppError } from '../../domain/errors.ts';
import { type KlaAnswerInput, readAnswer } from '../../domain/kla.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { klaReadScope, setOf } from './access.ts';
import { loadAnswer, mayChangeAnswer, recordHistory } from './change.ts';
import { reload } from './get-evaluation.ts';

export async function saveKlaAnswer(
  ctx: AuthedCtx,
  answerId: string,
  input: KlaAnswerInput,
): Promise<KlaEvaluationDto> {
  const action = 'kla.answer.save';
  const scope = klaReadScope(ctx, action, answerId);
  return ctx.conn.db.transaction().execute(async (trx) => {
    const a = await loadAnswer(trx, scope, answerId, action);
    mayChangeAnswer(ctx, scope, a, action);
    const set = await setOf(trx, a.year, a.set_version);
    const ind = set.indicators.find((i) => i.number === a.indicator_number);
    if (!ind) throw new AppError('KLA_STATE');
    const read = readAnswer(ind, input);
    if (!read.ok) throw new AppError('VALIDATION_FAILED', read.fields);
    const ans = read.answer;
    const next = {
      option_code: ans.kind === 'option' ? ans.option : null,
      value: ans.kind === 'percent' && 'value' in ans ? ans.value : null,
      numerator: ans.kind === 'percent' && 'numerator' in ans ? ans.numerator : null,
      denominator: ans.kind === 'percent' && 'denominator' in ans ? ans.denominator : null,
    };
    const narrative = input.narrative ? input.narrative : null;
    const before = a.narrative_enc ? ctx.keys.decrypt(a.narrative_enc) : null;
    const changed: Record<string, unknown> = {};
    for (const k of ['option_code', 'value', 'numerator', 'denominator'] as const)
      if (a[k] !== next[k]) changed[k] = { from: a[k], to: next[k] };
    if (before !== narrative) changed.narrative = 'changed';
    if (a.status !== 'diisi') changed.status = { from: a.status, to: 'diisi' };
    const ok = await updateAnswer(
      trx,
      answerId,
      input.version,
      {
        ...next,
        narrative_enc: narrative ? ctx.keys.encrypt(narrative) : null,
        // the calculation from case data stays beside a value typed by hand, so whoever reads it
        // (the coordinator, the province) sees what the case data said
        status: 'diisi',
        updated_by: ctx.actor.userId,
      },
      ctx.clock(),
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await recordHistory(ctx, trx, a.evaluation_id, a.indicator_number, 'answer.save', changed);
    await audit(ctx, trx, {
      action,
      entity: 'kla_answer',
      entityId: answerId,
      outcome: 'ok',
      detail: { evaluationId: a.evaluation_id, indicator: a.indicator_number },
    });
    return reload(ctx, trx, scope, a.evaluation_id);
  });
}
