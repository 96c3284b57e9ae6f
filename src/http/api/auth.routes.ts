import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { changePassword } from '../../app/change-password.ts';
import type { Services } from '../../app/context.ts';
import { currentUser } from '../../app/current-user.ts';
import { signIn } from '../../app/sign-in.ts';
import { signOut } from '../../app/sign-out.ts';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../app/two-factor.ts';
import { LoginInput, OtpConfirmInput, PasswordChangeInput } from '../../domain/schemas.ts';
import { type AppEnv, authed, meta } from '../context.ts';
import { op } from '../openapi.ts';

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
  const tags = ['Auth'];
  op(
    app,
    {
      method: 'post',
      path: '/api/v1/auth/login',
      summary: 'Masuk (sign in)',
      tags,
      body: LoginInput,
      auth: 'none',
    },
    async (c, { body }) => {
      const input = body as { email: string; password: string; otp?: string };
      const r = await signIn({ ...svc, actor: null, meta: meta(c), sleep: opts.sleep }, input);
      setCookie(c, SESSION_COOKIE, r.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: secure(c, opts.publicUrl),
        path: '/',
        maxAge: 12 * 3600,
      });
      return c.json({ user: await currentUser(svc, r.userId) });
    },
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/auth/logout',
      summary: 'Keluar (sign out)',
      tags,
      status: 204,
      auth: 'optional',
    },
    async (c) => {
      const sid = c.get('sessionId');
      if (sid) await signOut({ ...svc, actor: c.get('actor'), meta: meta(c) }, sid);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );

  op(
    app,
    { method: 'get', path: '/api/v1/auth/me', summary: 'Pengguna yang sedang masuk', tags },
    async (c) => {
      const ctx = authed(c, svc, { allowDuringEnrolment: true });
      return c.json({ user: await currentUser(svc, ctx.actor.userId) });
    },
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/auth/totp/setup',
      summary: 'Mulai pendaftaran verifikasi dua langkah',
      tags,
    },
    async (c) => {
      const ctx = authed(c, svc, { allowDuringEnrolment: true });
      return c.json(await startTotpEnrolment(ctx));
    },
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/auth/totp/confirm',
      summary: 'Aktifkan verifikasi dua langkah',
      tags,
      body: OtpConfirmInput,
    },
    async (c, { body }) => {
      const ctx = authed(c, svc, { allowDuringEnrolment: true });
      return c.json(await confirmTotpEnrolment(ctx, c.get('sessionId')!, (body as { code: string }).code));
    },
  );

  op(
    app,
    {
      method: 'post',
      path: '/api/v1/auth/password',
      summary: 'Ganti kata sandi',
      tags,
      body: PasswordChangeInput,
      status: 204,
    },
    async (c, { body }) => {
      const ctx = authed(c, svc, { allowDuringEnrolment: true });
      await changePassword(ctx, body as { currentPassword: string; newPassword: string });
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      return c.body(null, 204);
    },
  );
}

export function sessionToken(c: Context<AppEnv>): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}
