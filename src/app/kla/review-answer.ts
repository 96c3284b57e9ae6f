/**
 * The coordinator's review of an answer: diisi → diperiksa → final, or one step back (sent back to
 * the OPD, a final answer reopened). With the answer's version; locked once submitted.
 */
import { updateAnswer } from '../../db/kla.repository.ts';
import type { KlaEvaluationDto, KlaReviewInput } from '../../domain/contract/kla.ts';
import { AppError } from '../../domain/errors.ts';
import { answerOpen, canReviewTo, type KlaAnswerStatus } from '../../domain/kla.ts';
import { canCoordinateKla } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { forbidden, klaReadScope, locked } from './access.ts';
import { evaluationStatus, loadAnswer, recordHistory, tellFillers, verifyStatus } from './change.ts';
import { reload } from './get-evaluation.ts';

export async function reviewKlaAnswer(
  ctx: AuthedCtx,
  answerId: string,
  input: KlaReviewInput,
): Promise<KlaEvaluationDto> {
  const action = 'kla.answer.review';
  const scope = klaReadScope(ctx, action, answerId);
  return ctx.conn.db.transaction().execute(async (trx) => {
    const a = await loadAnswer(trx, scope, answerId, action);
    if (!canCoordinateKla(ctx.actor, a.jurisdiction)) throw forbidden(action, 'kla_answer', answerId);
    if (!answerOpen(evaluationStatus(a), verifyStatus(a))) throw locked();
    if (!canReviewTo(a.status as KlaAnswerStatus, input.status))
      throw new AppError('VALIDATION_FAILED', { status: 'kla_step_not_allowed' });
    const ok = await updateAnswer(
      trx,
      answerId,
      input.version,
      {
        status: input.status,
        // a note goes with sending it back; the next review step clears it
        review_note_enc: input.status === 'diisi' && input.note ? ctx.keys.encrypt(input.note) : null,
        updated_by: ctx.actor.userId,
      },
      ctx.clock(),
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await recordHistory(ctx, trx, a.evaluation_id, a.indicator_number, 'answer.review', {
      status: { from: a.status, to: input.status },
      ...(input.status === 'diisi' && input.note ? { note: 'written' } : {}),
    });
    // sent back to whoever filled it: they are told which indicator
    if (input.status === 'diisi')
      await tellFillers(
        ctx,
        trx,
        { id: a.evaluation_id, year: a.year, jurisdiction: a.jurisdiction },
        [{ number: a.indicator_number, orgId: a.assigned_org_id, userId: a.assigned_user_id }],
        'kla_indikator_dikembalikan',
      );
    await audit(ctx, trx, {
      action,
      entity: 'kla_answer',
      entityId: answerId,
      outcome: 'ok',
      detail: { from: a.status, to: input.status },
    });
    return reload(ctx, trx, scope, a.evaluation_id);
  });
}
