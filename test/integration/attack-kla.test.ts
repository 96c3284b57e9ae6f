/**
 * Attacks on the KLA self-evaluation (issue 13; decisions 035, 036) from outside, on both engines:
 * scope (another kab/kota's, another province's and an unassigned member's ids), roles, the lock
 * and the review/verification states, bad answers and bad indicator sets, bursts of a hundred, the
 * evidence files (type by content, size, names, another answer's file, audited reads), the
 * province never reaching case data (DTO, export zip, summary PDF), and the OpenAPI document.
 *
 * Defects found are kept as `it.skip` below with the defect named; unskip when fixed.
 */
import { inflateSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshStats } from '../../src/app/stats/refresh.ts';
import type { KlaIndicator } from '../../src/domain/kla.ts';
import { DEFAULT_KLA_SET } from '../../src/domain/kla-default-set.ts';
import {
  FACTORY_PASSWORD,
  type FullCase,
  type MadeUser,
  makeFullCase,
  makeOrg,
  makeRecord,
  makeRegionWorld,
  makeUser,
  type RegionWorld,
} from '../helpers/factories.ts';
import { pngBytes } from '../helpers/files.ts';
import { type Client, createHarness, ENGINES, type Harness, type Res } from '../helpers/harness.ts';

// biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field
type J = Record<string, any>;

