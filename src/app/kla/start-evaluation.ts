/**
 * The coordinator of the Gugus Tugas KLA starts the kab/kota's self-evaluation for a year: it
 * takes the newest indicator set of that year (an imported version, or the shipped set, version
 * 0) and keeps it, whatever is imported later; one answer row per indicator, `belum_diisi`. One
 * evaluation per kab/kota and year: a second is 409 DUPLICATE (of simultaneous starts one wins).
 */
import { randomUUID } from 'node:crypto';
import { insertAnswers, insertEvaluation, latestSetVersion } from '../../db/kla.repository.ts';
import type { KlaEvaluationDto } from '../../domain/contract/kla.ts';
import { AppError } from '../../domain/errors.ts';
import { canCoordinateKla } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { klaReadScope, setOf } from './access.ts';
import { recordHistory } from './change.ts';
import { reload } from './get-evaluation.ts';

export async function startKlaEvaluation(ctx: AuthedCtx, input: { year: number }): Promise<KlaEvaluationDto> {
  const action = 'kla.evaluation.create';
  const scope = klaReadScope(ctx, action);
  const jurisdiction = ctx.actor.jurisdiction;
  if (!canCoordinateKla(ctx.actor, jurisdiction))
    throw new AppError('FORBIDDEN', undefined, {
      action,
      entity: 'kla_evaluation',
      entityId: null,
      outcome: 'denied',
    });
  return ctx.conn.db.transaction().execute(async (trx) => {
    const setVersion = await latestSetVersion(trx, input.year);
    const set = await setOf(trx, input.year, setVersion);
    const id = randomUUID();
    const now = ctx.clock();
    const made = await insertEvaluation(trx, {
      id,
      jurisdiction,
      year: input.year,
      set_version: setVersion,
      status: 'draft',
      created_by: ctx.actor.userId,
      created_at: now,
      updated_at: now,
    });
    if (!made) throw new AppError('DUPLICATE', { year: 'kla_evaluation_exists' });
    await insertAnswers(
      trx,
      set.indicators.map((ind) => ({
        id: randomUUID(),
        evaluation_id: id,
        jurisdiction,
        indicator_number: ind.number,
        status: 'belum_diisi',
        created_at: now,
        updated_at: now,
      })),
    );
    await recordHistory(ctx, trx, id, null, 'evaluation.start', { year: input.year, setVersion });
    await audit(ctx, trx, {
      action,
      entity: 'kla_evaluation',
      entityId: id,
      outcome: 'ok',
      detail: { year: input.year, setVersion },
    });
    return reload(ctx, trx, scope, id);
  });
}
