/** The demo data shows the referral network at work: partner users find referrals waiting. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../helpers/harness.ts';

describe('demo referrals', () => {
  let h: Harness;
  beforeAll(async () => {
    // 7 cases per region reach every stage once, one of them "layanan"
    h = await createHarness('pglite', { cases: 7 });
  });
  afterAll(async () => h?.close());

  it('gives the police unit one accepted and served referral and the RSUD one waiting', async () => {
    const police = await h.as('mitra@lebak.demo');
    const inbox = (await police.get('/api/v1/referrals?box=masuk')).body.items;
    expect(inbox.map((r: { status: string }) => r.status)).toEqual(['dalam_layanan']);
    const rsud = await h.as('rsud@lebak.demo');
    const waiting = (await rsud.get('/api/v1/referrals?box=masuk')).body.items;
    expect(waiting.map((r: { status: string }) => r.status)).toEqual(['terkirim']);
    const one = (await rsud.get(`/api/v1/referrals/${waiting[0].id}`)).body;
    expect(Object.keys(one.shared)).toEqual(['kronologi']);
    // Serang's partners see only Serang's
    const serang = (await (await h.as('rsud@serang.demo')).get('/api/v1/referrals?box=masuk')).body.items;
    expect(serang.every((r: { fromOrg: { name: string } }) => r.fromOrg.name.includes('Serang'))).toBe(true);
  });
});
