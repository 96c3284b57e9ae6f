/**
 * The demo's regional action plan (issue 12 §4): Lebak and Kota Serang each have "RAD PPA
 * 2026–2030" with three pillars and eight activities of the Dinas, the UPTD PPA, the police unit and
 * other partners, targets for every year, 2026 reported through Q3 (Q4 by some), automatic
 * indicators, links to the demo's meeting decision and prevention activity; the police partner
 * sees only its own activities; each region its own plan only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field
type J = Record<string, any>;

describe.each(ENGINES)('demo RAD PPA (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
  });
  afterAll(async () => h?.close());

  for (const [slug, code] of [
    ['lebak', '36.02'],
    ['serang', '36.73'],
  ] as const)
    it(`gives ${slug} a plan with a year of progress`, async () => {
      const m = await h.as(`manajer@${slug}.demo`);
      const plans = (await m.get('/api/v1/rad/plans')).body;
      expect(plans.items.map((p: J) => [p.title, p.jurisdiction, p.activities])).toEqual([
        ['RAD PPA 2026–2030', code, 8],
      ]);
      const plan = (await m.get(`/api/v1/rad/plans/${plans.items[0].id}?year=2026&quarter=3`)).body;
      expect(plan.pillars).toHaveLength(3);
      const acts = plan.pillars.flatMap((p: J) => p.programmes.flatMap((g: J) => g.activities));
      expect(acts).toHaveLength(8);
      expect(acts.every((a: J) => a.targets.length === 5 && a.standing.quarter === 3)).toBe(true);
      expect(acts.filter((a: J) => a.autoIndicator).length).toBe(2);
      expect(new Set(acts.map((a: J) => a.responsibleOrg.id)).size).toBeGreaterThanOrEqual(4);
      expect(plan.rollup.total.activities).toBe(8);
      expect(plan.rollup.total.onTrack).toBeGreaterThan(0);
      expect(plan.rollup.total.onTrack).toBeLessThan(8);
      expect(plan.rollup.byOrganisation.length).toBeGreaterThanOrEqual(4);
      // the links to the demo's prevention activity and meeting decision
      const linked = await Promise.all(
        acts.map(async (a: J) => (await m.get(`/api/v1/rad/activities/${a.id}`)).body.links.length),
      );
      expect(linked.reduce((x: number, y: number) => x + y, 0)).toBe(2);
      // Q4 2026 reported by some, not all
      const q4 = (await m.get(`/api/v1/rad/plans/${plans.items[0].id}?year=2026&quarter=4`)).body;
      const at4 = q4.pillars
        .flatMap((p: J) => p.programmes.flatMap((g: J) => g.activities))
        .filter((a: J) => a.standing.quarter === 4);
      expect(at4.length).toBeGreaterThan(0);
      expect(at4.length).toBeLessThan(8);
      // the police unit's staff see only the activities it is responsible for or a partner in
      const mitra = await h.as(`mitra@${slug}.demo`);
      const own = (await mitra.get(`/api/v1/rad/plans/${plans.items[0].id}`)).body;
      const mine = own.pillars.flatMap((p: J) => p.programmes.flatMap((g: J) => g.activities));
      expect(mine.length).toBeGreaterThan(0);
      expect(mine.length).toBeLessThan(8);
    });
});
