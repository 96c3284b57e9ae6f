/**
 * Guesses of a secret sent at the same time (issue 9 §1, §15; invariant 7): a sign-in, a
 * current-password check and a two-factor or recovery code are counted before they are checked,
 * so a burst gets no more checks than the same guesses sent one at a time. Each test uses its own
 * accounts and source addresses (`x-test-ip`), so the counters of one test do not touch another.
 */
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flushRejections } from '../../src/app/audit/record-rejection.ts';
import { pruneExpired } from '../../src/app/jobs/scans.ts';
import { ERRORS } from '../../src/domain/errors.ts';
import {
  type Client,
  createHarness,
  DEMO_PASSWORD,
  ENGINES,
  type Harness,
  type Res,
} from '../helpers/harness.ts';

const MIN = 60_000;

/** How many answers had each status and error code, e.g. { '401 INVALID_CREDENTIALS': 5 }. */
function tally(rs: Res[]): Record<string, number> {
  const t: Record<string, number> = {};
  for (const r of rs) {
    const k = `${r.status} ${r.body?.error?.code ?? 'ok'}`;
    t[k] = (t[k] ?? 0) + 1;
  }
  return t;
}

describe.each(ENGINES)('guesses sent at once on %s', (engine) => {
  let h: Harness;
  let admin: Client;
  let orgId: string;
  const advance = (ms: number) => {
    h.now.value = new Date(h.now.value.getTime() + ms);
  };
  const login = (body: Record<string, unknown>, ip: string) =>
    h.anon.req('POST', '/api/v1/auth/login', body, { 'x-test-ip': ip });
  const wrong = (i: number) => `Salah-Tebakan-${i}-Kata-Sandi`;

  /** A new demo-free account (no two-factor yet) of the Lebak UPTD PPA, signed out. */
  let n = 0;
  async function newAccount(role = 'pendamping'): Promise<{ email: string; password: string; id: string }> {
    n += 1;
    const email = `uji.tebakan.${n}@uji.simpul.test`;
    const password = `Sungai-Ciujung-Mengalir-${n}7`;
    const r = await admin.post('/api/v1/admin/users', {
      email,
      name: `Uji Tebakan ${n}`,
      role,
      orgId,
      password,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return { email, password, id: r.body.id };
  }

  /** While set, every sign-in waits here after its guess was counted (its growing delay). */
  let gate: Promise<void> | null = null;

  beforeAll(async () => {
    h = await createHarness(engine, {
      app: {
        clientIp: (c) => c.req.header('x-test-ip') ?? '127.0.0.9',
        sleep: () => gate ?? Promise.resolve(),
      },
    });
    admin = await h.as('admin@lebak.demo');
    orgId = (await (await h.as('manajer@lebak.demo')).get('/api/v1/auth/me')).body.user.orgId;
  });
  afterAll(async () => h?.close());

  it('checks only 5 of 100 wrong passwords sent at once; then even the right one is refused', async () => {
    const a = await newAccount();
    const burst = await Promise.all(
      Array.from({ length: 100 }, (_, i) => login({ email: a.email, password: wrong(i) }, '10.9.1.1')),
    );
    expect(tally(burst)).toEqual({ '401 INVALID_CREDENTIALS': 5, '429 ACCOUNT_LOCKED': 95 });
    expect(burst.every((r) => r.headers.get('set-cookie') === null)).toBe(true);
    const right = await login({ email: a.email, password: a.password }, '10.9.1.2');
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('ACCOUNT_LOCKED');
  });

  it('never signs in a locked account when 99 wrong passwords and the right one arrive together', async () => {
    const a = await newAccount();
    for (let i = 0; i < 5; i++)
      expect((await login({ email: a.email, password: wrong(i) }, '10.9.2.1')).status).toBe(401);
    const guesses = Array.from({ length: 100 }, (_, i) => (i === 57 ? a.password : wrong(100 + i)));
    const burst = await Promise.all(
      guesses.map((password) => login({ email: a.email, password }, '10.9.2.1')),
    );
    expect(tally(burst)).toEqual({ '429 ACCOUNT_LOCKED': 100 });
    // after the lock (15 minutes) the right password works again, and only it
    advance(16 * MIN);
    const ok = await login({ email: a.email, password: a.password }, '10.9.2.1');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('set-cookie')).toMatch(/^simpul_session=/);
  });

  it('a burst of 99 wrong passwords and the right one from a fresh start checks at most 5 before the lock', async () => {
    const a = await newAccount();
    // the right one last: whether it lands among the first five checked depends on the engine's
    // scheduling; what must hold is that no more than five wrong ones are ever checked
    const guesses = Array.from({ length: 100 }, (_, i) => (i === 99 ? a.password : wrong(200 + i)));
    const burst = await Promise.all(
      guesses.map((password) => login({ email: a.email, password }, '10.9.3.1')),
    );
    const t = tally(burst);
    expect(t['401 INVALID_CREDENTIALS'] ?? 0).toBeLessThanOrEqual(5);
    expect((t['401 INVALID_CREDENTIALS'] ?? 0) + (t['200 ok'] ?? 0) + (t['429 ACCOUNT_LOCKED'] ?? 0)).toBe(
      100,
    );
    if (!t['200 ok']) {
      expect(t['401 INVALID_CREDENTIALS']).toBe(5);
      const after = await login({ email: a.email, password: a.password }, '10.9.3.2');
      expect(after.body.error.code).toBe('ACCOUNT_LOCKED');
    }
  });

  it('locks an address after 50 failures even when they are sent at once for 60 different e-mails', async () => {
    const ip = '10.9.4.1';
    const burst = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        login({ email: `tidak.ada.${i}@uji.simpul.test`, password: wrong(i) }, ip),
      ),
    );
    expect(tally(burst)).toEqual({ '401 INVALID_CREDENTIALS': 50, '429 ACCOUNT_LOCKED': 10 });
    // every account is refused from that address, even with its right password …
    const locked = await login({ email: 'manajer@serang.demo', password: DEMO_PASSWORD }, ip);
    expect(locked.status).toBe(429);
    expect(locked.body.error.code).toBe('ACCOUNT_LOCKED');
    // … while the same account signs in from another address
    expect((await login({ email: 'manajer@serang.demo', password: DEMO_PASSWORD }, '10.9.4.2')).status).toBe(
      200,
    );
  });

  it('successful sign-ins from one office address never count towards its lock', async () => {
    const ip = '10.9.5.1';
    const roles = ['admin-dinas', 'pengaduan', 'manajer', 'pendamping', 'mitra', 'pimpinan', 'auditor'];
    const emails = roles.flatMap((r) => [`${r}@lebak.demo`, `${r}@serang.demo`]);
    // 56 sign-ins, 14 at a time (one per account): more than the address's 50 failures
    for (let round = 0; round < 4; round++) {
      const ok = await Promise.all(emails.map((email) => login({ email, password: DEMO_PASSWORD }, ip)));
      expect(tally(ok)).toEqual({ '200 ok': 14 });
    }
    // the address still has its whole budget: 49 failures leave it open
    for (let i = 0; i < 49; i++)
      expect((await login({ email: `orang.lain.${i}@uji.simpul.test`, password: wrong(i) }, ip)).status).toBe(
        401,
      );
    expect((await login({ email: 'auditor@lebak.demo', password: DEMO_PASSWORD }, ip)).status).toBe(200);
  });

  it('lets at most 5 sign-ins for one e-mail be in flight; the sixth is refused until they end', async () => {
    const a = await newAccount();
    // hold every attempt after it has been counted and before it is checked
    let release = () => {};
    gate = new Promise<void>((r) => {
      release = r;
    });
    const answered: Res[] = [];
    const pending = Array.from({ length: 8 }, () =>
      login({ email: a.email, password: a.password }, '10.9.10.1').then((r) => {
        answered.push(r);
        return r;
      }),
    );
    try {
      // which three are refused depends on the engine's order; three are, while five wait
      for (let i = 0; i < 2000 && answered.length < 3; i++) await new Promise((r) => setTimeout(r, 10));
      await new Promise((r) => setTimeout(r, 100));
      expect(tally(answered)).toEqual({ '429 ACCOUNT_LOCKED': 3 });
    } finally {
      release();
      gate = null;
    }
    expect(tally(await Promise.all(pending))).toEqual({ '200 ok': 5, '429 ACCOUNT_LOCKED': 3 });
    // the right ones were given back: the account is open again
    expect((await login({ email: a.email, password: a.password }, '10.9.10.1')).status).toBe(200);
  });

  it('limits guesses of the current password (POST /auth/password) and shares the budget with sign-in', async () => {
    const a = await newAccount('mitra');
    const c = await h.as(a.email, a.password);
    const newPassword = 'Pantai-Sawarna-Berombak-2026';
    const burst = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        c.req(
          'POST',
          '/api/v1/auth/password',
          { currentPassword: wrong(i), newPassword },
          { 'x-test-ip': '10.9.6.1' },
        ),
      ),
    );
    expect(tally(burst)).toEqual({ '400 WRONG_PASSWORD': 5, '429 ACCOUNT_LOCKED': 25 });
    // the right current password is refused too while the lock lasts, and so is signing in
    const right = await c.req(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: a.password, newPassword },
      { 'x-test-ip': '10.9.6.1' },
    );
    expect(right.status).toBe(429);
    expect(right.body.error.message).toBe(ERRORS.ACCOUNT_LOCKED[1]);
    expect((await login({ email: a.email, password: a.password }, '10.9.6.2')).body.error.code).toBe(
      'ACCOUNT_LOCKED',
    );
    // nothing changed: the session still works and, after the lock, the old password changes
    advance(16 * MIN);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    const ok = await c.req(
      'POST',
      '/api/v1/auth/password',
      { currentPassword: a.password, newPassword },
      { 'x-test-ip': '10.9.6.1' },
    );
    expect(ok.status).toBe(204);
  });

  it('counts current-password guesses one at a time too; a right one (with a weak new password) is not counted', async () => {
    const a = await newAccount('mitra');
    const c = await h.as(a.email, a.password);
    const change = (currentPassword: string, newPassword = 'password1234') =>
      c.req('POST', '/api/v1/auth/password', { currentPassword, newPassword }, { 'x-test-ip': '10.9.7.1' });
    for (let i = 0; i < 4; i++) expect((await change(wrong(i))).body.error.code).toBe('WRONG_PASSWORD');
    expect((await change(a.password)).body.error.code).toBe('WEAK_PASSWORD');
    expect((await change(wrong(10))).body.error.code).toBe('WRONG_PASSWORD');
    expect((await change(wrong(11))).body.error.code).toBe('ACCOUNT_LOCKED');
    expect((await change(a.password, 'Pantai-Sawarna-Berombak-2026')).body.error.code).toBe('ACCOUNT_LOCKED');
  });

  it('checks only 5 two-factor or recovery codes sent at once; then the right code is refused', async () => {
    const a = await newAccount('manajer');
    const c = await h.as(a.email, a.password);
    const setup = await c.post('/api/v1/auth/totp/setup');
    const secret = setup.body.secret as string;
    const code = () => generate({ secret, epoch: Math.floor(h.now.value.getTime() / 1000) });
    expect((await c.post('/api/v1/auth/totp/confirm', { code: await code() })).status).toBe(200);
    advance(MIN);
    const current = await code();
    // codes of the neighbouring time steps are accepted too (clock drift): never guess those
    const valid = new Set([
      current,
      await generate({ secret, epoch: Math.floor(h.now.value.getTime() / 1000) - 30 }),
      await generate({ secret, epoch: Math.floor(h.now.value.getTime() / 1000) + 30 }),
    ]);
    const wrongCodes: string[] = [];
    for (let x = Number(current) + 1; wrongCodes.length < 20; x++) {
      const c = String(x % 1_000_000).padStart(6, '0');
      if (!valid.has(c)) wrongCodes.push(c);
    }
    const guesses = Array.from({ length: 40 }, (_, i) =>
      i % 2 === 0 ? wrongCodes[i / 2]! : `abcde-${String(i).padStart(5, '0')}`,
    );
    const burst = await Promise.all(
      guesses.map((otp) => login({ email: a.email, password: a.password, otp }, '10.9.8.1')),
    );
    expect(tally(burst)).toEqual({ '401 OTP_INVALID': 5, '429 ACCOUNT_LOCKED': 35 });
    const right = await login({ email: a.email, password: a.password, otp: current }, '10.9.8.2');
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('ACCOUNT_LOCKED');
  });

  it('answers a disabled account exactly as a wrong password, and counts it as a failure', async () => {
    const a = await newAccount();
    const users = (await admin.get('/api/v1/admin/users')).body.items as Array<{
      id: string;
      version: number;
    }>;
    const u = users.find((x) => x.id === a.id)!;
    expect(
      (await admin.patch(`/api/v1/admin/users/${a.id}`, { version: u.version, disabled: true })).status,
    ).toBe(200);
    for (const lang of ['id', 'en']) {
      const headers = { 'x-test-ip': '10.9.9.1', 'accept-language': lang };
      const right = await h.anon.req(
        'POST',
        '/api/v1/auth/login',
        { email: a.email, password: a.password },
        headers,
      );
      const bad = await h.anon.req(
        'POST',
        '/api/v1/auth/login',
        { email: a.email, password: wrong(1) },
        headers,
      );
      const unknown = await h.anon.req(
        'POST',
        '/api/v1/auth/login',
        { email: 'belum.pernah.ada@uji.simpul.test', password: a.password },
        headers,
      );
      expect(right.status).toBe(401);
      expect(right.body).toEqual(bad.body);
      expect(right.body).toEqual(unknown.body);
      expect(right.body.error.code).toBe('INVALID_CREDENTIALS');
      expect(right.headers.get('set-cookie')).toBeNull();
    }
    // four failures so far on this e-mail (two right, two wrong): the fifth locks it like any other
    expect((await login({ email: a.email, password: a.password }, '10.9.9.1')).body.error.code).toBe(
      'INVALID_CREDENTIALS',
    );
    expect((await login({ email: a.email, password: a.password }, '10.9.9.1')).body.error.code).toBe(
      'ACCOUNT_LOCKED',
    );
    // the auditor still learns why: a failed sign-in of a disabled account
    const rows = await h.svc.conn.db
      .selectFrom('audit_event')
      .select(['outcome', 'detail'])
      .where('action', '=', 'auth.login')
      .where('entity_id', '=', a.id)
      .execute();
    const disabled = rows.filter((r) => (r.detail as { reason?: string } | null)?.reason === 'disabled');
    expect(disabled.map((r) => r.outcome)).toEqual(['failed', 'failed', 'failed']);
    // the password of a disabled account is checked like any other (the same work, the same
    // time): the wrong ones were told apart from the right ones
    const wrongOnes = rows.filter(
      (r) => (r.detail as { reason?: string } | null)?.reason === 'wrong_password',
    );
    expect(wrongOnes.length).toBe(2);
  });

  it('a flood of sign-ins for unknown e-mails and a locked account writes a few counted rows, not one each', async () => {
    const a = await newAccount();
    advance(61_000);
    await flushRejections(h.svc);
    const rows = () =>
      h.svc.conn.db
        .selectFrom('audit_event')
        .select(['ip', 'outcome', 'entity_id', 'detail'])
        .where('action', '=', 'auth.login')
        .orderBy('id')
        .execute();
    const before = (await rows()).length;
    const ip = '10.9.11.1';
    for (let i = 0; i < 5; i++) await login({ email: a.email, password: wrong(i) }, ip);
    const burst = await Promise.all([
      ...Array.from({ length: 100 }, (_, i) =>
        login({ email: `tidak.ada.${i}@uji.simpul.test`, password: wrong(i) }, ip),
      ),
      ...Array.from({ length: 100 }, (_, i) => login({ email: a.email, password: wrong(i) }, ip)),
    ]);
    expect(burst.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    // the five checked guesses on a real account are rows of their own (the account's history)
    const during = (await rows()).slice(before);
    expect(during.filter((r) => r.entity_id === a.id)).toHaveLength(5);
    expect(during).toHaveLength(5);
    // the rest are counted, and written as one row per reason when the minute is over
    advance(61_000);
    await flushRejections(h.svc);
    const counted = (await rows()).slice(before + 5);
    expect(counted.length).toBeLessThanOrEqual(2);
    expect(counted.every((r) => /^src:/.test(r.ip ?? '') && r.entity_id === null)).toBe(true);
    expect(
      Object.fromEntries(counted.map((r) => [(r.detail as { reason: string }).reason, r.outcome])),
    ).toEqual({ unknown_email: 'failed', locked: 'denied' });
    const total = counted.reduce((n, r) => n + Number((r.detail as { count: number }).count), 0);
    expect(total).toBe(200);
    expect(new Set(counted.map((r) => (r.detail as { reason: string }).reason))).toEqual(
      new Set(['unknown_email', 'locked']),
    );
  });

  it('forgets guess counters two days after their last failure, never one whose lock still runs', async () => {
    const a = await newAccount();
    const b = await newAccount();
    for (let i = 0; i < 5; i++)
      expect((await login({ email: a.email, password: wrong(i) }, '10.9.10.1')).status).toBe(401);
    expect((await login({ email: b.email, password: wrong(9) }, '10.9.10.2')).status).toBe(401);
    const keys = async () =>
      (await h.svc.conn.db.selectFrom('login_throttle').select('key').execute()).map((r) => r.key);
    const before = await keys();
    // a's lock is set to run far into the future: pruning must keep it however old its failure is
    const aKey = `e:${h.svc.keys.blindIndex('login-email', a.email)}`;
    const bKey = `e:${h.svc.keys.blindIndex('login-email', b.email)}`;
    expect(before).toEqual(expect.arrayContaining([aKey, bKey]));
    await h.svc.conn.db
      .updateTable('login_throttle')
      .set({ locked_until: new Date(h.now.value.getTime() + 30 * 24 * 60 * MIN) })
      .where('key', '=', aKey)
      .execute();
    advance(2 * 24 * 60 * MIN + MIN);
    await pruneExpired(h.svc);
    const after = await keys();
    expect(after).toContain(aKey);
    expect(after).not.toContain(bKey);
    expect(after).not.toContain(`i:${h.svc.keys.blindIndex('login-ip', '10.9.10.2')}`);
    // still locked: the kept counter still counts
    expect((await login({ email: a.email, password: a.password }, '10.9.10.3')).body.error.code).toBe(
      'ACCOUNT_LOCKED',
    );
    // and a forgotten counter starts from zero: b signs in
    expect((await login({ email: b.email, password: b.password }, '10.9.10.4')).status).toBe(200);
  });
});
