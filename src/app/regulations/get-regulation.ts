import type { RegulationDto } from '../../domain/contract/regulations.ts';
import type { AuthedCtx } from '../context.ts';
import { regulationDto } from './regulation-dto.ts';

/** One regulation the actor may read (404 otherwise). */
export function getRegulation(ctx: AuthedCtx, id: string): Promise<RegulationDto> {
  return regulationDto(ctx, ctx.conn.db, id);
}
