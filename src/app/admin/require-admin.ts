import { AppError } from '../../domain/errors.ts';
import { adminScope } from '../../domain/policy.ts';
import type { AuthedCtx } from '../context.ts';

/** The region subtree the actor administers ('' = everything), or FORBIDDEN. */
export function requireAdmin(ctx: AuthedCtx): string {
  const root = adminScope(ctx.actor);
  if (root === null) throw new AppError('FORBIDDEN');
  return root;
}
