/**
 * The demo's prevention work (src/app/demo/prevention.ts): Lebak and Kota Serang each have the
 * campaign "Stop Kekerasan terhadap Anak <year>" with target desa and numbers, activities in
 * several desa in every status, one partner report awaiting the Dinas, and a coverage that counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

describe.each(ENGINES)('demo prevention on %s', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine);
  });
  afterAll(async () => h?.close());

  it.each(['lebak', 'serang'])(
    '%s: a campaign, activities in every status, a report awaiting acceptance',
    async (slug) => {
      const c = await h.as(`manajer@${slug}.demo`);
      const camps = (await c.get('/api/v1/prevention/campaigns')).body.items;
      const camp = camps.find((x: { name: string }) => x.name.startsWith('Stop Kekerasan terhadap Anak'));
      expect(camp).toBeDefined();
      expect(camp.targetDesa.length).toBe(6);
      expect(camp.targets).toMatchObject({ children: 600, adults: 400, activities: 12, desa: 6 });
      const list = (await c.get('/api/v1/prevention/activities?pageSize=100')).body;
      expect(list.total).toBeGreaterThanOrEqual(8);
      expect(list.total).toBeLessThanOrEqual(15);
      const statuses = new Set(list.items.map((a: { status: string }) => a.status));
      expect([...statuses].sort()).toEqual(['dibatalkan', 'dilaporkan', 'direncanakan', 'terlaksana']);
      expect(
        new Set(list.items.map((a: { place: { code: string } }) => a.place.code)).size,
      ).toBeGreaterThanOrEqual(5);
      const waiting = (await c.get('/api/v1/prevention/activities?review=menunggu')).body.items;
      expect(waiting).toHaveLength(1);
      expect(waiting[0].canReview).toBe(true);
      const cov = await c.get(
        `/api/v1/prevention/coverage?from=${camp.startsOn}&to=${camp.endsOn}&campaign=${camp.id}`,
      );
      expect(cov.status).toBe(200);
      expect(cov.body.totals.activities).toBeGreaterThanOrEqual(5);
      expect(cov.body.totals.people).toBeGreaterThan(100);
      expect(cov.body.targets.targetDesaTotal).toBe(6);
      // the schools it reaches are registered (type sekolah): the school picker offers them, and
      // each counts once as a school reached, by the organisation
      const options = (await c.get('/api/v1/prevention/options')).body;
      const schools = options.organisations.filter((o: { type: string }) => o.type === 'sekolah');
      expect(schools.length).toBeGreaterThanOrEqual(4);
      expect(camp.targetSchools.every((x: { orgId: string | null }) => x.orgId !== null)).toBe(true);
      expect(cov.body.totals.schoolsReached).toBe(4);
      expect(cov.body.schools.every((x: { orgId: string | null }) => x.orgId !== null)).toBe(true);
      // the card's counts agree with the coverage: counted of all the campaign's activities
      expect(camp.countedActivityCount).toBe(cov.body.totals.activities);
      expect(camp.activityCount).toBeGreaterThan(camp.countedActivityCount);
      // the police unit's staff see only what the unit organises or takes part in
      const mitra = (
        await (await h.as(`mitra@${slug}.demo`)).get('/api/v1/prevention/activities?pageSize=100')
      ).body;
      expect(mitra.total).toBeGreaterThanOrEqual(2);
      expect(mitra.total).toBeLessThan(list.total);
    },
  );
});
