/**
 * Bounded queueing in front of the embedded database (decision 018): past the bound a request is refused at
 * once with 503 + Retry-After (a JSON error for the API, a page with the emergency numbers for
 * the public), a refused request changes nothing, and a reporter's submission still gets in when
 * staff work fills the queue. On PostgreSQL (no gate) the same burst is simply served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionGate, DbBusyError, DEFAULT_GATE_LIMITS } from '../../src/db/fair-gate.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

/** the door by count only (the wait bound far away), so the test does not depend on the machine's speed */
const DOOR = { maxRequests: 60, maxWaitMs: 60_000 };
/** the wait bound, with the database held for longer than it */
const WAIT = { maxRequests: 60, maxWaitMs: 1_500 };

/** Holds the embedded database's only connection (a transaction outside any request) until released. */
function holdDatabase(h: Harness) {
  let release!: () => void;
  const released = new Promise<void>((r) => {
    release = r;
  });
  let held!: () => void;
  const isHeld = new Promise<void>((r) => {
    held = r;
  });
  const done = h.svc.conn.db.transaction().execute(async () => {
    held();
    await released;
  });
  return {
    isHeld,
    release: () => {
      release();
      return done;
    },
  };
}

const report = (i: number) =>
  new URLSearchParams({
    reporterType: 'orang_lain',
    victimSex: 'perempuan',
    victimAgeGroup: 'anak_13_17',
    forms: 'fisik',
    description: `Laporan uji antrean ${i}: tetangga memukul anaknya.`,
    prov: '36',
    kab: '36.02',
    kec: '36.02.01',
    occurredWhen: 'minggu_ini',
    dangerNow: 'tidak',
    contactMethod: 'tidak',
    submissionToken: `uji-antrean-${i}-${Date.now().toString(36)}-xxxxxxxx`,
    website: '',
  });

