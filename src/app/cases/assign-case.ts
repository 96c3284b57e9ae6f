/** Assign or reassign the case manager and companions, within the case's jurisdiction. */

import type { Updateable } from 'kysely';
import { addCaseEvent, setCaseMembers, updateCaseRow } from '../../db/case.repository.ts';
import type { CaseFileTable } from '../../db/schema.ts';
import { findStaffByIds, listAssignableStaff } from '../../db/user.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { canBeAssigned, type Role } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { loadVisibleCase, requireOnCase } from './access.ts';
import { getCase } from './get-case.ts';

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
    const found = new Map((await findStaffByIds(trx, ids)).map((u) => [u.id, u]));
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
    const set: Updateable<CaseFileTable> = {};
    if (input.managerId !== undefined) set.manager_id = input.managerId;
    if (!(await updateCaseRow(trx, id, input.version, set, now))) throw new AppError('VERSION_CONFLICT');
    if (input.companionIds !== undefined) await setCaseMembers(trx, id, [...new Set(input.companionIds)]);
    await addCaseEvent(trx, id, ctx.actor.userId, 'case.assigned', now, {
      ...(input.managerId !== undefined ? { managerId: input.managerId } : {}),
      ...(input.companionIds !== undefined ? { companionIds: input.companionIds } : {}),
    });
    await audit(ctx, trx, { action: 'case.assign', entity: 'case', entityId: id, outcome: 'ok' });
  });
  return getCase(ctx, id, ctx.conn.db, { afterWrite: true });
}

/** Staff who may be made manager or companion of this case. */
export async function assignableStaff(ctx: AuthedCtx, caseId: string) {
  const c = await loadVisibleCase(ctx, ctx.conn.db, caseId, 'case.assignable');
  return listAssignableStaff(ctx.conn.db, c.jurisdiction);
}
