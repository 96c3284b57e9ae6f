import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERRORS } from '../../src/domain/errors.ts';
import { type Client, createHarness, DEMO_PASSWORD, ENGINES, type Harness } from '../helpers/harness.ts';

const MIN = 60_000;

describe.each(ENGINES)('sign-in and sessions on %s', (engine) => {
  let h: Harness;
  const advance = (ms: number) => {
    h.now.value = new Date(h.now.value.getTime() + ms);
  };
  const login = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    h.anon.req('POST', '/api/v1/auth/login', body, headers);

  beforeAll(async () => {
    h = await createHarness(engine);
  });
  afterAll(async () => h?.close());

  it('sets an httpOnly SameSite session cookie, /auth/me answers the user, logout ends the session', async () => {
    const r = await login({ email: 'manajer@lebak.demo', password: DEMO_PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body.user.email).toBe('manajer@lebak.demo');
    const setCookie = r.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^simpul_session=[^;]{20,}/);
    expect(setCookie).toMatch(/;\s*HttpOnly/i);
    expect(setCookie).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(setCookie).toMatch(/;\s*Path=\//i);

    const c = await h.as('manajer@lebak.demo');
    const me = await c.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({
      email: 'manajer@lebak.demo',
      role: 'manajer',
      jurisdiction: '36.02',
      demo: true,
      mfaEnrolmentRequired: false,
    });

    const out = await c.post('/api/v1/auth/logout');
    expect(out.status).toBe(204);
    // the same cookie, replayed after logout, no longer works
    const after = await c.get('/api/v1/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('SESSION_EXPIRED');
    expect((await c.get('/api/v1/cases')).status).toBe(401);
  });

  it('without a cookie /auth/me answers 401 UNAUTHENTICATED', async () => {
    const r = await h.anon.get('/api/v1/auth/me');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('answers a wrong password and an unknown e-mail identically (no e-mail enumeration)', async () => {
    for (const lang of ['id', 'en']) {
      const headers = { 'accept-language': lang };
      const wrong = await login({ email: 'pengaduan@lebak.demo', password: 'Salah-Sandi-2026-x' }, headers);
      const unknown = await login(
        { email: 'tidak.ada.orangnya@lebak.demo', password: 'Salah-Sandi-2026-x' },
        headers,
      );
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
      expect(unknown.body).toEqual(wrong.body);
      expect(wrong.headers.get('set-cookie')).toBeNull();
    }
    // and the messages really are localised
    const id = await login({ email: 'x@lebak.demo', password: 'Salah-Sandi-2026-x' });
    const en = await login(
      { email: 'x@lebak.demo', password: 'Salah-Sandi-2026-x' },
      { 'accept-language': 'en' },
    );
    expect(id.body.error.message).toBe(ERRORS.INVALID_CREDENTIALS[1]);
    expect(en.body.error.message).toBe(ERRORS.INVALID_CREDENTIALS[2]);
    expect(id.body.error.message).not.toBe(en.body.error.message);
    // the account that had wrong passwords still signs in (2 failures < 5)
    expect((await login({ email: 'pengaduan@lebak.demo', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('locks an e-mail after 5 failures, even for the right password, and unlocks after 15 minutes', async () => {
    const email = 'pimpinan@serang.demo';
    for (let i = 0; i < 5; i++) {
      const r = await login({ email, password: `Salah-Sandi-ke-${i}-xyz` });
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('INVALID_CREDENTIALS');
    }
    const locked = await login({ email, password: DEMO_PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    expect(locked.headers.get('set-cookie')).toBeNull();
    // the lock is per e-mail: another account from the same office address still signs in
    expect((await login({ email: 'pimpinan@lebak.demo', password: DEMO_PASSWORD })).status).toBe(200);
    advance(10 * MIN);
    expect((await login({ email, password: DEMO_PASSWORD })).body.error?.code).toBe('ACCOUNT_LOCKED');
    advance(6 * MIN);
    const ok = await login({ email, password: DEMO_PASSWORD });
    expect(ok.status).toBe(200);
    expect(ok.body.user.email).toBe(email);
  });

  describe('a real (non-demo) user with two-factor sign-in', () => {
    const email = 'rina.kusumawardani@uji.simpul.test';
    const password = 'Hujan-Deras-Pandeglang-4821';
    let secret = '';
    let recoveryCodes: string[] = [];
    const code = (at = h.now.value) => generate({ secret, epoch: Math.floor(at.getTime() / 1000) });

    it('is created by an admin only with a strong password', async () => {
      const admin = await h.as('admin@lebak.demo');
      const orgId = (await (await h.as('manajer@lebak.demo')).get('/api/v1/auth/me')).body.user
        .orgId as string;
      expect(orgId).toMatch(/^[0-9a-f-]{36}$/);
      const body = { email, name: 'Rina Kusumawardani', role: 'manajer', orgId };
      const weak = await admin.post('/api/v1/admin/users', { ...body, password: 'password1234' });
      expect(weak.status).toBe(400);
      expect(weak.body.error.code).toBe('WEAK_PASSWORD');
      expect(weak.body.error.fieldCodes.password).toBe('too_common');
      const short = await admin.post('/api/v1/admin/users', { ...body, password: 'Kb7#xq' });
      expect(short.status).toBe(400);
      expect(short.body.error.fieldCodes.password).toBe('too_short');
      // nothing was created by the refused attempts
      const users = (await admin.get('/api/v1/admin/users')).body.items as Array<{ email: string }>;
      expect(users.some((u) => u.email === email)).toBe(false);
      const ok = await admin.post('/api/v1/admin/users', { ...body, password });
      expect(ok.status).toBe(201);
      expect(ok.body).toMatchObject({
        email,
        role: 'manajer',
        orgId,
        demo: false,
        mfaEnabled: false,
        mfaEnrolmentRequired: true,
      });
      // a non-admin cannot create users
      const m = await h.as('manajer@lebak.demo');
      expect(
        (await m.post('/api/v1/admin/users', { ...body, email: 'lain@uji.simpul.test', password })).body.error
          .code,
      ).toBe('FORBIDDEN');
      // case roles belong to the UPTD PPA or the Dinas: in a partner organisation they would open
      // every case of the kab/kota to that partner
      const police = (await (await h.as('mitra@lebak.demo')).get('/api/v1/auth/me')).body.user;
      const inPartner = await admin.post('/api/v1/admin/users', {
        ...body,
        email: 'kasus.mitra@uji.simpul.test',
        orgId: police.orgId,
        password,
      });
      expect(inPartner.status).toBe(400);
      expect(inPartner.body.error.fieldCodes.role).toBe('role_not_for_org');
      const promote = await admin.patch(`/api/v1/admin/users/${police.id}`, {
        version: police.version ?? 1,
        role: 'pendamping',
      });
      expect(promote.status).toBe(400);
      expect(promote.body.error.fieldCodes.role).toBe('role_not_for_org');
      const partner = await admin.post('/api/v1/admin/users', {
        ...body,
        email: 'staf.mitra@uji.simpul.test',
        role: 'mitra',
        orgId: police.orgId,
        password,
      });
      expect(partner.status).toBe(201);
    });

    it('must enrol in two-factor before anything else, then can work', async () => {
      const c = await h.as(email, password);
      const me = await c.get('/api/v1/auth/me');
      expect(me.body.user.mfaEnrolmentRequired).toBe(true);
      const blocked = await c.get('/api/v1/cases');
      expect(blocked.status).toBe(403);
      expect(blocked.body.error.code).toBe('MFA_ENROLMENT_REQUIRED');

      const setup = await c.post('/api/v1/auth/totp/setup');
      expect(setup.status).toBe(200);
      secret = setup.body.secret;
      expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
      expect(setup.body.otpauthUrl).toMatch(/^otpauth:\/\/totp\//);
      expect(setup.body.otpauthUrl).toContain(`secret=${secret}`);
      expect(setup.body.qrSvg.startsWith('<svg')).toBe(true);

      // a code that is not the current one is refused and two-factor stays off
      const current = await code();
      const wrong = await c.post('/api/v1/auth/totp/confirm', {
        code: current === '000000' ? '111111' : '000000',
      });
      // a wrong code at enrolment is a 400 (the session stays), not a 401 that would sign the user out
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.code).toBe('OTP_CODE_WRONG');
      // six digits, just not the right ones: the field says so, not "must be 6 digits"
      expect(wrong.body.error.fieldCodes).toEqual({ code: 'wrong_otp' });
      expect(wrong.body.error.fields.code).toMatch(/^Kode tidak cocok/);
      expect((await c.get('/api/v1/cases')).body.error.code).toBe('MFA_ENROLMENT_REQUIRED');

      const confirm = await c.post('/api/v1/auth/totp/confirm', { code: await code() });
      expect(confirm.status, JSON.stringify(confirm.body)).toBe(200);
      recoveryCodes = confirm.body.recoveryCodes;
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      const cases = await c.get('/api/v1/cases');
      expect(cases.status).toBe(200);
      expect(Array.isArray(cases.body.items)).toBe(true);
      expect((await c.get('/api/v1/auth/me')).body.user).toMatchObject({
        mfaEnabled: true,
        mfaEnrolmentRequired: false,
      });
    });

    it('then needs a one-time code at every sign-in; codes cannot be replayed; recovery codes work once', async () => {
      expect(secret).not.toBe('');
      const noOtp = await login({ email, password });
      expect(noOtp.status).toBe(401);
      expect(noOtp.body.error.code).toBe('OTP_REQUIRED');
      expect(noOtp.headers.get('set-cookie')).toBeNull();

      // the code used for enrolment belongs to the current time step: move on to a new one
      advance(60_000);
      const current = await code();
      const wrongCode = current === '123456' ? '654321' : '123456';
      const bad = await login({ email, password, otp: wrongCode });
      expect(bad.status).toBe(401);
      expect(bad.body.error.code).toBe('OTP_INVALID');

      const good = await login({ email, password, otp: current });
      expect(good.status).toBe(200);
      expect(good.headers.get('set-cookie')).toMatch(/^simpul_session=/);
      expect(good.body.user.mfaEnrolmentRequired).toBe(false);

      const replay = await login({ email, password, otp: current });
      expect(replay.status).toBe(401);
      expect(replay.body.error.code).toBe('OTP_INVALID');

      const rc = recoveryCodes[3]!;
      const first = await login({ email, password, otp: rc });
      expect(first.status).toBe(200);
      const again = await login({ email, password, otp: rc });
      expect(again.status).toBe(401);
      expect(again.body.error.code).toBe('OTP_INVALID');
      // another, unused recovery code still works
      expect((await login({ email, password, otp: recoveryCodes[7]! })).status).toBe(200);
    });

    it('lets only one of two simultaneous sign-ins use the same recovery code or one-time code', async () => {
      const both = await Promise.all([
        login({ email, password, otp: recoveryCodes[5]! }),
        login({ email, password, otp: recoveryCodes[5]! }),
      ]);
      expect(both.map((r) => r.status).sort()).toEqual([200, 401]);
      advance(60_000);
      const otp = await code();
      const twice = await Promise.all([login({ email, password, otp }), login({ email, password, otp })]);
      expect(twice.map((r) => r.status).sort()).toEqual([200, 401]);
    });
  });

  it('ends a session after 30 idle minutes, and keeps an active one alive', async () => {
    const c = await h.as('pendamping@lebak.demo');
    advance(29 * MIN);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    advance(29 * MIN);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    advance(31 * MIN);
    const r = await c.get('/api/v1/auth/me');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('SESSION_EXPIRED');
    // moving on does not revive it
    expect((await c.get('/api/v1/tasks')).body.error.code).toBe('SESSION_EXPIRED');
  });

  it('ends even an active session 12 hours after sign-in', async () => {
    const c = await h.as('pengaduan@serang.demo');
    // a request every 20 minutes for 11 h 40 min keeps it alive
    for (let i = 1; i <= 35; i++) {
      advance(20 * MIN);
      const r = await c.get('/api/v1/auth/me');
      expect(r.status, `after ${i * 20} min`).toBe(200);
    }
    advance(20 * MIN); // 12 h after sign-in
    const r = await c.get('/api/v1/auth/me');
    expect(r.status).toBe(401);
    expect(r.body.error.code).toBe('SESSION_EXPIRED');
  });

  it('changes a password only with the right current one and a strong new one, then ends every session', async () => {
    const email = 'pendamping@serang.demo';
    const a = await h.as(email);
    const b = await h.as(email);
    const newPassword = 'Gunung-Karang-Bersalju-0427';
    const wrong = await a.post('/api/v1/auth/password', {
      currentPassword: 'Bukan-Sandi-Ini-99',
      newPassword,
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('WRONG_PASSWORD');
    const weak = await a.post('/api/v1/auth/password', {
      currentPassword: DEMO_PASSWORD,
      newPassword: 'password1234',
    });
    expect(weak.status).toBe(400);
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    // the refused attempts changed nothing: both sessions and the old password still work
    expect((await a.get('/api/v1/auth/me')).status).toBe(200);
    expect((await b.get('/api/v1/auth/me')).status).toBe(200);

    const ok = await a.post('/api/v1/auth/password', { currentPassword: DEMO_PASSWORD, newPassword });
    expect(ok.status).toBe(204);
    for (const c of [a, b]) {
      const r = await c.get('/api/v1/auth/me');
      expect(r.status).toBe(401);
      expect(r.body.error.code).toBe('SESSION_EXPIRED');
    }
    const old = await login({ email, password: DEMO_PASSWORD });
    expect(old.status).toBe(401);
    expect(old.body.error.code).toBe('INVALID_CREDENTIALS');
    const fresh = await h.as(email, newPassword);
    expect((await fresh.get('/api/v1/auth/me')).body.user.email).toBe(email);
  });

  it('a disabled user loses the open session and cannot sign in (answered as a wrong password)', async () => {
    const email = 'mitra@lebak.demo';
    const victimSession = await h.as(email);
    expect((await victimSession.get('/api/v1/auth/me')).status).toBe(200);
    const admin = await h.as('admin@lebak.demo');
    const users = (await admin.get('/api/v1/admin/users')).body.items as Array<{
      id: string;
      email: string;
      version: number;
      disabled: boolean;
    }>;
    const u = users.find((x) => x.email === email)!;
    expect(u.disabled).toBe(false);
    const r = await admin.req('PATCH', `/api/v1/admin/users/${u.id}`, { version: u.version, disabled: true });
    expect(r.status).toBe(200);
    expect(r.body.disabled).toBe(true);
    // disabling revokes the user's sessions, and a revoked session reports SESSION_EXPIRED
    // (sessionState checks revoked_at before disabled)
    const me = await victimSession.get('/api/v1/auth/me');
    expect(me.status).toBe(401);
    expect(me.body.error.code).toBe('SESSION_EXPIRED');
    const again = await login({ email, password: DEMO_PASSWORD });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe('INVALID_CREDENTIALS');
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('refuses writes without the X-Requested-With header (CSRF) and changes nothing', async () => {
    const m: Client = await h.as('manajer@serang.demo');
    const before = (await m.get('/api/v1/cases')).body.total as number;
    const raw = await h.app.request('/api/v1/cases', {
      method: 'POST',
      headers: { cookie: m.cookie!, 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'telepon' }),
    });
    expect(raw.status).toBe(403);
    const body = (await raw.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('CSRF_FAILED');
    expect(body.error.message).toBe(ERRORS.CSRF_FAILED[1]);
    const wrongValue = await h.app.request('/api/v1/auth/logout', {
      method: 'POST',
      headers: { cookie: m.cookie!, 'x-requested-with': 'XMLHttpRequest' },
    });
    expect(wrongValue.status).toBe(403);
    expect(((await wrongValue.json()) as { error: { code: string } }).error.code).toBe('CSRF_FAILED');
    // the refused logout did not end the session, the refused create did not create a case
    expect((await m.get('/api/v1/cases')).body.total).toBe(before);
    // and the same request with the header goes through
    expect((await m.post('/api/v1/cases', { channel: 'telepon' })).status).toBe(201);
    expect((await m.get('/api/v1/cases')).body.total).toBe(before + 1);
  });
});
