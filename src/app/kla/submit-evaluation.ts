/**
 * The coordinator submits the evaluation to the province when every indicator is final — or
 * marks the ones that are not as missing (`markMissing`). From then on it is locked (409 on any
 * change) until the province returns it. A resubmission after a return needs every indicator the
 * province asked to fix changed since it asked (the answer or its evidence); it clears the
 * province's open decisions (fix, rejected) so it decides them again; accepted ones stay.
 */
import {
  clearOpenVerifications,
  findEvaluation,
  listAnswers,
  lockEvaluation,
  updateEvaluation,
  versionsAtVerification,
} from '../../db/kla.repository.ts';
import { activeUsersInJurisdiction } from '../../db/notification.repository.ts';
import type { KlaEvaluationDto, KlaSubmitInput } from '../../domain/contract/kla.ts';
import { AppError } from '../../domain/errors.ts';
import type { KlaEvaluationStatus } from '../../domain/kla.ts';
import { canCoordinateKla, KLA_SUBMISSION_AUDIENCE } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { notify } from '../notifications/notify.ts';
import { forbidden, klaReadScope, locked, notFound } from './access.ts';
import { recordHistory } from './change.ts';
import { reload } from './get-evaluation.ts';

export async function submitKlaEvaluation(
  ctx: AuthedCtx,
  id: string,
  input: KlaSubmitInput,
): Promise<KlaEvaluationDto> {
  const action = 'kla.evaluation.submit';
  const scope = klaReadScope(ctx, action, id);
  return ctx.conn.db.transaction().execute(async (trx) => {
    const e = await findEvaluation(trx, scope, id);
    if (!e) throw notFound(action, 'kla_evaluation', id);
    if (!canCoordinateKla(ctx.actor, e.jurisdiction)) throw forbidden(action, 'kla_evaluation', id);
    // waits for answer changes in flight (they hold the row FOR SHARE), then reads them
    const row = await lockEvaluation(trx, id, 'update');
    const status = row!.status as KlaEvaluationStatus;
    if (status === 'submitted' || status === 'verified') throw locked();
    const answers = await listAnswers(trx, id);
    const open = answers.filter((a) => a.status !== 'final').map((a) => a.indicator_number);
    if (open.length && !input.markMissing)
      throw new AppError(
        'VALIDATION_FAILED',
        Object.fromEntries(open.map((n) => [`indicators.${n}`, 'kla_not_final'])),
      );
    if (status === 'returned') {
      // what the province asked to fix must have changed since it asked (answer or evidence)
      const asked = answers.filter((a) => a.verify_status === 'fix');
      const atVerify = await versionsAtVerification(
        trx,
        id,
        asked.map((a) => a.indicator_number),
      );
      const untouched = asked
        .filter((a) => a.version <= (atVerify.get(a.indicator_number) ?? 0))
        .map((a) => a.indicator_number);
      if (untouched.length)
        throw new AppError(
          'VALIDATION_FAILED',
          Object.fromEntries(untouched.map((n) => [`indicators.${n}`, 'kla_fix_not_addressed'])),
        );
    }
    const now = ctx.clock();
    const ok = await updateEvaluation(
      trx,
      id,
      input.version,
      { status: 'submitted', missing_numbers: open, submitted_at: now, submitted_by: ctx.actor.userId },
      now,
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    if (status === 'returned') await clearOpenVerifications(trx, id, now);
    // the province's verifiers are told (a link, nothing personal)
    const province = e.jurisdiction.split('.')[0]!;
    const to = await activeUsersInJurisdiction(trx, province, KLA_SUBMISSION_AUDIENCE);
    await notify(
      trx,
      to,
      { kind: 'kla_dikirim', link: `/kla/${id}`, ref: `${e.jurisdiction_name ?? e.jurisdiction} ${e.year}` },
      now,
    );
    await recordHistory(ctx, trx, id, null, 'evaluation.submit', {
      status: { from: status, to: 'submitted' },
      missing: open,
      // decided again by the province: what it asked to fix or rejected (its notes stay)
      ...(status === 'returned'
        ? {
            reopened: answers
              .filter((a) => a.verify_status === 'fix' || a.verify_status === 'rejected')
              .map((a) => a.indicator_number),
          }
        : {}),
    });
    await audit(ctx, trx, {
      action,
      entity: 'kla_evaluation',
      entityId: id,
      outcome: 'ok',
      detail: { missing: open.length, resubmitted: status === 'returned' },
    });
    return reload(ctx, trx, scope, id);
  });
}
