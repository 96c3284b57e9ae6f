/**
 * "Sudah diinput ke SIMFONI": the data officer marks a case of the kab/kota entered, with the day
 * and SIMFONI's registration number, sending the case's version (a case changed since the officer
 * read its facts answers 409: read them again, then mark). Sending it again corrects the mark. The
 * case's timeline says so; nothing of the case's handling changes.
 */
import { addCaseEvent } from '../../db/case.repository.ts';
import { findSimfoniCase, markSimfoniEntry } from '../../db/simfoni.repository.ts';
import type { SimfoniCaseDto } from '../../domain/contract/simfoni.ts';
import { AppError } from '../../domain/errors.ts';
import { simfoniScope } from '../../domain/policy.ts';
import type { SimfoniEntryInput } from '../../domain/simfoni.ts';
import { localDate } from '../../domain/time.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { gatherSimfoniFacts } from './facts.ts';
import { simfoniCaseDto } from './list-simfoni-cases.ts';

export async function recordSimfoniEntry(
  ctx: AuthedCtx,
  caseId: string,
  input: SimfoniEntryInput,
): Promise<SimfoniCaseDto> {
  const denied = (outcome: 'denied' | 'not_found') => ({
    action: 'simfoni.entry',
    entity: 'case',
    entityId: caseId,
    outcome,
  });
  const scope = simfoniScope(ctx.actor);
  if (!scope) throw new AppError('FORBIDDEN', undefined, denied('denied'));
  const now = ctx.clock();
  return ctx.conn.db.transaction().execute(async (trx) => {
    const before = await findSimfoniCase(trx, scope, caseId);
    if (!before) throw new AppError('NOT_FOUND', undefined, denied('not_found'));
    if (input.enteredOn < localDate(new Date(before.received_at), before.jurisdiction))
      throw new AppError('VALIDATION_FAILED', { enteredOn: 'before_report' });
    const r = await markSimfoniEntry(
      trx,
      scope,
      caseId,
      input.version,
      { enteredOn: input.enteredOn, simfoniNumber: input.simfoniNumber, by: ctx.actor.userId },
      now,
    );
    if (r === 'missing') throw new AppError('NOT_FOUND', undefined, denied('not_found'));
    if (r === 'conflict') throw new AppError('VERSION_CONFLICT');
    const corrected = before.simfoni_entered_on !== null;
    await addCaseEvent(trx, caseId, ctx.actor.userId, 'simfoni.entered', now, {
      enteredOn: input.enteredOn,
      simfoniNumber: input.simfoniNumber,
      corrected,
    });
    await audit(ctx, trx, {
      action: 'simfoni.entry',
      entity: 'case',
      entityId: caseId,
      outcome: 'ok',
      detail: { enteredOn: input.enteredOn, simfoniNumber: input.simfoniNumber, corrected },
    });
    const after = (await findSimfoniCase(trx, scope, caseId))!;
    const facts = await gatherSimfoniFacts(trx, ctx.keys, [after], { identity: false });
    return simfoniCaseDto(after, facts.get(caseId)!);
  });
}
