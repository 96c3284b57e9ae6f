/**
 * Bounded queueing in front of the embedded database (decision 018): past the bound a request is refused at
 * once with 503 + Retry-After (a JSON error for the API, a page with the emergency numbers for
 * the public), a refused request changes nothing, and a reporter's submission still gets in when
 * staff work fills the queue. On PostgreSQL (no gate) the same burst is simply served.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

const LIMITS = { maxRequests: 60, maxWaitMs: 2_000 };

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
  let m: Client;
  beforeAll(async () => {
    h = await createHarness('pglite', { gateLimits: LIMITS });
    m = await h.as('manajer@lebak.demo');
  });
  afterAll(() => h?.close());

  const intakeCount = async () =>
    Number(
      (
        await h.svc.conn.db
          .selectFrom('intake')
          .select(h.svc.conn.db.fn.countAll().as('n'))
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
    const admitted = Array.from({ length: LIMITS.maxRequests }, () => m.get('/api/v1/cases?pageSize=5'));
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
      expect(r.headers.get('retry-after')).toBe('2');
      expect(r.body.error.code).toBe('SERVER_BUSY');
      expect(r.body.error.message).toMatch(/terlalu banyak permintaan.*Tidak ada yang disimpan/);
    }
    // a public page is refused with a page, the emergency numbers and no cache
    const page = await h.app.request('/layanan');
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('2');
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
    const reports = await intakeCount();
    const db = holdDatabase(h);
    await db.isHeld;
    const t0 = performance.now();
    const waiting = settle([
      m.get('/api/v1/cases?pageSize=5'),
      m.get('/api/v1/auth/me'),
      m.post('/api/v1/cases', {
        channel: 'datang_langsung',
        risk: 'sedang',
        caseType: 'ktp',
        authority: 'daerah',
      }),
    ]);
    const report2 = h.app.request('/lapor', {
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
    expect(waited).toBeGreaterThanOrEqual(LIMITS.maxWaitMs - 50);
    const page = await report2;
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain('laporan Anda BELUM terkirim');
    expect(html).toContain('112');
    await db.release();
    expect(await intakeCount()).toBe(reports); // told "not sent", and indeed not stored
    expect((await m.get('/api/v1/cases?pageSize=5')).status).toBe(200);
  });
});

describe.each(ENGINES)('a burst of 120 signed-in requests on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
  });
  afterAll(() => h?.close());

  it('is answered without errors: every request served (within the default bounds)', async () => {
    const m = await h.as('manajer@lebak.demo');
    const answers = await settle(
      Array.from({ length: 120 }, (_, i) =>
        i % 3 === 0 ? m.get('/api/v1/auth/me') : m.get('/api/v1/cases?pageSize=20'),
      ),
    );
    expect(answers.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
  });
});
