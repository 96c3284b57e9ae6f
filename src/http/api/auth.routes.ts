import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { changePassword } from '../../app/change-password.ts';
import type { Services } from '../../app/context.ts';
import { currentUser } from '../../app/current-user.ts';
import { signIn } from '../../app/sign-in.ts';
import { signOut } from '../../app/sign-out.ts';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../app/two-factor.ts';
import { type AppEnv, authed, meta } from '../context.ts';
import { implement } from '../openapi.ts';

export const SESSION_COOKIE = 'simpul_session';

function secure(c: Context<AppEnv>, publicUrl: string | undefined): boolean {
  if (publicUrl) return publicUrl.startsWith('https://');
  return new URL(c.req.url).protocol === 'https:';
}

export function authRoutes(
  app: OpenAPIHono<AppEnv>,
  svc: Services,
  opts: { publicUrl: string | undefined; sleep: (ms: number) => Promise<void> },
) {
  implement(app, 'POST /auth/login', async (c, { body }) => {
    const r = await signIn({ ...svc, actor: null, meta: meta(c), sleep: opts.sleep }, body);
    setCookie(c, SESSION_COOKIE, r.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secure(c, opts.publicUrl),
      path: '/',
      maxAge: 12 * 3600,
    });
    return { user: await currentUser(svc, r.userId) };
  });

  implement(app, 'POST /auth/logout', async (c) => {
    const sid = c.get('sessionId');
    if (sid) await signOut({ ...svc, actor: c.get('actor'), meta: meta(c) }, sid);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
  });

  implement(app, 'GET /auth/me', async (c) => {
    const ctx = authed(c, svc, { allowDuringEnrolment: true });
    return { user: await currentUser(svc, ctx.actor.userId) };
  });

  implement(app, 'POST /auth/totp/setup', async (c) =>
    startTotpEnrolment(authed(c, svc, { allowDuringEnrolment: true })),
  );

  implement(app, 'POST /auth/totp/confirm', async (c, { body }) => {
    const ctx = authed(c, svc, { allowDuringEnrolment: true });
    return confirmTotpEnrolment(ctx, c.get('sessionId')!, body.code);
  });

  implement(app, 'POST /auth/password', async (c, { body }) => {
    const ctx = authed(c, svc, { allowDuringEnrolment: true });
    await changePassword(ctx, body);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
  });
}

export function sessionToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}
