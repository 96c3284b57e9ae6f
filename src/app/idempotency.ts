/**
 * Creates accept an Idempotency-Key (invariant 4): the same key and body give the same answer
 * and create nothing twice; the same key with another body is a conflict.
 */
import { createHash } from 'node:crypto';
import { findIdempotent, saveIdempotent } from '../db/idempotency.repository.ts';
import { AppError } from '../domain/errors.ts';
import type { AuthedCtx } from './context.ts';

export async function idempotent<T>(
  ctx: AuthedCtx,
  key: string | undefined,
  scope: string,
  body: unknown,
  run: () => Promise<T>,
): Promise<{ status: number; body: T; replayed: boolean }> {
  if (!key) return { status: 201, body: await run(), replayed: false };
  if (key.length > 200) throw new AppError('VALIDATION_FAILED', { 'Idempotency-Key': 'too_long' });
  const requestHash = createHash('sha256')
    .update(scope)
    .update('\n')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
  const prior = await findIdempotent(ctx.conn.db, ctx.actor.userId, key);
  if (prior) {
    if (prior.request_hash !== requestHash) throw new AppError('IDEMPOTENCY_CONFLICT');
    // the stored answer holds personal data, so it is kept encrypted like every other copy
    return {
      status: prior.status,
      body: JSON.parse(ctx.keys.decrypt(prior.response as string)) as T,
      replayed: true,
    };
  }
  const result = await run();
  await saveIdempotent(ctx.conn.db, {
    actorId: ctx.actor.userId,
    key,
    requestHash,
    status: 201,
    response: ctx.keys.encrypt(JSON.stringify(result)),
    now: ctx.clock(),
  });
  return { status: 201, body: result, replayed: false };
}
