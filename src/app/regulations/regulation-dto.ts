/**
 * What the regulation pages show of one regulation, and loading one the actor may read
 * (issue 12 §5, decision 033). Shared by the regulation use cases.
 */

import { findRegulation, type RegulationRow } from '../../db/regulation.repository.ts';
import type { RegulationDto } from '../../domain/contract/regulations.ts';
import { AppError } from '../../domain/errors.ts';
import { canManageRegulation, regulationScope } from '../../domain/policy.ts';
import { type RegulationKind, type RegulationStatus, regulationDue } from '../../domain/regulations.ts';
import { localDate } from '../../domain/time.ts';
import type { AuthedCtx, Tx } from '../context.ts';
import { listCoordFiles } from '../coord-files.ts';

export function readScope(ctx: AuthedCtx) {
  const scope = regulationScope(ctx.actor);
  if (scope.kind === 'none') throw new AppError('FORBIDDEN');
  return scope;
}

/** The regulation if the actor may read it (else 404); with `manage`, only if it may change it (else 403). */
export async function loadRegulation(ctx: AuthedCtx, db: Tx, id: string, manage = false) {
  const r = await findRegulation(db, readScope(ctx), id);
  if (!r) throw new AppError('NOT_FOUND');
  if (manage && !canManageRegulation(ctx.actor, r.jurisdiction)) throw new AppError('FORBIDDEN');
  return r;
}

export function toRegulationDto(
  ctx: AuthedCtx,
  r: RegulationRow,
  file: RegulationDto['file'],
): RegulationDto {
  const today = localDate(ctx.clock(), r.jurisdiction);
  return {
    id: r.id,
    jurisdiction: r.jurisdiction,
    jurisdictionName: r.jurisdiction_name ?? null,
    kind: r.kind as RegulationKind,
    number: r.number,
    issuedOn: r.issued_on,
    title: r.title,
    authority: r.authority,
    status: r.status as RegulationStatus,
    expiresOn: r.expires_on,
    reviewOn: r.review_on,
    note: r.note,
    next: regulationDue({ status: r.status, reviewOn: r.review_on, expiresOn: r.expires_on }, today),
    file,
    canManage: canManageRegulation(ctx.actor, r.jurisdiction),
    version: r.version,
    updatedAt: new Date(r.updated_at).toISOString(),
  };
}

/** The regulation with its file, as the actor sees it. */
export async function regulationDto(ctx: AuthedCtx, db: Tx, id: string): Promise<RegulationDto> {
  const r = await loadRegulation(ctx, db, id);
  const files = await listCoordFiles(ctx, db, 'regulation', r.id);
  return toRegulationDto(ctx, r, files[0] ?? null);
}
