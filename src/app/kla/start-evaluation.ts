/**
 * The coordinator of the Gugus Tugas KLA starts the kab/kota's self-evaluation for a year: it
 * takes the newest indicator set of that year (an imported version, or the shipped set, version
 * 0) and keeps it, whatever is imported later; one answer row per indicator, `belum_diisi`. One
 * evaluation per kab/kota and year: a second is 409 DUPLICATE (of simultaneous starts one wins).
 * Last year's assignments carry over where they still hold.
 */
import { randomUUID } from 'node:crypto';
import {
  findEvaluationOf,
  insertAnswers,
  insertEvaluation,
  latestSetVersion,
  listAssignments,
  orgsOfJurisdiction,
  replaceAssignments,
  usersOf,
} from '../../db/kla.repository.ts';
import type { KlaEvaluationDto } from '../../domain/contract/kla.ts';
import { AppError } from '../../domain/errors.ts';
import { canCoordinateKla, canFillKlaIndicator } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { klaReadScope, setOf } from './access.ts';
import { recordHistory, tellFillers } from './change.ts';
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
    // last year's Gugus Tugas assignments carry over where they still hold: the indicator is in
    // this year's set, the organisation still works in the kab/kota, a named person still there
    // and able to fill; the coordinator changes them as the team changes
    const last = await findEvaluationOf(trx, scope, jurisdiction, input.year - 1);
    if (last) {
      const before = await listAssignments(trx, last.id);
      const numbers = new Set(set.indicators.map((i) => i.number));
      const orgs = new Set(
        (await orgsOfJurisdiction(trx, jurisdiction, [...new Set(before.map((b) => b.org_id))])).map(
          (o) => o.id,
        ),
      );
      const users = new Map(
        (
          await usersOf(
            trx,
            before.flatMap((b) => (b.user_id ? [b.user_id] : [])),
          )
        ).map((u) => [u.id, u]),
      );
      const carried = before
        .filter((b) => numbers.has(b.indicator_number) && orgs.has(b.org_id))
        .map((b) => {
          const u = b.user_id ? users.get(b.user_id) : undefined;
          const named =
            u &&
            !u.disabled &&
            u.org_id === b.org_id &&
            canFillKlaIndicator(
              { userId: u.id, role: u.role, orgId: u.org_id, jurisdiction },
              { jurisdiction, orgId: b.org_id, userId: u.id },
            );
          return { number: b.indicator_number, orgId: b.org_id, userId: named ? u.id : null };
        });
      if (carried.length) {
        await replaceAssignments(
          trx,
          id,
          carried.map((c) => ({
            evaluation_id: id,
            indicator_number: c.number,
            org_id: c.orgId,
            user_id: c.userId,
          })),
        );
        await recordHistory(ctx, trx, id, null, 'assignments.save', {
          assignments: carried,
          fromYear: input.year - 1,
        });
        await tellFillers(ctx, trx, { id, year: input.year, jurisdiction }, carried, 'kla_ditugaskan');
      }
    }
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
