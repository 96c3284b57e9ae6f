/**
 * The coordinator names who fills each indicator: a member organisation of the Gugus Tugas KLA
 * of the same kab/kota (active), optionally one of its people. The whole list is replaced, with
 * the evaluation's version (stale → 409). Locked once submitted.
 */
import {
  assignableOrgs,
  findEvaluation,
  listAssignments,
  lockEvaluation,
  orgsOfJurisdiction,
  replaceAssignments,
  updateEvaluation,
  usersOf,
} from '../../db/kla.repository.ts';
import type { KlaAssignmentsInput, KlaEvaluationDto } from '../../domain/contract/kla.ts';
import { AppError } from '../../domain/errors.ts';
import type { KlaEvaluationStatus } from '../../domain/kla.ts';
import { canCoordinateKla, canFillKlaIndicator } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { forbidden, klaReadScope, locked, notFound, setOf } from './access.ts';
import { recordHistory, tellFillers } from './change.ts';
import { reload } from './get-evaluation.ts';

export async function assignKlaIndicators(
  ctx: AuthedCtx,
  id: string,
  input: KlaAssignmentsInput,
): Promise<KlaEvaluationDto> {
  const action = 'kla.assignment.save';
  const scope = klaReadScope(ctx, action, id);
  return ctx.conn.db.transaction().execute(async (trx) => {
    const e = await findEvaluation(trx, scope, id);
    if (!e) throw notFound(action, 'kla_evaluation', id);
    if (!canCoordinateKla(ctx.actor, e.jurisdiction)) throw forbidden(action, 'kla_evaluation', id);
    await lockEvaluation(trx, id, 'update');
    const status = e.status as KlaEvaluationStatus;
    if (status === 'submitted' || status === 'verified') throw locked();
    const set = await setOf(trx, e.year, e.set_version);
    const numbers = new Set(set.indicators.map((i) => i.number));
    const fields: Record<string, string> = {};
    const seen = new Set<number>();
    input.assignments.forEach((s, i) => {
      if (!numbers.has(s.number)) fields[`assignments.${i}.number`] = 'unknown_indicator';
      else if (seen.has(s.number)) fields[`assignments.${i}.number`] = 'duplicate';
      seen.add(s.number);
    });
    const orgIds = [...new Set(input.assignments.map((s) => s.orgId))];
    const orgs = new Set((await orgsOfJurisdiction(trx, e.jurisdiction, orgIds)).map((o) => o.id));
    const users = new Map(
      (
        await usersOf(
          trx,
          input.assignments.flatMap((s) => (s.userId ? [s.userId] : [])),
        )
      ).map((u) => [u.id, u]),
    );
    input.assignments.forEach((s, i) => {
      if (!orgs.has(s.orgId)) fields[`assignments.${i}.orgId`] = 'kla_org_outside';
      else if (s.userId && users.get(s.userId)?.org_id !== s.orgId)
        fields[`assignments.${i}.userId`] = 'not_of_org';
      else if (s.userId) {
        // a named person must be one who can fill it (an active account of a role that may)
        const u = users.get(s.userId)!;
        const as = { userId: u.id, role: u.role, orgId: u.org_id, jurisdiction: e.jurisdiction };
        const may = canFillKlaIndicator(as, { jurisdiction: e.jurisdiction, orgId: s.orgId, userId: u.id });
        if (u.disabled || !may) fields[`assignments.${i}.userId`] = 'kla_cannot_fill';
      }
    });
    if (Object.keys(fields).length) throw new AppError('VALIDATION_FAILED', fields);
    const now = ctx.clock();
    if (!(await updateEvaluation(trx, id, input.version, {}, now))) throw new AppError('VERSION_CONFLICT');
    const before = new Map((await listAssignments(trx, id)).map((x) => [x.indicator_number, x]));
    await replaceAssignments(
      trx,
      id,
      input.assignments.map((s) => ({
        evaluation_id: id,
        indicator_number: s.number,
        org_id: s.orgId,
        user_id: s.userId ?? null,
      })),
    );
    // whoever is newly given an indicator is told which (not those who already had it)
    await tellFillers(
      ctx,
      trx,
      { id, year: e.year, jurisdiction: e.jurisdiction },
      input.assignments
        .filter((s) => {
          const b = before.get(s.number);
          return !b || b.org_id !== s.orgId || (b.user_id ?? null) !== (s.userId ?? null);
        })
        .map((s) => ({ number: s.number, orgId: s.orgId, userId: s.userId ?? null })),
      'kla_ditugaskan',
    );
    await recordHistory(ctx, trx, id, null, 'assignments.save', {
      assignments: input.assignments.map((s) => ({
        number: s.number,
        orgId: s.orgId,
        userId: s.userId ?? null,
      })),
    });
    await audit(ctx, trx, { action, entity: 'kla_evaluation', entityId: id, outcome: 'ok' });
    return reload(ctx, trx, scope, id);
  });
}

/** The organisations the coordinator may assign (active ones of the kab/kota). */
export async function klaAssignableOrgs(ctx: AuthedCtx, id: string) {
  const action = 'kla.assignment.options';
  const scope = klaReadScope(ctx, action, id);
  const e = await findEvaluation(ctx.conn.db, scope, id);
  if (!e) throw notFound(action, 'kla_evaluation', id);
  if (!canCoordinateKla(ctx.actor, e.jurisdiction)) throw forbidden(action, 'kla_evaluation', id);
  return { items: await assignableOrgs(ctx.conn.db, e.jurisdiction) };
}
