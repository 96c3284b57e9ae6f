/**
 * Change one's own password; every session of the user ends, this one included. Guesses of the
 * current password are counted before the check on the same counters as signing in (the account's
 * e-mail and the address), so a session cannot be used to guess the password faster.
 */

import { findUserById, revokeUserSessions, updatePasswordHash } from '../db/user.repository.ts';
import { AppError } from '../domain/errors.ts';
import { occasional } from '../occasional/pool.ts';
import { type AuthedCtx, audit } from './context.ts';
import { giveBackGuesses, guessCounters, reserveGuesses } from './guess-counter.ts';
import { hashPassword, verifyPassword } from './passwords.ts';

export async function changePassword(
  ctx: AuthedCtx,
  input: { currentPassword: string; newPassword: string },
) {
  const user = await findUserById(ctx.conn.db, ctx.actor.userId);
  if (!user) throw new AppError('NOT_FOUND');
  const counters = guessCounters(ctx, user.email, ctx.meta.ip);
  const reserved = await reserveGuesses(ctx, counters);
  if (!reserved.allowed)
    throw new AppError('ACCOUNT_LOCKED', undefined, {
      action: 'auth.password_change',
      entity: 'user',
      entityId: user.id,
      outcome: 'denied',
    });
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await audit(ctx, ctx.conn.db, {
      action: 'auth.password_change',
      entity: 'user',
      entityId: user.id,
      outcome: 'failed',
    });
    throw new AppError('WRONG_PASSWORD', { currentPassword: 'wrong_password' });
  }
  const problem = await occasional('passwordProblem', {
    password: input.newPassword,
    userInputs: [user.email, user.name],
  });
  if (problem) {
    // the current password was right: not a failed guess
    await ctx.conn.db
      .transaction()
      .execute((trx) => giveBackGuesses(trx, counters, ctx.clock(), { clearAccount: false }));
    throw new AppError('WEAK_PASSWORD', { newPassword: problem });
  }
  const hash = await hashPassword(input.newPassword);
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    await giveBackGuesses(trx, counters, now, { clearAccount: true });
    await updatePasswordHash(trx, user.id, hash, now);
    await revokeUserSessions(trx, user.id, now);
    await audit(ctx, trx, {
      action: 'auth.password_change',
      entity: 'user',
      entityId: user.id,
      outcome: 'ok',
    });
  });
}
