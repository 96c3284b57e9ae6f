/**
 * The KLA demo (issue 13): the province of Kalimantan Tengah (62) and Kota Palangka Raya (62.71,
 * WIB) with their accounts and the Gugus Tugas KLA's OPD accounts; last year's evaluation verified
 * by the province with a verified score below the self-assessed one; this year's half-finished
 * (final, checked, filled and unfilled indicators, evidence, cluster V applied from the case
 * data), which the province does not see; an OPD member sees its own indicators only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KLA_OPDS } from '../../src/app/demo/kla.ts';
import { DEMO_PROVINCES } from '../../src/app/seed-demo.ts';
import { ROLES } from '../../src/domain/policy.ts';
import { localYear } from '../../src/domain/time.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: evaluations are checked field by field
type J = Record<string, any>;

describe.each(ENGINES)('demo KLA: Kalimantan Tengah and Kota Palangka Raya (%s)', (engine) => {
  let h: Harness;
  let coordinator: Client;
  let year: number;
  let evaluations: J[];
  const get = async (c: Client, path: string) => {
    const r = await c.get(path);
    if (r.status !== 200) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const evaluationOf = async (c: Client, y: number): Promise<J> =>
    get(c, `/api/v1/kla/evaluations/${evaluations.find((e) => e.year === y)!.id}`);

  beforeAll(async () => {
    // only Kalimantan Tengah's region codes: the Banten demo is left out, which keeps this quick
    h = await createHarness(engine, { cases: 30, regions: ['62'] });
    year = localYear(h.now.value, '62.71');
    coordinator = await h.as('admin-dinas@palangkaraya.demo');
    evaluations = (await get(coordinator, '/api/v1/kla/evaluations')).items;
  }, 120_000);
  afterAll(async () => h?.close());

  it('gives Kota Palangka Raya one account per role, the OPD members theirs, and the province of Kalimantan Tengah its own', async () => {
    for (const local of [...ROLES, 'rsud']) {
      const me = (await get(await h.as(`${local}@palangkaraya.demo`), '/api/v1/auth/me')).user;
      expect(me.jurisdiction, local).toBe('62.71');
    }
    for (const o of KLA_OPDS) {
      const me = (await get(await h.as(`${o.key}@palangkaraya.demo`), '/api/v1/auth/me')).user;
      expect([me.jurisdiction, me.role], o.key).toEqual(['62.71', 'mitra']);
    }
    const kalteng = DEMO_PROVINCES.find((p) => p.slug === 'kalteng')!;
    expect(kalteng.code).toBe('62');
    for (const role of kalteng.roles) {
      const me = (await get(await h.as(`${role}@kalteng.demo`), '/api/v1/auth/me')).user;
      expect(me.jurisdiction, role).toBe('62');
    }
    // Banten's region codes are not loaded here: its demo is left out
    const lebak = await h.svc.conn.db
      .selectFrom('app_user')
      .select('id')
      .where('email', 'in', ['manajer@lebak.demo', 'pimpinan@banten.demo'])
      .execute();
    expect(lebak).toEqual([]);
  });

  it("keeps last year's evaluation verified by the province, its verified score below the self-assessed one", async () => {
    expect(evaluations.map((e) => [e.year, e.status]).sort()).toEqual([
      [year - 1, 'verified'],
      [year, 'draft'],
    ]);
    const last = await evaluationOf(coordinator, year - 1);
    expect(last.indicators.every((v: J) => v.answer.status === 'final')).toBe(true);
    expect(last.verifiedScore.total).toBeLessThan(last.score.total);
    expect(last.verifiedScore.category.min).toBeLessThan(last.score.category.min);
    const rejected = last.indicators.filter((v: J) => v.answer.verifyStatus === 'rejected');
    expect(rejected.length).toBe(2);
    for (const v of rejected) expect(v.answer.verifyNote).toBeTruthy();
    expect(last.indicators.filter((v: J) => v.answer.evidence.length > 0).length).toBeGreaterThanOrEqual(3);
    // the history has who did what
    const history = await get(coordinator, `/api/v1/kla/evaluations/${last.id}/history`);
    expect(JSON.stringify(history)).toContain('evaluation.decide');
  });

  it("keeps this year's half-finished: final, checked, filled and unfilled indicators, just below the next category", async () => {
    const now = await evaluationOf(coordinator, year);
    const statuses = now.indicators.map((v: J) => v.answer.status);
    for (const s of ['final', 'diperiksa', 'diisi', 'belum_diisi']) expect(statuses, s).toContain(s);
    const unanswered = statuses.filter((s: string) => s === 'belum_diisi').length;
    expect(unanswered).toBeGreaterThanOrEqual(5);
    expect(unanswered).toBeLessThanOrEqual(16);
    expect(now.indicators.every((v: J) => v.assignment !== null)).toBe(true);
    // some filled by the OPDs with their evidence
    expect(
      now.indicators.some(
        (v: J) => v.answer.status === 'diisi' && v.answer.evidence.length > 0 && v.assignment.userId,
      ),
    ).toBe(true);
    expect(now.lastYear).toMatchObject({ year: year - 1, status: 'verified' });
    // Dinas Pendidikan still has an indicator to fill, enough to reach the next category
    const disdikOpen = now.indicators.filter(
      (v: J) => v.assignment.userName === 'Demo disdik palangkaraya' && v.answer.status === 'belum_diisi',
    );
    expect(disdikOpen.length).toBeGreaterThan(0);
    expect(now.score.next.missing).toBeGreaterThan(0);
    expect(Math.max(...disdikOpen.map((v: J) => v.indicator.weight))).toBeGreaterThan(now.score.next.missing);
    // the Kelembagaan indicators point at the SK Gugus Tugas KLA and the RAD covering the year
    expect(now.institutional.regulations.some((r: J) => r.gugusTugas)).toBe(true);
    expect(now.institutional.radPlans.length).toBeGreaterThan(0);
  });

  it('fills cluster V from the case data, with the case counts behind it', async () => {
    const now = await evaluationOf(coordinator, year);
    const auto = now.indicators.find((v: J) => v.indicator.autoSource === 'ampk_served').answer.autoCalc;
    expect(auto.denominator).toBeGreaterThan(0);
    expect(auto.parts.some((p: J) => p.n > 0)).toBe(true);
  });

  it("shows the province last year's submission but never this year's draft", async () => {
    const province = await h.as('admin-dinas@kalteng.demo');
    const list = (await get(province, '/api/v1/kla/evaluations')).items;
    expect(list.map((e: J) => [e.year, e.status])).toEqual([[year - 1, 'verified']]);
    const draft = evaluations.find((e) => e.year === year)!;
    expect((await province.get(`/api/v1/kla/evaluations/${draft.id}`)).status).toBe(404);
    expect((await province.get(`/api/v1/kla/evaluations/${list[0].id}`)).status).toBe(200);
  });

  it('shows an OPD member only its own indicators, and lets it fill the open one', async () => {
    const disdik = await h.as('disdik@palangkaraya.demo');
    const draft = evaluations.find((e) => e.year === year)!;
    const e = await get(disdik, `/api/v1/kla/evaluations/${draft.id}`);
    const mine = e.indicators.filter((v: J) => v.answer !== null);
    expect(mine.length).toBe(4);
    for (const v of mine) expect(v.indicator.group).toBe('IV');
    expect(e.institutional.regulations).toEqual([]);
    const open = mine.find((v: J) => v.answer.status === 'belum_diisi');
    expect(open.canFill).toBe(true);
    const other = e.indicators.find((v: J) => v.answer === null);
    expect(other.canFill).toBe(false);
  });
});
