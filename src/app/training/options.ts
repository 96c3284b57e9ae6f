/** What the event and participant forms choose from: active types, organisations and users of the jurisdiction. */
import { listTrainingTypes, organisationsWithin, usersWithin } from '../../db/training.repository.ts';
import type { TrainingOptionsDto } from '../../domain/contract/training.ts';
import { AppError } from '../../domain/errors.ts';
import { canManageCoordination } from '../../domain/policy.ts';
import type { AuthedCtx } from '../context.ts';
import { typeDto } from './access.ts';

export async function trainingOptions(ctx: AuthedCtx): Promise<TrainingOptionsDto> {
  const j = ctx.actor.jurisdiction;
  if (!canManageCoordination(ctx.actor, { jurisdiction: j })) throw new AppError('FORBIDDEN');
  const db = ctx.conn.db;
  const [types, orgs, users] = await Promise.all([
    listTrainingTypes(db, j.length > 2 ? [j, j.slice(0, 2)] : [j]),
    organisationsWithin(db, j),
    usersWithin(db, j),
  ]);
  return {
    types: types.filter((t) => t.active).map(typeDto),
    organisations: orgs.map((o) => ({ id: o.id, name: o.name, type: o.type })),
    users: users.map((u) => ({ id: u.id, name: u.name, role: u.role, orgId: u.org_id, orgName: u.org_name })),
  };
}
