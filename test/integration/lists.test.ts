/**
 * The one list shape at size (issue 10 §1, §5): a count that stops at 1 000 ("1.000+"), pages
 * that say whether another follows, and case numbers found whole, by their beginning, or by the
 * sequence alone — without a substring scan.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COUNT_CAP } from '../../src/domain/contract/define.ts';
import { localYear } from '../../src/domain/time.ts';
import { makeRegionWorld, makeUser } from '../helpers/factories.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

describe.each(ENGINES)('lists on %s', (engine) => {
  let h: Harness;
  let m: Client;
  const MANY = COUNT_CAP + 5;
  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    const lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    const manajer = await makeUser(h.svc, { role: 'manajer', org: lebak.uptd });
    m = await h.as(manajer.email, manajer.password);
    const db = h.svc.conn.db;
    const org = lebak.uptd;
    // many synthetic Lebak cases at high risk, numbered in a series of their own (year 2001)
    await sql`
      INSERT INTO case_file (id, number, jurisdiction, org_id, stage, channel, received_at, risk)
      SELECT gen_random_uuid(), 'PPA-3602-2001-' || lpad(g::text, 6, '0'), '36.02', ${org.id}::uuid,
             'layanan', 'telepon', now() - make_interval(days => 400, mins => g), 'tinggi'
      FROM generate_series(1, ${MANY}::int) AS g`.execute(db);
  });
  afterAll(async () => h?.close());

  it('counts up to the cap and says so: "1.000+", and another page follows', async () => {
    const r = await m.get('/api/v1/cases?risk=tinggi&pageSize=20');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      page: 1,
      pageSize: 20,
      hasMore: true,
      total: COUNT_CAP,
      totalCapped: true,
    });
    expect(r.body.items).toHaveLength(20);
    // the last page of the series: fewer than a page, nothing after it
    const last = await m.get(`/api/v1/cases?risk=tinggi&pageSize=100&page=${Math.ceil(MANY / 100) + 1}`);
    expect(last.body.hasMore).toBe(false);
  });

  it('an exact count below the cap, and no next page after the last', async () => {
    const r = await m.get('/api/v1/cases?q=PPA-3602-2001-00100&pageSize=5');
    // 001000 … 001005: the beginning of a number finds the numbers that start with it
    expect(r.body.items.map((c: { number: string }) => c.number).sort()).toEqual(
      ['001000', '001001', '001002', '001003', '001004'].map((s) => `PPA-3602-2001-${s}`),
    );
    expect(r.body).toMatchObject({ total: 6, totalCapped: false, hasMore: true });
    const p2 = await m.get('/api/v1/cases?q=PPA-3602-2001-00100&pageSize=5&page=2');
    expect(p2.body).toMatchObject({ total: 6, totalCapped: false, hasMore: false });
    expect(p2.body.items).toHaveLength(1);
  });

  it('finds a case by its whole number, without "PPA-", in small letters, and by the sequence of this year', async () => {
    const whole = await m.get('/api/v1/cases?q=ppa-3602-2001-000042');
    expect(whole.body.items.map((c: { number: string }) => c.number)).toEqual(['PPA-3602-2001-000042']);
    const noPrefix = await m.get('/api/v1/cases?q=3602-2001-000042');
    expect(noPrefix.body.items.map((c: { number: string }) => c.number)).toEqual(['PPA-3602-2001-000042']);
    // a substring in the middle is not a case number search any more
    expect((await m.get('/api/v1/cases?q=2001-000042')).body.items).toEqual([]);
    // the sequence alone: this year's (local year of Lebak) case with that number
    const opened = await m.post('/api/v1/cases', { channel: 'telepon' });
    const seq = Number(opened.body.number.slice(-6));
    expect(opened.body.number.slice(9, 13)).toBe(String(localYear(new Date(), '36.02')));
    const bySeq = await m.get(`/api/v1/cases?q=${seq}`);
    expect(bySeq.body.items.map((c: { number: string }) => c.number)).toContain(opened.body.number);
    expect(
      bySeq.body.items.every((c: { number: string }) => c.number.endsWith(String(seq).padStart(6, '0'))),
    ).toBe(true);
  });

  it('open=1 leaves out closed cases (the home page’s "still running")', async () => {
    const closed = 'PPA-3602-2001-000007';
    await sql`UPDATE case_file SET stage = 'terminasi', closed_at = now() WHERE number = ${closed}`.execute(
      h.svc.conn.db,
    );
    const all = await m.get(`/api/v1/cases?q=${closed}`);
    expect(all.body.items.map((c: { number: string }) => c.number)).toEqual([closed]);
    const open = await m.get(`/api/v1/cases?q=${closed}&open=1`);
    expect(open.body.items).toEqual([]);
    expect((await m.get('/api/v1/cases?open=yes')).status).toBe(400);
  });

  it('answers small lists whole in the same shape', async () => {
    const r = await m.get('/api/v1/users/case-managers');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ page: 1, hasMore: false, totalCapped: false });
    expect(r.body.total).toBe(r.body.items.length);
  });
});
