/**
 * Who may do what with the regional action plan (issue 12 §4), through src/domain/policy.ts only:
 * `coordinationScope` says what a reader sees (a region's plans, or a partner's own activities),
 * `canManageCoordination` who edits a plan (the Dinas's coord:manage staff of its jurisdiction),
 * `canUpdateOwned` who reports an activity's progress (its responsible organisation's staff, or
 * the Dinas). Out of scope is 404, never 403.
 */
import type { RadScope } from '../../db/rad.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { canManageCoordination, canUpdateOwned, coordinationScope } from '../../domain/policy.ts';
import type { AuthedCtx } from '../context.ts';

/** The reader's scope, or 403 for roles without coordination work. */
export function radScope(ctx: AuthedCtx, action: string, entityId?: string): RadScope {
  const scope = coordinationScope(ctx.actor);
  if (scope.kind === 'none')
    throw new AppError('FORBIDDEN', undefined, {
      action,
      entity: 'rad',
      entityId: entityId ?? null,
      outcome: 'denied',
    });
  return scope;
}

export function notFound(action: string, entity: string, entityId: string): AppError {
  return new AppError('NOT_FOUND', undefined, { action, entity, entityId, outcome: 'not_found' });
}

export function forbidden(action: string, entity: string, entityId: string): AppError {
  return new AppError('FORBIDDEN', undefined, { action, entity, entityId, outcome: 'denied' });
}

export const mayManage = (ctx: AuthedCtx, jurisdiction: string) =>
  canManageCoordination(ctx.actor, { jurisdiction });
export const mayReport = (ctx: AuthedCtx, a: { jurisdiction: string; responsible_org_id: string }) =>
  canUpdateOwned(ctx.actor, { jurisdiction: a.jurisdiction, ownerOrgId: a.responsible_org_id });
