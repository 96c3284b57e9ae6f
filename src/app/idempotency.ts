/**
 * Creates accept an Idempotency-Key (invariant 4, decision 019): the same key and body give the
 * same answer and create nothing twice, however many copies arrive at once; the same key with
 * another body is a conflict.
 *
 * The key is reserved by the first statement of the create's own transaction (`createOnce`): an
 * INSERT on the primary key (actor, key). Of simultaneous requests one inserts it and goes on;
 * the others wait in that INSERT for its transaction to end, then find the key with its answer,
 * which was written in the same transaction as the thing created. Nothing is reserved by a
 * create that fails: its rollback takes the key with it, and the next copy runs the create.
 *
 * A replay shows personal data again, so it passes the same access check as the original (as
 * things stand now: a companion taken off the case gets 404) and is audited (outcome
 * `replayed`). The stored answer is encrypted like every other copy of personal data.
 */
import { createHash } from 'node:crypto';
import {
  completeIdempotent,
  findIdempotent,
  releaseIdempotent,
  reserveIdempotencyKey,
} from '../db/idempotency.repository.ts';
import { AppError } from '../domain/errors.ts';
import { type AuditEvent, type AuthedCtx, audit, type Tx } from './context.ts';

/** The Idempotency-Key of one request and the hash of what was asked. */
export type IdempotencyKey = {
  key: string;
  requestHash: string;
  /** set when the answer was a replay (the route says so in a header) */
  replayed: boolean;
};

/** The key of a request (absent without the header); `scope` names the operation and its path. */
export function idempotencyKey(
  header: string | undefined,
  scope: string,
  body: unknown,
): IdempotencyKey | undefined {
  if (header === undefined || header === '') return undefined;
  if (header.length > 200) throw new AppError('VALIDATION_FAILED', { 'Idempotency-Key': 'too_long' });
  const requestHash = createHash('sha256')
    .update(scope)
    .update('\n')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
  return { key: header, requestHash, replayed: false };
}

type Stored<T> = { body: T } | { pending: true } | null;

/** Reserves the key inside `trx`, or finds what an earlier request with it left. */
async function reserve<T>(ctx: AuthedCtx, trx: Tx, k: IdempotencyKey): Promise<Stored<T>> {
  const mine = await reserveIdempotencyKey(trx, {
    actorId: ctx.actor.userId,
    key: k.key,
    requestHash: k.requestHash,
    now: ctx.clock(),
  });
  if (mine) return null;
  const prior = await findIdempotent(trx, ctx.actor.userId, k.key);
  // deleted between the two statements (a WhatsApp reply that failed): treat as never used
  if (!prior) return reserve(ctx, trx, k);
  if (prior.request_hash !== k.requestHash) throw new AppError('IDEMPOTENCY_CONFLICT');
  if (prior.response === null) return { pending: true };
  return { body: JSON.parse(ctx.keys.decrypt(prior.response as string)) as T };
}

async function keep(ctx: AuthedCtx, trx: Tx, k: IdempotencyKey, body: unknown): Promise<void> {
  await completeIdempotent(trx, {
    actorId: ctx.actor.userId,
    key: k.key,
    status: 201,
    response: ctx.keys.encrypt(JSON.stringify(body)),
  });
}

export type Replay<T> = {
  /** the access check of the original request, run again (in `trx`) before the stored answer is shown */
  check: (stored: T, trx: Tx) => Promise<void>;
  /** the audit event of the replay (its outcome is `replayed`) */
  audit: (stored: T) => Omit<AuditEvent, 'outcome'>;
};

/**
 * Runs `create` once per key, inside the caller's transaction `trx`, whose first statement this
 * must be. Without a key it just runs `create`.
 */
export async function createOnce<T>(
  ctx: AuthedCtx,
  trx: Tx,
  k: IdempotencyKey | undefined,
  replay: Replay<T>,
  create: () => Promise<T>,
): Promise<T> {
  if (!k) return create();
  const prior = await reserve<T>(ctx, trx, k);
  if (prior === null) {
    const body = await create();
    await keep(ctx, trx, k, body);
    return body;
  }
  if ('pending' in prior) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
  return replayed(ctx, trx, k, replay, prior.body);
}

async function replayed<T>(ctx: AuthedCtx, trx: Tx, k: IdempotencyKey, r: Replay<T>, body: T): Promise<T> {
  await r.check(body, trx);
  await audit(ctx, trx, { ...r.audit(body), outcome: 'replayed' });
  k.replayed = true;
  return body;
}

/**
 * For an action that must call out between reserving its key and storing its answer (a WhatsApp
 * reply: the Graph API call cannot run inside a transaction). The key is reserved and committed
 * first, "being sent"; `act` runs; `finish` stores the result in its own transaction and must call
 * `keep` there. A copy that arrives meanwhile waits for the answer (polling, up to `waitMs`), then
 * replays it, or answers IDEMPOTENCY_IN_PROGRESS if the first never finished (a crash mid-send:
 * whether the message went out is unknown, so it is never sent again under the same key). When
 * `act` fails the reservation is given back, so a retry with the key sends.
 */
export async function sendOnce<A, T>(
  ctx: AuthedCtx,
  k: IdempotencyKey | undefined,
  replay: Replay<T>,
  act: () => Promise<A>,
  finish: (result: A, keep: (trx: Tx, body: T) => Promise<void>) => Promise<T>,
  opts: { waitMs?: number; pollMs?: number } = {},
): Promise<T> {
  const noKeep = async () => {};
  if (!k) return finish(await act(), noKeep);
  const waitMs = opts.waitMs ?? 30_000;
  const pollMs = opts.pollMs ?? 100;
  const started = Date.now();
  for (;;) {
    const prior = await ctx.conn.db.transaction().execute(async (trx) => {
      const p = await reserve<T>(ctx, trx, k);
      if (p !== null && 'body' in p) return { body: await replayed(ctx, trx, k, replay, p.body) };
      return p;
    });
    if (prior === null) break;
    if ('body' in prior) return prior.body;
    if (Date.now() - started > waitMs) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
    await new Promise((r) => setTimeout(r, pollMs));
  }
  let result: A;
  try {
    result = await act();
  } catch (e) {
    await releaseIdempotent(ctx.conn.db, ctx.actor.userId, k.key);
    throw e;
  }
  return finish(result, (trx, body) => keep(ctx, trx, k, body));
}
