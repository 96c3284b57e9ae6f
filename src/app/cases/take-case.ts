/**
 * "Ambil": a case manager takes a case of its kab/kota that has no manager yet, from the work
 * queue on the home page. The claim is one conditional UPDATE (`manager_id IS NULL`), so of two
 * managers who press it at once exactly one gets the case; the other is told it is taken.
 */
import { addCaseEvent, takeUnassignedCase } from '../../db/case.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { canTakeCase } from '../../domain/policy.ts';
import type { Stage } from '../../domain/stages.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { loadVisibleCase, requireOpen } from './access.ts';
import { getCase } from './get-case.ts';

export async function takeCase(ctx: AuthedCtx, id: string) {
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    const c = await loadVisibleCase(ctx, trx, id, 'case.take');
    const ref = {
      stage: c.stage as Stage,
      jurisdiction: c.jurisdiction,
      managerId: c.manager_id,
      memberIds: c.memberIds,
    };
    if (!canTakeCase(ctx.actor, ref))
      throw new AppError('FORBIDDEN', undefined, {
        action: 'case.take',
        entity: 'case',
        entityId: id,
        outcome: 'denied',
      });
    requireOpen(c);
    if (!(await takeUnassignedCase(trx, id, ctx.actor.userId, now))) throw new AppError('CASE_ALREADY_TAKEN');
    await addCaseEvent(trx, id, ctx.actor.userId, 'case.assigned', now, {
      managerId: ctx.actor.userId,
      taken: true,
    });
    await audit(ctx, trx, { action: 'case.take', entity: 'case', entityId: id, outcome: 'ok' });
  });
  return getCase(ctx, id, ctx.conn.db, { afterWrite: true });
}