const settle = <T>(ps: Promise<T>[]) => Promise.all(ps);
const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the embedded database’s queue', () => {
  let h: Harness;
  let w: Harness;
  let m: Client;
  let mw: Client;
  beforeAll(async () => {
    h = await createHarness('pglite', { gateLimits: DOOR });
    w = await createHarness('pglite', { gateLimits: WAIT });
    m = await h.as('manajer@lebak.demo');
    mw = await w.as('manajer@lebak.demo');
  });
  afterAll(async () => {
    await h?.close();
    await w?.close();
  });

  const intakeCount = async (x: Harness = h) =>
    Number(
      (
        await x.svc.conn.db
          .selectFrom('intake')
          .select(x.svc.conn.db.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    );
  const caseCount = async () =>
    Number(
      (
        await h.svc.conn.db
          .selectFrom('case_file')
          .select(h.svc.conn.db.fn.countAll().as('n'))
          .executeTakeFirst()
      )?.n,
    );

  it('refuses past the bound at once with 503 + Retry-After, and a refused request changes nothing', async () => {
    const cases = await caseCount();
    const reports = await intakeCount();
    const db = holdDatabase(h);
    await db.isHeld;
    // 60 fill the queue; 6 more staff requests (reads and a write) are turned away at the door
    const admitted = Array.from({ length: DOOR.maxRequests }, () => m.get('/api/v1/cases?pageSize=5'));
    await tick(50);
    const refused = await settle([
      ...Array.from({ length: 5 }, () => m.get('/api/v1/cases?pageSize=5')),
      m.post('/api/v1/cases', {
        channel: 'datang_langsung',
        risk: 'sedang',
        caseType: 'ktp',
        authority: 'daerah',
      }),
    ]);
    for (const r of refused) {
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('30');
      expect(r.body.error.code).toBe('SERVER_BUSY');
      expect(r.body.error.message).toMatch(/terlalu banyak permintaan.*Tidak ada yang disimpan/);
    }
    // a public page is refused with a page, the emergency numbers and no cache
    const page = await h.app.request('/layanan');
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('30');
    expect(page.headers.get('cache-control')).toBe('no-store');
    const html = await page.text();
    expect(html).toContain('Simpul sedang sibuk');
    expect(html).toContain('SAPA 129');
    // a reporter's submission still gets in while staff work fills the queue
    const sent = h.app.request('/lapor', {
      method: 'POST',
      body: report(1),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await tick(50);
    await db.release();
    for (const r of await settle(admitted)) expect(r.status).toBe(200);
    const ack = await sent;
    expect(ack.status).toBe(303);
    expect(await intakeCount()).toBe(reports + 1);
    expect(await caseCount()).toBe(cases); // the refused POST made no case
    // and once the crowd has gone, everything is served again
    expect((await m.get('/api/v1/cases?pageSize=5')).status).toBe(200);
  });

  it('refuses a request whose first turn does not come within the wait bound, instead of waiting on', async () => {
    const reports = await intakeCount(w);
    const db = holdDatabase(w);
    await db.isHeld;
    const t0 = performance.now();
    const waiting = settle([
      mw.get('/api/v1/cases?pageSize=5'),
      mw.get('/api/v1/auth/me'),
      mw.post('/api/v1/cases', {
        channel: 'datang_langsung',
        risk: 'sedang',
        caseType: 'ktp',
        authority: 'daerah',
      }),
    ]);
    const report2 = w.app.request('/lapor', {
      method: 'POST',
      body: report(2),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const answered = await waiting;
    const waited = performance.now() - t0;
    for (const r of answered) {
      expect(r.status).toBe(503);
      expect(r.body.error.code).toBe('SERVER_BUSY');
    }
    expect(waited).toBeGreaterThanOrEqual(WAIT.maxWaitMs - 50);
    const page = await report2;
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain('laporan Anda BELUM terkirim');
    expect(html).toContain('112');
    await db.release();
    expect(await intakeCount(w)).toBe(reports); // told "not sent", and indeed not stored
    expect((await mw.get('/api/v1/cases?pageSize=5')).status).toBe(200);
  });

  it('a report sent, then its receipt refused: the page says the report is in and to reload, never to send again', async () => {
    const sent = await w.app.request('/lapor', {
      method: 'POST',
      body: report(3),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(sent.status).toBe(303);
    const receipt = sent.headers.get('location')!;
    expect(receipt).toMatch(/^\/lapor\/terkirim\//);
    const db = holdDatabase(w);
    await db.isHeld;
    const busy = await w.app.request(receipt);
    expect(busy.status).toBe(503);
    const html = await busy.text();
    expect(html).toContain('Laporan Anda sudah diterima');
    expect(html).toContain('Jangan kirim ulang laporan');
    expect(html).toContain(`href="${receipt}"`);
    expect(html).not.toContain('BELUM terkirim');
    await db.release();
    // reloaded once the crowd has gone: the code, shown once
    const shown = await w.app.request(receipt);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain('Laporan Anda sudah diterima');
  });

  it('the receipt of a report just sent goes before staff work at a full door', async () => {
    const sent = await h.app.request('/lapor', {
      method: 'POST',
      body: report(4),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    const receipt = sent.headers.get('location')!;
    const db = holdDatabase(h);
    await db.isHeld;
    // the door's staff room filled
    const staff = settle(Array.from({ length: DOOR.maxRequests + 5 }, () => m.get('/api/v1/auth/me')));
    await tick(50);
    const shown = h.app.request(receipt);
    await tick(50);
    await db.release();
    const answers = await staff;
    expect(answers.some((r) => r.status === 503)).toBe(true);
    expect((await shown).status).toBe(200);
  });
});

describe('the door’s estimate of the work inside', () => {
  it('turns requests away once those inside would take longer than the wait bound to serve', async () => {
    const gate = new ConnectionGate({ maxRequests: 1_000, maxWaitMs: 1_000 });
    const hold = (ms: number) =>
      gate.admit(false, async () => {
        try {
          await gate.acquire();
        } catch (e) {
          if (e instanceof DbBusyError) return 'late'; // admitted, then its first turn came too late
          throw e;
        }
        await tick(ms);
        gate.release();
        return 'served';
      });
    // one request that held the connection for at least 50 ms teaches the gate what a request costs
    expect(await hold(50)).toBe('served');
    // the connection is taken (outside any request): everything admitted now waits
    await gate.acquire();
    const answers = Array.from({ length: 100 }, () => hold(50));
    const settled = await (async () => {
      await tick(20);
      gate.release();
      return Promise.all(answers);
    })();
    const admitted = settled.filter((a) => a !== null).length;
    // at ≥ 50 ms each, at most 1000 / 50 + 1 fit in the bound; the rest were refused at the door
    expect(admitted).toBeGreaterThan(0);
    expect(admitted).toBeLessThanOrEqual(21);
    expect(settled.filter((a) => a === null)).toHaveLength(100 - admitted);
  });
});

describe.each(ENGINES)('a burst of 60 signed-in requests on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine, { gateLimits: DEFAULT_GATE_LIMITS });
  });
  afterAll(() => h?.close());

  it('is served in full within the default bounds (nobody refused, no errors)', async () => {
    const m = await h.as('manajer@lebak.demo');
    const answers = await settle(
      Array.from({ length: 60 }, (_, i) =>
        i % 3 === 0 ? m.get('/api/v1/auth/me') : m.get('/api/v1/cases?pageSize=20'),
      ),
    );
    expect(answers.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
  });
});

describe('PostgreSQL’s pool', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness('postgres', { pool: { max: 2, waitMs: 500 } });
  });
  afterAll(() => h?.close());

  it('refuses a request that gets no connection within the wait bound: 503 + Retry-After, nothing written', async () => {
    const m = await h.as('manajer@lebak.demo');
    const count = async (table: 'intake' | 'audit_event') =>
      Number(
        (
          await h.svc.conn.db
            .selectFrom(table)
            .select((e) => e.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const intake = await count('intake');
    const audited = await count('audit_event');
    // both connections held by transactions outside any request
    const a = holdDatabase(h);
    const b = holdDatabase(h);
    await Promise.all([a.isHeld, b.isHeld]);
    const t = performance.now();
    const r = await m.get('/api/v1/cases?pageSize=20');
    expect(performance.now() - t).toBeLessThan(5_000);
    expect(r.status).toBe(503);
    expect(r.body.error.code).toBe('SERVER_BUSY');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // the public form says the report was not sent, with the emergency numbers
    const page = await h.app.request('/lapor', {
      method: 'POST',
      body: report(1),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).not.toBeNull();
    expect(await page.text()).toContain('SAPA 129');
    await Promise.all([a.release(), b.release()]);
    expect(await count('intake')).toBe(intake);
    expect(await count('audit_event')).toBe(audited);
    // once free, the same requests are served
    expect((await m.get('/api/v1/cases?pageSize=20')).status).toBe(200);
  });
});
