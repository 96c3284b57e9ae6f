/**
 * The province closes its verification: `verified` when every indicator is decided and none waits
 * for a fix (then the evaluation stays locked for good), or `returned` when it asked for fixes
 * (the kab/kota sees the notes, fixes those indicators and resubmits).
 */
import {
  findEvaluation,
  listAnswers,
  listAssignments,
  lockEvaluation,
  updateEvaluation,
} from '../../db/kla.repository.ts';
import { activeUsersInJurisdiction } from '../../db/notification.repository.ts';
import type { KlaDecisionInput, KlaEvaluationDto } from '../../domain/contract/kla.ts';
import { AppError } from '../../domain/errors.ts';
import { canVerifyKla, KLA_DECISION_AUDIENCE } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { notify } from '../notifications/notify.ts';
import { forbidden, klaReadScope, notFound } from './access.ts';
import { recordHistory, tellFillers } from './change.ts';
import { reload } from './get-evaluation.ts';

export async function decideKlaEvaluation(
  ctx: AuthedCtx,
  id: string,
  input: KlaDecisionInput,
): Promise<KlaEvaluationDto> {
  const action = 'kla.evaluation.decide';
  const scope = klaReadScope(ctx, action, id);
  return ctx.conn.db.transaction().execute(async (trx) => {
    const e = await findEvaluation(trx, scope, id);
    if (!e) throw notFound(action, 'kla_evaluation', id);
    if (!canVerifyKla(ctx.actor, e.jurisdiction)) throw forbidden(action, 'kla_evaluation', id);
    const row = await lockEvaluation(trx, id, 'update');
    if (row!.status !== 'submitted') throw new AppError('KLA_STATE');
    const answers = await listAnswers(trx, id);
    const undecided = answers.filter((a) => a.verify_status === null).map((a) => a.indicator_number);
    const fixes = answers.filter((a) => a.verify_status === 'fix').length;
    if (input.outcome === 'verified' && (undecided.length || fixes))
      throw new AppError(
        'VALIDATION_FAILED',
        undecided.length
          ? Object.fromEntries(undecided.map((n) => [`indicators.${n}`, 'kla_not_verified']))
          : { outcome: 'kla_fixes_open' },
      );
    if (input.outcome === 'returned' && !fixes)
      throw new AppError('VALIDATION_FAILED', { outcome: 'kla_nothing_to_fix' });
    const now = ctx.clock();
    const ok = await updateEvaluation(
      trx,
      id,
      input.version,
      input.outcome === 'verified'
        ? { status: 'verified', verified_at: now, verified_by: ctx.actor.userId }
        : { status: 'returned' },
      now,
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    // the kab/kota's coordinators and leadership are told (a link, nothing personal)
    const to = await activeUsersInJurisdiction(trx, e.jurisdiction, KLA_DECISION_AUDIENCE);
    await notify(
      trx,
      to,
      {
        kind: input.outcome === 'verified' ? 'kla_terverifikasi' : 'kla_dikembalikan',
        link: `/kla/${id}`,
        ref: `${e.jurisdiction_name ?? e.jurisdiction} ${e.year}`,
      },
      now,
    );
    if (input.outcome === 'returned') {
      // the members whose indicators the province asked to fix or rejected are told which
      const assigned = new Map((await listAssignments(trx, id)).map((x) => [x.indicator_number, x]));
      const back = (await listAnswers(trx, id)).filter(
        (x) => x.verify_status === 'fix' || x.verify_status === 'rejected',
      );
      await tellFillers(
        ctx,
        trx,
        { id, year: e.year, jurisdiction: e.jurisdiction },
        back.map((x) => ({
          number: x.indicator_number,
          orgId: assigned.get(x.indicator_number)?.org_id ?? null,
          userId: assigned.get(x.indicator_number)?.user_id ?? null,
        })),
        'kla_indikator_dikembalikan',
      );
    }
    await recordHistory(ctx, trx, id, null, 'evaluation.decide', {
      status: { from: 'submitted', to: input.outcome },
    });
    await audit(ctx, trx, {
      action,
      entity: 'kla_evaluation',
      entityId: id,
      outcome: 'ok',
      detail: { outcome: input.outcome },
    });
    return reload(ctx, trx, scope, id);
  });
}
