/**
 * The KLA self-evaluation (issue 13 §1–3): indicator sets imported by the installation
 * administrator (JSON and XLSX; every problem at its path), an evaluation keeping the set version
 * it began with, OPD members filling only their assigned indicators, bad answers and bad evidence
 * refused with field codes, the live score and category moving with the answers beside last
 * year's, the history, a burst at one version (one wins), submission and its lock, the province's
 * per-indicator verification with the verified score beside the self-assessed one, the return and
 * resubmission, the export zip with the evidence files, the summary PDF, and other regions' 404.
 */
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import writeXlsxFile from 'write-excel-file/node';
import type { KlaIndicator } from '../../src/domain/kla.ts';
import { DEFAULT_KLA_SET } from '../../src/domain/kla-default-set.ts';
import {
  FACTORY_PASSWORD,
  type MadeUser,
  makeOrg,
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

/** The answer that earns an indicator its full weight. */
function fullAnswer(ind: KlaIndicator): J {
  if (ind.scoring.kind === 'options') {
    const best = [...ind.scoring.options].sort((a, b) => b.points - a.points)[0]!;
    return { option: best.code };
  }
  const best = [...ind.scoring.bands].sort((a, b) => b.points - a.points || a.from - b.from)[0]!;
  return { value: best.from };
}

const upload = (c: Client, answerId: string, bytes: Uint8Array, name: string, type = 'image/png') => {
  const fd = new FormData();
  fd.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
  return c.req('POST', `/api/v1/kla/answers/${answerId}/files`, fd);
};

describe.each(ENGINES)('KLA self-evaluation on %s', (engine) => {
  let h: Harness;
  let lebak: RegionWorld;
  let serang: RegionWorld;
  let admin: Client;
  let coordinator: Client;
  let pimpinan: Client;
  let manajer: Client;
  let puspagaStaff: Client;
  let policeStaff: Client;
  let policeOther: Client;
  let serangCoordinator: Client;
  let province: Client;
  let provincePimpinan: Client;
  let puspaga: Awaited<ReturnType<typeof makeOrg>>;
  let policeNamed: MadeUser;
  let evalId: string;
  let lastYearTotal: number;

  const evaluation = async (c: Client = coordinator): Promise<J> =>
    must(await c.get(`/api/v1/kla/evaluations/${evalId}`), 200, 'evaluation');
  const answerOf = (e: J, n: number): J => e.indicators.find((v: J) => v.indicator.number === n).answer;
  /** a download as bytes (the client reads answers as text) */
  const bytesOf = async (c: Client, path: string) => {
    const r = await h.app.request(path, {
      headers: { cookie: c.cookie ?? '', 'x-requested-with': 'simpul' },
    });
    return {
      status: r.status,
      type: r.headers.get('content-type'),
      bytes: new Uint8Array(await r.arrayBuffer()),
    };
  };
  const put = (c: Client, a: J, body: J) =>
    c.req('PUT', `/api/v1/kla/answers/${a.id}`, { version: a.version, ...body });

  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    h.now.value = new Date('2026-03-10T03:00:00Z');
    lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    serang = await makeRegionWorld(h.svc, { kabKota: '36.73' });
    puspaga = await makeOrg(h.svc, { kabKota: '36.02', type: 'puspaga', name: 'PUSPAGA Lebak (uji)' });
    const as = async (u: MadeUser) => h.as(u.email, FACTORY_PASSWORD);
    admin = await as(await makeUser(h.svc, { role: 'admin', org: lebak.dinas }));
    coordinator = await as(await makeUser(h.svc, { role: 'admin-dinas', org: lebak.dinas }));
    pimpinan = await as(await makeUser(h.svc, { role: 'pimpinan', org: lebak.dinas }));
    manajer = await as(await makeUser(h.svc, { role: 'manajer', org: lebak.dinas }));
    puspagaStaff = await as(await makeUser(h.svc, { role: 'mitra', org: puspaga }));
    policeNamed = await makeUser(h.svc, { role: 'mitra', org: lebak.police });
    policeStaff = await as(policeNamed);
    policeOther = await as(await makeUser(h.svc, { role: 'mitra', org: lebak.police }));
    serangCoordinator = await as(await makeUser(h.svc, { role: 'admin-dinas', org: serang.dinas }));
    province = await h.as(await h.provinceUser('admin-dinas'));
    provincePimpinan = await h.as(await h.provinceUser('pimpinan'));

    // last year's evaluation: half the indicators at their full weight, verified nowhere
    const last = must(await coordinator.post('/api/v1/kla/evaluations', { year: 2025 }), 201, 'last year');
    for (const v of last.indicators.slice(0, 12)) {
      const r = await put(coordinator, v.answer, fullAnswer(v.indicator));
      must(r, 200, `last year #${v.indicator.number}`);
    }
    lastYearTotal = must(await coordinator.get(`/api/v1/kla/evaluations/${last.id}`), 200, 'last').score
      .total;
    const made = must(await coordinator.post('/api/v1/kla/evaluations', { year: 2026 }), 201, 'evaluation');
    evalId = made.id;
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('the installation administrator imports a corrected set; every problem comes back at its path', async () => {
    const shipped = must(await coordinator.get('/api/v1/kla/sets/2027'), 200, 'set');
    expect([shipped.version, shipped.shipped, shipped.set.indicators.length]).toEqual([0, true, 24]);
    const bad = structuredClone({ ...DEFAULT_KLA_SET, year: 2027 }) as J;
    delete bad.indicators[4].weight;
    const r = await admin.post('/api/v1/kla/sets', bad);
    expect(r.status).toBe(400);
    expect(r.body.error.fieldCodes['indicators.4.weight']).toBe('required');
    const heavy = structuredClone({ ...DEFAULT_KLA_SET, year: 2027 }) as J;
    heavy.indicators[0].weight += 10;
    const r2 = await admin.post('/api/v1/kla/sets', heavy);
    expect([r2.status, r2.body.error.fieldCodes.indicators]).toEqual([400, 'weights_not_1000']);
    // only the installation administrator
    expect((await coordinator.post('/api/v1/kla/sets', { ...DEFAULT_KLA_SET, year: 2027 })).status).toBe(403);
    const ok = must(
      await admin.post('/api/v1/kla/sets', { ...DEFAULT_KLA_SET, year: 2027, label: 'Koreksi 1' }),
      201,
      'import',
    );
    expect([ok.version, ok.shipped, ok.label]).toEqual([1, false, 'Koreksi 1']);
    // an evaluation begun on version 1 keeps it when version 2 is imported
    const e27 = must(await coordinator.post('/api/v1/kla/evaluations', { year: 2027 }), 201, '2027');
    must(
      await admin.post('/api/v1/kla/sets', { ...DEFAULT_KLA_SET, year: 2027, label: 'Koreksi 2' }),
      201,
      'v2',
    );
    const again = must(await coordinator.get(`/api/v1/kla/evaluations/${e27.id}`), 200, '2027 again');
    expect([again.setVersion, again.setLabel]).toEqual([1, 'Koreksi 1']);
    expect(must(await coordinator.get('/api/v1/kla/sets/2027'), 200, 'set').version).toBe(2);
    // one evaluation per kab/kota and year
    const dup = await coordinator.post('/api/v1/kla/evaluations', { year: 2027 });
    expect([dup.status, dup.body.error.fieldCodes.year]).toEqual([409, 'kla_evaluation_exists']);
  });

  it('of 50 simultaneous starts of one year one evaluation is made, with one answer per indicator', async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, () => coordinator.post('/api/v1/kla/evaluations', { year: 2029 })),
    );
    expect(answers.filter((r) => r.status === 201)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409 && r.body.error.code === 'DUPLICATE')).toHaveLength(49);
    const made = answers.find((r) => r.status === 201)!.body;
    const rows = await h.svc.conn.db
      .selectFrom('kla_answer')
      .select('indicator_number')
      .where('evaluation_id', '=', made.id)
      .execute();
    expect(rows.map((r) => r.indicator_number).sort((a, b) => a - b)).toEqual(
      DEFAULT_KLA_SET.indicators.map((i) => i.number),
    );
    // only the coordinator of the kab/kota starts one
    expect((await manajer.post('/api/v1/kla/evaluations', { year: 2030 })).status).toBe(403);
    expect((await province.post('/api/v1/kla/evaluations', { year: 2030 })).status).toBe(403);
  });

  it('imports a set from an XLSX sheet of indicators; a sheet with a missing weight names its row', async () => {
    const head = ['number', 'group', 'wording', 'wordingEn', 'evidence', 'weight', 'scoring'];
    const rows = (missingAt: number | null) => [
      head.map((value) => ({ value })),
      ...DEFAULT_KLA_SET.indicators.map((ind, i) => [
        { value: ind.number, type: Number },
        { value: ind.group, type: String },
        { value: ind.wording, type: String },
        { value: ind.wordingEn, type: String },
        { value: ind.evidence, type: String },
        i === missingAt ? null : { value: ind.weight, type: Number },
        {
          value:
            ind.scoring.kind === 'options'
              ? `options: ${ind.scoring.options.map((o) => `${o.code}=${o.points}=${o.label}`).join('; ')}`
              : JSON.stringify(ind.scoring),
          type: String,
        },
      ]),
    ];
    const send = async (sheet: ReturnType<typeof rows>) => {
      const bytes = new Uint8Array(await writeXlsxFile(sheet as never).toBuffer());
      const fd = new FormData();
      fd.append(
        'file',
        new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
        'set.xlsx',
      );
      const q = new URLSearchParams({ year: '2028', label: 'Set 2028 dari XLSX', source: 'Uji impor XLSX' });
      return admin.req('POST', `/api/v1/kla/sets/xlsx?${q}`, fd);
    };
    const bad = await send(rows(4));
    expect(bad.status).toBe(400);
    expect(bad.body.error.fieldCodes['indicators.4.weight'], JSON.stringify(bad.body)).toBe('required');
    const ok = must(await send(rows(null)), 201, 'xlsx');
    expect([ok.year, ok.version, ok.set.indicators.length]).toEqual([2028, 1, 24]);
    expect(ok.set.indicators[0].scoring).toEqual(DEFAULT_KLA_SET.indicators[0]!.scoring);
    const fd = new FormData();
    fd.append('file', new Blob([pngBytes()], { type: 'image/png' }), 'set.xlsx');
    const notXlsx = await admin.req('POST', '/api/v1/kla/sets/xlsx?year=2028', fd);
    expect([notXlsx.status, notXlsx.body.error.fieldCodes.file]).toEqual([400, 'kla_sheet_unreadable']);
  });

  it('the coordinator assigns indicators; an OPD member fills only its own and sees only those', async () => {
    const orgs = must(await coordinator.get(`/api/v1/kla/evaluations/${evalId}/organisations`), 200, 'orgs');
    expect(orgs.items.map((o: J) => o.id)).toContain(puspaga.id);
    const e0 = await evaluation();
    const refused = await coordinator.req('PUT', `/api/v1/kla/evaluations/${evalId}/assignments`, {
      version: e0.version,
      assignments: [
        { number: 8, orgId: serang.police.id },
        { number: 99, orgId: puspaga.id },
      ],
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fieldCodes).toMatchObject({
      'assignments.0.orgId': 'kla_org_outside',
      'assignments.1.number': 'unknown_indicator',
    });
    must(
      await coordinator.req('PUT', `/api/v1/kla/evaluations/${evalId}/assignments`, {
        version: e0.version,
        assignments: [
          { number: 8, orgId: puspaga.id },
          { number: 21, orgId: lebak.police.id },
          { number: 22, orgId: lebak.police.id, userId: policeNamed.id },
        ],
      }),
      200,
      'assign',
    );
    // each member is told once of what it was given: the named officer alone for #22
    const told = await h.svc.conn.db
      .selectFrom('notification as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select(['u.id', 'u.org_id', 'n.ref'])
      .where('n.kind', '=', 'kla_ditugaskan')
      .where('n.link', '=', `/kla/${evalId}`)
      .execute();
    expect(told.filter((n) => n.org_id === puspaga.id).map((n) => n.ref)).toEqual([
      'Indikator 8 — Kabupaten Lebak 2026',
    ]);
    expect(told.filter((n) => n.id === policeNamed.id).map((n) => n.ref)).toEqual([
      'Indikator 21, 22 — Kabupaten Lebak 2026',
    ]);
    const others = told.filter((n) => n.org_id === lebak.police.id && n.id !== policeNamed.id);
    expect(others.length).toBeGreaterThan(0);
    expect(new Set(others.map((n) => n.ref))).toEqual(new Set(['Indikator 21 — Kabupaten Lebak 2026']));
    const mine = await evaluation(puspagaStaff);
    expect(mine.indicators.filter((v: J) => v.answer !== null).map((v: J) => v.indicator.number)).toEqual([
      8,
    ]);
    expect(mine.indicators.find((v: J) => v.indicator.number === 8).canFill).toBe(true);
    const a8 = answerOf(await evaluation(), 8);
    const a21 = answerOf(await evaluation(), 21);
    must(
      await put(puspagaStaff, a8, { option: 'ada', narrative: 'PUSPAGA melayani konseling keluarga' }),
      200,
      '8',
    );
    // another organisation's indicator: not the member's to see, so not even its id is known (404)
    expect((await put(puspagaStaff, a21, { value: 50 })).status).toBe(404);
    // a named person: only that one of the police unit
    const a22 = answerOf(await evaluation(), 22);
    expect((await put(policeOther, a22, { value: 40 })).status).toBe(403);
    must(await put(policeStaff, a22, { value: 40 }), 200, '22 by the named officer');
    // a member of an organisation with no assignment sees no evaluation
    const uptdStaff = await h.as(
      (await makeUser(h.svc, { role: 'mitra', org: lebak.uptd })).email,
      FACTORY_PASSWORD,
    );
    expect((await uptdStaff.get(`/api/v1/kla/evaluations/${evalId}`)).status).toBe(404);
    expect((await uptdStaff.get('/api/v1/kla/evaluations')).body.items).toEqual([]);
  });

  it('the institutional indicators point at the regulations in force and the RAD covering the year', async () => {
    must(
      await manajer.post('/api/v1/regulations', {
        kind: 'sk_gugus_tugas_kla',
        number: '400/Kep.12-DP3A/2026',
        issuedOn: '2026-01-15',
        title: 'Pembentukan Gugus Tugas Kabupaten Layak Anak',
        authority: 'Bupati Lebak',
      }),
      201,
      'SK',
    );
    must(
      await manajer.post('/api/v1/rad/plans', {
        title: 'RAD PPA Lebak 2026–2030',
        startYear: 2026,
        endYear: 2030,
      }),
      201,
      'RAD',
    );
    const e = await evaluation(pimpinan);
    expect(e.institutional.regulations.map((r: J) => [r.number, r.gugusTugas])).toEqual([
      ['400/Kep.12-DP3A/2026', true],
    ]);
    expect(e.institutional.radPlans.map((p: J) => [p.title, p.href.startsWith('/rad/')])).toEqual([
      ['RAD PPA Lebak 2026–2030', true],
    ]);
    expect((await evaluation(puspagaStaff)).institutional).toEqual({ regulations: [], radPlans: [] });
  });

  it('refuses a bad answer with field codes and keeps what was there', async () => {
    const e = await evaluation();
    const pct = answerOf(e, 4); // a percentage (birth certificates)
    const opt = answerOf(e, 1); // options (Perda KLA)
    const cases: Array<[J, J, string, string]> = [
      [pct, { value: 120 }, 'value', 'over_100'],
      [pct, { numerator: 5, denominator: 0 }, 'denominator', 'denominator_zero'],
      [pct, { numerator: 12, denominator: 10 }, 'numerator', 'numerator_above_denominator'],
      [pct, { numerator: -1, denominator: 10 }, 'numerator', 'negative'],
      [pct, { option: 'ada' }, 'option', 'wrong_kind'],
      [pct, {}, 'value', 'required'],
      [opt, { option: 'tidak_ada_pilihan_ini' }, 'option', 'unknown_option'],
      [opt, { value: 50 }, 'value', 'wrong_kind'],
    ];
    for (const [a, body, field, code] of cases) {
      const r = await put(coordinator, a, body);
      expect([r.status, r.body.error?.fieldCodes?.[field]], JSON.stringify(body)).toEqual([400, code]);
    }
    const after = answerOf(await evaluation(), 4);
    expect([after.status, after.value, after.version]).toEqual(['belum_diisi', null, pct.version]);
  });

  it('evidence: PDF and images kept encrypted; a wrong type or a file too large refused; reads audited', async () => {
    const a8 = answerOf(await evaluation(), 8);
    const wrong = await upload(
      puspagaStaff,
      a8.id,
      new TextEncoder().encode('#!/bin/sh\necho hai\n'),
      'x.pdf',
    );
    expect([wrong.status, wrong.body.error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    const big = new Uint8Array(20 * 1024 * 1024 + 1);
    big.set(pngBytes());
    const large = await upload(puspagaStaff, a8.id, big, 'besar.png');
    expect([large.status, large.body.error.code]).toEqual([413, 'FILE_TOO_LARGE']);
    const file = must(
      await upload(puspagaStaff, a8.id, pngBytes('bukti PUSPAGA'), 'sk-puspaga.png'),
      201,
      'file',
    );
    // another member organisation's staff may not add to it (nor know it: 404)
    expect((await upload(policeStaff, a8.id, pngBytes(), 'x.png')).status).toBe(404);
    const got = await pimpinan.req('GET', `/api/v1/kla/answers/${a8.id}/files/${file.id}`);
    expect(got.status).toBe(200);
    const reads = await h.svc.conn.db
      .selectFrom('audit_event')
      .select('entity_id')
      .where('action', '=', 'coord_file.read')
      .where('entity_id', '=', file.id)
      .execute();
    expect(reads.length).toBe(1);
    const stored = await h.svc.conn.db
      .selectFrom('coord_file')
      .select(['owner_kind', 'filename_enc'])
      .where('id', '=', file.id)
      .executeTakeFirstOrThrow();
    expect(stored.owner_kind).toBe('kla_answer');
    expect(stored.filename_enc).not.toContain('sk-puspaga');
  });

  it('the score, the category and what the next category needs move with the answers; last year beside it', async () => {
    const before = await evaluation();
    expect(before.lastYear.year).toBe(2025);
    expect(before.lastYear.score.total).toBe(lastYearTotal);
    expect(lastYearTotal).toBeGreaterThan(0);
    // the coordinator answers every indicator at its full weight (except the member's #8 and #22)
    for (const v of before.indicators) {
      if (v.indicator.number === 8 || v.indicator.number === 22) continue;
      must(await put(coordinator, v.answer, fullAnswer(v.indicator)), 200, `#${v.indicator.number}`);
    }
    const mid = await evaluation();
    const ind8 = mid.indicators.find((v: J) => v.indicator.number === 8);
    const ind22 = mid.indicators.find((v: J) => v.indicator.number === 22);
    expect(mid.score.total).toBe(
      1000 - ind8.indicator.weight - ind22.indicator.weight + ind8.answer.points + ind22.answer.points,
    );
    must(await put(puspagaStaff, ind8.answer, fullAnswer(ind8.indicator)), 200, '8 full');
    must(await put(policeStaff, ind22.answer, fullAnswer(ind22.indicator)), 200, '22 full');
    expect(mid.gains.map((g: J) => g.number).sort()).toEqual([22, 8]);
    expect(mid.gains.find((g: J) => g.number === 8).available).toBe(
      ind8.indicator.weight - ind8.answer.points,
    );
    const top = await evaluation();
    expect([top.score.total, top.score.category.code, top.score.next, top.gains]).toEqual([
      1000,
      'kla',
      null,
      [],
    ]);
    const v1 = top.indicators.find((v: J) => v.indicator.number === 1);
    must(await put(coordinator, v1.answer, { option: 'belum' }), 200, '1 down');
    const down = await evaluation();
    expect(down.score.total).toBe(1000 - v1.indicator.weight);
    expect(down.score.category.code).toBe(1000 - v1.indicator.weight >= 901 ? 'kla' : 'utama');
    const kel = down.score.groups.find((g: J) => g.code === 'kelembagaan');
    expect(kel.points).toBe(kel.max - v1.indicator.weight);
    if (down.score.next)
      expect(down.score.next.missing).toBe(down.score.next.category.min - down.score.total);
  });

  it('of 100 simultaneous saves at one version one wins; the rest answer 409', async () => {
    const a = answerOf(await evaluation(), 4);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => put(coordinator, a, { numerator: i, denominator: 100 })),
    );
    const codes = answers.map((r) => r.status).sort();
    expect(codes.filter((s) => s === 200)).toHaveLength(1);
    expect(codes.filter((s) => s === 409)).toHaveLength(99);
    const after = answerOf(await evaluation(), 4);
    expect(after.version).toBe(a.version + 1);
  });

  it('keeps the history (who, when, what) for the coordinator and pimpinan only', async () => {
    const hist = must(await coordinator.get(`/api/v1/kla/evaluations/${evalId}/history`), 200, 'history');
    const of8 = hist.items.filter((x: J) => x.indicatorNumber === 8 && x.action === 'answer.save');
    expect(of8.length).toBeGreaterThanOrEqual(2);
    expect(of8.at(-1).detail.option_code).toEqual({ from: null, to: 'ada' });
    expect(of8.at(-1).detail.narrative).toBe('changed');
    expect(of8.at(-1).actorName).toMatch(/mitra/);
    expect(hist.items.some((x: J) => x.action === 'evidence.add' && x.indicatorNumber === 8)).toBe(true);
    expect(hist.items.some((x: J) => x.action === 'assignments.save')).toBe(true);
    // no narrative text in the history
    expect(JSON.stringify(hist.items)).not.toContain('konseling');
    expect((await pimpinan.get(`/api/v1/kla/evaluations/${evalId}/history`)).status).toBe(200);
    expect((await manajer.get(`/api/v1/kla/evaluations/${evalId}/history`)).status).toBe(403);
    expect((await puspagaStaff.get(`/api/v1/kla/evaluations/${evalId}/history`)).status).toBe(403);
  });

  it('cluster V from case data: none counted yet, so it is entered by hand', async () => {
    const a21 = answerOf(await evaluation(), 21);
    const r = await coordinator.post(`/api/v1/kla/answers/${a21.id}/auto`, { version: a21.version });
    expect([r.status, r.body.error.fieldCodes.value]).toEqual([400, 'kla_no_auto_value']);
    const a1 = answerOf(await evaluation(), 1);
    const r1 = await coordinator.post(`/api/v1/kla/answers/${a1.id}/auto`, { version: a1.version });
    expect([r1.status, r1.body.error.fieldCodes.indicator]).toEqual([400, 'kla_not_automatic']);
    expect(
      (await puspagaStaff.post(`/api/v1/kla/answers/${a21.id}/auto`, { version: a21.version })).status,
    ).toBe(403);
  });

  it('other kab/kota and the province before submission: 404; the province never reads case data', async () => {
    expect((await serangCoordinator.get(`/api/v1/kla/evaluations/${evalId}`)).status).toBe(404);
    const a = answerOf(await evaluation(), 4);
    expect((await put(serangCoordinator, a, { value: 10 })).status).toBe(404);
    expect((await province.get(`/api/v1/kla/evaluations/${evalId}`)).status).toBe(404);
    expect((await province.get('/api/v1/kla/evaluations')).body.items).toEqual([]);
    expect((await province.get('/api/v1/cases')).status).toBe(403);
    expect((await provincePimpinan.get('/api/v1/cases')).status).toBe(403);
  });

  it('submits only when every indicator is final; then locked (409) until the province returns it', async () => {
    const e = await evaluation();
    const early = await coordinator.post(`/api/v1/kla/evaluations/${evalId}/submit`, { version: e.version });
    expect(early.status).toBe(400);
    expect(early.body.error.fieldCodes['indicators.8']).toBe('kla_not_final');
    // an OPD member cannot review; a step out of order is refused
    const a8 = answerOf(e, 8);
    expect(
      (
        await puspagaStaff.post(`/api/v1/kla/answers/${a8.id}/review`, {
          version: a8.version,
          status: 'diperiksa',
        })
      ).status,
    ).toBe(403);
    const skip = await coordinator.post(`/api/v1/kla/answers/${a8.id}/review`, {
      version: a8.version,
      status: 'final',
    });
    expect([skip.status, skip.body.error.fieldCodes.status]).toEqual([400, 'kla_step_not_allowed']);
    for (const v of e.indicators) {
      const r1 = must(
        await coordinator.post(`/api/v1/kla/answers/${v.answer.id}/review`, {
          version: v.answer.version,
          status: 'diperiksa',
        }),
        200,
        `diperiksa #${v.indicator.number}`,
      );
      const again = answerOf(r1, v.indicator.number);
      must(
        await coordinator.post(`/api/v1/kla/answers/${v.answer.id}/review`, {
          version: again.version,
          status: 'final',
        }),
        200,
        `final #${v.indicator.number}`,
      );
    }
    const ready = await evaluation();
    expect(ready.complete).toBe(true);
    expect(
      (await pimpinan.post(`/api/v1/kla/evaluations/${evalId}/submit`, { version: ready.version })).status,
    ).toBe(403);
    const sent = must(
      await coordinator.post(`/api/v1/kla/evaluations/${evalId}/submit`, { version: ready.version }),
      200,
      'submit',
    );
    expect(sent.status).toBe('submitted');
    const a = answerOf(sent, 8);
    for (const r of [
      await put(puspagaStaff, a, { option: 'ada' }),
      await put(coordinator, a, { option: 'ada' }),
      await coordinator.post(`/api/v1/kla/answers/${a.id}/review`, {
        version: a.version,
        status: 'diperiksa',
      }),
      await upload(puspagaStaff, a.id, pngBytes(), 'telat.png'),
      await coordinator.req('PUT', `/api/v1/kla/evaluations/${evalId}/assignments`, {
        version: sent.version,
        assignments: [],
      }),
      await coordinator.post(`/api/v1/kla/evaluations/${evalId}/submit`, { version: sent.version }),
    ])
      expect([r.status, r.body.error.code]).toEqual([409, 'KLA_LOCKED']);
  });

  it('the province verifies per indicator, returns it; the kab/kota fixes and resubmits; verified score beside', async () => {
    const listed = must(await province.get('/api/v1/kla/evaluations'), 200, 'province list');
    expect(listed.items.map((x: J) => x.id)).toEqual([evalId]);
    const e = await evaluation(province);
    expect(e.canVerify).toBe(true);
    expect(e.verifiedScore).toBeNull();
    // the province reads but never edits answers; its pimpinan reads but does not verify
    const a4 = answerOf(e, 4);
    expect((await put(province, a4, { value: 10 })).status).toBe(403);
    expect((await evaluation(provincePimpinan)).canVerify).toBe(false);
    expect(
      (
        await provincePimpinan.req('PUT', `/api/v1/kla/answers/${a4.id}/verification`, {
          version: a4.version,
          decision: 'accepted',
        })
      ).status,
    ).toBe(403);
    // a fix needs a note
    const a8 = answerOf(e, 8);
    const noNote = await province.req('PUT', `/api/v1/kla/answers/${a8.id}/verification`, {
      version: a8.version,
      decision: 'fix',
    });
    expect([noNote.status, noNote.body.error.fieldCodes.note]).toEqual([400, 'required']);
    let current = e;
    for (const v of e.indicators) {
      const n = v.indicator.number;
      const decision = n === 8 ? 'fix' : n === 2 ? 'rejected' : 'accepted';
      const a = answerOf(current, n);
      current = must(
        await province.req('PUT', `/api/v1/kla/answers/${a.id}/verification`, {
          version: a.version,
          decision,
          note: decision === 'accepted' ? null : `Catatan provinsi #${n}: dokumen SK belum ditandatangani`,
        }),
        200,
        `verify #${n}`,
      );
    }
    const w2 = current.indicators.find((v: J) => v.indicator.number === 2).indicator.weight;
    const w8 = current.indicators.find((v: J) => v.indicator.number === 8).indicator.weight;
    expect(current.verifiedScore.total).toBe(current.score.total - w2 - w8);
    const notYet = await province.post(`/api/v1/kla/evaluations/${evalId}/decision`, {
      version: current.version,
      outcome: 'verified',
    });
    expect([notYet.status, notYet.body.error.fieldCodes.outcome]).toEqual([400, 'kla_fixes_open']);
    const returned = must(
      await province.post(`/api/v1/kla/evaluations/${evalId}/decision`, {
        version: current.version,
        outcome: 'returned',
      }),
      200,
      'return',
    );
    expect(returned.status).toBe('returned');
    // the member whose indicator the province asked to fix is told which
    const back = await h.svc.conn.db
      .selectFrom('notification as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select(['u.org_id', 'n.ref'])
      .where('n.kind', '=', 'kla_indikator_dikembalikan')
      .where('n.link', '=', `/kla/${evalId}`)
      .execute();
    expect(back.filter((n) => n.org_id === puspaga.id).map((n) => n.ref)).toContain(
      'Indikator 8 — Kabupaten Lebak 2026',
    );
    // the kab/kota sees the note, fixes #8 only (accepted ones stay locked)
    const home = await evaluation(puspagaStaff);
    const b8 = answerOf(home, 8);
    expect([b8.verifyStatus, b8.verifyNote]).toEqual([
      'fix',
      'Catatan provinsi #8: dokumen SK belum ditandatangani',
    ]);
    const fixed = must(
      await put(puspagaStaff, b8, { option: 'ada_berfungsi', narrative: 'SK ditandatangani' }),
      200,
      'fix',
    );
    const a4now = answerOf(await evaluation(), 4);
    const lockedAccepted = await put(coordinator, a4now, { value: 10 });
    expect([lockedAccepted.status, lockedAccepted.body.error.code]).toEqual([409, 'KLA_LOCKED']);
    expect(answerOf(fixed, 8).status).toBe('diisi');
    const c8 = answerOf(await evaluation(), 8);
    const r1 = must(
      await coordinator.post(`/api/v1/kla/answers/${c8.id}/review`, {
        version: c8.version,
        status: 'diperiksa',
      }),
      200,
      'd',
    );
    const c8b = answerOf(r1, 8);
    must(
      await coordinator.post(`/api/v1/kla/answers/${c8.id}/review`, {
        version: c8b.version,
        status: 'final',
      }),
      200,
      'f',
    );
    const ready = await evaluation();
    const resent = must(
      await coordinator.post(`/api/v1/kla/evaluations/${evalId}/submit`, { version: ready.version }),
      200,
      'resubmit',
    );
    expect(resent.status).toBe('submitted');
    expect(answerOf(resent, 8).verifyStatus).toBeNull();
    expect(answerOf(resent, 4).verifyStatus).toBe('accepted');
    // the province decides the open ones again and verifies
    let p = await evaluation(province);
    for (const n of [2, 8]) {
      const a = answerOf(p, n);
      p = must(
        await province.req('PUT', `/api/v1/kla/answers/${a.id}/verification`, {
          version: a.version,
          decision: n === 2 ? 'rejected' : 'accepted',
          note: n === 2 ? 'Dokumen tidak sesuai' : null,
        }),
        200,
        `again #${n}`,
      );
    }
    const done = must(
      await province.post(`/api/v1/kla/evaluations/${evalId}/decision`, {
        version: p.version,
        outcome: 'verified',
      }),
      200,
      'verified',
    );
    expect(done.status).toBe('verified');
    // the province was told of each submission, the kab/kota of the return and the verification
    const kinds = await h.svc.conn.db
      .selectFrom('notification')
      .select(['kind', 'link'])
      .where('link', '=', `/kla/${evalId}`)
      .execute();
    const count = (k: string) => kinds.filter((n) => n.kind === k).length;
    expect(count('kla_dikirim')).toBe(2);
    expect(count('kla_dikembalikan')).toBeGreaterThanOrEqual(2);
    expect(count('kla_terverifikasi')).toBeGreaterThanOrEqual(2);
    expect(done.verifiedScore.total).toBe(done.score.total - w2);
    expect(done.verifiedScore.category.code).toBeDefined();
    const later = answerOf(done, 8);
    expect((await put(coordinator, later, { option: 'ada' })).status).toBe(409);
  });

  it('exports the evaluation as a zip with the answers, scores and the evidence files; a summary PDF', async () => {
    const r = await bytesOf(coordinator, `/api/v1/kla/evaluations/${evalId}/export.zip`);
    expect([r.status, r.type]).toEqual([200, 'application/zip']);
    const files = unzipSync(r.bytes);
    const root = 'KLA-36.02-2026';
    const json = JSON.parse(new TextDecoder().decode(files[`${root}/evaluasi.json`]));
    expect(json.indicators).toHaveLength(24);
    expect(json.score.total).toBe((await evaluation()).score.total);
    const i8 = json.indicators.find((x: J) => x.number === 8);
    expect(i8.answer.option).toBe('ada_berfungsi');
    expect(i8.answer.evidence[0].file).toBe('bukti/08/sk-puspaga.png');
    expect(Buffer.from(files[`${root}/bukti/08/sk-puspaga.png`]!)).toEqual(
      // the photo as kept: its text chunk (camera metadata) dropped (decision 041)
      Buffer.from(pngBytes()),
    );
    const csv = new TextDecoder().decode(files[`${root}/jawaban.csv`]);
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(25);
    // words for people (the JSON keeps the codes): the option's label beside its code, statuses
    const row8 = csv.split('\r\n').find((l) => l.startsWith('8;'))!;
    expect(row8).toContain('ada_berfungsi');
    expect(row8).toMatch(/;final;diterima;/);
    // decimals with a comma, as an Indonesian spreadsheet reads them
    expect(csv).not.toMatch(/;\d+\.\d+;/);
    const note = new TextDecoder().decode(files[`${root}/BACA-SAYA.txt`]);
    expect(note).toContain('Status: terverifikasi provinsi.');
    // an OPD member does not export the whole evaluation; the province may
    expect((await puspagaStaff.req('GET', `/api/v1/kla/evaluations/${evalId}/export.zip`)).status).toBe(403);
    expect((await province.req('GET', `/api/v1/kla/evaluations/${evalId}/export.zip`)).status).toBe(200);
    const pdf = await bytesOf(pimpinan, `/api/v1/kla/evaluations/${evalId}/summary.pdf`);
    expect([pdf.status, pdf.type]).toEqual([200, 'application/pdf']);
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
    expect((await serangCoordinator.req('GET', `/api/v1/kla/evaluations/${evalId}/summary.pdf`)).status).toBe(
      404,
    );
  });
  it("starts a year with last year's assignments where they still hold, and tells the members", async () => {
    const list = must(await coordinator.get('/api/v1/kla/evaluations?year=2029'), 200, '2029');
    const e29 = must(await coordinator.get(`/api/v1/kla/evaluations/${list.items[0].id}`), 200, 'e29');
    must(
      await coordinator.req('PUT', `/api/v1/kla/evaluations/${e29.id}/assignments`, {
        version: e29.version,
        assignments: [
          { number: 8, orgId: puspaga.id },
          { number: 22, orgId: lebak.police.id, userId: policeNamed.id },
        ],
      }),
      200,
      'assign 2029',
    );
    const e30 = must(await coordinator.post('/api/v1/kla/evaluations', { year: 2030 }), 201, '2030');
    const got = e30.indicators
      .filter((v: J) => v.assignment)
      .map((v: J) => [v.indicator.number, v.assignment.orgId, v.assignment.userId]);
    expect(got).toEqual([
      [8, puspaga.id, null],
      [22, lebak.police.id, policeNamed.id],
    ]);
    const told = await h.svc.conn.db
      .selectFrom('notification')
      .select('ref')
      .where('kind', '=', 'kla_ditugaskan')
      .where('link', '=', `/kla/${e30.id}`)
      .where('user_id', '=', policeNamed.id)
      .execute();
    expect(told.map((n) => n.ref)).toEqual(['Indikator 22 — Kabupaten Lebak 2030']);
  });
  it('the coordinator sends an answer back with a note; the member is told and reads it until the next step', async () => {
    const list = must(await coordinator.get('/api/v1/kla/evaluations?year=2030'), 200, '2030');
    const id = list.items[0].id;
    const get = async (c: Client) => must(await c.get(`/api/v1/kla/evaluations/${id}`), 200, 'get');
    const a = answerOf(await get(puspagaStaff), 8);
    let e = must(await put(puspagaStaff, a, { option: 'ada' }), 200, 'fill');
    const step = async (status: string, note?: string) => {
      const x = answerOf(e, 8);
      e = must(
        await coordinator.post(`/api/v1/kla/answers/${x.id}/review`, {
          version: x.version,
          status,
          ...(note ? { note } : {}),
        }),
        200,
        status,
      );
    };
    await step('diperiksa');
    await step('diisi', 'Lampirkan SK yang sudah ditandatangani.');
    const mine = answerOf(await get(puspagaStaff), 8);
    expect([mine.status, mine.reviewNote]).toEqual(['diisi', 'Lampirkan SK yang sudah ditandatangani.']);
    const told = await h.svc.conn.db
      .selectFrom('notification as n')
      .innerJoin('app_user as u', 'u.id', 'n.user_id')
      .select('n.ref')
      .where('n.kind', '=', 'kla_indikator_dikembalikan')
      .where('n.link', '=', `/kla/${id}`)
      .where('u.org_id', '=', puspaga.id)
      .execute();
    expect(told.map((n) => n.ref)).toEqual(['Indikator 8 — Kabupaten Lebak 2030']);
    // stored encrypted, never as written
    const row = await h.svc.conn.db
      .selectFrom('kla_answer')
      .select('review_note_enc')
      .where('id', '=', mine.id)
      .executeTakeFirstOrThrow();
    expect(row.review_note_enc).not.toContain('Lampirkan');
    await step('diperiksa');
    expect(answerOf(e, 8).reviewNote).toBeNull();
    const long = answerOf(e, 8);
    const tooLong = await coordinator.post(`/api/v1/kla/answers/${long.id}/review`, {
      version: long.version,
      status: 'diisi',
      note: 'x'.repeat(2001),
    });
    expect([tooLong.status, tooLong.body.error.fieldCodes?.note]).toEqual([400, 'too_long']);
  });
});
