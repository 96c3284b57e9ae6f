/**
 * The province verifies a submitted evaluation per indicator: accept, ask for a fix (a note says
 * what), or reject (the indicator counts 0 in the verified score). With the answer's version.
 */
import { updateAnswer } from '../../db/kla.repository.ts';
import type { KlaEvaluationDto } from '../../domain/contract/kla.ts';
import { AppError } from '../../domain/errors.ts';
import type { KlaVerifyInput } from '../../domain/kla.ts';
import { canVerifyKla } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { forbidden, klaReadScope } from './access.ts';
import { evaluationStatus, loadAnswer, recordHistory } from './change.ts';
import { reload } from './get-evaluation.ts';

export async function verifyKlaAnswer(
  ctx: AuthedCtx,
  answerId: string,
  input: KlaVerifyInput,
): Promise<KlaEvaluationDto> {
  const action = 'kla.answer.verify';
  const scope = klaReadScope(ctx, action, answerId);
  return ctx.conn.db.transaction().execute(async (trx) => {
    const a = await loadAnswer(trx, scope, answerId, action);
    if (!canVerifyKla(ctx.actor, a.jurisdiction)) throw forbidden(action, 'kla_answer', answerId);
    if (evaluationStatus(a) !== 'submitted') throw new AppError('KLA_STATE');
    const note = input.note ? input.note : null;
    if (input.decision !== 'accepted' && !note) throw new AppError('VALIDATION_FAILED', { note: 'required' });
    const now = ctx.clock();
    const ok = await updateAnswer(
      trx,
      answerId,
      input.version,
      {
        verify_status: input.decision,
        verify_note_enc: note ? ctx.keys.encrypt(note) : null,
        verified_by: ctx.actor.userId,
        verified_at: now,
      },
      now,
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await recordHistory(ctx, trx, a.evaluation_id, a.indicator_number, 'answer.verify', {
      decision: { from: a.verify_status, to: input.decision },
      note: note ? 'written' : null,
      // the answer's version as decided: a resubmission checks that a fix asked was made since
      version: input.version + 1,
    });
    await audit(ctx, trx, {
      action,
      entity: 'kla_answer',
      entityId: answerId,
      outcome: 'ok',
      detail: { decision: input.decision },
    });
    return reload(ctx, trx, scope, a.evaluation_id);
  });
}
