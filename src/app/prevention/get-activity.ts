/**
 * One prevention activity with its facilitators' names and its materials and photos. The names of
 * the people who led it are personal data: every read is audited.
 */
import { findActivity } from '../../db/prevention.repository.ts';
import type { ActivityDto } from '../../domain/contract/prevention.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { listCoordFiles } from '../coord-files.ts';
import { activityDtos, notFound, readScope } from './shared.ts';

export async function activityDetail(
  ctx: AuthedCtx,
  db: Tx,
  id: string,
  action = 'prevention_activity.read',
) {
  const scope = readScope(ctx, action);
  const row = await findActivity(db, scope, id);
  if (!row) throw notFound(action, 'prevention_activity', id);
  const files = await listCoordFiles(ctx, db, 'prevention_activity', id);
  const [dto] = await activityDtos(ctx, db, [row], { files });
  return dto!;
}

export async function getActivity(ctx: AuthedCtx, id: string): Promise<ActivityDto> {
  const db = ctx.conn.db;
  const dto = await activityDetail(ctx, db, id);
  await audit(ctx, db, {
    action: 'prevention_activity.read',
    entity: 'prevention_activity',
    entityId: id,
    outcome: 'ok',
    detail: { facilitators: dto.facilitators?.length ?? 0 },
  });
  return dto;
}
