/** Organisations and users of the jurisdiction, for invitations, attendance and follow-up owners. */
import { orgsIn, usersIn } from '../../db/meeting.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { canManageCoordination } from '../../domain/policy.ts';
import type { AuthedCtx } from '../context.ts';

export async function meetingOptions(ctx: AuthedCtx) {
  if (!canManageCoordination(ctx.actor, { jurisdiction: ctx.actor.jurisdiction }))
    throw new AppError('FORBIDDEN');
  const db = ctx.conn.db;
  const orgs = await orgsIn(db, ctx.actor.jurisdiction);
  const users = await usersIn(db, ctx.actor.jurisdiction);
  return {
    orgs: orgs.map((o) => ({ id: o.id, name: o.name, type: o.type })),
    users: users.map((u) => ({ id: u.id, name: u.name, orgId: u.org_id })),
  };
}
