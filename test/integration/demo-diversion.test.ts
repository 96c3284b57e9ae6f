/**
 * The demo's diversion records (issue 13 §2, decision 036): Lebak and Kota Serang each have a few
 * ABH cases with a diversion outcome the case manager sees on the case, and the KLA cluster V
 * figure counts them once the worker has passed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoValueFor } from '../../src/app/kla/auto-values.ts';
import { refreshStats } from '../../src/app/stats/refresh.ts';
import { createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

describe.each(ENGINES)('demo diversion records (%s)', (engine) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(engine, { cases: 30 });
    await refreshStats(h.svc);
  });
  afterAll(async () => h?.close());

  for (const [slug, code] of [
    ['lebak', '36.02'],
    ['serang', '36.73'],
  ] as const)
    it(`gives ${slug} ABH cases with diversion outcomes, seen on the case and counted`, async () => {
      const rows = await h.svc.conn.db
        .selectFrom('case_record as r')
        .innerJoin('case_file as c', 'c.id', 'r.case_id')
        .select(['r.case_id', 'r.data'])
        .where('r.kind', '=', 'diversion')
        .where('c.jurisdiction', '=', code)
        .execute();
      expect(rows.length).toBe(3);
      const m = await h.as(`manajer@${slug}.demo`);
      const c = await m.get(`/api/v1/cases/${rows[0]!.case_id}`);
      expect(c.status).toBe(200);
      expect(
        c.body.incidents.some((i: { ampkCategories: string[] }) =>
          i.ampkCategories.includes('b_berhadapan_hukum'),
        ),
      ).toBe(true);
      const d = c.body.records.find((r: { kind: string }) => r.kind === 'diversion');
      expect(d.data.notes).toBeTruthy();
      const years = new Set(rows.map((r) => Number((r.data as { date: string }).date.slice(0, 4))));
      let counted = 0;
      for (const y of years)
        counted += (await autoValueFor(h.svc.conn.db, 'abh_diversion', code, y))?.denominator ?? 0;
      expect(counted).toBeGreaterThanOrEqual(3);
    });
});
