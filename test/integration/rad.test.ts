/**
 * The regional action plan, RAD PPA (issue 12 §4): a plan for a period of years, its pillars →
 * programmes → activities with yearly targets and budgets; quarterly progress reported by the
 * responsible organisation (or the Dinas) with a version (stale → 409; 100 at once → one wins);
 * the roll-up by pillar and organisation; automatic indicators equal to the dashboard's figures;
 * bad input refused with field codes; another region's ids 404.
 */
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshStats } from '../../src/app/stats/refresh.ts';
import { radLinksFor } from '../../src/db/rad.repository.ts';
import { childRegions } from '../../src/db/region.repository.ts';
import {
  FACTORY_PASSWORD,
  type MadeUser,
  makeCase,
  makeOrg,
  makePerson,
  makeRegionWorld,
  makeUser,
  type RegionWorld,
} from '../helpers/factories.ts';
import { pngBytes } from '../helpers/files.ts';
import { type Client, createHarness, ENGINES, type Harness, type Res } from '../helpers/harness.ts';

const must = (r: Res, status: number, what: string) => {
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
// biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field
type J = Record<string, any>;
const put = (c: Client, path: string, body: unknown) => c.req('PUT', path, body);

/** The rows of each sheet of an XLSX, cells as text or numbers (as test/integration/prevention.test.ts reads them). */
function readXlsx(bytes: Uint8Array): Array<Array<Array<string | number>>> {
  const files = unzipSync(bytes);
  const shared = files['xl/sharedStrings.xml']
    ? [...strFromU8(files['xl/sharedStrings.xml']).matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
        [...m[1]!.matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join(''),
      )
    : [];
  const unesc = (s: string) =>
    s
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
  const sheets: Array<Array<Array<string | number>>> = [];
  for (let i = 1; files[`xl/worksheets/sheet${i}.xml`]; i++) {
    const xml = strFromU8(files[`xl/worksheets/sheet${i}.xml`]!);
    sheets.push(
      [...xml.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)].map((row) =>
        [...row[1]!.matchAll(/<c([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].map((c) => {
          const attrs = c[1]!;
          const body = c[2] ?? '';
          if (/t="s"/.test(attrs)) return unesc(shared[Number(/<v>(.*?)<\/v>/.exec(body)![1])] ?? '');
          if (/t="inlineStr"/.test(attrs)) return unesc(/<t[^>]*>([\s\S]*?)<\/t>/.exec(body)?.[1] ?? '');
          const v = /<v>(.*?)<\/v>/.exec(body)?.[1];
          return v === undefined ? '' : Number(v);
        }),
      ),
    );
  }
  return sheets;
}

describe.each(ENGINES)('RAD PPA on %s', (engine) => {
  let h: Harness;
  let lebak: RegionWorld;
  let serang: RegionWorld;
  let puspaga: Awaited<ReturnType<typeof makeOrg>>;
  let dinas: Client;
  let police: Client;
  let partner: Client;
  let serangDinas: Client;
  let province: Client;
  let manajerUser: MadeUser;
  let planId: string;
  let pillar1: string;
  let pillar2: string;
  let programme1: string;
  let programme2: string;
  /** responsible: police; partner: PUSPAGA; count; target 2026 = 40 */
  let a1: string;
  /** responsible: UPTD; percent; target 2026 = 80 */
  let a2: string;
  /** responsible: the Dinas; automatic (cases received) */
  let a3: string;
  /** responsible: the Dinas; automatic (share on time) */
  let a4: string;

  const activity = (over: Record<string, unknown> = {}) => ({
    title: 'Sosialisasi pencegahan kekerasan di sekolah',
    responsibleOrgId: lebak.police.id,
    partnerOrgIds: [],
    indicator: 'Jumlah sekolah yang mendapat sosialisasi',
    unit: 'jumlah',
    baseline: 10,
    klaCode: 'V.1',
    targets: [
      { year: 2026, target: 40, budget: 100_000_000, budgetSource: 'apbd' },
      { year: 2027, target: 60, budget: 120_000_000, budgetSource: 'dak_nonfisik_ppa' },
    ],
    ...over,
  });

  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    // 15 August 2026 in Lebak: Q3 has begun, Q4 has not
    h.now.value = new Date('2026-08-15T03:00:00Z');
    lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    serang = await makeRegionWorld(h.svc, { kabKota: '36.73' });
    puspaga = await makeOrg(h.svc, { kabKota: '36.02', type: 'puspaga', name: 'PUSPAGA Lebak (uji)' });
    manajerUser = await makeUser(h.svc, { role: 'manajer', org: lebak.dinas });
    const policeUser = await makeUser(h.svc, { role: 'mitra', org: lebak.police });
    const partnerUser = await makeUser(h.svc, { role: 'mitra', org: puspaga });
    const serangUser = await makeUser(h.svc, { role: 'manajer', org: serang.dinas });
    dinas = await h.as(manajerUser.email, FACTORY_PASSWORD);
    police = await h.as(policeUser.email, FACTORY_PASSWORD);
    partner = await h.as(partnerUser.email, FACTORY_PASSWORD);
    serangDinas = await h.as(serangUser.email, FACTORY_PASSWORD);
    province = await h.as(await h.provinceUser('pimpinan'));

    planId = must(
      await dinas.post('/api/v1/rad/plans', {
        title: 'RAD PPA Kabupaten Lebak 2026–2030',
        startYear: 2026,
        endYear: 2030,
      }),
      201,
      'plan',
    ).id;
    pillar1 = must(
      await dinas.post(`/api/v1/rad/plans/${planId}/pillars`, { code: '1', title: 'Pencegahan' }),
      201,
      'p1',
    ).id;
    pillar2 = must(
      await dinas.post(`/api/v1/rad/plans/${planId}/pillars`, { code: '2', title: 'Layanan' }),
      201,
      'p2',
    ).id;
    programme1 = must(
      await dinas.post(`/api/v1/rad/pillars/${pillar1}/programmes`, { code: '1.1', title: 'Edukasi' }),
      201,
      'g1',
    ).id;
    programme2 = must(
      await dinas.post(`/api/v1/rad/pillars/${pillar2}/programmes`, {
        code: '2.1',
        title: 'Penanganan kasus',
      }),
      201,
      'g2',
    ).id;
    a1 = must(
      await dinas.post(
        `/api/v1/rad/programmes/${programme1}/activities`,
        activity({ partnerOrgIds: [puspaga.id] }),
      ),
      201,
      'a1',
    ).id;
    a2 = must(
      await dinas.post(
        `/api/v1/rad/programmes/${programme2}/activities`,
        activity({
          title: 'Pendampingan korban',
          responsibleOrgId: lebak.uptd.id,
          indicator: 'Persentase korban yang didampingi',
          unit: 'persen',
          baseline: 50,
          targets: [{ year: 2026, target: 80, budget: 200_000_000, budgetSource: 'apbd' }],
        }),
      ),
      201,
      'a2',
    ).id;
    a3 = must(
      await dinas.post(
        `/api/v1/rad/programmes/${programme2}/activities`,
        activity({
          title: 'Layanan pengaduan',
          responsibleOrgId: lebak.dinas.id,
          indicator: 'Jumlah kasus yang ditangani',
          autoIndicator: 'kasus_diterima',
          targets: [{ year: 2026, target: 8, budget: 50_000_000, budgetSource: 'apbd' }],
        }),
      ),
      201,
      'a3',
    ).id;
    a4 = must(
      await dinas.post(
        `/api/v1/rad/programmes/${programme2}/activities`,
        activity({
          title: 'Respons cepat',
          responsibleOrgId: lebak.dinas.id,
          indicator: 'Persentase kasus ditangani dalam batas waktu',
          unit: 'persen',
          baseline: null,
          autoIndicator: 'kasus_tepat_waktu',
          targets: [{ year: 2026, target: 90, budget: 0, budgetSource: 'apbd' }],
        }),
      ),
      201,
      'a4',
    ).id;
  });
  afterAll(() => h?.close());

  describe('bad input', () => {
    it('refuses a reversed or too long period', async () => {
      const r = await dinas.post('/api/v1/rad/plans', { title: 'RAD', startYear: 2030, endYear: 2026 });
      expect([r.status, r.body.error.fieldCodes]).toEqual([400, { endYear: 'years_reversed' }]);
      const long = await dinas.post('/api/v1/rad/plans', { title: 'RAD', startYear: 2026, endYear: 2036 });
      expect(long.body.error.fieldCodes).toEqual({ endYear: 'rad_period_too_long' });
    });

    it('refuses targets outside the plan, negative budgets, percentages over 100 and unknown organisations', async () => {
      const path = `/api/v1/rad/programmes/${programme1}/activities`;
      const outside = await dinas.post(
        path,
        activity({ targets: [{ year: 2031, target: 1, budget: 1, budgetSource: 'apbd' }] }),
      );
      expect([outside.status, outside.body.error.fieldCodes]).toEqual([
        400,
        { 'targets.0.year': 'year_outside_plan' },
      ]);
      const negative = await dinas.post(
        path,
        activity({ targets: [{ year: 2026, target: 1, budget: -5, budgetSource: 'apbd' }] }),
      );
      expect(negative.body.error.fieldCodes).toEqual({ 'targets.0.budget': 'negative' });
      const percent = await dinas.post(
        path,
        activity({ unit: 'persen', targets: [{ year: 2026, target: 120, budget: 1, budgetSource: 'apbd' }] }),
      );
      expect(percent.body.error.fieldCodes).toEqual({ 'targets.0.target': 'percent_over_max' });
      const dup = await dinas.post(
        path,
        activity({
          targets: [
            { year: 2026, target: 1, budget: 1, budgetSource: 'apbd' },
            { year: 2026, target: 2, budget: 1, budgetSource: 'csr' },
          ],
        }),
      );
      expect(dup.body.error.fieldCodes).toEqual({ 'targets.1.year': 'duplicate_year' });
      const foreign = await dinas.post(path, activity({ responsibleOrgId: serang.police.id }));
      expect(foreign.body.error.fieldCodes).toEqual({ responsibleOrgId: 'rad_org_unknown' });
      const plan = must(await dinas.get(`/api/v1/rad/plans/${planId}`), 200, 'plan');
      expect(plan.rollup.total.activities).toBe(4);
    });

    it('refuses a shorter period that would leave targets outside it', async () => {
      const plan = must(await dinas.get(`/api/v1/rad/plans/${planId}`), 200, 'plan');
      const r = await dinas.patch(`/api/v1/rad/plans/${planId}`, {
        version: plan.version,
        title: plan.title,
        startYear: 2027,
        endYear: 2030,
      });
      expect([r.status, r.body.error.fieldCodes]).toEqual([400, { endYear: 'targets_outside_period' }]);
    });

    it('refuses a hand value for an automatic indicator, over 100 percent, and a quarter not begun', async () => {
      const auto = await put(dinas, `/api/v1/rad/activities/${a3}/progress/2026/1`, {
        version: 0,
        realised: 5,
        status: 'berjalan',
      });
      expect(auto.body.error.fieldCodes).toEqual({ realised: 'rad_automatic_value' });
      const over = await put(dinas, `/api/v1/rad/activities/${a2}/progress/2026/1`, {
        version: 0,
        realised: 101,
        status: 'berjalan',
      });
      expect(over.body.error.fieldCodes).toEqual({ realised: 'percent_over_max' });
      const future = await put(dinas, `/api/v1/rad/activities/${a2}/progress/2026/4`, {
        version: 0,
        realised: 50,
        status: 'berjalan',
      });
      expect(future.body.error.fieldCodes).toEqual({ quarter: 'quarter_not_begun' });
      const outside = await put(dinas, `/api/v1/rad/activities/${a2}/progress/2031/1`, {
        version: 0,
        realised: 50,
        status: 'berjalan',
      });
      expect(outside.body.error.fieldCodes).toEqual({ year: 'year_outside_plan' });
    });
  });

  describe('who', () => {
    it('another region gets 404 for every id of the plan', async () => {
      for (const path of [`/api/v1/rad/plans/${planId}`, `/api/v1/rad/activities/${a1}`])
        expect((await serangDinas.get(path)).status).toBe(404);
      expect((await serangDinas.post(`/api/v1/rad/plans/${planId}/pillars`, { title: 'X' })).status).toBe(
        404,
      );
      expect(
        (await serangDinas.post(`/api/v1/rad/programmes/${programme1}/activities`, activity())).status,
      ).toBe(404);
      expect(
        (
          await put(serangDinas, `/api/v1/rad/activities/${a1}/progress/2026/1`, {
            version: 0,
            realised: 1,
            status: 'berjalan',
          })
        ).status,
      ).toBe(404);
      const list = must(await serangDinas.get('/api/v1/rad/plans'), 200, 'list');
      expect(list.items).toEqual([]);
    });

    it('the province reads its kab/kota plan but does not edit it', async () => {
      const plan = must(await province.get(`/api/v1/rad/plans/${planId}`), 200, 'province read');
      expect(plan.canManage).toBe(false);
      expect((await province.post(`/api/v1/rad/plans/${planId}/pillars`, { title: 'X' })).status).toBe(403);
    });

    it('a partner sees only the activities it is responsible for or a partner in, and reports only its own', async () => {
      const seen = must(await partner.get(`/api/v1/rad/plans/${planId}`), 200, 'partner plan');
      const ids = seen.pillars.flatMap((p: J) =>
        p.programmes.flatMap((g: J) => g.activities.map((a: J) => a.id)),
      );
      expect(ids).toEqual([a1]);
      expect(seen.pillars.map((p: J) => p.id)).toEqual([pillar1]);
      expect((await partner.get(`/api/v1/rad/activities/${a2}`)).status).toBe(404);
      const r = await put(partner, `/api/v1/rad/activities/${a1}/progress/2026/1`, {
        version: 0,
        realised: 1,
        status: 'berjalan',
      });
      expect(r.status).toBe(403);
      // the police unit is responsible: it reports
      const own = must(await police.get(`/api/v1/rad/activities/${a1}`), 200, 'police activity');
      expect(own.canReport).toBe(true);
      expect((await police.get(`/api/v1/rad/activities/${a2}`)).status).toBe(404);
      expect((await police.post(`/api/v1/rad/plans/${planId}/pillars`, { title: 'X' })).status).toBe(403);
    });
  });

  describe('progress and roll-up', () => {
    it('a stale version is 409 and changes nothing; evidence is kept with the quarter', async () => {
      const path = `/api/v1/rad/activities/${a1}/progress/2026/1`;
      const first = must(
        await put(police, path, {
          version: 0,
          realised: 12,
          budgetUsed: 20_000_000,
          status: 'berjalan',
          note: 'Sepuluh sekolah',
        }),
        200,
        'q1',
      );
      const q1 = first.progress.find((p: J) => p.quarter === 1);
      expect([q1.realised, q1.budgetUsed, q1.version, q1.note]).toEqual([
        12,
        20_000_000,
        1,
        'Sepuluh sekolah',
      ]);
      const stale = await put(police, path, { version: 0, realised: 99, status: 'berjalan' });
      expect([stale.status, stale.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);
      const after = must(await police.get(`/api/v1/rad/activities/${a1}?year=2026`), 200, 'read');
      expect(after.progress.find((p: J) => p.quarter === 1).realised).toBe(12);

      const fd = new FormData();
      fd.append('file', new Blob([pngBytes()], { type: 'image/png' }), 'daftar-hadir.png');
      const file = must(await police.req('POST', `/api/v1/rad/progress/${q1.id}/files`, fd), 201, 'evidence');
      const fd2 = new FormData();
      fd2.append('file', new Blob([pngBytes()], { type: 'image/png' }), 'x.png');
      expect((await partner.req('POST', `/api/v1/rad/progress/${q1.id}/files`, fd2)).status).toBe(403);
      expect((await serangDinas.get(`/api/v1/rad/progress/${q1.id}/files/${file.id}`)).status).toBe(404);
      const got = await partner.get(`/api/v1/rad/progress/${q1.id}/files/${file.id}`);
      expect(got.status).toBe(200);
      const withFile = must(await dinas.get(`/api/v1/rad/activities/${a1}?year=2026`), 200, 'read');
      expect(withFile.progress.find((p: J) => p.quarter === 1).evidence.map((f: J) => f.filename)).toEqual([
        'daftar-hadir.png',
      ]);
    });

    it('of 100 simultaneous reports with the same version exactly one wins', async () => {
      const path = `/api/v1/rad/activities/${a1}/progress/2026/2`;
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          put(police, path, { version: 0, realised: 20 + i, budgetUsed: 40_000_000, status: 'berjalan' }),
        ),
      );
      const statuses = answers.map((r) => r.status);
      expect(statuses.filter((s) => s === 200)).toHaveLength(1);
      expect(statuses.filter((s) => s === 409)).toHaveLength(99);
      const read = must(await police.get(`/api/v1/rad/activities/${a1}?year=2026`), 200, 'read');
      const q2 = read.progress.find((p: J) => p.quarter === 2);
      expect(q2.version).toBe(1);
      // the winner's value, whichever it was
      const winner = answers.find((r) => r.status === 200)!;
      expect(q2.realised).toBe(winner.body.progress.find((p: J) => p.quarter === 2).realised);
      // then, from that version, again exactly one of a burst wins
      const again = await Promise.all(
        Array.from({ length: 20 }, () =>
          put(police, path, { version: 1, realised: 22, budgetUsed: 40_000_000, status: 'berjalan' }),
        ),
      );
      expect(again.filter((r) => r.status === 200)).toHaveLength(1);
      // settle Q2 at a known value for the roll-up below
      must(
        await put(police, path, { version: 2, realised: 22, budgetUsed: 40_000_000, status: 'berjalan' }),
        200,
        'q2',
      );
    });

    it('the roll-up by pillar and organisation matches the hand count', async () => {
      // UPTD (a2): Q1 70 % of 80 %, blocked
      must(
        await put(dinas, `/api/v1/rad/activities/${a2}/progress/2026/1`, {
          version: 0,
          realised: 70,
          budgetUsed: 30_000_000,
          status: 'terhambat',
        }),
        200,
        'a2 q1',
      );
      const plan = must(await dinas.get(`/api/v1/rad/plans/${planId}?year=2026&quarter=2`), 200, 'plan');
      // a1: 22 of 40 by Q2, expected 40 × 2/4 = 20 → on track; budget 40 M of 100 M
      // a2: 70 of 80 %, expected 80, blocked → not on track; 30 M of 200 M
      // a3, a4: automatic, no cases → a3 0 of 8 (expected 4) not on track; a4 no value, not on track
      const find = (id: string) =>
        plan.pillars
          .flatMap((p: J) => p.programmes.flatMap((g: J) => g.activities))
          .find((a: J) => a.id === id);
      expect(find(a1).standing).toMatchObject({
        quarter: 2,
        realised: 22,
        expected: 20,
        onTrack: true,
        achievement: 0.55,
      });
      expect(find(a2).standing).toMatchObject({
        quarter: 1,
        realised: 70,
        expected: 80,
        onTrack: false,
        status: 'terhambat',
      });
      const byPillar = Object.fromEntries(plan.rollup.byPillar.map((g: J) => [g.key, g]));
      expect(byPillar[pillar1]).toMatchObject({
        activities: 1,
        onTrack: 1,
        onTrackShare: 1,
        budgetPlanned: 100_000_000,
        budgetUsed: 40_000_000,
        budgetShare: 0.4,
      });
      expect(byPillar[pillar2]).toMatchObject({
        activities: 3,
        onTrack: 0,
        onTrackShare: 0,
        budgetPlanned: 250_000_000,
        budgetUsed: 30_000_000,
        budgetShare: 0.12,
      });
      const byOrg = Object.fromEntries(plan.rollup.byOrganisation.map((g: J) => [g.key, g]));
      expect(byOrg[lebak.police.id]).toMatchObject({ activities: 1, onTrack: 1, budgetUsed: 40_000_000 });
      expect(byOrg[lebak.uptd.id]).toMatchObject({ activities: 1, onTrack: 0, budgetPlanned: 200_000_000 });
      expect(byOrg[lebak.dinas.id]).toMatchObject({ activities: 2, onTrack: 0, budgetPlanned: 50_000_000 });
      expect(plan.rollup.total).toMatchObject({ activities: 4, onTrack: 1, onTrackShare: 0.25 });
      // at Q1 the police's 12 of 40 reaches the expected 10: still on track; the year's Q4 view expects all 40
      const q1 = must(await dinas.get(`/api/v1/rad/plans/${planId}?year=2026&quarter=1`), 200, 'q1');
      expect(q1.rollup.byOrganisation.find((g: J) => g.key === lebak.police.id).budgetUsed).toBe(20_000_000);
    });

    it('a null never erases a reported figure by accident; erasing it is chosen (review M1)', async () => {
      const path = `/api/v1/rad/activities/${a1}/progress/2026/2`;
      const read = async () =>
        must(await police.get(`/api/v1/rad/activities/${a1}?year=2026`), 200, 'read').progress.find(
          (p: J) => p.quarter === 2,
        );
      const q2 = await read();
      expect(q2.realised).toBe(22);
      // what a page sent for "abc" (NaN → null): refused, the saved 22 kept
      const lost = await put(police, path, { version: q2.version, realised: null, status: 'berjalan' });
      expect([lost.status, lost.body.error.fieldCodes]).toEqual([400, { realised: 'rad_realised_kept' }]);
      expect((await read()).realised).toBe(22);
      expect((await read()).version).toBe(q2.version);
      // a non-number is a type error, never "no value"
      const text = await put(police, path, { version: q2.version, realised: 'abc', status: 'berjalan' });
      expect(text.status).toBe(400);
      // erased deliberately, then reported again
      const cleared = must(
        await put(police, path, {
          version: q2.version,
          realised: null,
          clearRealised: true,
          budgetUsed: 40_000_000,
          status: 'berjalan',
        }),
        200,
        'cleared',
      );
      expect(cleared.progress.find((p: J) => p.quarter === 2).realised).toBeNull();
      must(
        await put(police, path, {
          version: q2.version + 1,
          realised: 22,
          budgetUsed: 40_000_000,
          status: 'berjalan',
        }),
        200,
        'back',
      );
    });

    it('at a quarter not reported yet the standing says the figure is an earlier quarter’s (review 15)', async () => {
      const plan = must(await dinas.get(`/api/v1/rad/plans/${planId}?year=2026&quarter=3`), 200, 'q3');
      const a = plan.pillars
        .flatMap((p: J) => p.programmes.flatMap((g: J) => g.activities))
        .find((x: J) => x.id === a1);
      expect(a.standing).toMatchObject({ quarter: 2, current: false, realised: 22, onTrack: false });
      const at2 = must(await dinas.get(`/api/v1/rad/plans/${planId}?year=2026&quarter=2`), 200, 'q2');
      const b = at2.pillars
        .flatMap((p: J) => p.programmes.flatMap((g: J) => g.activities))
        .find((x: J) => x.id === a1);
      expect(b.standing).toMatchObject({ quarter: 2, current: true, onTrack: true });
    });

    it('the roll-up downloads as XLSX with the page’s figures (review M3)', async () => {
      const r = await h.app.request(`/api/v1/rad/plans/${planId}/rollup.xlsx?year=2026&quarter=2`, {
        headers: { cookie: dinas.cookie!, 'x-requested-with': 'simpul' },
      });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toContain('spreadsheetml');
      expect(r.headers.get('content-disposition')).toContain('-2026-tw2.xlsx');
      const [summary, acts] = readXlsx(new Uint8Array(await r.arrayBuffer()));
      expect(summary![1]![0]).toBe('Capaian tahun 2026 sampai triwulan 2');
      const total = summary!.find((row) => row[0] === 'RAD PPA Kabupaten Lebak 2026–2030' && row.length > 1);
      expect(total?.slice(1, 3)).toEqual([4, 1]);
      const police1 = acts!.find((row) => row[2] === 'Sosialisasi pencegahan kekerasan di sekolah');
      // target 40, realised 22 of the Q2 report, on track, budget 100 M of which 40 M used
      expect(police1?.slice(6)).toEqual([40, 22, 2, 55, 'Berjalan', 'ya', 100_000_000, 40_000_000]);
      // another region's Dinas: 404
      const other = await h.app.request(`/api/v1/rad/plans/${planId}/rollup.xlsx`, {
        headers: { cookie: serangDinas.cookie!, 'x-requested-with': 'simpul' },
      });
      expect(other.status).toBe(404);
    });
  });

  it('automatic indicators equal the dashboard’s figures for the same period', async () => {
    const when = [
      '2026-01-20T03:00:00Z',
      '2026-02-11T03:00:00Z',
      '2026-05-02T03:00:00Z',
      '2026-07-09T03:00:00Z',
    ];
    for (const [i, receivedAt] of when.entries())
      await makeCase(h.svc, manajerUser, { receivedAt, risk: i % 2 === 0 ? 'tinggi' : 'sedang' });
    await refreshStats(h.svc);
    const dash = must(await dinas.get('/api/v1/dashboard?from=2026-01-01&to=2026-06-30'), 200, 'dashboard');
    const cases = must(await dinas.get(`/api/v1/rad/activities/${a3}?year=2026&quarter=2`), 200, 'a3');
    const q2 = cases.progress.find((p: J) => p.quarter === 2);
    expect(q2.realised).toBe(dash.totals.cases.n);
    expect(q2.realised).toBe(3);
    expect(q2.auto.parts[0].n).toBe(3);
    const share = must(await dinas.get(`/api/v1/rad/activities/${a4}?year=2026&quarter=2`), 200, 'a4');
    const s2 = share.progress.find((p: J) => p.quarter === 2);
    expect(s2.realised).toBeCloseTo((dash.handling.withinDeadlineShare ?? 0) * 100, 5);
    // a high-risk case answered within the hour (assessment started 30 minutes after it came in)
    const quick = await makeCase(h.svc, manajerUser, { receivedAt: '2026-08-15T02:30:00Z', risk: 'tinggi' });
    await makePerson(h.svc, manajerUser, quick.id, { role: 'korban' });
    const v0 = must(await dinas.get(`/api/v1/cases/${quick.id}`), 200, 'case').version;
    const id1 = must(
      await dinas.post(`/api/v1/cases/${quick.id}/transition`, { version: v0, to: 'identifikasi' }),
      200,
      'identifikasi',
    );
    must(
      await dinas.post(`/api/v1/cases/${quick.id}/transition`, { version: id1.version, to: 'asesmen' }),
      200,
      'asesmen',
    );
    await refreshStats(h.svc);
    const dash3 = must(
      await dinas.get('/api/v1/dashboard?from=2026-01-01&to=2026-09-30'),
      200,
      'dashboard Q3',
    );
    const s3 = must(await dinas.get(`/api/v1/rad/activities/${a4}?year=2026&quarter=3`), 200, 'a4 q3')
      .progress[2];
    expect(dash3.handling.withinDeadlineShare).toBeGreaterThan(0);
    expect(s3.realised).toBeCloseTo(dash3.handling.withinDeadlineShare * 100, 5);
    expect(s3.auto.parts[0].n).toBe(1);
    // a hand-typed value is refused, but status and budget are reported by hand
    must(
      await put(dinas, `/api/v1/rad/activities/${a3}/progress/2026/2`, {
        version: 0,
        budgetUsed: 10_000_000,
        status: 'berjalan',
      }),
      200,
      'a3 q2',
    );
    const plan = must(await dinas.get(`/api/v1/rad/plans/${planId}?year=2026&quarter=2`), 200, 'plan');
    const a3s = plan.pillars
      .flatMap((p: J) => p.programmes.flatMap((g: J) => g.activities))
      .find((a: J) => a.id === a3);
    // 3 cases of 8 by Q2 (expected 4): not on track
    expect(a3s.standing).toMatchObject({ realised: 3, expected: 4, onTrack: false, budgetUsed: 10_000_000 });
  });

  it('prevention indicators count reported activities and their desa, as the coverage does; links show on the RAD activity and for the other module', async () => {
    const desa = (await childRegions(h.svc.conn.db, lebak.district)).map((d) => d.code);
    const held = async (regionCode: string, day: string, to: 'dilaporkan' | 'terlaksana' = 'dilaporkan') => {
      const a = must(
        await dinas.post('/api/v1/prevention/activities', {
          title: 'Sosialisasi pencegahan kekerasan terhadap anak',
          kind: 'sosialisasi',
          field: 'keluarga',
          setting: 'balai_desa',
          targetGroups: ['orang_tua'],
          startsAt: `${day}T09:00`,
          endsAt: `${day}T12:00`,
          regionCode,
        }),
        201,
        'prevention activity',
      );
      must(
        await dinas.post(
          `/api/v1/prevention/activities/${a.id}/status`,
          to === 'dilaporkan'
            ? {
                version: a.version,
                to,
                participants: { childrenMale: 3, childrenFemale: 4, adultsMale: 5, adultsFemale: 6 },
              }
            : { version: a.version, to },
        ),
        200,
        'report',
      );
      return a.id as string;
    };
    const p1 = await held(desa[0]!, '2026-03-10');
    await held(desa[1]!, '2026-05-12');
    await held(desa[0]!, '2026-06-20');
    // held but not reported yet: the coverage does not count it, nor does the RAD
    await held(desa[3] ?? desa[2]!, '2026-06-21', 'terlaksana');
    // July: after Q2
    await held(desa[2] ?? desa[1]!, '2026-07-20');
    const reach = must(
      await dinas.post(
        `/api/v1/rad/programmes/${programme1}/activities`,
        activity({
          title: 'Sosialisasi di desa',
          responsibleOrgId: lebak.dinas.id,
          indicator: 'Jumlah desa terjangkau kegiatan pencegahan',
          unit: 'desa',
          autoIndicator: 'desa_terjangkau_pencegahan',
          targets: [{ year: 2026, target: 10, budget: 5_000_000, budgetSource: 'apbdes' }],
        }),
      ),
      201,
      'reach',
    );
    const read = must(await dinas.get(`/api/v1/rad/activities/${reach.id}?year=2026&quarter=2`), 200, 'read');
    const q2 = read.progress.find((p: J) => p.quarter === 2);
    expect(q2.realised).toBe(2);
    expect(q2.auto.parts.map((x: J) => x.n)).toEqual([2, 3]);
    expect(read.progress.find((p: J) => p.quarter === 1).realised).toBe(1);

    // links: only the Dinas, only its own jurisdiction's records, once
    const path = `/api/v1/rad/activities/${reach.id}/links`;
    const options = must(await dinas.get(`${path.replace('/links', '/link-options')}`), 200, 'options');
    expect(options.preventionActivities.map((x: J) => x.id)).toContain(p1);
    expect((await police.get(`/api/v1/rad/activities/${a1}/link-options`)).status).toBe(403);
    const linked = must(await dinas.post(path, { kind: 'prevention_activity', targetId: p1 }), 201, 'link');
    expect(linked.links).toHaveLength(1);
    expect(linked.links[0]).toMatchObject({ kind: 'prevention_activity', targetId: p1 });
    expect(linked.links[0].title).toContain('Sosialisasi pencegahan');
    const again = must(
      await dinas.post(path, { kind: 'prevention_activity', targetId: p1 }),
      201,
      'link again',
    );
    expect(again.links).toHaveLength(1);
    // a burst of one more link: it is made once
    const p2 = await held(desa[1]!, '2026-04-02');
    const burst = await Promise.all(
      Array.from({ length: 20 }, () => dinas.post(path, { kind: 'prevention_activity', targetId: p2 })),
    );
    expect(burst.every((r) => r.status === 201)).toBe(true);
    const both = must(await dinas.get(`/api/v1/rad/activities/${reach.id}`), 200, 'links').links;
    expect(both.map((l: J) => l.targetId).sort()).toEqual([p1, p2].sort());
    const unknown = await dinas.post(path, { kind: 'meeting_decision', targetId: p1 });
    expect([unknown.status, unknown.body.error.fieldCodes]).toEqual([400, { targetId: 'rad_link_unknown' }]);
    expect(
      (await police.post(`/api/v1/rad/activities/${a1}/links`, { kind: 'prevention_activity', targetId: p1 }))
        .status,
    ).toBe(403);
    expect((await serangDinas.post(path, { kind: 'prevention_activity', targetId: p1 })).status).toBe(404);
    const other = await radLinksFor(h.svc.conn.db, 'prevention_activity', p1);
    expect(other.map((x) => x.activityId)).toEqual([reach.id]);
    const del = await dinas.req('DELETE', `${path}/${linked.links[0].id}`);
    expect(del.status).toBe(204);
    const left = must(await dinas.get(`/api/v1/rad/activities/${reach.id}`), 200, 'read').links;
    expect(left.map((l: J) => l.targetId)).toEqual([p2]);
  });

  it('a stale version of the plan, a pillar or an activity is 409 and changes nothing', async () => {
    const plan = must(await dinas.get(`/api/v1/rad/plans/${planId}`), 200, 'plan');
    const body = { title: 'RAD PPA Kabupaten Lebak 2026–2030 (perubahan)', startYear: 2026, endYear: 2030 };
    must(
      await dinas.patch(`/api/v1/rad/plans/${planId}`, { ...body, version: plan.version }),
      200,
      'plan change',
    );
    const stalePlan = await dinas.patch(`/api/v1/rad/plans/${planId}`, {
      ...body,
      title: 'Lama',
      version: plan.version,
    });
    expect([stalePlan.status, stalePlan.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);
    const renamed = must(
      await dinas.patch(`/api/v1/rad/pillars/${pillar1}`, {
        version: 1,
        code: '1',
        title: 'Pencegahan kekerasan',
      }),
      200,
      'pillar',
    );
    expect(renamed.version).toBe(2);
    expect((await dinas.patch(`/api/v1/rad/pillars/${pillar1}`, { version: 1, title: 'Lama' })).status).toBe(
      409,
    );
    const a = must(await dinas.get(`/api/v1/rad/activities/${a1}`), 200, 'a1');
    const change = (title: string) =>
      dinas.patch(`/api/v1/rad/activities/${a1}`, {
        ...activity({ partnerOrgIds: [puspaga.id] }),
        title,
        version: a.version,
      });
    must(await change('Sosialisasi di sekolah dan pesantren'), 200, 'activity change');
    const stale = await change('Judul lama');
    expect([stale.status, stale.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);
    const after = must(await dinas.get(`/api/v1/rad/plans/${planId}`), 200, 'plan');
    expect(after.title).toBe(body.title);
    expect(after.pillars.find((p: J) => p.id === pillar1).title).toBe('Pencegahan kekerasan');
    expect(must(await dinas.get(`/api/v1/rad/activities/${a1}`), 200, 'a1').title).toBe(
      'Sosialisasi di sekolah dan pesantren',
    );
  });
});
