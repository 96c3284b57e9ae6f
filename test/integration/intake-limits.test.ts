/**
 * The limits of the public report form, counted inside the report's own transaction (issue 9 §2):
 * per address a counter row only that sender's reports share; per kab/kota the public reports of
 * the last hour themselves, so no row is shared by every report of a kab/kota.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitPublicReport } from '../../src/app/intake/submit-public-report.ts';
import { RATE_LIMITS } from '../../src/domain/intake.ts';
import { createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

describe.each(ENGINES)('public report limits on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
  });
  afterAll(async () => h?.close());

  const send = (ip: string, regionCode: string, description: string) =>
    submitPublicReport(
      { ...h.svc, actor: null, meta: { ip, userAgent: null, requestId: null, anonymous: true } },
      {
        reporterType: 'anonim',
        forms: ['fisik'],
        description,
        regionCode,
        dangerNow: false,
        contactMethod: 'tidak',
        consentContact: false,
        submissionToken: `tok-${Math.random().toString(36).slice(2)}xxxxxxxxxx`,
      } as never,
    );
  const flags = (jurisdiction: string) =>
    h.svc.conn.db
      .selectFrom('intake')
      .select(['suspected_spam', 'received_at'])
      .where('jurisdiction', '=', jurisdiction)
      .where('channel', '=', 'daring')
      .execute();

  it('20 reports from one address at once: all stored, exactly the first five unflagged, the rest slowed', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => send('10.20.30.40', '36.02.01', `Serentak ${i}`)),
    );
    expect(results.every((r) => !r.duplicate)).toBe(true);
    const rows = await flags('36.02');
    expect(rows).toHaveLength(20);
    expect(rows.filter((r) => !r.suspected_spam)).toHaveLength(RATE_LIMITS.perSourcePer10Min);
    expect(results.filter((r) => r.slowDownMs > 0)).toHaveLength(20 - RATE_LIMITS.perSourcePer10Min);
    const counters = await h.svc.conn.db.selectFrom('rate_limit').select(['key', 'count']).execute();
    expect(counters.map((c) => c.count)).toEqual([20]);
  });

  it('a kab/kota past 200 public reports in an hour marks none of them (the inbox shows a banner); no counter row is shared', async () => {
    const n = RATE_LIMITS.perRegionPerHour + 10;
    for (let i = 0; i < n; i++) {
      h.now.value = new Date(h.now.value.getTime() + 1000);
      await send(`10.73.${i >> 8}.${i & 255}`, '36.73', `Banyak ${i}`);
    }
    const rows = await flags('36.73');
    expect(rows).toHaveLength(n);
    // a flood from many senders marks no genuine report (decision 019)…
    expect(rows.filter((r) => r.suspected_spam)).toHaveLength(0);
    // … and is counted from the reports themselves: no counter row every report of a kab/kota shares
    const keys = (await h.svc.conn.db.selectFrom('rate_limit').select('key').execute()).map((r) => r.key);
    expect(keys.some((k) => k.startsWith('reg:'))).toBe(false);
    // the inbox shows the flood as one banner
    const serang = await h.as('pengaduan@serang.demo');
    const inbox = await serang.get('/api/v1/intake?pageSize=5');
    expect(inbox.body.flood).toMatchObject({ perHour: RATE_LIMITS.perRegionPerHour });
    expect(inbox.body.flood.reports).toBeGreaterThan(RATE_LIMITS.perRegionPerHour);
  });
});
