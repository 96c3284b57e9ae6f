/** Loading a case through the actor's scope, and checking an action on it. */

import { type CaseRow, caseMembers, getScopedCase } from '../../db/case.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { type CaseAction, canOnCase, caseScope } from '../../domain/policy.ts';
import type { Stage } from '../../domain/stages.ts';
import type { AuthedCtx, Tx } from '../context.ts';
import type { Replay } from '../idempotency.ts';

export type VisibleCase = CaseRow & { memberIds: string[] };

/** Loads the case if the actor may see it; otherwise records the attempt and answers 404. */
export async function loadVisibleCase(
  ctx: AuthedCtx,
  db: Tx,
  id: string,
  action: string,
): Promise<VisibleCase> {
  const row = await getScopedCase(db, caseScope(ctx.actor), id);
  if (!row)
    throw new AppError('NOT_FOUND', undefined, {
      action,
      entity: 'case',
      entityId: id,
      outcome: 'not_found',
    });
  const members = await caseMembers(db, id);
  return { ...row, memberIds: members.map((m) => m.id) };
}

export function requireOnCase(
  ctx: AuthedCtx,
  c: VisibleCase,
  action: CaseAction,
  auditAction: string,
  toStage?: Stage,
): void {
  const ok = canOnCase(
    ctx.actor,
    action,
    {
      stage: c.stage as Stage,
      jurisdiction: c.jurisdiction,
      managerId: c.manager_id,
      memberIds: c.memberIds,
    },
    toStage,
  );
  if (!ok)
    throw new AppError('FORBIDDEN', undefined, {
      action: auditAction,
      entity: 'case',
      entityId: c.id,
      outcome: 'denied',
    });
}

export function requireOpen(c: VisibleCase): void {
  if (c.stage === 'terminasi') throw new AppError('CASE_CLOSED');
}

/**
 * The access check of a replayed create on the case (an Idempotency-Key seen before): the actor
 * must still see the case and may still do `action` on it. Whether the case is still open does not
 * matter: nothing is written again.
 */
export async function requireStillAllowed(
  ctx: AuthedCtx,
  db: Tx,
  id: string,
  action: CaseAction,
  auditAction: string,
): Promise<VisibleCase> {
  const c = await loadVisibleCase(ctx, db, id, auditAction);
  requireOnCase(ctx, c, action, auditAction);
  return c;
}

/** The replay of a create on the case: the update check again, audited as the create it repeats. */
export function replayOnCase<T extends { id: string }>(
  ctx: AuthedCtx,
  db: Tx,
  caseId: string,
  auditAction: string,
  entity: string,
): Replay<T> {
  return {
    check: async () => void (await requireStillAllowed(ctx, db, caseId, 'update', auditAction)),
    audit: (x) => ({ action: auditAction, entity, entityId: x.id, detail: { caseId } }),
  };
}

/** Loads for a write: visible, allowed, still open. */
export async function loadForWrite(
  ctx: AuthedCtx,
  db: Tx,
  id: string,
  action: CaseAction,
  auditAction: string,
): Promise<VisibleCase> {
  const c = await loadVisibleCase(ctx, db, id, auditAction);
  requireOnCase(ctx, c, action, auditAction);
  requireOpen(c);
  return c;
}
