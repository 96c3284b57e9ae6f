/**
 * The demo's poster codes (issue 12 §6): Lebak and Kota Serang each have a few placements with
 * monthly counts a Dinas would recognise (reports never more than visits, nothing before a poster
 * went up), the same codes on every start, and each region sees only its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

type Code = {
  id: string;
  code: string;
  label: string;
  jurisdiction: string;
  url: string;
  totals: { views: number; reports: number };
  months: Array<{ month: string; views: number; reports: number }>;
};

describe.each(ENGINES)('demo poster codes (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
  });
  afterAll(async () => h?.close());

  for (const [slug, code, min] of [
    ['lebak', '36.02', 4],
    ['serang', '36.73', 4],
  ] as const)
    it(`gives ${slug} ${min} placements with plausible monthly counts, its own only`, async () => {
      const c = await h.as(`pimpinan@${slug}.demo`);
      const r = await c.get('/api/v1/posters/codes');
      expect(r.status).toBe(200);
      const items = r.body.items as Code[];
      expect(items.length).toBe(min);
      for (const p of items) {
        expect(p.jurisdiction).toBe(code);
        expect(p.url).toMatch(new RegExp(`/lapor\\?s=${p.code}$`));
        expect(p.totals.views).toBeGreaterThan(0);
        expect(p.totals.reports).toBeGreaterThan(0);
        for (const m of p.months) expect(m.reports).toBeLessThanOrEqual(m.views);
      }
      // a poster put up two months ago has nothing before it
      const young = items.find((p) => p.months.filter((m) => m.views > 0).length <= 3)!;
      expect(young).toBeDefined();
      expect(young.months.slice(3).every((m) => m.views === 0)).toBe(true);
    });

  it('draws the same codes on every start', async () => {
    const again = await createHarness(engine);
    try {
      const codes = async (x: Harness) =>
        (
          await x.svc.conn.db.selectFrom('poster_code').select(['code', 'label']).orderBy('code').execute()
        ).map((r) => `${r.code} ${r.label}`);
      expect(await codes(again)).toEqual(await codes(h));
    } finally {
      await again.close();
    }
  });
});
