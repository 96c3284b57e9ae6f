/** Per-request variables and helpers shared by the routes. */
import type { Context } from 'hono';
import type { AuthedCtx, Services } from '../app/context.ts';
import { type IdempotencyKey, idempotencyKey } from '../app/idempotency.ts';
import { AppError } from '../domain/errors.ts';
import type { Actor } from '../domain/policy.ts';

export type Vars = {
  requestId: string;
  ip: string | null;
  actor: Actor | null;
  sessionId: string | null;
  mfaEnrolmentRequired: boolean;
  /** this session was signed in (or enrolled) with a second factor (the SIMFONI export asks) */
  twoFactor: boolean;
  sessionProblem: 'missing' | 'revoked' | 'expired' | 'idle' | 'disabled' | 'password_changed' | null;
};
export type AppEnv = { Variables: Vars };

export function meta(c: Context<AppEnv>) {
  return {
    ip: c.get('ip'),
    userAgent: c.req.header('user-agent')?.slice(0, 300) ?? null,
    requestId: c.get('requestId'),
  };
}

/** The signed-in actor, or the error that explains why there is none. */
export function authed(
  c: Context<AppEnv>,
  svc: Services,
  opts: { allowDuringEnrolment?: boolean } = {},
): AuthedCtx {
  const actor = c.get('actor');
  if (!actor) {
    const p = c.get('sessionProblem');
    if (p === 'disabled') throw new AppError('USER_DISABLED');
    if (p && p !== 'missing') throw new AppError('SESSION_EXPIRED');
    throw new AppError('UNAUTHENTICATED');
  }
  if (c.get('mfaEnrolmentRequired') && !opts.allowDuringEnrolment)
    throw new AppError('MFA_ENROLMENT_REQUIRED');
  return { ...svc, actor, meta: meta(c) };
}

/**
 * Runs a create with the request's Idempotency-Key (the use case reserves it in its own
 * transaction, decision 019) and gives back what it created; a replayed answer says so in the
 * header `Idempotent-Replayed: true`. The contract's `status: 201` sends it.
 */
export async function creating<T>(
  c: Context<AppEnv>,
  scope: string,
  body: unknown,
  run: (key: IdempotencyKey | undefined) => Promise<T>,
): Promise<T> {
  const key = idempotencyKey(c.req.header('idempotency-key'), scope, body);
  const result = await run(key);
  if (key?.replayed) c.header('idempotent-replayed', 'true');
  return result;
}

/**
 * A file as an answer: its media type, a download name (quoted when plain ASCII, else as
 * `filename*` in UTF-8), never cached, never sniffed. `inline` for what a browser may show.
 */
export function fileAnswer(
  body: Uint8Array | string | ReadableStream,
  mime: string,
  filename: string,
  disposition: 'attachment' | 'inline' = 'attachment',
): Response {
  const name = /^[A-Za-z0-9._-]+$/.test(filename)
    ? `filename="${filename}"`
    : // RFC 8187: everything but its attr-chars percent-encoded (encodeURIComponent leaves '()*! as they are)
      `filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*!]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;
  return new Response(body as BodyInit, {
    headers: {
      'content-type': mime,
      'content-disposition': `${disposition}; ${name}`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
