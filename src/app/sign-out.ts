/** Sign out: the session ends now, and the audit log says so. */
import { revokeSession } from '../db/user.repository.ts';
import { audit, type Ctx } from './context.ts';

export async function signOut(ctx: Ctx, sessionId: string): Promise<void> {
  await revokeSession(ctx.conn.db, sessionId, ctx.clock());
  await audit(ctx, ctx.conn.db, {
    action: 'auth.logout',
    entity: 'user',
    entityId: ctx.actor?.userId ?? null,
    outcome: 'ok',
  });
}
