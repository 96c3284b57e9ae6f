/**
 * A flood of public reports into one kab/kota's inbox (many senders) marks no report as suspected
 * spam: the inbox shows it once, as a banner (`flood` in GET /intake). A report that someone is in
 * danger now is never marked for its sender's count and tells the inbox at once — during a flood
 * too — while one sender can page the inbox only a few times in 10 minutes.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { windowStart } from '../../src/app/intake/shared.ts';
import { RATE_LIMITS } from '../../src/domain/intake.ts';
import { createApp } from '../../src/http/app.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

let n = 0;
const token = () => `uji-banjir-${Date.now().toString(36)}-${(n++).toString(36)}-xxxxxx`;
const HOUR = 3600_000;

describe.each(ENGINES)('a regional flood on %s', (engine) => {
  let h: Harness;
  let lebak: Client;
  let ip = 0;

  /** sends the public form from `from` (a new address each time unless given), returns the code */
  async function report(over: Record<string, string> = {}, from?: string) {
    const app = createApp(h.svc, {
      clientIp: () => from ?? `10.77.${Math.floor(ip / 250)}.${(ip++ % 250) + 1}`,
      sleep: async () => {},
    });
    const r = await app.request('/lapor', {
      method: 'POST',
      body: new URLSearchParams({
        reporterType: 'orang_lain',
        victimSex: 'perempuan',
        victimAgeGroup: 'anak_13_17',
        forms: 'fisik',
        description: 'Anak tetangga dipukul (uji banjir).',
        prov: '36',
        kab: '36.02',
        kec: '36.02.01',
        occurredWhen: 'minggu_ini',
        dangerNow: 'tidak',
        contactMethod: 'tidak',
        submissionToken: token(),
        website: '',
        ...over,
      }),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(r.status).toBe(303);
    const page = await app.request(r.headers.get('location')!);
    return /id="kode"[^>]*>([^<]*)</.exec(await page.text())![1]!;
  }

  const flagged = async (code: string) =>
    (
      await h.svc.conn.db
        .selectFrom('intake')
        .select('suspected_spam')
        .where('code', '=', code)
        .executeTakeFirstOrThrow()
    ).suspected_spam;

  /** laporan_darurat notices about this report that the Lebak intake officer got */
  const paged = async (code: string) =>
    (
      (await lebak.get('/api/v1/notifications?pageSize=100')).body.items as Array<{
        kind: string;
        ref: string;
      }>
    ).filter((x) => x.kind === 'laporan_darurat' && x.ref === code).length;

  beforeAll(async () => {
    h = await createHarness(engine);
    // 20 minutes into the next hour, so the flood's windows are that hour and the one before
    // (later, never earlier, than the accounts were made: a clock set back would read every
    // session as older than the password)
    h.now.value = new Date((Math.floor(Date.now() / HOUR) + 1) * HOUR + 20 * 60_000);
    lebak = await h.as('pengaduan@lebak.demo');
  });
  afterAll(async () => h?.close());

  it('no flood, no banner', async () => {
    await report();
    const inbox = await lebak.get('/api/v1/intake');
    expect(inbox.status).toBe(200);
    expect(inbox.body.flood).toBeNull();
  });

  it('during a flood into the kab/kota, genuine reports are not marked and a danger report pages the inbox at once', async () => {
    // the hour so far: the limit reached by other senders' reports (counted from the reports
    // themselves; already closed here, so they stay out of the inbox's first page)
    const start = windowStart(h.now.value, HOUR);
    const already = await h.svc.conn.db
      .selectFrom('intake')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('channel', '=', 'daring')
      .where('jurisdiction', '=', '36.02')
      .where('received_at', '>=', start)
      .executeTakeFirstOrThrow();
    const missing = RATE_LIMITS.perRegionPerHour - Number(already.n);
    await sql`
      INSERT INTO intake (id, code, jurisdiction, channel, reporter_type, status, received_at, created_at, updated_at)
      SELECT gen_random_uuid(), 'BJ' || lpad(g::text, 7, '0'), '36.02', 'daring', 'anonim', 'ditutup',
             ${start}::timestamptz + g * interval '1 second', now(), now()
      FROM generate_series(1, ${missing}::int) AS g`.execute(h.svc.conn.db);

    const ordinary = await report();
    const danger = await report({ dangerNow: 'ya' });
    expect(await flagged(ordinary)).toBe(false);
    expect(await flagged(danger)).toBe(false);
    expect(await paged(danger)).toBe(1);

    // the inbox shows the flood once, with the count since its hour began
    const inbox = await lebak.get('/api/v1/intake?pageSize=100');
    expect(inbox.body.flood).toEqual({
      reports: RATE_LIMITS.perRegionPerHour + 2,
      since: start.toISOString(),
      perHour: RATE_LIMITS.perRegionPerHour,
    });
    // and no report in it is marked suspected spam for it
    expect(inbox.body.items.filter((i: { suspectedSpam: boolean }) => i.suspectedSpam)).toEqual([]);
    // the danger report heads the inbox
    expect(inbox.body.items[0].code).toBe(danger);
    // another kab/kota's inbox has no flood
    const serang = await h.as('pengaduan@serang.demo');
    const sr = await serang.get('/api/v1/intake');
    expect(sr.body.flood, JSON.stringify(sr.body).slice(0, 300)).toBeNull();
  });

  it('the banner stays through the next hour and then goes', async () => {
    const at = h.now.value;
    try {
      // sessions go idle after 30 minutes: sign in anew at each later time
      h.now.value = new Date(at.getTime() + HOUR);
      const next = (await (await h.as('manajer@lebak.demo')).get('/api/v1/intake')).body.flood;
      expect(next?.since).toBe(windowStart(at, HOUR).toISOString());
      h.now.value = new Date(at.getTime() + 2 * HOUR);
      expect((await (await h.as('manajer@lebak.demo')).get('/api/v1/intake')).body.flood).toBeNull();
    } finally {
      h.now.value = at;
    }
  });

  it('one sender over its own limit: ordinary reports are marked, danger reports are not and page the inbox a few times only', async () => {
    const from = '10.78.0.1';
    const ordinary: string[] = [];
    for (let i = 0; i < RATE_LIMITS.perSourcePer10Min + 1; i++) ordinary.push(await report({}, from));
    expect(await flagged(ordinary.at(-1)!)).toBe(true);
    expect(await flagged(ordinary[0]!)).toBe(false);

    const danger: string[] = [];
    for (let i = 0; i < RATE_LIMITS.dangerNoticesPerSourcePer10Min + 2; i++)
      danger.push(await report({ dangerNow: 'ya' }, from));
    for (const code of danger) expect(await flagged(code)).toBe(false);
    const pages = await Promise.all(danger.map(paged));
    expect(pages).toEqual([...Array(RATE_LIMITS.dangerNoticesPerSourcePer10Min).fill(1), 0, 0]);
  });

  it('a filled honeypot still marks a report, danger or not, and pages nobody', async () => {
    const code = await report({ dangerNow: 'ya', website: 'http://spam.example' });
    expect(await flagged(code)).toBe(true);
    expect(await paged(code)).toBe(0);
  });
});
