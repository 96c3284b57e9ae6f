/**
 * One clock (issue 10 §2): case and referral numbers count per local year of the kab/kota, and
 * the case list's date filter takes local days. At 00:30 WIB on 1 January both numbers are the
 * new year's (a referral used to take the UTC year, the previous one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type MadeUser,
  makeFullCase,
  makeOrg,
  makeRegionWorld,
  makeUser,
  type Org,
} from '../helpers/factories.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

describe.each(ENGINES)('local years and days on %s', (engine) => {
  let h: Harness;
  let m: Client;
  let manajer: MadeUser;
  let rsud: Org;
  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    const lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    manajer = await makeUser(h.svc, { role: 'manajer', org: lebak.uptd });
    rsud = await makeOrg(h.svc, { kabKota: '36.02', type: 'rumah_sakit', services: ['kesehatan', 'visum'] });
  });
  afterAll(async () => h?.close());

  it('a case and a referral at 00:30 WIB on 1 January are numbered in the new year', async () => {
    h.now.value = new Date('2026-12-31T17:30:00Z'); // 1 January 2027, 00:30 WIB
    m = await h.as(manajer.email, manajer.password);
    const k = await makeFullCase(h.svc, manajer);
    const c = await m.get(`/api/v1/cases/${k.id}`);
    expect(c.body.number).toMatch(/^PPA-3602-2027-\d+$/);
    const r = await m.post(`/api/v1/cases/${k.id}/referrals`, {
      personId: k.victimId,
      toOrgId: rsud.id,
      services: ['kesehatan'],
      urgency: 'biasa',
      purpose: 'Pemeriksaan kesehatan (uji pergantian tahun).',
      sections: [],
      // given a minute ago by this server's clock (a month ahead of the machine's): the rule
      // "not in the future" reads the injected clock
      consent: { basis: 'persetujuan_korban', givenBy: 'Korban sendiri', givenAt: '2026-12-31T17:29:00Z' },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.number).toMatch(/^RJK\/36\.02\/2027\/\d{5}$/);
  });

  it('filters the case list by local days: a case received at 23:30 WIB is that day’s', async () => {
    h.now.value = new Date('2027-03-10T16:30:00Z'); // 10 March, 23:30 WIB
    m = await h.as(manajer.email, manajer.password);
    const k = await makeFullCase(h.svc, manajer);
    const on = async (from: string, to: string) =>
      (
        (await m.get(`/api/v1/cases?from=${from}&to=${to}&pageSize=100`)).body.items as Array<{ id: string }>
      ).map((x) => x.id);
    expect(await on('2027-03-10', '2027-03-10')).toContain(k.id);
    expect(await on('2027-03-11', '2027-03-11')).not.toContain(k.id);
    h.now.value = new Date('2027-03-10T17:30:00Z'); // 11 March, 00:30 WIB
    m = await h.as(manajer.email, manajer.password);
    const late = await makeFullCase(h.svc, manajer);
    expect(await on('2027-03-11', '2027-03-11')).toContain(late.id);
    expect(await on('2027-03-10', '2027-03-10')).not.toContain(late.id);
  });
});
