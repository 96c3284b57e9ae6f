import { listRegulationRows } from '../../db/regulation.repository.ts';
import type { RegulationDto } from '../../domain/contract/regulations.ts';
import { REGULATION_WARN_DAYS, type RegulationListQuery } from '../../domain/regulations.ts';
import { localDate } from '../../domain/time.ts';
import type { AuthedCtx } from '../context.ts';
import { listCoordFiles } from '../coord-files.ts';
import { readScope, toRegulationDto } from './regulation-dto.ts';

const DAY = 86_400_000;

/**
 * The regulations the actor may read, newest first (a Dinas keeps tens of them, so each row's
 * file is looked up on its own); `due=1`: those in force to review or ending within
 * REGULATION_WARN_DAYS, or past their date.
 */
export async function listRegulations(ctx: AuthedCtx, q: RegulationListQuery): Promise<RegulationDto[]> {
  const scope = readScope(ctx);
  const dueBy = q.due
    ? localDate(new Date(ctx.clock().getTime() + REGULATION_WARN_DAYS * DAY), ctx.actor.jurisdiction)
    : undefined;
  const rows = await listRegulationRows(ctx.conn.db, scope, { kind: q.kind, status: q.status, dueBy });
  const out: RegulationDto[] = [];
  for (const r of rows) {
    const files = await listCoordFiles(ctx, ctx.conn.db, 'regulation', r.id);
    out.push(toRegulationDto(ctx, r, files[0] ?? null));
  }
  return out;
}