const must = (r: Res, status: number, what: string) => {
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

function fullAnswer(ind: KlaIndicator): J {
  if (ind.scoring.kind === 'options') {
    const best = [...ind.scoring.options].sort((a, b) => b.points - a.points)[0]!;
    return { option: best.code };
  }
  const best = [...ind.scoring.bands].sort((a, b) => b.points - a.points || a.from - b.from)[0]!;
  return { value: best.from };
}

const PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** Slashes, control characters and bidirectional overrides: never in a stored or exported name. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the characters looked for
const UNSAFE_NAME = /[\\\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

const upload = (c: Client, answerId: string, bytes: Uint8Array, name: string, type = 'image/png') => {
  const fd = new FormData();
  fd.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
  return c.req('POST', `/api/v1/kla/answers/${answerId}/files`, fd);
};

const uploadSet = (c: Client, bytes: Uint8Array, query = '?year=2033&label=X&source=Y') => {
  const fd = new FormData();
  fd.append(
    'file',
    new Blob([bytes as Uint8Array<ArrayBuffer>], {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    }),
    'set.xlsx',
  );
  return c.req('POST', `/api/v1/kla/sets/xlsx${query}`, fd);
};

/** Every KLA operation on an evaluation, an answer and a file of it. */
function everyOperation(evalId: string, answerId: string, fileId: string) {
  return [
    ['GET', `/api/v1/kla/evaluations/${evalId}`, undefined],
    ['GET', `/api/v1/kla/evaluations/${evalId}/organisations`, undefined],
    ['PUT', `/api/v1/kla/evaluations/${evalId}/assignments`, { version: 1, assignments: [] }],
    ['POST', `/api/v1/kla/evaluations/${evalId}/submit`, { version: 1, markMissing: true }],
    ['POST', `/api/v1/kla/evaluations/${evalId}/decision`, { version: 1, outcome: 'verified' }],
    ['GET', `/api/v1/kla/evaluations/${evalId}/history`, undefined],
    ['GET', `/api/v1/kla/evaluations/${evalId}/export.zip`, undefined],
    ['GET', `/api/v1/kla/evaluations/${evalId}/summary.pdf`, undefined],
    ['PUT', `/api/v1/kla/answers/${answerId}`, { version: 1, option: 'ada' }],
    ['POST', `/api/v1/kla/answers/${answerId}/review`, { version: 1, status: 'diperiksa' }],
    ['POST', `/api/v1/kla/answers/${answerId}/auto`, { version: 1 }],
    ['PUT', `/api/v1/kla/answers/${answerId}/verification`, { version: 1, decision: 'accepted' }],
    ['UPLOAD', `/api/v1/kla/answers/${answerId}/files`, undefined],
    ['GET', `/api/v1/kla/answers/${answerId}/files/${fileId}`, undefined],
    ['DELETE', `/api/v1/kla/answers/${answerId}/files/${fileId}`, undefined],
  ] as const;
}

async function run(c: Client, op: readonly [string, string, unknown]): Promise<Res> {
  const [method, path, body] = op;
  if (method === 'UPLOAD') {
    const fd = new FormData();
    fd.append('file', new Blob([pngBytes() as Uint8Array<ArrayBuffer>], { type: 'image/png' }), 'x.png');
    return c.req('POST', path, fd);
  }
  return c.req(method, path, body as J | undefined);
}

/** An indicator sheet (inline strings) of the shipped set, the wording of row i as given, plus `extra` rows. */
function indicatorSheet(wording: (n: number) => string, extra = 0): Uint8Array {
  const cell = (ref: string, t: string) => `<c r="${ref}" t="inlineStr"><is><t>${t}</t></is></c>`;
  const head = ['number', 'group', 'wording', 'evidence', 'weight', 'scoring'];
  const rows = [
    `<row r="1">${head.map((c, j) => cell(`${String.fromCharCode(65 + j)}1`, c)).join('')}</row>`,
    ...[
      ...DEFAULT_KLA_SET.indicators,
      ...Array.from({ length: extra }, () => DEFAULT_KLA_SET.indicators[0]!),
    ].map((ind, i) => {
      const r = i + 2;
      const scoring =
        ind.scoring.kind === 'options'
          ? `options: ${ind.scoring.options.map((o) => `${o.code}=${o.points}=${o.label}`).join('; ')}`
          : `percent: ${ind.scoring.bands.map((b) => `${b.from}=${b.points}`).join('; ')}`;
      return `<row r="${r}">${[
        String(ind.number),
        ind.group,
        wording(i),
        'bukti',
        String(ind.weight),
        scoring,
      ]
        .map((c, j) => cell(`${String.fromCharCode(65 + j)}${r}`, c))
        .join('')}</row>`;
    }),
  ].join('');
  return zipSync({
    'xl/workbook.xml': new TextEncoder().encode(
      '<workbook><sheets><sheet name="a" sheetId="1"/></sheets></workbook>',
    ),
    'xl/worksheets/sheet1.xml': new TextEncoder().encode(
      `<worksheet><sheetData>${rows}</sheetData></worksheet>`,
    ),
  });
}

describe.each(ENGINES)('attacks on the KLA self-evaluation on %s', (engine) => {
  let h: Harness;
  let lebak: RegionWorld;
  let serang: RegionWorld;
  let lebakManajerUser: MadeUser;
  let admin: Client;
  let coordinator: Client;
  let pimpinan: Client;
  let manajer: Client;
  let pengaduan: Client;
  let auditor: Client;
  let dataUser: Client;
  let puspagaStaff: Client;
  let policeNamed: MadeUser;
  let policeNamedC: Client;
  let policeOther: Client;
  let uptdStaff: Client;
  let serangCoordinator: Client;
  let province: Client;
  let provincePimpinan: Client;
  let otherProvince: Client;
  let puspaga: Awaited<ReturnType<typeof makeOrg>>;
  let evalId: string; // Lebak 2026, draft, assignments made
  let serangEval: J; // Serang 2026, draft, a file on #1
  let serangFileId: string;
  let lebakFileId: string;
  let abhCase: FullCase;

  const evaluation = async (id: string, c: Client = coordinator): Promise<J> =>
    must(await c.get(`/api/v1/kla/evaluations/${id}`), 200, 'evaluation');
  const answerOf = (e: J, n: number): J => e.indicators.find((v: J) => v.indicator.number === n).answer;
  const put = (c: Client, a: J, body: J) =>
    c.req('PUT', `/api/v1/kla/answers/${a.id}`, { version: a.version, ...body });
  const review = (c: Client, a: J, status: string) =>
    c.post(`/api/v1/kla/answers/${a.id}/review`, { version: a.version, status });
  const bytesOf = async (c: Client, path: string) => {
    const r = await h.app.request(path, {
      headers: { cookie: c.cookie ?? '', 'x-requested-with': 'simpul' },
    });
    return { status: r.status, bytes: new Uint8Array(await r.arrayBuffer()) };
  };

  /** Fills every indicator at its full weight and takes it to final; returns the evaluation. */
  async function fillAndFinalise(id: string): Promise<J> {
    let e = await evaluation(id);
    for (const v of e.indicators) {
      const n = v.indicator.number;
      e = must(await put(coordinator, answerOf(e, n), fullAnswer(v.indicator)), 200, `fill #${n}`);
      e = must(await review(coordinator, answerOf(e, n), 'diperiksa'), 200, `check #${n}`);
      e = must(await review(coordinator, answerOf(e, n), 'final'), 200, `final #${n}`);
    }
    return e;
  }

  async function startYear(year: number, c: Client = coordinator): Promise<J> {
    return must(await c.post('/api/v1/kla/evaluations', { year }), 201, `start ${year}`);
  }

  async function submitted(year: number): Promise<J> {
    const e = await startYear(year);
    const filled = await fillAndFinalise(e.id);
    return must(
      await coordinator.post(`/api/v1/kla/evaluations/${e.id}/submit`, { version: filled.version }),
      200,
      `submit ${year}`,
    );
  }

  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none', regions: ['36', '62'] });
    h.now.value = new Date('2026-06-10T03:00:00Z');
    lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    serang = await makeRegionWorld(h.svc, { kabKota: '36.73' });
    puspaga = await makeOrg(h.svc, { kabKota: '36.02', type: 'puspaga', name: 'PUSPAGA Lebak (serang)' });
    const as = async (u: MadeUser) => h.as(u.email, FACTORY_PASSWORD);
    admin = await as(await makeUser(h.svc, { role: 'admin', org: lebak.dinas }));
    coordinator = await as(await makeUser(h.svc, { role: 'admin-dinas', org: lebak.dinas }));
    pimpinan = await as(await makeUser(h.svc, { role: 'pimpinan', org: lebak.dinas }));
    lebakManajerUser = await makeUser(h.svc, { role: 'manajer', org: lebak.uptd });
    manajer = await as(lebakManajerUser);
    pengaduan = await as(await makeUser(h.svc, { role: 'pengaduan', org: lebak.uptd }));
    auditor = await as(await makeUser(h.svc, { role: 'auditor', org: lebak.dinas }));
    dataUser = await as(await makeUser(h.svc, { role: 'data', org: lebak.dinas }));
    puspagaStaff = await as(await makeUser(h.svc, { role: 'mitra', org: puspaga }));
    policeNamed = await makeUser(h.svc, { role: 'mitra', org: lebak.police });
    policeNamedC = await as(policeNamed);
    policeOther = await as(await makeUser(h.svc, { role: 'mitra', org: lebak.police }));
    uptdStaff = await as(await makeUser(h.svc, { role: 'pendamping', org: lebak.uptd }));
    serangCoordinator = await as(await makeUser(h.svc, { role: 'admin-dinas', org: serang.dinas }));
    province = await h.as(await h.provinceUser('admin-dinas'));
    provincePimpinan = await h.as(await h.provinceUser('pimpinan'));
    const kalteng = await makeOrg(h.svc, {
      kabKota: '62',
      type: 'dinas_pppa',
      name: 'DP3AP2KB Kalteng (uji)',
    });
    otherProvince = await as(await makeUser(h.svc, { role: 'admin-dinas', org: kalteng }));

    const e = await startYear(2026);
    evalId = e.id;
    must(
      await coordinator.req('PUT', `/api/v1/kla/evaluations/${evalId}/assignments`, {
        version: e.version,
        assignments: [
          { number: 1, orgId: puspaga.id },
          { number: 2, orgId: lebak.police.id, userId: policeNamed.id },
          { number: 4, orgId: lebak.police.id },
        ],
      }),
      200,
      'assign',
    );
    const a1 = answerOf(await evaluation(evalId), 1);
    lebakFileId = must(await upload(coordinator, a1.id, pngBytes('lebak'), 'lebak.png'), 201, 'file').id;

    serangEval = await startYear(2026, serangCoordinator);
    const s1 = answerOf(serangEval, 1);
    serangFileId = must(
      await upload(serangCoordinator, s1.id, pngBytes('serang'), 'serang.png'),
      201,
      'f',
    ).id;

    // a case of a child in conflict with the law with a successful diversion (cluster V #23)
    abhCase = await makeFullCase(h.svc, lebakManajerUser, {
      case: { receivedAt: '2026-02-10T03:00:00Z', caseType: 'ampk' },
      victim: { sex: 'laki_laki', birthDate: '2012-05-01' },
      incident: { ampkCategories: ['b_berhadapan_hukum'] },
    });
    await makeRecord(h.svc, lebakManajerUser, abhCase.id, 'diversion', {
      stage: 'penyidikan',
      result: 'berhasil',
      date: '2026-03-01',
    });
    await makeRecord(h.svc, lebakManajerUser, abhCase.id, 'service', {
      service: 'bantuan_hukum',
      date: '2026-02-11',
    });
    await refreshStats(h.svc);
  }, 180_000);

  afterAll(async () => {
    await h?.close();
  });

  // ---- scope ---------------------------------------------------------------------------------

  it("answers 404 on every operation with another kab/kota's evaluation, answer and file ids, both ways", async () => {
    const s1 = answerOf(serangEval, 1);
    const lebakEval = await evaluation(evalId);
    const l1 = answerOf(lebakEval, 1);
    for (const op of everyOperation(serangEval.id, s1.id, serangFileId)) {
      const r = await run(coordinator, op);
      expect.soft(r.status, `lebak → serang ${op[0]} ${op[1]}`).toBe(404);
    }
    for (const op of everyOperation(evalId, l1.id, lebakFileId)) {
      const r = await run(serangCoordinator, op);
      expect.soft(r.status, `serang → lebak ${op[0]} ${op[1]}`).toBe(404);
    }
    // a file id of Lebak on Serang's own answer: 404, nothing removed
    const s1now = answerOf(await evaluation(serangEval.id, serangCoordinator), 1);
    expect((await serangCoordinator.get(`/api/v1/kla/answers/${s1now.id}/files/${lebakFileId}`)).status).toBe(
      404,
    );
    expect(
      (await serangCoordinator.req('DELETE', `/api/v1/kla/answers/${s1now.id}/files/${lebakFileId}`)).status,
    ).toBe(404);
    expect(answerOf(await evaluation(evalId), 1).evidence.map((f: J) => f.id)).toContain(lebakFileId);
    // nothing of Serang changed
    const after = await evaluation(serangEval.id, serangCoordinator);
    expect([after.status, after.version, answerOf(after, 1).status]).toEqual([
      'draft',
      serangEval.version,
      'belum_diisi',
    ]);
    const list = must(await coordinator.get('/api/v1/kla/evaluations'), 200, 'list');
    expect(list.items.map((x: J) => x.jurisdiction)).not.toContain('36.73');
  });

  it('the province never sees a draft (404 on every operation); another province never sees a submission', async () => {
    const l1 = answerOf(await evaluation(evalId), 1);
    for (const c of [province, provincePimpinan, otherProvince])
      for (const op of everyOperation(evalId, l1.id, lebakFileId)) {
        const r = await run(c, op);
        expect.soft(r.status, `${op[0]} ${op[1]}`).toBe(404);
      }
    expect(must(await province.get('/api/v1/kla/evaluations'), 200, 'list').items).toEqual([]);
    const sub = await submitted(2024);
    const a = answerOf(sub, 1);
    for (const op of everyOperation(sub.id, a.id, lebakFileId)) {
      const r = await run(otherProvince, op);
      expect.soft(r.status, `other province ${op[0]} ${op[1]}`).toBe(404);
    }
    expect(must(await otherProvince.get('/api/v1/kla/evaluations'), 200, 'list').items).toEqual([]);
  });

  it('the province writes nothing but its verification; a kab/kota never verifies', async () => {
    const sub = (await (async () => {
      const list = must(await province.get('/api/v1/kla/evaluations?year=2024'), 200, 'list');
      return evaluation(list.items[0].id, province);
    })()) as J;
    const a = answerOf(sub, 4);
    const f = must(await province.get(`/api/v1/kla/evaluations/${sub.id}`), 200, 'read');
    expect(f.canCoordinate).toBe(false);
    const writes = [
      ['PUT', `/api/v1/kla/evaluations/${sub.id}/assignments`, { version: sub.version, assignments: [] }],
      ['POST', `/api/v1/kla/evaluations/${sub.id}/submit`, { version: sub.version, markMissing: true }],
      ['PUT', `/api/v1/kla/answers/${a.id}`, { version: a.version, value: 10 }],
      ['POST', `/api/v1/kla/answers/${a.id}/review`, { version: a.version, status: 'diperiksa' }],
      ['POST', `/api/v1/kla/answers/${a.id}/auto`, { version: a.version }],
      ['UPLOAD', `/api/v1/kla/answers/${a.id}/files`, undefined],
      ['GET', `/api/v1/kla/evaluations/${sub.id}/history`, undefined],
      ['GET', `/api/v1/kla/evaluations/${sub.id}/organisations`, undefined],
      ['POST', '/api/v1/kla/evaluations', { year: 2035 }],
    ] as const;
    for (const c of [province, provincePimpinan])
      for (const op of writes) {
        const r = await run(c, op);
        expect.soft([403, 404, 409], `${op[0]} ${op[1]}: ${r.status}`).toContain(r.status);
      }
    // only the province's verifier verifies
    const v = { version: a.version, decision: 'accepted' };
    for (const c of [provincePimpinan, coordinator, pimpinan, manajer])
      expect.soft((await c.req('PUT', `/api/v1/kla/answers/${a.id}/verification`, v)).status).toBe(403);
    for (const c of [coordinator, pimpinan])
      expect
        .soft(
          (
            await c.post(`/api/v1/kla/evaluations/${sub.id}/decision`, {
              version: sub.version,
              outcome: 'verified',
            })
          ).status,
        )
        .toBe(403);
    const after = await evaluation(sub.id, province);
    expect([after.version, answerOf(after, 4).version, answerOf(after, 4).verifyStatus]).toEqual([
      sub.version,
      a.version,
      null,
    ]);
  });

  it('roles without KLA work get 403 without a lookup; pimpinan reads but does not coordinate', async () => {
    const e = await evaluation(evalId);
    const a3 = answerOf(e, 3);
    for (const c of [admin, auditor, dataUser]) {
      expect.soft((await c.get('/api/v1/kla/evaluations')).status).toBe(403);
      for (const op of everyOperation(evalId, a3.id, lebakFileId)) {
        const r = await run(c, op);
        expect.soft([403, 404], `${op[0]} ${op[1]}: ${r.status}`).toContain(r.status);
      }
    }
    // pimpinan: reads all, history, export and summary; coordinates nothing
    expect((await pimpinan.get(`/api/v1/kla/evaluations/${evalId}`)).status).toBe(200);
    expect((await pimpinan.get(`/api/v1/kla/evaluations/${evalId}/history`)).status).toBe(200);
    expect((await bytesOf(pimpinan, `/api/v1/kla/evaluations/${evalId}/export.zip`)).status).toBe(200);
    expect((await put(pimpinan, a3, { option: 'ada' })).status).toBe(403);
    expect((await review(pimpinan, a3, 'diperiksa')).status).toBe(403);
    expect((await pimpinan.post('/api/v1/kla/evaluations', { year: 2036 })).status).toBe(403);
    expect(
      (
        await pimpinan.req('PUT', `/api/v1/kla/evaluations/${evalId}/assignments`, {
          version: e.version,
          assignments: [],
        })
      ).status,
    ).toBe(403);
    // manajer reads but no history (coordinator and pimpinan only)
    expect((await manajer.get(`/api/v1/kla/evaluations/${evalId}`)).status).toBe(200);
    expect((await manajer.get(`/api/v1/kla/evaluations/${evalId}/history`)).status).toBe(403);
    // pengaduan / pendamping of an organisation with nothing assigned: the evaluation is not theirs
    for (const c of [pengaduan, uptdStaff]) {
      expect(must(await c.get('/api/v1/kla/evaluations'), 200, 'list').items).toEqual([]);
      for (const op of everyOperation(evalId, a3.id, lebakFileId)) {
        const r = await run(c, op);
        expect.soft(r.status, `unassigned ${op[0]} ${op[1]}`).toBe(404);
      }
    }
    expect(answerOf(await evaluation(evalId), 3).version).toBe(a3.version);
  });

  it('an OPD member sees and fills only its indicators, and only the named person a named one', async () => {
    const mine = must(await puspagaStaff.get(`/api/v1/kla/evaluations/${evalId}`), 200, 'member read');
    const full = await evaluation(evalId);
    const withAnswer = mine.indicators.filter((v: J) => v.answer !== null).map((v: J) => v.indicator.number);
    expect(withAnswer).toEqual([1]);
    expect(mine.institutional).toEqual({ regulations: [], radPlans: [] });
    expect([mine.canCoordinate, mine.canReadHistory, mine.canVerify]).toEqual([false, false, false]);
    expect(JSON.stringify(mine)).not.toContain(answerOf(full, 3).id);
    // its own indicator: filled, evidence added
    const a1 = answerOf(mine, 1);
    must(await put(puspagaStaff, a1, { option: 'ada', narrative: 'SK PUSPAGA ada.' }), 200, 'fill own');
    const a3 = answerOf(full, 3);
    const a2 = answerOf(full, 2);
    // not its indicator: never 2xx, nothing changed
    expect.soft([403, 404]).toContain((await put(puspagaStaff, a3, { option: 'ada' })).status);
    expect.soft([403, 404]).toContain((await upload(puspagaStaff, a3.id, pngBytes(), 'x.png')).status);
    expect.soft([403, 404]).toContain((await review(puspagaStaff, a1, 'diperiksa')).status);
    expect
      .soft([403, 404])
      .toContain((await puspagaStaff.post(`/api/v1/kla/answers/${a1.id}/auto`, { version: 2 })).status);
    // reading evidence of another indicator: 404
    const p4 = answerOf(full, 4);
    const pf = must(await upload(policeNamedC, p4.id, pngBytes('polres'), 'polres.png'), 201, 'police file');
    expect((await puspagaStaff.get(`/api/v1/kla/answers/${p4.id}/files/${pf.id}`)).status).toBe(404);
    expect((await puspagaStaff.req('DELETE', `/api/v1/kla/answers/${p4.id}/files/${pf.id}`)).status).not.toBe(
      200,
    );
    // the member's file id on its own answer id: 404 (the file is of another answer)
    expect((await puspagaStaff.get(`/api/v1/kla/answers/${a1.id}/files/${pf.id}`)).status).toBe(404);
    // history, export, summary, assignable organisations: not for a member
    for (const p of ['history', 'export.zip', 'summary.pdf', 'organisations'])
      expect
        .soft([403, 404], p)
        .toContain((await puspagaStaff.get(`/api/v1/kla/evaluations/${evalId}/${p}`)).status);
    // a named person: only they fill it, not their colleague
    expect((await put(policeOther, a2, { option: 'ada' })).status).toBe(403);
    expect((await upload(policeOther, a2.id, pngBytes(), 'x.png')).status).toBe(403);
    must(await put(policeNamedC, a2, { option: 'ada' }), 200, 'named fills');
    const after = await evaluation(evalId);
    expect(answerOf(after, 3).version).toBe(a3.version);
    expect(answerOf(after, 4).evidence.map((f: J) => f.id)).toEqual([pf.id]);
  });

  it('DEFECT (low, fixed): an OPD member gets 403, not 404, for an answer id of an indicator it is not assigned (its evidence read answers 404)', async () => {
    const full = await evaluation(evalId);
    const a3 = answerOf(full, 3);
    expect((await put(puspagaStaff, a3, { option: 'ada' })).status).toBe(404);
    expect((await upload(puspagaStaff, a3.id, pngBytes(), 'x.png')).status).toBe(404);
  });

  it("refuses assignments of another kab/kota's organisation, a person of another organisation, duplicates and unknown numbers; of 100 at one version one wins", async () => {
    const e = await evaluation(evalId);
    const before = e.indicators.map((v: J) => v.assignment);
    const bad = await coordinator.req('PUT', `/api/v1/kla/evaluations/${evalId}/assignments`, {
      version: e.version,
      assignments: [
        { number: 5, orgId: serang.police.id },
        { number: 6, orgId: puspaga.id, userId: policeNamed.id },
        { number: 7, orgId: puspaga.id },
        { number: 7, orgId: puspaga.id },
        { number: 77, orgId: puspaga.id },
      ],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fieldCodes).toEqual({
      'assignments.0.orgId': 'kla_org_outside',
      'assignments.1.userId': 'not_of_org',
      'assignments.3.number': 'duplicate',
      'assignments.4.number': 'unknown_indicator',
    });
    for (const body of [
      { version: e.version, assignments: [{ number: 5, orgId: 'x' }] },
      { version: e.version, assignments: [{ number: 5, orgId: puspaga.id, role: 'ketua' }] },
      {
        version: e.version,
        assignments: Array.from({ length: 61 }, (_, i) => ({ number: (i % 24) + 1, orgId: puspaga.id })),
      },
      { assignments: [] },
    ]) {
      const r = await coordinator.req('PUT', `/api/v1/kla/evaluations/${evalId}/assignments`, body);
      expect.soft(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await evaluation(evalId)).indicators.map((v: J) => v.assignment)).toEqual(before);
    const keep = [
      { number: 1, orgId: puspaga.id },
      { number: 2, orgId: lebak.police.id, userId: policeNamed.id },
      { number: 4, orgId: lebak.police.id },
    ];
    const rs = await Promise.all(
      Array.from({ length: 100 }, () =>
        coordinator.req('PUT', `/api/v1/kla/evaluations/${evalId}/assignments`, {
          version: e.version,
          assignments: keep,
        }),
      ),
    );
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
    expect(rs.filter((r) => r.status === 409)).toHaveLength(99);
    expect((await evaluation(evalId)).indicators.map((v: J) => v.assignment)).toEqual(before);
  });

  it('DEFECT (low, fixed): the evaluation list takes unknown query parameters (?foo=1, ?jurisdiction=36.73) with 200', async () => {
    for (const q of ['?foo=1', '?year=2026&jurisdiction=36.73']) {
      const r = await coordinator.get(`/api/v1/kla/evaluations${q}`);
      expect.soft([r.status, r.body.error?.code], q).toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  it('DEFECT (low, fixed): an indicator can be assigned to a named person who can never fill it (an auditor of the Dinas)', async () => {
    const aud = await makeUser(h.svc, { role: 'auditor', org: lebak.dinas });
    const e = await startYear(2032);
    const r = await coordinator.req('PUT', `/api/v1/kla/evaluations/${e.id}/assignments`, {
      version: e.version,
      assignments: [{ number: 6, orgId: lebak.dinas.id, userId: aud.id }],
    });
    expect(r.status).toBe(400);
  });

  it('refuses a start out of range, a list with unknown or bad parameters, and cluster V from case data on an indicator without it', async () => {
    for (const year of [2018, 2101, '2026', null, 2026.5]) {
      const r = await coordinator.post('/api/v1/kla/evaluations', { year });
      expect.soft([r.status, r.body.error?.code], String(year)).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect(
      (await coordinator.post('/api/v1/kla/evaluations', { year: 2037, jurisdiction: '36.73' })).status,
    ).toBe(400);
    for (const q of ['?year=abc', '?year=1900'])
      expect.soft((await coordinator.get(`/api/v1/kla/evaluations${q}`)).status, q).toBe(400);
    for (const y of ['abc', '1900', '99999'])
      expect.soft((await coordinator.get(`/api/v1/kla/sets/${y}`)).status, y).toBe(400);
    const e = await evaluation(evalId);
    const a5 = answerOf(e, 5);
    const r = await coordinator.post(`/api/v1/kla/answers/${a5.id}/auto`, { version: a5.version });
    expect([r.status, r.body.error?.fieldCodes?.indicator]).toEqual([400, 'kla_not_automatic']);
    expect((await coordinator.post(`/api/v1/kla/answers/${a5.id}/auto`, {})).status).toBe(400);
  });

  it('one evidence file per Idempotency-Key, whatever the retries', async () => {
    const e = await evaluation(evalId);
    const a = answerOf(e, 14);
    const send = (name: string) => {
      const fd = new FormData();
      fd.append('file', new Blob([PDF as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), name);
      return coordinator.req('POST', `/api/v1/kla/answers/${a.id}/files`, fd, {
        'idempotency-key': 'kla-bukti-14-a',
      });
    };
    const rs = await Promise.all(Array.from({ length: 10 }, () => send('bukti.pdf')));
    const ids = new Set(rs.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    for (const r of rs) expect.soft([200, 201, 409]).toContain(r.status);
    expect(answerOf(await evaluation(evalId), 14).evidence).toHaveLength(1);
  });

  // ---- bad answers ---------------------------------------------------------------------------

  it('refuses bad answers with stable field codes and keeps the answer as it was', async () => {
    const e = await evaluation(evalId);
    const pct = answerOf(e, 9); // percent 0–100
    const opt = answerOf(e, 5); // options
    const cases: [J, J, string, string][] = [
      [pct, { value: 100.0001 }, 'value', 'over_100'],
      [pct, { value: -1 }, 'value', 'negative'],
      [pct, { numerator: 1, denominator: 0 }, 'denominator', 'denominator_zero'],
      [pct, { numerator: 5, denominator: 4 }, 'numerator', 'numerator_above_denominator'],
      [pct, { numerator: -1, denominator: 4 }, 'numerator', 'negative'],
      [pct, { numerator: 1, denominator: -4 }, 'denominator', 'negative'],
      [pct, { numerator: 1 }, 'denominator', 'required'],
      [pct, { value: 10, numerator: 1, denominator: 2 }, 'value', 'value_and_parts'],
      [pct, { option: 'ada' }, 'option', 'wrong_kind'],
      [pct, {}, 'value', 'required'],
      [opt, { option: 'luar_biasa' }, 'option', 'unknown_option'],
      [opt, { value: 50 }, 'value', 'wrong_kind'],
      [opt, {}, 'option', 'required'],
    ];
    for (const [a, body, field, code] of cases) {
      const r = await put(coordinator, a, body);
      expect.soft([r.status, r.body.error?.fieldCodes?.[field]], JSON.stringify(body)).toEqual([400, code]);
    }
    // wrong types, NaN/Infinity as strings, unknown fields, missing and bad versions
    for (const body of [
      { version: pct.version, value: 'NaN' },
      { version: pct.version, value: 'Infinity' },
      { version: pct.version, value: '50' },
      { version: pct.version, numerator: true, denominator: 2 },
      { version: pct.version, value: 50, extra: 1 },
      { version: pct.version, value: 50, status: 'final' },
      { value: 50 },
      { version: 'x', value: 50 },
      { version: 0, value: 50 },
      { version: 1.5, value: 50 },
      { version: pct.version, value: 50, narrative: 42 },
      { version: pct.version, value: 50, narrative: 'x'.repeat(5001) },
    ]) {
      const r = await coordinator.req('PUT', `/api/v1/kla/answers/${pct.id}`, body);
      expect
        .soft([r.status, r.body.error?.code], JSON.stringify(body).slice(0, 80))
        .toEqual([400, 'VALIDATION_FAILED']);
    }
    // 1 MB narrative: refused whole (body limit or field)
    const huge = await coordinator.req('PUT', `/api/v1/kla/answers/${pct.id}`, {
      version: pct.version,
      value: 50,
      narrative: 'n'.repeat(1024 * 1024),
    });
    expect([400, 413]).toContain(huge.status);
    // NUL in the narrative
    const nul = await put(coordinator, pct, { value: 50, narrative: 'a\u0000b' });
    expect([nul.status, nul.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    // huge finite numbers are no 500
    const big = await put(coordinator, pct, { numerator: 1e300, denominator: 1e308 });
    expect([200, 400]).toContain(big.status);
    // stale version
    const now = answerOf(await evaluation(evalId), 9);
    if (now.version !== pct.version) {
      const stale = await put(coordinator, pct, { value: 50 });
      expect(stale.status).toBe(409);
    } else {
      expect(now).toEqual(pct);
      must(await put(coordinator, pct, { value: 50 }), 200, 'ok');
      const stale = await put(coordinator, pct, { value: 60 });
      expect([stale.status, stale.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);
    }
    // the options answer never moved
    expect(answerOf(await evaluation(evalId), 5)).toEqual(opt);
  });

  // ---- states --------------------------------------------------------------------------------

  it('review steps out of order are refused; a draft cannot be verified or decided', async () => {
    const e = await startYear(2021);
    const a = answerOf(e, 5);
    for (const to of ['diperiksa', 'final', 'diisi']) {
      const r = await review(coordinator, a, to);
      expect
        .soft([r.status, r.body.error?.fieldCodes?.status], `belum_diisi → ${to}`)
        .toEqual([400, 'kla_step_not_allowed']);
    }
    let cur = must(await put(coordinator, a, { option: 'ada' }), 200, 'fill');
    const r = await review(coordinator, answerOf(cur, 5), 'final');
    expect([r.status, r.body.error?.fieldCodes?.status]).toEqual([400, 'kla_step_not_allowed']);
    const bad = await coordinator.post(`/api/v1/kla/answers/${a.id}/review`, {
      version: answerOf(cur, 5).version,
      status: 'belum_diisi',
    });
    expect(bad.status).toBe(400);
    cur = must(await review(coordinator, answerOf(cur, 5), 'diperiksa'), 200, 'check');
    // submit while not final → every open indicator named
    const s = await coordinator.post(`/api/v1/kla/evaluations/${e.id}/submit`, { version: cur.version });
    expect(s.status).toBe(400);
    expect(Object.keys(s.body.error.fieldCodes)).toHaveLength(24);
    expect(s.body.error.fieldCodes['indicators.5']).toBe('kla_not_final');
    // the province cannot see (and so not verify) a draft
    expect(
      (
        await province.req('PUT', `/api/v1/kla/answers/${a.id}/verification`, {
          version: answerOf(cur, 5).version,
          decision: 'accepted',
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await province.post(`/api/v1/kla/evaluations/${e.id}/decision`, {
          version: cur.version,
          outcome: 'verified',
        })
      ).status,
    ).toBe(404);
  });

  it('locks everything after submission (409 KLA_LOCKED), refuses a second submission and a premature verification', async () => {
    const e = await submitted(2023);
    const a = answerOf(e, 4);
    const locked = async (r: Promise<Res>, what: string) => {
      const x = await r;
      expect.soft([x.status, x.body?.error?.code], what).toEqual([409, 'KLA_LOCKED']);
    };
    await locked(put(coordinator, a, { value: 10 }), 'save');
    await locked(review(coordinator, a, 'diperiksa'), 'review');
    await locked(
      coordinator.post(`/api/v1/kla/answers/${answerOf(e, 23).id}/auto`, {
        version: answerOf(e, 23).version,
      }),
      'auto',
    );
    await locked(upload(coordinator, a.id, pngBytes(), 'telat.png'), 'upload');
    await locked(
      coordinator.req('PUT', `/api/v1/kla/evaluations/${e.id}/assignments`, {
        version: e.version,
        assignments: [],
      }),
      'assign',
    );
    await locked(
      coordinator.post(`/api/v1/kla/evaluations/${e.id}/submit`, { version: e.version }),
      'resubmit',
    );
    // the province: 'verified' while undecided names them; 'returned' with nothing to fix is refused
    const pv = await evaluation(e.id, province);
    const d = await province.post(`/api/v1/kla/evaluations/${e.id}/decision`, {
      version: pv.version,
      outcome: 'verified',
    });
    expect(d.status).toBe(400);
    expect(Object.keys(d.body.error.fieldCodes)).toHaveLength(24);
    const ret = await province.post(`/api/v1/kla/evaluations/${e.id}/decision`, {
      version: pv.version,
      outcome: 'returned',
    });
    expect([ret.status, ret.body.error?.fieldCodes?.outcome]).toEqual([400, 'kla_nothing_to_fix']);
    // a fix without a note is refused; unknown decision refused
    const nonote = await province.req('PUT', `/api/v1/kla/answers/${a.id}/verification`, {
      version: a.version,
      decision: 'fix',
    });
    expect([nonote.status, nonote.body.error?.fieldCodes?.note]).toEqual([400, 'required']);
    const weird = await province.req('PUT', `/api/v1/kla/answers/${a.id}/verification`, {
      version: a.version,
      decision: 'maybe',
    });
    expect(weird.status).toBe(400);
    // accept all but #4, ask a fix on #4: 'verified' is refused while the fix is open
    let cur = pv;
    for (const v of pv.indicators) {
      const n = v.indicator.number;
      const body =
        n === 4
          ? { version: answerOf(cur, n).version, decision: 'fix', note: 'Lampirkan data dukung.' }
          : { version: answerOf(cur, n).version, decision: 'accepted' };
      cur = must(
        await province.req('PUT', `/api/v1/kla/answers/${answerOf(cur, n).id}/verification`, body),
        200,
        `verify ${n}`,
      );
    }
    const v2 = await province.post(`/api/v1/kla/evaluations/${e.id}/decision`, {
      version: cur.version,
      outcome: 'verified',
    });
    expect([v2.status, v2.body.error?.fieldCodes?.outcome]).toEqual([400, 'kla_fixes_open']);
    // returned: the accepted answers stay locked, the one to fix opens
    cur = must(
      await province.post(`/api/v1/kla/evaluations/${e.id}/decision`, {
        version: cur.version,
        outcome: 'returned',
      }),
      200,
      'return',
    );
    const back = await evaluation(e.id);
    const acc = answerOf(back, 5);
    await locked(put(coordinator, acc, { option: 'belum' }), 'accepted answer after return');
    await locked(review(coordinator, acc, 'diperiksa'), 'review accepted after return');
    await locked(upload(coordinator, acc.id, pngBytes(), 'x.png'), 'evidence on accepted after return');
    const accFile = await h.svc.conn.db
      .selectFrom('coord_file')
      .select('id')
      .where('owner_id', '=', acc.id)
      .executeTakeFirst();
    expect(accFile).toBeUndefined();
    // the province cannot verify while returned (the kab/kota is fixing)
    const during = await province.req('PUT', `/api/v1/kla/answers/${answerOf(back, 4).id}/verification`, {
      version: answerOf(back, 4).version,
      decision: 'accepted',
    });
    expect(during.status).toBe(409);
    const fixed = must(
      await put(coordinator, answerOf(back, 4), { value: 80, narrative: 'Diperbaiki' }),
      200,
      'fix',
    );
    expect(answerOf(fixed, 4).status).toBe('diisi');
  });

  it('DEFECT (medium, fixed): after a return the kab/kota resubmits without touching the indicators the province asked to fix, and the fix request is erased', async () => {
    const e = await submitted(2020);
    let cur = await evaluation(e.id, province);
    for (const v of cur.indicators) {
      const n = v.indicator.number;
      const body =
        n === 4
          ? { version: answerOf(cur, n).version, decision: 'fix', note: 'Data dukung kurang.' }
          : { version: answerOf(cur, n).version, decision: 'accepted' };
      cur = must(
        await province.req('PUT', `/api/v1/kla/answers/${answerOf(cur, n).id}/verification`, body),
        200,
        `v${n}`,
      );
    }
    cur = must(
      await province.post(`/api/v1/kla/evaluations/${e.id}/decision`, {
        version: cur.version,
        outcome: 'returned',
      }),
      200,
      'ret',
    );
    const back = await evaluation(e.id);
    const r = await coordinator.post(`/api/v1/kla/evaluations/${e.id}/submit`, { version: back.version });
    expect(r.status).toBe(400);
  });

  it.skip("DEFECT (low): while an evaluation is returned the province reads the kab/kota's unsent edits (no snapshot of what was submitted)", async () => {
    const list = must(await province.get('/api/v1/kla/evaluations?year=2023'), 200, 'list');
    const pv = await evaluation(list.items[0].id, province);
    expect(pv.status).toBe('returned');
    // the kab/kota saved 80 and 'Diperbaiki' on #4 but has not resubmitted
    expect(answerOf(pv, 4).narrative).not.toBe('Diperbaiki');
  });

  it('DEFECT (low, fixed): an OPD member removes (or adds) the evidence of an answer the coordinator made final, and it stays final', async () => {
    const e = await startYear(2030);
    let cur = must(
      await coordinator.req('PUT', `/api/v1/kla/evaluations/${e.id}/assignments`, {
        version: e.version,
        assignments: [{ number: 1, orgId: puspaga.id }],
      }),
      200,
      'assign',
    );
    cur = must(await put(puspagaStaff, answerOf(cur, 1), { option: 'ada_berfungsi' }), 200, 'fill');
    const f = must(
      await upload(puspagaStaff, answerOf(cur, 1).id, PDF, 'sk.pdf', 'application/pdf'),
      201,
      'file',
    );
    cur = must(await review(coordinator, answerOf(cur, 1), 'diperiksa'), 200, 'check');
    cur = must(await review(coordinator, answerOf(cur, 1), 'final'), 200, 'final');
    const del = await puspagaStaff.req('DELETE', `/api/v1/kla/answers/${answerOf(cur, 1).id}/files/${f.id}`);
    const after = answerOf(await evaluation(e.id), 1);
    // either refused, or the answer goes back for review: never final without the evidence checked
    expect(del.status === 409 || after.status !== 'final').toBe(true);
  });

  // ---- indicator sets ------------------------------------------------------------------------

  it('refuses bad indicator sets with field codes at their paths and stores nothing', async () => {
    const base = () => structuredClone({ ...DEFAULT_KLA_SET, year: 2033 }) as J;
    const versions = async () => must(await admin.get('/api/v1/kla/sets/2033'), 200, 'set').versions.length;
    const before = await versions();
    const tries: [string, (s: J) => void, string, string][] = [
      ['missing weight', (s) => delete s.indicators[4].weight, 'indicators.4.weight', 'required'],
      ['weights not 1000', (s) => (s.indicators[0].weight += 1), 'indicators', 'weights_not_1000'],
      [
        'bands out of order',
        (s) => {
          s.indicators[3].scoring.bands = [
            { from: 0, points: 0 },
            { from: 50, points: 10 },
            { from: 40, points: 20 },
          ];
        },
        'indicators.3.scoring.bands.2.from',
        'not_ascending',
      ],
      [
        'band over weight',
        (s) => (s.indicators[3].scoring.bands[4].points = 51),
        'indicators.3.scoring.bands.4.points',
        'above_weight',
      ],
      [
        'bands not from 0',
        (s) => (s.indicators[3].scoring.bands[0].from = 5),
        'indicators.3.scoring.bands.0.from',
        'must_start_at_zero',
      ],
      [
        'duplicate number',
        (s) => (s.indicators[1].number = s.indicators[0].number),
        'indicators.1.number',
        'duplicate',
      ],
      ['categories not rising', (s) => (s.categories[2].min = 400), 'categories.2.min', 'not_ascending'],
      ['categories not from 0', (s) => (s.categories[0].min = 10), 'categories.0.min', 'must_start_at_zero'],
      ['year out of range', (s) => (s.year = 2200), 'year', 'too_big'],
      ['year too early', (s) => (s.year = 1999), 'year', 'too_small'],
      ['zero weight', (s) => (s.indicators[0].weight = 0), 'indicators.0.weight', 'kla_weight_positive'],
      ['weight over 1000', (s) => (s.indicators[0].weight = 1001), 'indicators.0.weight', 'too_big'],
      ['unknown group', (s) => (s.indicators[0].group = 'VI'), 'indicators.0.group', 'invalid_value'],
      [
        'option codes repeated',
        (s) => (s.indicators[0].scoring.options[1].code = s.indicators[0].scoring.options[0].code),
        'indicators.0.scoring.options.1.code',
        'duplicate',
      ],
      ['duplicate group', (s) => (s.groups[1].code = s.groups[0].code), 'groups', 'duplicate'],
    ];
    for (const [what, change, path, code] of tries) {
      const s = base();
      change(s);
      const r = await admin.post('/api/v1/kla/sets', s);
      expect.soft([r.status, r.body.error?.code], what).toEqual([400, 'VALIDATION_FAILED']);
      expect
        .soft(r.body.error?.fieldCodes?.[path], `${what}: ${JSON.stringify(r.body.error?.fieldCodes)}`)
        .toBe(code);
    }
    // 10,000 indicators: refused (shape or body size), never a 500
    const many = base();
    many.indicators = Array.from({ length: 10_000 }, (_, i) => ({
      ...many.indicators[i % 24],
      number: (i % 99) + 1,
    }));
    const r10k = await admin.post('/api/v1/kla/sets', many);
    expect([400, 413]).toContain(r10k.status);
    // a 50 MB JSON
    const fat = await admin.req(
      'POST',
      '/api/v1/kla/sets',
      `{"year":2033,"label":"${'x'.repeat(50 * 1024 * 1024)}"}`,
      {
        'content-type': 'application/json',
      },
    );
    expect([fat.status, fat.body.error?.code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // not JSON, an array, null
    for (const body of ['{"year":', '[]', 'null']) {
      const r = await admin.req('POST', '/api/v1/kla/sets', body, { 'content-type': 'application/json' });
      expect.soft(r.status, body).toBe(400);
    }
    expect(await versions()).toBe(before);
  });

  it('DEFECT (low, fixed): a negative weight is reported as "required" (Wajib diisi), not as too small', async () => {
    const s = structuredClone({ ...DEFAULT_KLA_SET, year: 2033 }) as J;
    s.indicators[0].weight = -5;
    const r = await admin.post('/api/v1/kla/sets', s);
    expect(r.status).toBe(400);
    expect(r.body.error.fieldCodes['indicators.0.weight']).toBe('kla_weight_positive');
  });

  it('DEFECT (low, fixed): a set may mark an options indicator (or several) as filled from case data; applying it then fails', async () => {
    const s = structuredClone({ ...DEFAULT_KLA_SET, year: 2034 }) as J;
    s.indicators[0].autoSource = 'abh_diversion'; // #1 is an options indicator
    const r = await admin.post('/api/v1/kla/sets', s);
    expect(r.status).toBe(400);
  });

  it('refuses an XLSX that is no XLSX, a zip bomb, a year out of range and a bad sheet; stores nothing', async () => {
    const versions = async () => must(await admin.get('/api/v1/kla/sets/2033'), 200, 'set').versions.length;
    const before = await versions();
    const html = new TextEncoder().encode('<html><body>bukan xlsx</body></html>');
    const r1 = await uploadSet(admin, html);
    expect([r1.status, r1.body.error?.code]).toEqual([400, 'VALIDATION_FAILED']);
    // a zip whose sheet unpacks to 200 MB of zeros
    const bomb = zipSync({
      'xl/workbook.xml': new TextEncoder().encode('<workbook/>'),
      'xl/worksheets/sheet1.xml': [new Uint8Array(200 * 1024 * 1024), { level: 9 }],
    });
    expect(bomb.byteLength).toBeLessThan(5 * 1024 * 1024);
    const r2 = await uploadSet(admin, bomb);
    expect([r2.status, r2.body.error?.fieldCodes?.file]).toEqual([400, 'kla_sheet_unreadable']);
    // a well-formed zip without a workbook
    const r3 = await uploadSet(admin, zipSync({ 'a.txt': new TextEncoder().encode('x') }));
    expect(r3.status).toBe(400);
    // a sheet without the weight column
    const sheet = (rows: string[][]) => {
      const xmlRows = rows
        .map(
          (r, i) =>
            `<row r="${i + 1}">${r.map((c, j) => `<c r="${String.fromCharCode(65 + j)}${i + 1}" t="inlineStr"><is><t>${c}</t></is></c>`).join('')}</row>`,
        )
        .join('');
      return zipSync({
        'xl/workbook.xml': new TextEncoder().encode(
          '<workbook><sheets><sheet name="a" sheetId="1"/></sheets></workbook>',
        ),
        'xl/worksheets/sheet1.xml': new TextEncoder().encode(
          `<worksheet><sheetData>${xmlRows}</sheetData></worksheet>`,
        ),
      });
    };
    const r4 = await uploadSet(
      admin,
      sheet([
        ['number', 'group', 'wording', 'scoring'],
        ['1', 'I', 'x', 'options: a=1=A; b=0=B'],
      ]),
    );
    expect([r4.status, r4.body.error?.fieldCodes?.['sheet.weight']]).toEqual([400, 'required']);
    const good = [
      ['number', 'group', 'wording', 'evidence', 'weight', 'scoring'],
      ...DEFAULT_KLA_SET.indicators.map((i) => [
        String(i.number),
        i.group,
        'w',
        'e',
        String(i.weight),
        i.scoring.kind === 'options'
          ? `options: ${i.scoring.options.map((o) => `${o.code}=${o.points}=${o.label}`).join('; ')}`
          : `percent: ${i.scoring.bands.map((b) => `${b.from}=${b.points}`).join('; ')}`,
      ]),
    ];
    for (const q of [
      '?year=2200&label=X&source=Y',
      '?year=abc&label=X&source=Y',
      '?year=2033&source=Y',
      '?year=2033.5&label=X&source=Y',
    ]) {
      const r = await uploadSet(admin, sheet(good), q);
      expect.soft([r.status, r.body.error?.code], q).toEqual([400, 'VALIDATION_FAILED']);
    }
    // only the administrator
    expect((await uploadSet(coordinator, sheet(good))).status).toBe(403);
    expect(await versions()).toBe(before);
    // the same sheet with a proper year is taken (the checks above were about the input)
    must(await uploadSet(admin, sheet(good)), 201, 'good sheet');
    expect(await versions()).toBe(before + 1);
  });

  it('of 20 simultaneous imports of one year none is lost half-way: versions are 1…n without gaps, the rest 409', async () => {
    const year = 2038;
    const rs = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admin.post('/api/v1/kla/sets', { ...DEFAULT_KLA_SET, year, label: `Impor ${i}` }),
      ),
    );
    for (const r of rs) expect.soft([201, 409]).toContain(r.status);
    const ok = rs.filter((r) => r.status === 201).length;
    expect(ok).toBeGreaterThan(0);
    const set = must(await admin.get(`/api/v1/kla/sets/${year}`), 200, 'set');
    expect(set.versions.map((v: J) => v.version).sort((a: number, b: number) => a - b)).toEqual(
      Array.from({ length: ok }, (_, i) => i + 1),
    );
  });

  it('refuses an XLSX sheet of 10,000 indicators with a field code; stores nothing', async () => {
    const versions = async () => must(await admin.get('/api/v1/kla/sets/2033'), 200, 'set').versions.length;
    const before = await versions();
    const many = await uploadSet(
      admin,
      indicatorSheet((i) => `Indikator ${i + 1}`, 10_000),
    );
    expect([many.status, many.body.error?.fieldCodes?.indicators]).toEqual([400, 'too_big']);
    expect(await versions()).toBe(before);
  });

  it('DEFECT (medium, fixed): a character reference in an XLSX cell (&#0;, &#x110000;, &#99999999999;, &#xD800;) answers 500 INTERNAL instead of a field error', async () => {
    for (const [what, ref] of [
      ['NUL', '&#0;'],
      ['beyond Unicode', '&#x110000;'],
      ['huge decimal', '&#99999999999;'],
      ['lone surrogate', '&#xD800;'],
    ] as const) {
      const r = await uploadSet(
        admin,
        indicatorSheet((i) => (i === 3 ? `Indikator ${ref} empat` : `Indikator ${i + 1}`)),
      );
      expect
        .soft([r.status, r.body?.error?.code], `${what}: ${JSON.stringify(r.body).slice(0, 200)}`)
        .toEqual([400, 'VALIDATION_FAILED']);
    }
  });

  // ---- bursts --------------------------------------------------------------------------------

  it('of 100 saves at one version one wins; of 100 starts of one year one evaluation is made', async () => {
    const e = await evaluation(evalId);
    const a = answerOf(e, 11);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => put(coordinator, a, { value: i % 100, narrative: `burst ${i}` })),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.filter((r) => r.status === 409 && r.body.error.code === 'VERSION_CONFLICT')).toHaveLength(
      99,
    );
    const hist = must(await coordinator.get(`/api/v1/kla/evaluations/${evalId}/history`), 200, 'history');
    expect(hist.items.filter((x: J) => x.indicatorNumber === 11 && x.action === 'answer.save')).toHaveLength(
      1,
    );
    const starts = await Promise.all(
      Array.from({ length: 100 }, () => coordinator.post('/api/v1/kla/evaluations', { year: 2031 })),
    );
    expect(starts.filter((r) => r.status === 201)).toHaveLength(1);
    expect(starts.filter((r) => r.status === 409)).toHaveLength(99);
    const n = await h.svc.conn.db
      .selectFrom('kla_evaluation')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('jurisdiction', '=', '36.02')
      .where('year', '=', 2031)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });

  it('of 100 evidence uploads at once the cap of 50 files holds', async () => {
    const e = await evaluation(evalId);
    const a = answerOf(e, 12);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, i) => upload(coordinator, a.id, pngBytes(`burst ${i}`), `b${i}.png`)),
    );
    const ok = answers.filter((r) => r.status === 201).length;
    expect(ok).toBe(50);
    expect(
      answers.filter((r) => r.status === 400 && r.body.error.fieldCodes?.file === 'too_many_files'),
    ).toHaveLength(50);
    expect(answerOf(await evaluation(evalId), 12).evidence).toHaveLength(50);
  });

  it('of 100 submissions one passes; a save racing the submission is either in before it or locked out', async () => {
    const e = await startYear(2022);
    const filled = await fillAndFinalise(e.id);
    const a = answerOf(filled, 9);
    // reopen #9 one step so a save is possible, then finalise again
    let cur = must(await review(coordinator, a, 'diperiksa'), 200, 'reopen');
    cur = must(await review(coordinator, answerOf(cur, 9), 'final'), 200, 'final again');
    const a9 = answerOf(cur, 9);
    const [save, ...subs] = await Promise.all([
      put(coordinator, a9, { value: 10 }),
      ...Array.from({ length: 100 }, () =>
        coordinator.post(`/api/v1/kla/evaluations/${e.id}/submit`, { version: cur.version }),
      ),
    ]);
    const passed = subs.filter((r) => r.status === 200).length;
    const after = await evaluation(e.id);
    if (save!.status === 200) {
      // the save came first: #9 is no longer final, so no submission passes
      expect(passed).toBe(0);
      expect(after.status).toBe('draft');
      expect(answerOf(after, 9).status).toBe('diisi');
    } else {
      expect([save!.status, save!.body.error.code]).toEqual([409, 'KLA_LOCKED']);
      expect(passed).toBe(1);
      expect(after.status).toBe('submitted');
      expect(answerOf(after, 9).status).toBe('final');
    }
    for (const r of subs.filter((x) => x.status !== 200)) expect([400, 409]).toContain(r.status);
    const hist = must(await coordinator.get(`/api/v1/kla/evaluations/${e.id}/history`), 200, 'h');
    expect(hist.items.filter((x: J) => x.action === 'evaluation.submit')).toHaveLength(passed);
  });

  it('of 100 verifications of one answer at one version one wins; of 100 decisions one', async () => {
    const list = must(await province.get('/api/v1/kla/evaluations?year=2024'), 200, 'list');
    let cur = await evaluation(list.items[0].id, province);
    const a = answerOf(cur, 1);
    const rs = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        province.req('PUT', `/api/v1/kla/answers/${a.id}/verification`, {
          version: a.version,
          decision: i % 2 ? 'accepted' : 'rejected',
          note: 'catatan',
        }),
      ),
    );
    expect(rs.filter((r) => r.status === 200)).toHaveLength(1);
    cur = await evaluation(cur.id, province);
    for (const v of cur.indicators) {
      const x = answerOf(cur, v.indicator.number);
      if (x.verifyStatus) continue;
      cur = must(
        await province.req('PUT', `/api/v1/kla/answers/${x.id}/verification`, {
          version: x.version,
          decision: 'accepted',
        }),
        200,
        'accept',
      );
    }
    const ds = await Promise.all(
      Array.from({ length: 100 }, () =>
        province.post(`/api/v1/kla/evaluations/${cur.id}/decision`, {
          version: cur.version,
          outcome: 'verified',
        }),
      ),
    );
    expect(ds.filter((r) => r.status === 200)).toHaveLength(1);
    const done = await evaluation(cur.id, province);
    expect(done.status).toBe('verified');
    // verified is final: no more decisions
    const x = answerOf(done, 2);
    expect(
      (
        await province.req('PUT', `/api/v1/kla/answers/${x.id}/verification`, {
          version: x.version,
          decision: 'rejected',
          note: 'n',
        })
      ).status,
    ).toBe(409);
  });

  // ---- files ---------------------------------------------------------------------------------

  it('refuses a file by its content and its size; keeps names safe in the answer and the export; audits every read', async () => {
    const e = await evaluation(evalId);
    const a = answerOf(e, 13);
    const html = new TextEncoder().encode('<!doctype html><html><script>alert(1)</script></html>');
    const r1 = await upload(coordinator, a.id, html, 'laporan.pdf', 'application/pdf');
    expect([r1.status, r1.body.error?.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff]);
    expect((await upload(coordinator, a.id, exe, 'foto.png')).status).toBe(415);
    const empty = await upload(coordinator, a.id, new Uint8Array(0), 'kosong.pdf', 'application/pdf');
    expect(empty.status).toBe(400);
    const big = new Uint8Array(20 * 1024 * 1024 + 10);
    big.set(pngBytes(), 0);
    const r2 = await upload(coordinator, a.id, big, 'besar.png');
    expect(r2.status).toBe(413);
    const huge = new Uint8Array(22 * 1024 * 1024);
    huge.set(pngBytes(), 0);
    expect((await upload(coordinator, a.id, huge, 'sangat-besar.png')).status).toBe(413);
    // a multipart without a file, and a JSON body instead
    expect((await coordinator.req('POST', `/api/v1/kla/answers/${a.id}/files`, new FormData())).status).toBe(
      400,
    );
    expect([400, 415]).toContain(
      (await coordinator.post(`/api/v1/kla/answers/${a.id}/files`, { file: 'x' })).status,
    );
    // names: traversal, RTL override, control characters
    const names = [
      '../../../../etc/passwd.pdf',
      '..\\..\\win.ini.pdf',
      '\u202Efdp.exe',
      'a\u0001b\u007f.pdf',
      '/abs/x.pdf',
    ];
    const stored: string[] = [];
    for (const n of names) {
      const r = must(await upload(coordinator, a.id, PDF, n, 'application/pdf'), 201, n);
      stored.push(r.filename);
      expect.soft(r.filename, n).not.toMatch(UNSAFE_NAME);
      expect.soft(r.filename, n).not.toContain('/');
      expect.soft(r.filename.endsWith('.pdf'), n).toBe(true);
    }
    const z = await bytesOf(coordinator, `/api/v1/kla/evaluations/${evalId}/export.zip`);
    expect(z.status).toBe(200);
    const entries = Object.keys(unzipSync(z.bytes));
    for (const name of entries) {
      expect.soft(name.split('/'), name).not.toContain('..');
      expect.soft(name.startsWith('/'), name).toBe(false);
      expect.soft(name, name).not.toMatch(UNSAFE_NAME);
    }
    expect(entries.filter((n) => n.includes('/bukti/13/'))).toHaveLength(names.length);
    // every evidence read is audited, by whom
    const f = answerOf(await evaluation(evalId), 13).evidence[0];
    const count = async () =>
      Number(
        (
          await h.svc.conn.db
            .selectFrom('audit_event')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('action', '=', 'coord_file.read')
            .where('entity_id', '=', f.id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const n0 = await count();
    expect((await bytesOf(pimpinan, `/api/v1/kla/answers/${a.id}/files/${f.id}`)).status).toBe(200);
    expect((await bytesOf(manajer, `/api/v1/kla/answers/${a.id}/files/${f.id}`)).status).toBe(200);
    expect(await count()).toBe(n0 + 2);
    // a file id that is nobody's: 404
    expect(
      (await coordinator.get(`/api/v1/kla/answers/${a.id}/files/00000000-0000-4000-8000-000000000000`))
        .status,
    ).toBe(404);
    expect((await coordinator.get(`/api/v1/kla/answers/${a.id}/files/not-a-uuid`)).status).toBe(400);
  });

  // ---- case data -----------------------------------------------------------------------------

  it('the province reads cluster V as aggregates only: no case id, number, name, NIK or desa in the DTO, export or PDF', async () => {
    // the case is of 2026: cluster V #21 and #23 of Lebak's 2027 evaluation (which counts the
    // year before it) from case data
    const evalId = (await startYear(2027)).id;
    const cur = await evaluation(evalId);
    const a23 = answerOf(cur, 23);
    const a21 = answerOf(cur, 21);
    let next = must(
      await coordinator.post(`/api/v1/kla/answers/${a23.id}/auto`, { version: a23.version }),
      200,
      'auto 23',
    );
    next = must(
      await coordinator.post(`/api/v1/kla/answers/${a21.id}/auto`, { version: a21.version }),
      200,
      'auto 21',
    );
    expect(answerOf(next, 23).autoCalc.denominator).toBeGreaterThan(0);
    // submit the 2026 evaluation with the rest marked missing, so the province can read it
    const sub = must(
      await coordinator.post(`/api/v1/kla/evaluations/${evalId}/submit`, {
        version: next.version,
        markMissing: true,
      }),
      200,
      'submit',
    );
    expect(sub.status).toBe('submitted');
    const secrets = [
      abhCase.id,
      abhCase.number,
      abhCase.victimId,
      abhCase.perpetratorId,
      abhCase.incidentId,
      abhCase.victim.name,
      abhCase.perpetrator.name,
      abhCase.victim.nik,
      abhCase.perpetrator.nik,
      lebak.village,
      lebak.district,
    ].filter((x): x is string => typeof x === 'string' && x.length > 3);
    const dto = must(await province.get(`/api/v1/kla/evaluations/${evalId}`), 200, 'province read');
    const text = JSON.stringify(dto);
    for (const s of secrets) expect.soft(text.includes(s), `DTO holds ${s}`).toBe(false);
    const parts = answerOf(dto, 23).autoCalc.parts as J[];
    for (const p of parts) expect(Object.keys(p).sort()).toEqual(['label', 'n']);
    const z = await bytesOf(province, `/api/v1/kla/evaluations/${evalId}/export.zip`);
    expect(z.status).toBe(200);
    const files = unzipSync(z.bytes);
    for (const [name, bytes] of Object.entries(files)) {
      if (name.includes('/bukti/')) continue;
      const t = new TextDecoder().decode(bytes);
      for (const s of secrets) expect.soft(t.includes(s), `${name} holds ${s}`).toBe(false);
    }
    const pdf = await bytesOf(province, `/api/v1/kla/evaluations/${evalId}/summary.pdf`);
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode(pdf.bytes.slice(0, 5))).toBe('%PDF-');
    // the PDF's text streams (deflated) hold none of it either
    const raw = Buffer.from(pdf.bytes);
    let plain = raw.toString('latin1');
    for (const m of plain.matchAll(/stream\r?\n/g)) {
      const start = m.index! + m[0].length;
      const end = plain.indexOf('endstream', start);
      try {
        plain += inflateSync(raw.subarray(start, end)).toString('latin1');
      } catch {
        // not deflated (images, fonts)
      }
    }
    for (const s of secrets) expect.soft(plain.includes(s), `PDF holds ${s}`).toBe(false);
  });

  // ---- the contract ----------------------------------------------------------------------------

  it('documents every /kla operation with an id, a body and answer schemas; unknown methods are 405', async () => {
    const doc = (await (await h.app.request('/api/v1/openapi.json')).json()) as J;
    let n = 0;
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, J>>)) {
      if (!p.startsWith('/api/v1/kla')) continue;
      for (const [m, op] of Object.entries(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(m)) continue;
        n++;
        expect.soft(op.operationId, `${m} ${p}`).toBeTruthy();
        expect.soft(op.summary, `${m} ${p}`).toBeTruthy();
        if (['post', 'put', 'patch'].includes(m)) expect.soft(op.requestBody, `${m} ${p}`).toBeTruthy();
        const ok = Object.entries(op.responses as Record<string, J>).filter(([c]) => c.startsWith('2'));
        expect.soft(ok.length, `${m} ${p}`).toBeGreaterThan(0);
        for (const [code, r] of ok)
          if (code !== '204')
            for (const [mt, v] of Object.entries((r.content ?? {}) as Record<string, J>))
              expect.soft(v.schema, `${m} ${p} ${code} ${mt}`).toBeTruthy();
      }
    }
    expect(n).toBe(20);
    for (const [method, path] of [
      ['DELETE', `/api/v1/kla/evaluations/${evalId}`],
      ['PATCH', `/api/v1/kla/answers/${serangEval.id}`],
      ['PUT', '/api/v1/kla/evaluations'],
      ['DELETE', '/api/v1/kla/sets/2026'],
      ['GET', `/api/v1/kla/evaluations/${evalId}/submit`],
      ['PUT', `/api/v1/kla/answers/${serangEval.id}/files`],
    ] as const) {
      const r = await coordinator.req(method, path, method === 'DELETE' || method === 'GET' ? undefined : {});
      expect.soft([r.status, r.body?.error?.code], `${method} ${path}`).toEqual([405, 'METHOD_NOT_ALLOWED']);
      expect.soft(r.headers.get('allow'), `${method} ${path}`).toBeTruthy();
    }
  });
});
