/** Training events the actor may see: its region's (a province also its kab/kota's), or a partner's own. */
import { listTrainingEvents } from '../../db/training.repository.ts';
import { type List, pageOf } from '../../domain/contract/define.ts';
import type { TrainingEventDto } from '../../domain/contract/training.ts';
import { AppError } from '../../domain/errors.ts';
import { coordinationScope } from '../../domain/policy.ts';
import type { TrainingEventQuery } from '../../domain/training.ts';
import type { AuthedCtx } from '../context.ts';
import { eventDto, loadEvent } from './access.ts';

export async function listEvents(ctx: AuthedCtx, q: TrainingEventQuery): Promise<List<TrainingEventDto>> {
  const scope = coordinationScope(ctx.actor);
  if (scope.kind === 'none') throw new AppError('FORBIDDEN');
  const rows = await listTrainingEvents(ctx.conn.db, scope, {
    year: q.year,
    typeId: q.typeId,
    limit: q.pageSize,
    offset: (q.page - 1) * q.pageSize,
  });
  const hasMore = rows.length > q.pageSize;
  const items = rows.slice(0, q.pageSize).map((e) => eventDto(ctx.actor, e));
  const total = (q.page - 1) * q.pageSize + items.length + (hasMore ? 1 : 0);
  return pageOf(items, q.page, q.pageSize, { total, totalCapped: hasMore, hasMore });
}

export async function getEvent(ctx: AuthedCtx, id: string): Promise<TrainingEventDto> {
  return eventDto(ctx.actor, await loadEvent(ctx, ctx.conn.db, id, 'training.event_read'));
}
