/** Assign or reassign the case manager and companions, within the case's jurisdiction. */

import { addCaseEvent, setCaseMembers, updateCaseRow } from '../../db/case.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { canBeAssigned, type Role } from '../../domain/policy.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { loadVisibleCase, requireOnCase } from './access.ts';
import { getCase } from './get-case.ts';

async function staff(db: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.role', 'u.disabled', 'o.jurisdiction'])
    .where('u.id', 'in', [...ids])
    .execute();
}

export async function assignCase(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; managerId?: string | null | undefined; companionIds?: string[] | undefined },
) {
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    const c = await loadVisibleCase(ctx, trx, id, 'case.assign');
    requireOnCase(ctx, c, 'assign', 'case.assign');
    const ids = [...(input.managerId ? [input.managerId] : []), ...(input.companionIds ?? [])];
    const found = new Map((await staff(trx, ids)).map((u) => [u.id, u]));
    const ok = (uid: string, as: 'manager' | 'companion') => {
      const u = found.get(uid);
      return (
        u !== undefined && !u.disabled && canBeAssigned(u.role as Role, u.jurisdiction, c.jurisdiction, as)
      );
    };
    if (input.managerId && !ok(input.managerId, 'manager'))
      throw new AppError('INVALID_ASSIGNEE', { managerId: 'invalid_assignee' });
    for (const [i, uid] of (input.companionIds ?? []).entries()) {
      if (!ok(uid, 'companion'))
        throw new AppError('INVALID_ASSIGNEE', { [`companionIds.${i}`]: 'invalid_assignee' });
    }
    const set: Record<string, unknown> = {};
    if (input.managerId !== undefined) set.manager_id = input.managerId;
    if (!(await updateCaseRow(trx, id, input.version, set, now))) throw new AppError('VERSION_CONFLICT');
    if (input.companionIds !== undefined) await setCaseMembers(trx, id, [...new Set(input.companionIds)]);
    await addCaseEvent(trx, id, ctx.actor.userId, 'case.assigned', now, {
      ...(input.managerId !== undefined ? { managerId: input.managerId } : {}),
      ...(input.companionIds !== undefined ? { companionIds: input.companionIds } : {}),
    });
    await audit(ctx, trx, { action: 'case.assign', entity: 'case', entityId: id, outcome: 'ok' });
  });
  return getCase(ctx, id);
}

/** Staff who may be made manager or companion of this case. */
export async function assignableStaff(ctx: AuthedCtx, caseId: string) {
  const c = await loadVisibleCase(ctx, ctx.conn.db, caseId, 'case.assignable');
  return ctx.conn.db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.name', 'u.role', 'o.name as orgName'])
    .where('o.jurisdiction', '=', c.jurisdiction)
    .where('u.role', 'in', ['manajer', 'pendamping'])
    .where('u.disabled', '=', false)
    .orderBy('u.name')
    .execute();
}
