/**
 * Who may do what with a KLA evaluation (issue 13; decision 035), through src/domain/policy.ts
 * only: `klaScope` says which evaluations a reader sees (out of scope is 404, never 403),
 * `canCoordinateKla`, `canFillKlaIndicator`, `canVerifyKla` and `canReadKlaHistory` the rest.
 * Also the indicator set an evaluation uses: the imported version it began with, or the set
 * Simpul ships (version 0) for its year.
 */
import type { KlaReadScope } from '../../db/kla.repository.ts';
import { findSet } from '../../db/kla.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { type KlaIndicatorSet, parseIndicatorSet } from '../../domain/kla.ts';
import { DEFAULT_KLA_SET } from '../../domain/kla-default-set.ts';
import { klaScope } from '../../domain/policy.ts';
import type { AuthedCtx, Tx } from '../context.ts';

/** The reader's scope, or 403 for roles without KLA work. */
export function klaReadScope(ctx: AuthedCtx, action: string, entityId?: string): KlaReadScope {
  const scope = klaScope(ctx.actor);
  if (scope.kind === 'none')
    throw new AppError('FORBIDDEN', undefined, {
      action,
      entity: 'kla_evaluation',
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

/** The evaluation is submitted or verified: nothing of it changes (until the province returns it). */
export function locked(): AppError {
  return new AppError('KLA_LOCKED');
}

/** The shipped set for a year (its indicators and weights as shipped, the year changed). */
export function shippedSet(year: number): KlaIndicatorSet {
  return { ...DEFAULT_KLA_SET, year };
}

/** The set of a year and version (0: shipped). An imported set was checked when it was stored. */
export async function setOf(db: Tx, year: number, version: number): Promise<KlaIndicatorSet> {
  if (version === 0) return shippedSet(year);
  const row = await findSet(db, year, version);
  if (!row) throw new AppError('NOT_FOUND');
  const parsed = parseIndicatorSet(row.content);
  if (!parsed.ok) throw new Error(`stored KLA set ${year}:${version} no longer passes its checks`);
  return parsed.set;
}
