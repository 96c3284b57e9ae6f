/**
 * Attacks from outside on issue 12 (prevention, meetings and follow-ups, the RAD, regulations,
 * agreements, posters) on the demo data of Lebak, Kota Serang and the province of Banten. Each
 * test says what a client sends and what it must get back. Of the training module (finished last)
 * only the public certificate check and another region's event ids are attacked here.
 *
 * The four defects this attack found are fixed; their tests (at the end, "was DEFECT n") keep
 * them fixed: a RAD activity switched to percent over a quarter above 100; poster views inflated
 * by one address; upload forms whose text fields were undocumented and unchecked; the RAD plan and
 * campaign lists taking unknown query parameters and the poster list's total past the last page.
 */

import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFollowupReminders } from '../../src/app/meetings/followup-reminders.ts';
import { countPosterUse } from '../../src/app/posters/count-poster-use.ts';
import type { RouteDef } from '../../src/domain/contract/define.ts';
import { contract } from '../../src/domain/contract/index.ts';
import { pngBytes } from '../helpers/files.ts';
import {
  type Client,
  createHarness,
  ENGINES,
  type Harness,
  openFullCase,
  type Res,
} from '../helpers/harness.ts';
import { pdfText } from '../helpers/pdf-text.ts';

const ROUTES = contract as unknown as Record<string, RouteDef>;
const PREFIXES = [
  '/prevention',
  '/meetings',
  '/followups',
  '/rad',
  '/regulations',
  '/posters',
  '/agreements',
];
const MODULE_KEYS = Object.keys(ROUTES).filter((k) => PREFIXES.some((p) => k.split(' ')[1]!.startsWith(p)));
const ID_KEYS = MODULE_KEYS.filter((k) => k.includes('{'));
const PDF = new TextEncoder().encode('%PDF-1.4\n%%EOF\n');

// biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field
type Any = any;

const must = (r: Res, status: number, what: string) => {
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};
const upload = (
  c: Client,
  path: string,
  extra: Record<string, string>,
  name = 'x.png',
  bytes: Uint8Array = pngBytes(),
  type = 'image/png',
) => {
  const fd = new FormData();
  for (const [k, v] of Object.entries(extra)) fd.append(k, v);
  fd.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type }), name);
  return c.req('POST', path, fd);
};
const tally = (rs: Res[]) => {
  const t: Record<string, number> = {};
  for (const r of rs) {
    const k = `${r.status}${r.body?.error?.code ? ` ${r.body.error.code}` : ''}`;
    t[k] = (t[k] ?? 0) + 1;
  }
  return t;
};

/** Serang's records, read and made by Serang's own staff. */
type Serang = {
  campaign: Any;
  activity: Any;
  actFile: Any;
  meeting: Any;
  meetingFile: Any;
  followup: Any;
  fuFile: Any;
  plan: Any;
  radAct: Any;
  progressFile: Any;
  regulation: Any;
  poster: Any;
  agreement: Any;
};

describe.each(ENGINES)('attacks on issue 12 (coordination) on %s', (engine) => {
  let h: Harness;
  const c: Record<string, Client> = {};
  let S: Serang;
  let sm: Client; // Serang's case manager
  let sAdmin: Client; // Serang's admin-dinas (agreements)

  beforeAll(async () => {
    h = await createHarness(engine);
    for (const e of [
      'manajer@lebak.demo',
      'mitra@lebak.demo',
      'rsud@lebak.demo',
      'pimpinan@lebak.demo',
      'admin-dinas@lebak.demo',
      'auditor@lebak.demo',
      'data@lebak.demo',
      'pendamping@lebak.demo',
      'pengaduan@lebak.demo',
      'manajer@serang.demo',
      'admin-dinas@serang.demo',
      'mitra@serang.demo',
      'manajer@banten.demo',
      'pimpinan@banten.demo',
    ])
      c[e] = await h.as(e);
    sm = c['manajer@serang.demo']!;
    sAdmin = c['admin-dinas@serang.demo']!;
    const acts = must(await sm.get('/api/v1/prevention/activities'), 200, 'activities').items;
    const activity = acts.find((x: Any) => x.status === 'direncanakan') ?? acts[0];
    const meetings = must(await sm.get('/api/v1/meetings'), 200, 'meetings').items;
    const mt = meetings.find((x: Any) => x.kind === 'case_conference') ?? meetings[0];
    // the demo's meetings are held with final minutes, which lock attendance and decisions
    // (409 MINUTES_FINAL); the attacks here are on scope and input, so reopen this one
    await h.svc.conn.db
      .updateTable('meeting')
      .set({ status: 'berlangsung', minutes_final_at: null })
      .where('id', '=', mt.id)
      .execute();
    const followup = must(await sm.get('/api/v1/followups'), 200, 'followups').items[0];
    const planId = must(await sm.get('/api/v1/rad/plans'), 200, 'plans').items[0].id;
    const plan = must(await sm.get(`/api/v1/rad/plans/${planId}`), 200, 'plan');
    const radAct = must(
      await sm.get(`/api/v1/rad/activities/${plan.pillars[0].programmes[0].activities[0].id}`),
      200,
      'rad activity',
    );
    S = {
      campaign: must(await sm.get('/api/v1/prevention/campaigns'), 200, 'campaigns').items[0],
      activity,
      actFile: must(
        await upload(sm, `/api/v1/prevention/activities/${activity.id}/files`, { purpose: 'materi' }),
        201,
        'activity file',
      ),
      meeting: must(await sm.get(`/api/v1/meetings/${mt.id}`), 200, 'meeting'),
      meetingFile: must(await upload(sm, `/api/v1/meetings/${mt.id}/files`, {}), 201, 'meeting file'),
      followup,
      fuFile: must(await upload(sm, `/api/v1/followups/${followup.id}/files`, {}), 201, 'followup file'),
      plan,
      radAct,
      progressFile: must(
        await upload(sm, `/api/v1/rad/progress/${radAct.progress[0].id}/files`, {}),
        201,
        'progress file',
      ),
      regulation: must(await sm.get('/api/v1/regulations'), 200, 'regulations').items[0],
      poster: must(await sm.get('/api/v1/posters/codes'), 200, 'posters').items[0],
      agreement: must(await sAdmin.get('/api/v1/agreements'), 200, 'agreements').items[0],
    };
    // a regulation's file and an agreement's document, so that their downloads are real
    const fd = new FormData();
    fd.append('file', new Blob([PDF as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), 'perwal.pdf');
    S.regulation = must(
      await sm.req('POST', `/api/v1/regulations/${S.regulation.id}/file`, fd),
      200,
      'reg file',
    );
    must(
      await sAdmin.req(
        'PUT',
        `/api/v1/agreements/${S.agreement.id}/document?version=${S.agreement.version}`,
        '%PDF-1.4\n%%EOF\n',
        { 'content-type': 'application/pdf' },
      ),
      200,
      'agreement document',
    );
    S.agreement = must(await sAdmin.get(`/api/v1/agreements/${S.agreement.id}`), 200, 'agreement');
  });
  afterAll(async () => h?.close());

  /** Path parameters of Serang's records for a key of the contract (`real`), or random ones. */
  const pathOf = (key: string, real: boolean) => {
    const tpl = key.split(' ')[1]!;
    const res = tpl.slice(1).replace(/\/\{.*$/, '');
    const ra = S.radAct;
    const ids: Record<string, Record<string, string>> = {
      'prevention/campaigns': { id: S.campaign.id },
      'prevention/activities': { id: S.activity.id, fileId: S.actFile.id },
      meetings: { id: S.meeting.id, decisionId: S.meeting.decisions[0].id, fileId: S.meetingFile.id },
      followups: { id: S.followup.id, fileId: S.fuFile.id },
      'rad/plans': { id: S.plan.id },
      'rad/pillars': { id: S.plan.pillars[0].id },
      'rad/programmes': { id: S.plan.pillars[0].programmes[0].id },
      'rad/activities': { id: ra.id, linkId: ra.links?.[0]?.id ?? randomUUID(), year: '2026', quarter: '4' },
      'rad/progress': { id: ra.progress[0].id, fileId: S.progressFile.id },
      regulations: { id: S.regulation.id },
      'posters/codes': { id: S.poster.id },
      agreements: { id: S.agreement.id },
    };
    return `/api/v1${tpl.replace(/\{(\w+)\}/g, (_, n: string) => {
      if (n === 'year' || n === 'quarter') return ids[res]![n]!;
      if (n === 'caseId') return randomUUID();
      const v = ids[res]?.[n];
      if (!v) throw new Error(`${key}: no {${n}}`);
      return real ? v : randomUUID();
    })}`;
  };

  /** Bodies that pass validation (versions of Serang's records). */
  const bodyOf = (key: string): unknown => {
    const pol = S.followup.ownerOrgId;
    const radBody = {
      title: 'K',
      responsibleOrgId: pol,
      indicator: 'I',
      unit: 'jumlah',
      targets: [{ year: 2026, target: 10, budget: 1, budgetSource: 'apbd' }],
    };
    const bodies: Record<string, unknown> = {
      'PATCH /prevention/campaigns/{id}': { version: S.campaign.version, name: 'Dari luar' },
      'PATCH /prevention/activities/{id}': { version: S.activity.version, title: 'Dari luar' },
      'POST /prevention/activities/{id}/status': {
        version: S.activity.version,
        to: 'dibatalkan',
        reason: 'x',
      },
      'POST /prevention/activities/{id}/review': {
        version: S.activity.version,
        decision: 'dikembalikan',
        note: 'x',
      },
      'PATCH /meetings/{id}': { version: S.meeting.version, title: 'Dari luar' },
      'POST /meetings/{id}/status': { version: S.meeting.version, status: 'berlangsung' },
      'PUT /meetings/{id}/participants': { version: S.meeting.version, participants: [] },
      'POST /meetings/{id}/decisions': { body: 'Keputusan dari luar' },
      'PATCH /meetings/{id}/decisions/{decisionId}': { version: 1, body: 'Dari luar' },
      'POST /meetings/{id}/decisions/{decisionId}/followups': {
        action: 'TL',
        ownerOrgId: pol,
        dueOn: '2099-01-01',
      },
      'PUT /meetings/{id}/cases/{caseId}': { discussion: 'Dari luar' },
      'PATCH /followups/{id}': { version: S.followup.version, dueOn: '2099-01-02' },
      'POST /followups/{id}/progress': { version: S.followup.version, note: 'Dari luar' },
      'PATCH /agreements/{id}': { version: S.agreement.version, subject: 'Dari luar' },
      'PUT /agreements/{id}/parties': {
        version: S.agreement.version,
        partyOrgs: [{ orgId: pol, role: 'pihak_kedua' }],
      },
      'PATCH /regulations/{id}': { version: S.regulation.version, title: 'Dari luar' },
      'PATCH /posters/codes/{id}': { version: S.poster.version, label: 'Dari luar' },
      'PATCH /rad/plans/{id}': { version: 1, title: 'RAD', startYear: 2026, endYear: 2030 },
      'POST /rad/plans/{id}/pillars': { title: 'Pilar' },
      'PATCH /rad/pillars/{id}': { version: 1, title: 'Pilar' },
      'POST /rad/pillars/{id}/programmes': { title: 'Program' },
      'PATCH /rad/programmes/{id}': { version: 1, title: 'Program' },
      'POST /rad/programmes/{id}/activities': radBody,
      'PATCH /rad/activities/{id}': { ...radBody, version: 1 },
      'POST /rad/activities/{id}/links': { kind: 'prevention_activity', targetId: S.activity.id },
      'PUT /rad/activities/{id}/progress/{year}/{quarter}': { version: 1, realised: 1, status: 'berjalan' },
    };
    return bodies[key];
  };

  const send = (cl: Client, key: string, real: boolean) => {
    const [method] = key.split(' ') as [string];
    const path = pathOf(key, real);
    const route = ROUTES[key]!;
    if (route.upload === 'multipart') return upload(cl, path, { purpose: 'materi' });
    if (route.upload === 'raw')
      return cl.req(method, path, '%PDF-1.4\n%%EOF\n', { 'content-type': 'application/pdf' });
    if (key.startsWith('DELETE') && !key.includes('{fileId}') && !key.includes('{linkId}'))
      return cl.req(method, `${path}?version=1`);
    return cl.req(method, path, method === 'GET' || method === 'DELETE' ? undefined : bodyOf(key));
  };

  it("answers another kab/kota's ids exactly as ids that do not exist, for every Lebak role", async () => {
    const lebak = Object.keys(c).filter((e) => e.endsWith('@lebak.demo'));
    const seen: string[] = [];
    for (const who of lebak)
      for (const key of ID_KEYS) {
        const a = await send(c[who]!, key, true);
        const b = await send(c[who]!, key, false);
        seen.push(`${who} ${key} ${a.status}/${b.status}`);
        expect
          .soft([a.status, a.body?.error?.code], `${who} ${key}`)
          .toEqual([b.status, b.body?.error?.code]);
        expect.soft(a.status, `${who} ${key}`).toBeGreaterThanOrEqual(400);
        // 403 only where the role lacks the capability altogether (then a made-up id gets 403 too)
        if (a.status === 403) expect.soft(b.status, `${who} ${key}`).toBe(403);
        const text = JSON.stringify(a.body ?? '');
        expect.soft(text, `${who} ${key}`).not.toContain(S.meeting.title);
        expect.soft(text, `${who} ${key}`).not.toContain(S.plan.title);
      }
    expect(seen.length).toBe(lebak.length * ID_KEYS.length);
  });

  it("lets the province read its kab/kota's records but change none of them", async () => {
    for (const who of ['manajer@banten.demo', 'pimpinan@banten.demo']) {
      const cl = c[who]!;
      for (const key of ID_KEYS) {
        const r = await send(cl, key, true);
        if (key.startsWith('GET ')) {
          // the link options (a form's choices) and the poster PDF are for the kab/kota's own staff
          if (key === 'GET /rad/activities/{id}/link-options' || key === 'GET /posters/codes/{id}/poster.pdf')
            expect.soft(r.status, `${who} ${key}`).toBe(403);
          else expect.soft(r.status, `${who} ${key}`).toBe(200);
        } else expect.soft([403, 400], `${who} ${key} ${r.status}`).toContain(r.status);
      }
    }
    // nothing of Serang's changed
    const m = must(await sm.get(`/api/v1/meetings/${S.meeting.id}`), 200, 'meeting');
    expect(m.version).toBe(S.meeting.version);
    const ag = must(await sAdmin.get(`/api/v1/agreements/${S.agreement.id}`), 200, 'agreement');
    expect(ag.version).toBe(S.agreement.version);
  });

  it('shows a partner only what it organises, takes part in or owns, and lets it change only its own', async () => {
    const m = c['manajer@lebak.demo']!;
    const all = async (cl: Client, p: string) => (await cl.get(`/api/v1${p}`)).body?.items ?? [];
    const pol = c['mitra@lebak.demo']!;
    const rsud = c['rsud@lebak.demo']!;
    for (const [p, det] of [
      ['/prevention/activities', '/prevention/activities/'],
      ['/meetings', '/meetings/'],
      ['/followups', '/followups/'],
    ] as const)
      for (const cl of [pol, rsud]) {
        const mine = new Set((await all(cl, p)).map((x: Any) => x.id));
        for (const x of await all(m, p)) {
          const r = await cl.get(`/api/v1${det}${x.id}`);
          // a record is either in the partner's list and readable, or in neither (404)
          expect.soft(r.status, `${p} ${x.id}`).toBe(mine.has(x.id) ? 200 : 404);
        }
      }
    // follow-ups: only the owner organisation's staff report progress; nobody else learns it exists
    for (const f of await all(m, '/followups')) {
      for (const [org, cl] of [
        ['Unit PPA Polres Lebak', pol],
        ['RSUD Lebak (demo)', rsud],
      ] as const) {
        const r = await cl.post(`/api/v1/followups/${f.id}/progress`, { version: 999, note: 'x' });
        if (f.ownerOrgName === org) expect.soft(r.status).toBe(409);
        else expect.soft([r.status, f.ownerOrgName, org]).toEqual([404, f.ownerOrgName, org]);
        // the owner may report, not reassign or move the due date
        const p = await cl.patch(`/api/v1/followups/${f.id}`, { version: f.version, dueOn: '2099-01-01' });
        expect.soft(p.status).toBe(f.ownerOrgName === org ? 403 : 404);
      }
    }
    // RAD progress: only the responsible organisation (or the Dinas)
    const planId = (await all(m, '/rad/plans'))[0].id;
    const plan = must(await m.get(`/api/v1/rad/plans/${planId}`), 200, 'plan');
    for (const pi of plan.pillars)
      for (const pr of pi.programmes)
        for (const a of pr.activities)
          for (const [org, cl] of [
            ['Unit PPA Polres Lebak', pol],
            ['RSUD Lebak (demo)', rsud],
          ] as const) {
            const r = await cl.req('PUT', `/api/v1/rad/activities/${a.id}/progress/2026/1`, {
              version: 999,
              realised: 1,
              status: 'berjalan',
            });
            const part = a.partnerOrgs.some((o: Any) => o.name === org);
            if (a.responsibleOrg.name === org) expect.soft(r.status).toBe(409);
            else expect.soft(r.status, `${a.title} by ${org}`).toBe(part ? 403 : 404);
          }
    // an activity the partner only takes part in: readable, not changeable, no uploads
    for (const a of await all(m, '/prevention/activities')) {
      const partOf = a.partners.some((p: Any) => p.name === 'Unit PPA Polres Lebak');
      const organises = a.organiser.name === 'Unit PPA Polres Lebak';
      if (organises) continue;
      const r = await pol.patch(`/api/v1/prevention/activities/${a.id}`, { version: a.version, title: 'x' });
      const f = await upload(pol, `/api/v1/prevention/activities/${a.id}/files`, { purpose: 'foto' });
      expect.soft([r.status, f.status]).toEqual(partOf ? [403, 403] : [404, 404]);
    }
    // the auditor and the data officer have no coordination capability: 403 on lists and made-up ids alike
    for (const who of ['auditor@lebak.demo', 'data@lebak.demo'])
      for (const p of ['/prevention/activities', '/meetings', '/followups', '/rad/plans', '/regulations'])
        expect.soft((await c[who]!.get(`/api/v1${p}`)).status, `${who} ${p}`).toBe(403);
  });

  it('refuses empty, broken, huge, NUL-carrying, mistyped and badly encoded bodies with a stable 4xx', async () => {
    const keys = MODULE_KEYS.filter(
      (k) => !k.startsWith('GET') && !k.startsWith('DELETE') && !ROUTES[k]!.upload,
    );
    const big = 'x'.repeat(1_000_000);
    const json = { 'content-type': 'application/json' };
    const payloads: Array<[string, string, Record<string, string>]> = [
      ['empty', '', json],
      ['null', 'null', json],
      ['array', '[]', json],
      ['string', '"x"', json],
      ['broken', '{"a":', json],
      ['huge', JSON.stringify({ version: 1, title: big, name: big, body: big, note: big, label: big }), json],
      [
        'bigarray',
        JSON.stringify({
          version: 1,
          participants: Array.from({ length: 10_000 }, () => ({ name: 'a' })),
          targetDesa: Array.from({ length: 10_000 }, () => '36.73'),
          agenda: Array.from({ length: 10_000 }, () => 'a'),
        }),
        json,
      ],
      [
        'nul',
        JSON.stringify({
          version: 1,
          title: 'a\u0000b',
          name: 'a\u0000b',
          body: 'a\u0000b',
          note: 'a\u0000b',
        }),
        json,
      ],
      [
        'types',
        JSON.stringify({ version: '1', title: 5, name: [], body: {}, note: true, startYear: '2026' }),
        json,
      ],
      ['proto', '{"__proto__":{"x":1},"constructor":{"prototype":{"y":1}},"version":1}', json],
      ['text', 'title=x', { 'content-type': 'text/plain' }],
    ];
    for (const k of keys) {
      const [method] = k.split(' ') as [string];
      const path = pathOf(k, true);
      for (const [name, body, hdr] of payloads) {
        const r = await sm.req(method, path, body, hdr);
        expect.soft(r.status >= 400 && r.status < 500, `${k} ${name} ${r.status}`).toBe(true);
        expect.soft(typeof r.body?.error?.code, `${k} ${name}`).toBe('string');
        if (name === 'nul' || name === 'types')
          expect.soft(r.body?.error?.fieldCodes, `${k} ${name}`).toBeTruthy();
        if (name === 'huge') expect.soft(r.status, k).toBe(413);
      }
      const bad = new Uint8Array([0x7b, 0x22, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]);
      const r = await h.app.request(path, {
        method,
        headers: { cookie: sm.cookie!, 'x-requested-with': 'simpul', 'content-type': 'application/json' },
        body: bad,
      });
      expect.soft(r.status, `${k} invalid UTF-8`).toBe(400);
    }
    // nothing of it was saved
    expect(must(await sm.get(`/api/v1/meetings/${S.meeting.id}`), 200, 'meeting').version).toBe(
      S.meeting.version,
    );
    expect(must(await sm.get(`/api/v1/regulations/${S.regulation.id}`), 200, 'reg').version).toBe(
      S.regulation.version,
    );
  });

  it("refuses another kab/kota's organisations, people, desa, campaigns and meetings named in a body", async () => {
    const lm = c['manajer@lebak.demo']!;
    const lopt = must(await lm.get('/api/v1/prevention/options'), 200, 'options');
    const lOrg = lopt.organisations.find((o: Any) => o.type !== 'dinas_pppa').id;
    const lUser = lopt.users[0].id;
    const lAct = (await lm.get('/api/v1/prevention/activities')).body.items[0];
    const lMeeting = (await lm.get('/api/v1/meetings')).body.items[0].id;
    const lDecision = (await lm.get(`/api/v1/meetings/${lMeeting}`)).body.decisions[0].id;
    const sOrg = S.followup.ownerOrgId;
    const sDesa = S.activity.place.code;
    const act = {
      title: 'Sosialisasi',
      kind: 'sosialisasi',
      field: 'keluarga',
      setting: 'balai_desa',
      targetGroups: ['anak'],
      startsAt: '2026-12-20T09:00',
      endsAt: '2026-12-20T12:00',
      regionCode: sDesa,
    };
    const camp = { name: 'K', startsOn: '2026-01-01', endsOn: '2026-12-31' };
    const fuPath = `/meetings/${S.meeting.id}/decisions/${S.meeting.decisions[0].id}/followups`;
    const radPath = `/rad/programmes/${S.plan.pillars[0].programmes[0].id}/activities`;
    const tries: Array<[Client, string, string, unknown, Record<string, string>]> = [
      [
        sm,
        'POST',
        '/prevention/activities',
        { ...act, campaignId: lopt.campaigns[0].id },
        { campaignId: 'unknown_campaign' },
      ],
      [
        sm,
        'POST',
        '/prevention/activities',
        { ...act, partnerOrgIds: [lOrg] },
        { 'partnerOrgIds.0': 'unknown_organisation' },
      ],
      [
        sm,
        'POST',
        '/prevention/activities',
        { ...act, facilitators: [{ userId: lUser }] },
        { 'facilitators.0.userId': 'unknown_user' },
      ],
      [
        sm,
        'POST',
        '/prevention/activities',
        { ...act, regionCode: lAct.place.code },
        { regionCode: 'out_of_jurisdiction' },
      ],
      [
        sm,
        'POST',
        '/prevention/activities',
        { ...act, organiserOrgId: lOrg },
        { organiserOrgId: 'unknown_organisation' },
      ],
      [
        sm,
        'POST',
        '/prevention/campaigns',
        { ...camp, targetDesa: [lAct.place.code] },
        { 'targetDesa.0': 'out_of_jurisdiction' },
      ],
      [
        sm,
        'POST',
        '/prevention/campaigns',
        { ...camp, targetDesa: ['36.73'] },
        { 'targetDesa.0': 'not_a_desa' },
      ],
      [
        sm,
        'POST',
        '/prevention/campaigns',
        { ...camp, startsOn: '2026-12-31', endsOn: '2026-01-01' },
        { endsOn: 'ends_before_start' },
      ],
      [
        sm,
        'POST',
        '/prevention/campaigns',
        { ...camp, startsOn: '2026-02-30' },
        { startsOn: 'invalid_date' },
      ],
      [
        sm,
        'POST',
        '/meetings',
        {
          kind: 'rakor_lintas_sektor',
          title: 'R',
          date: '2026-12-05',
          startTime: '09:00',
          place: 'A',
          invitedOrgIds: [lOrg],
        },
        { invitedOrgIds: 'unknown_organisation' },
      ],
      [
        sm,
        'POST',
        fuPath,
        { action: 'x', ownerOrgId: lOrg, dueOn: '2027-01-01' },
        { ownerOrgId: 'unknown_organisation' },
      ],
      [
        sm,
        'POST',
        fuPath,
        { action: 'x', ownerOrgId: sOrg, ownerUserId: lUser, dueOn: '2027-01-01' },
        { ownerUserId: 'unknown_user' },
      ],
      [sm, 'POST', fuPath, { action: 'x', ownerOrgId: sOrg, dueOn: '2026-02-30' }, { dueOn: 'invalid_date' }],
      [
        sm,
        'POST',
        fuPath,
        { action: 'x', ownerOrgId: sOrg, dueOn: '1900-01-01' },
        { dueOn: 'due_before_meeting' },
      ],
      [
        sm,
        'POST',
        radPath,
        { title: 'K', responsibleOrgId: lOrg, indicator: 'I', unit: 'jumlah' },
        { responsibleOrgId: 'rad_org_unknown' },
      ],
      [
        sm,
        'POST',
        `/rad/activities/${S.radAct.id}/links`,
        { kind: 'prevention_activity', targetId: lAct.id },
        { targetId: 'rad_link_unknown' },
      ],
      [
        sm,
        'POST',
        `/rad/activities/${S.radAct.id}/links`,
        { kind: 'meeting_decision', targetId: lDecision },
        { targetId: 'rad_link_unknown' },
      ],
      [
        sm,
        'POST',
        '/posters/codes',
        { label: 'Poster X', desaCode: lAct.place.code },
        { desaCode: 'out_of_jurisdiction' },
      ],
      [
        sm,
        'PUT',
        `/meetings/${S.meeting.id}/participants`,
        { version: S.meeting.version, participants: [{ userId: lUser, attended: true }] },
        { participants: 'unknown_user' },
      ],
      [
        sAdmin,
        'POST',
        '/agreements',
        {
          orgId: lOrg,
          kind: 'pks',
          number: 'f/1',
          subject: 'S',
          startsOn: '2026-01-01',
          endsOn: '2027-01-01',
        },
        { orgId: 'unknown_organisation' },
      ],
      [
        sAdmin,
        'POST',
        '/agreements',
        {
          orgId: sOrg,
          kind: 'pks',
          number: 'f/3',
          subject: 'S',
          startsOn: '2026-01-01',
          endsOn: '2027-01-01',
          meetingId: lMeeting,
        },
        { meetingId: 'unknown_meeting' },
      ],
    ];
    for (const [cl, method, path, body, codes] of tries) {
      const r = await cl.req(method, `/api/v1${path}`, body);
      expect.soft([r.status, r.body?.error?.fieldCodes], `${method} ${path}`).toEqual([400, codes]);
    }
  });

  it('keeps RAD figures sane: quarters, years, negative and absurd values, percentages, targets of 0', async () => {
    const prog = S.plan.pillars[0].programmes[0].id;
    const pol = S.followup.ownerOrgId;
    const a = must(
      await sm.post(`/api/v1/rad/programmes/${prog}/activities`, {
        title: 'Target nol',
        responsibleOrgId: pol,
        indicator: 'I',
        unit: 'jumlah',
        targets: [{ year: 2026, target: 0, budget: 0, budgetSource: 'apbd' }],
      }),
      201,
      'activity',
    );
    const put = (y: string, q: string, body: unknown) =>
      sm.req('PUT', `/api/v1/rad/activities/${a.id}/progress/${y}/${q}`, body);
    const ok = { version: 0, realised: 1, status: 'berjalan' };
    const cases: Array<[Res, Record<string, string>]> = [
      [await put('2026', '5', ok), { quarter: 'invalid_quarter' }],
      [await put('2031', '1', ok), { year: 'year_outside_plan' }],
      [await put('2028', '4', ok), { quarter: 'quarter_not_begun' }],
      [
        await put('2026', '3', { ...ok, realised: -1, budgetUsed: -5 }),
        { realised: 'negative', budgetUsed: 'negative' },
      ],
      [await put('2026', '2', { ...ok, status: 'entah' }), { status: 'invalid_value' }],
    ];
    for (const [r, codes] of cases) expect.soft([r.status, r.body?.error?.fieldCodes]).toEqual([400, codes]);
    // a target of 0 (a denominator of 0) gives a finite standing
    const r = must(await put('2026', '4', { ...ok, realised: 5, budgetUsed: 1000 }), 200, 'progress');
    expect(Number.isFinite(r.standing.achievement)).toBe(true);
    const plan = must(await sm.get(`/api/v1/rad/plans/${S.plan.id}`), 200, 'plan');
    expect(JSON.stringify(plan)).not.toMatch(/NaN|Infinity/);
    for (const [over, codes] of [
      [{ unit: 'persen', baseline: 101 }, { baseline: 'percent_over_max' }],
      [
        { unit: 'persen', targets: [{ year: 2026, target: 101, budget: 1, budgetSource: 'apbd' }] },
        { 'targets.0.target': 'percent_over_max' },
      ],
      [
        { targets: [{ year: 2026, target: 1, budget: -1, budgetSource: 'apbd' }] },
        { 'targets.0.budget': 'negative' },
      ],
      [
        { targets: [{ year: 2026, target: 1, budget: 1, budgetSource: 'hibah' }] },
        { 'targets.0.budgetSource': 'invalid_value' },
      ],
      [
        {
          targets: Array.from({ length: 10_000 }, (_, i) => ({
            year: 2026 + (i % 5),
            target: 1,
            budget: 1,
            budgetSource: 'apbd',
          })),
        },
        { targets: 'too_many' },
      ],
    ] as const) {
      const x = await sm.post(`/api/v1/rad/programmes/${prog}/activities`, {
        title: 'K',
        responsibleOrgId: pol,
        indicator: 'I',
        unit: 'jumlah',
        ...over,
      });
      expect.soft([x.status, x.body?.error?.fieldCodes]).toEqual([400, codes]);
    }
  });

  it('creates one record from 100 copies with the same Idempotency-Key, and lets one of 100 same-version changes win', async () => {
    const pol = S.followup.ownerOrgId;
    const creates: Array<[Client, string, unknown, string]> = [
      [
        sm,
        '/prevention/campaigns',
        { name: 'Kampanye serbu', startsOn: '2026-01-01', endsOn: '2026-12-31' },
        'prevention_campaign',
      ],
      [
        sm,
        '/meetings',
        {
          kind: 'rakor_lintas_sektor',
          title: 'Rakor serbu',
          date: '2026-12-05',
          startTime: '09:00',
          place: 'Aula',
          invitedOrgIds: [pol],
        },
        'meeting',
      ],
      [
        sm,
        `/meetings/${S.meeting.id}/decisions/${S.meeting.decisions[0].id}/followups`,
        { action: 'TL serbu', ownerOrgId: pol, dueOn: '2027-01-10' },
        '',
      ],
      [sm, '/rad/plans', { title: 'RAD serbu', startYear: 2026, endYear: 2030 }, 'rad_plan'],
      [
        sm,
        '/regulations',
        {
          kind: 'perbup',
          number: 'Perwal serbu',
          issuedOn: '2024-03-11',
          title: 'KLA',
          authority: 'Wali Kota',
        },
        'regulation',
      ],
      [sm, '/posters/codes', { label: 'Poster serbu' }, 'poster_code'],
      [
        sAdmin,
        '/agreements',
        {
          orgId: pol,
          kind: 'pks',
          number: 'serbu/1',
          subject: 'Serbu',
          startsOn: '2026-01-01',
          endsOn: '2027-01-01',
        },
        'agreement',
      ],
    ];
    for (const [cl, path, body] of creates) {
      const key = randomUUID();
      const rs = await Promise.all(
        Array.from({ length: 100 }, () => cl.post(`/api/v1${path}`, body, { 'Idempotency-Key': key })),
      );
      const ok = rs.filter((r) => r.status === 201);
      for (const r of rs) expect.soft([201, 409], `${path} ${JSON.stringify(tally(rs))}`).toContain(r.status);
      expect.soft(new Set(ok.map((r) => r.body.id)).size, path).toBe(1);
    }
    const updates: Array<[Client, string, string, (v: number, i: number) => unknown]> = [
      [sm, 'PATCH', `/prevention/campaigns/${S.campaign.id}`, (v, i) => ({ version: v, name: `C ${i}` })],
      [sm, 'PATCH', `/prevention/activities/${S.activity.id}`, (v, i) => ({ version: v, title: `A ${i}` })],
      [sm, 'PATCH', `/followups/${S.followup.id}`, (v, i) => ({ version: v, action: `F ${i}` })],
      [
        sm,
        'PATCH',
        `/rad/plans/${S.plan.id}`,
        (v, i) => ({ version: v, title: `R ${i}`, startYear: 2026, endYear: 2030 }),
      ],
      [sm, 'PATCH', `/regulations/${S.regulation.id}`, (v, i) => ({ version: v, title: `Reg ${i}` })],
      [sm, 'PATCH', `/posters/codes/${S.poster.id}`, (v, i) => ({ version: v, label: `Poster ${i}` })],
      [sAdmin, 'PATCH', `/agreements/${S.agreement.id}`, (v, i) => ({ version: v, subject: `Ag ${i}` })],
    ];
    for (const [cl, method, path, body] of updates) {
      const v = must(await cl.get(`/api/v1${path}`), 200, path).version as number;
      const rs = await Promise.all(
        Array.from({ length: 100 }, (_, i) => cl.req(method, `/api/v1${path}`, body(v, i))),
      );
      expect.soft(tally(rs), path).toEqual({ 200: 1, '409 VERSION_CONFLICT': 99 });
      expect.soft(must(await cl.get(`/api/v1${path}`), 200, path).version, path).toBe(v + 1);
    }
    // the follow-up's progress note: one of 100 with the same version
    const f = must(await sm.get(`/api/v1/followups/${S.followup.id}`), 200, 'followup');
    const rs = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        sm.post(`/api/v1/followups/${S.followup.id}/progress`, { version: f.version, note: `N ${i}` }),
      ),
    );
    expect(tally(rs)).toEqual({ 200: 1, '409 VERSION_CONFLICT': 99 });
  });

  it('saves nothing of a decision whose second follow-up is refused', async () => {
    const before = must(await sm.get(`/api/v1/meetings/${S.meeting.id}`), 200, 'meeting');
    const r = await sm.post(`/api/v1/meetings/${S.meeting.id}/decisions`, {
      body: 'Keputusan separuh',
      followups: [
        { action: 'Boleh', ownerOrgId: S.followup.ownerOrgId, dueOn: '2027-01-10' },
        { action: 'Tidak boleh', ownerOrgId: randomUUID(), dueOn: '2027-01-10' },
      ],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fieldCodes).toBeTruthy();
    const after = must(await sm.get(`/api/v1/meetings/${S.meeting.id}`), 200, 'meeting');
    expect(after.decisions.length).toBe(before.decisions.length);
    const rows = await h.svc.conn.db
      .selectFrom('meeting_decision')
      .select('id')
      .where('meeting_id', '=', S.meeting.id)
      .execute();
    expect(rows.length).toBe(before.decisions.length);
  });

  it('checks uploads by their bytes and size, cleans their names, and never serves a file through another record', async () => {
    const html = new TextEncoder().encode('<html><script>alert(1)</script></html>');
    const svg = new TextEncoder().encode(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const big = new Uint8Array(21 * 1024 * 1024);
    big.set(PDF);
    const targets = [
      `/prevention/activities/${S.activity.id}/files`,
      `/meetings/${S.meeting.id}/files`,
      `/followups/${S.followup.id}/files`,
      `/rad/progress/${S.radAct.progress[0].id}/files`,
    ];
    for (const t of targets) {
      const up = (name: string, bytes: Uint8Array, type: string) =>
        // only the activity's upload names a field (purpose); the others take the file alone
        upload(
          sm,
          `/api/v1${t}`,
          t.startsWith('/prevention') ? { purpose: 'materi' } : {},
          name,
          bytes,
          type,
        );
      expect.soft((await up('notulen.pdf', html, 'application/pdf')).status, t).toBe(415);
      expect.soft((await up('x.png', svg, 'image/png')).status, t).toBe(415);
      expect.soft((await up('big.pdf', big, 'application/pdf')).status, t).toBe(413);
      expect
        .soft((await up('e.pdf', new Uint8Array(0), 'application/pdf')).body?.error?.fieldCodes, t)
        .toEqual({
          file: 'required',
        });
      for (const name of [
        '../../../etc/passwd.pdf',
        '..\\..\\win.pdf',
        'laporan\u202Efdp.exe.pdf',
        `${'a'.repeat(5000)}.pdf`,
      ]) {
        const r = await up(name, PDF, 'application/pdf');
        expect.soft(r.status, `${t} ${name.slice(0, 20)}`).toBe(201);
        expect.soft(r.body.filename, t).not.toMatch(/[/\\\u202a-\u202e\u2066-\u2069]/);
        expect.soft(r.body.filename.length, t).toBeLessThanOrEqual(255);
      }
    }
    // a file id of one record through another record's path: 404
    const acts = (await sm.get('/api/v1/prevention/activities')).body.items;
    const other = acts.find((a: Any) => a.id !== S.activity.id);
    const meetings = (await sm.get('/api/v1/meetings')).body.items;
    const om = meetings.find((x: Any) => x.id !== S.meeting.id);
    const fus = (await sm.get('/api/v1/followups')).body.items;
    const of = fus.find((x: Any) => x.id !== S.followup.id);
    for (const p of [
      `/prevention/activities/${other.id}/files/${S.actFile.id}`,
      `/meetings/${S.meeting.id}/files/${S.fuFile.id}`,
      `/meetings/${om.id}/files/${S.meetingFile.id}`,
      `/followups/${S.followup.id}/files/${S.meetingFile.id}`,
      `/followups/${of.id}/files/${S.fuFile.id}`,
      `/rad/progress/${S.radAct.progress[0].id}/files/${S.actFile.id}`,
    ])
      expect.soft((await sm.get(`/api/v1${p}`)).status, p).toBe(404);
    expect(
      (await sm.req('DELETE', `/api/v1/prevention/activities/${other.id}/files/${S.actFile.id}`)).status,
    ).toBe(404);
    // downloads are attachments with no sniffing
    const dl = await h.app.request(`/api/v1/meetings/${S.meeting.id}/files/${S.meetingFile.id}`, {
      headers: { cookie: sm.cookie!, 'x-requested-with': 'simpul' },
    });
    expect(dl.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(dl.headers.get('x-content-type-options')).toBe('nosniff');
    // a regulation's file and an agreement's document: PDF by content, size capped
    const reg = (bytes: Uint8Array) => {
      const fd = new FormData();
      fd.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), 'r.pdf');
      return sm.req('POST', `/api/v1/regulations/${S.regulation.id}/file`, fd);
    };
    expect((await reg(html)).status).toBe(415);
    expect((await reg(big)).status).toBe(413);
    const ag = must(await sAdmin.get(`/api/v1/agreements/${S.agreement.id}`), 200, 'agreement');
    const doc = (body: string) =>
      sAdmin.req('PUT', `/api/v1/agreements/${S.agreement.id}/document?version=${ag.version}`, body, {
        'content-type': 'application/pdf',
      });
    expect((await doc('<html><script>alert(1)</script></html>')).body.error.code).toBe('DOCUMENT_NOT_PDF');
    expect((await doc(`%PDF-1.4\n${'x'.repeat(11 * 1024 * 1024)}`)).body.error.code).toBe(
      'DOCUMENT_TOO_LARGE',
    );
  });

  it('shows the case part of a case conference only to those who may read the case, and nowhere else', async () => {
    const m = c['manajer@lebak.demo']!;
    const SECRET = 'Rahasiakorban Ujiserangan';
    const kase = await openFullCase(m, { name: 'Korban Serangan Uji' });
    const rsudOrg = (await m.get('/api/v1/followups')).body.items.find((f: Any) =>
      f.ownerOrgName.startsWith('RSUD'),
    ).ownerOrgId;
    const mt = must(
      await m.post('/api/v1/meetings', {
        kind: 'case_conference',
        title: 'Case conference uji serangan',
        date: '2026-12-05',
        startTime: '09:00',
        endTime: '10:00',
        place: 'Aula',
        invitedOrgIds: [rsudOrg],
        agenda: ['Paparan'],
      }),
      201,
      'case conference',
    );
    const part = `/api/v1/meetings/${mt.id}/cases/${kase.id}`;
    must(await m.req('PUT', part, { discussion: `${SECRET} pertama` }), 200, 'case part');
    // a second write without the version, or with a stale one, is refused
    expect((await m.req('PUT', part, { discussion: `${SECRET} tanpa versi` })).status).toBe(409);
    must(await m.req('PUT', part, { discussion: `${SECRET} kedua`, version: 1 }), 200, 'v1');
    expect((await m.req('PUT', part, { discussion: `${SECRET} basi`, version: 1 })).status).toBe(409);
    // another region's case, or none: 404
    const sc = await openFullCase(sm, { name: 'Korban Serang' });
    expect((await m.req('PUT', `/api/v1/meetings/${mt.id}/cases/${sc.id}`, { discussion: 'x' })).status).toBe(
      404,
    );
    expect(
      (await m.req('PUT', `/api/v1/meetings/${mt.id}/cases/${randomUUID()}`, { discussion: 'x' })).status,
    ).toBe(404);
    for (const who of [
      'rsud@lebak.demo',
      'pendamping@lebak.demo',
      'pimpinan@lebak.demo',
      'admin-dinas@lebak.demo',
      'manajer@banten.demo',
      'manajer@lebak.demo',
    ]) {
      const cl = c[who]!;
      const reads = (await cl.get(`/api/v1/cases/${kase.id}`)).status === 200;
      const d = must(await cl.get(`/api/v1/meetings/${mt.id}`), 200, who);
      expect.soft(JSON.stringify(d), who).not.toContain('Rahasiakorban');
      expect.soft(d.caseParts, who).toEqual({ total: 1, hidden: reads ? 0 : 1 });
      const cs = must(await cl.get(`/api/v1/meetings/${mt.id}/cases`), 200, who);
      expect.soft(cs.items.length, who).toBe(reads ? 1 : 0);
      if (!reads) expect.soft(JSON.stringify(cs), who).not.toContain(kase.id);
      const pdf = await h.app.request(`/api/v1/meetings/${mt.id}/minutes.pdf`, {
        headers: { cookie: cl.cookie!, 'x-requested-with': 'simpul' },
      });
      expect.soft(pdf.status, who).toBe(200);
      const text = await pdfText(new Uint8Array(await pdf.arrayBuffer()));
      expect.soft(text, who).not.toContain('Rahasiakorban');
    }
    // the partner not invited: nothing at all
    expect((await c['mitra@lebak.demo']!.get(`/api/v1/meetings/${mt.id}/cases`)).status).toBe(404);
    // never in plain text in any table (audit, notifications, jobs...)
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(h.svc.conn.db);
    for (const t of tables.rows) {
      const q = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t.table_name)} x
        where x::text ilike ${'%Rahasiakorban%'}`.execute(h.svc.conn.db);
      expect.soft(q.rows[0]!.n, t.table_name).toBe(0);
    }
  });

  it('verifies a training certificate with its own text only, and answers another region’s training ids as unknown ones', async () => {
    const events = must(await sm.get('/api/v1/training/events'), 200, 'events').items;
    let found: { e: Any; p: Any } | null = null;
    for (const e of events) {
      const ps = must(await sm.get(`/api/v1/training/events/${e.id}/participants`), 200, 'participants');
      const p = (ps.items ?? ps).find((x: Any) => x.certificate);
      if (p) {
        found = { e, p };
        break;
      }
    }
    if (!found) throw new Error('no demo certificate in Serang');
    const { e, p } = found;
    const pdf = await h.app.request(`/api/v1/training/events/${e.id}/participants/${p.id}/certificate.pdf`, {
      headers: { cookie: sm.cookie!, 'x-requested-with': 'simpul' },
    });
    expect(pdf.status).toBe(200);
    const code = /[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/.exec(
      await pdfText(new Uint8Array(await pdf.arrayBuffer())),
    )?.[0];
    expect(code).toBeTruthy();
    const page = await h.app.request(`/verifikasi?kode=${code}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(p.name);
    // nothing beyond the certificate's own text: not the organisation, role, account or other participants
    for (const leak of [p.org?.name, p.userId, p.role ? `>${p.role}<` : undefined, e.id, p.id].filter(
      Boolean,
    ))
      expect.soft(html, String(leak)).not.toContain(leak);
    // another kab/kota's training ids: as unknown ones, for Lebak's staff and partners
    const keys = Object.keys(ROUTES).filter(
      (k) => k.includes('{') && k.split(' ')[1]!.startsWith('/training/events'),
    );
    for (const who of [
      'manajer@lebak.demo',
      'mitra@lebak.demo',
      'admin-dinas@lebak.demo',
      'pimpinan@lebak.demo',
    ])
      for (const k of keys) {
        const [method, tpl] = k.split(' ') as [string, string];
        const at = (real: boolean) =>
          `/api/v1${tpl.replace(/\{(\w+)\}/g, (_, n: string) =>
            !real || n === 'fileId' ? randomUUID() : n === 'pid' ? p.id : e.id,
          )}${method === 'DELETE' ? '?version=1' : ''}`;
        const body =
          method === 'GET' || method === 'DELETE' ? undefined : { version: 1, title: 'x', name: 'x' };
        const go = (real: boolean) =>
          ROUTES[k]!.upload ? upload(c[who]!, at(real), {}) : c[who]!.req(method, at(real), body);
        const [a, b] = [await go(true), await go(false)];
        expect.soft([a.status, a.body?.error?.code], `${who} ${k}`).toEqual([b.status, b.body?.error?.code]);
        expect.soft(a.status, `${who} ${k}`).toBeGreaterThanOrEqual(400);
      }
  });

  it('counts 100 reports from a poster exactly, keeps the code nowhere but its own table, and ignores bad codes', async () => {
    const code = S.poster.code as string;
    const totals = async () =>
      must(await sm.get(`/api/v1/posters/codes/${S.poster.id}`), 200, 'poster').totals;
    const t0 = await totals();
    const form = () =>
      new URLSearchParams({
        reporterType: 'orang_lain',
        victimSex: 'perempuan',
        victimAgeGroup: 'anak_13_17',
        forms: 'fisik',
        description: 'Anak tetangga sering dipukul (uji serangan poster).',
        prov: '36',
        kab: '36.73',
        occurredWhen: 'minggu_ini',
        dangerNow: 'tidak',
        contactMethod: 'tidak',
        submissionToken: randomBytes(16).toString('hex'),
        website: '',
        s: code,
      });
    const rs = await Promise.all(
      Array.from({ length: 100 }, () =>
        h.app.request('/lapor', {
          method: 'POST',
          body: form(),
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      ),
    );
    expect(rs.map((r) => r.status)).toEqual(Array(100).fill(303));
    expect((await totals()).reports).toBe(t0.reports + 100);
    const tables = await sql<{ table_name: string }>`select table_name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(h.svc.conn.db);
    const holders: string[] = [];
    for (const t of tables.rows) {
      const q = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(t.table_name)} x
        where x::text ilike ${`%${code}%`}`.execute(h.svc.conn.db);
      if (q.rows[0]!.n > 0) holders.push(t.table_name);
    }
    expect(holders).toEqual(['poster_code']);
    for (const s of [
      '',
      'x'.repeat(100_000),
      '%00',
      '../../',
      '<img src=x onerror=alert(1)>',
      `${code}&s=${code}`,
    ]) {
      const r = await h.app.request(`/lapor?s=${encodeURIComponent(s)}`);
      const text = await r.text();
      expect.soft(r.status, s.slice(0, 20)).toBe(200);
      expect.soft(text, s.slice(0, 20)).not.toContain('name="s"');
      expect.soft(text, s.slice(0, 20)).not.toContain('onerror=alert');
    }
    // the public check: garbage and huge codes are 404 without echoing markup; guessing is limited
    for (const k of [
      'ZZZZ-ZZZZ',
      'x'.repeat(100_000),
      '<script>alert(1)</script>',
      '\u202Eabc',
      '../../etc',
    ]) {
      const r = await h.app.request(`/verifikasi?kode=${encodeURIComponent(k)}`);
      expect.soft([404, 429], k.slice(0, 20)).toContain(r.status);
      expect.soft(await r.text(), k.slice(0, 20)).not.toContain('<script>alert');
    }
    const burst = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        h.app.request(`/verifikasi?kode=ABCD-${String(i).padStart(4, '0')}`),
      ),
    );
    expect(burst.filter((r) => r.status === 429).length).toBeGreaterThan(100);
  });

  it('sends a follow-up reminder once however many workers scan at once', async () => {
    const pol = S.followup.ownerOrgId;
    const due = '2026-12-10';
    const fu = must(
      await sm.post(`/api/v1/meetings/${S.meeting.id}/decisions/${S.meeting.decisions[0].id}/followups`, {
        action: 'Pengingat serbu',
        ownerOrgId: pol,
        dueOn: due,
      }),
      201,
      'followup',
    );
    const saved = h.now.value;
    try {
      for (const at of ['2026-12-07T03:00:00Z', '2026-12-11T03:00:00Z', '2026-12-18T03:00:00Z']) {
        h.now.value = new Date(at);
        await Promise.all(Array.from({ length: 30 }, () => scanFollowupReminders(h.svc)));
      }
    } finally {
      h.now.value = saved;
    }
    const rows = await h.svc.conn.db
      .selectFrom('notification')
      .select(['user_id', 'kind'])
      .where('link', '=', `/rapat/tindak-lanjut/${fu.id}`)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    const keys = rows.map((r) => `${r.user_id} ${r.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('answers 405 with Allow to a method a path does not have', async () => {
    for (const [method, path] of [
      ['PUT', '/api/v1/prevention/campaigns'],
      ['DELETE', `/api/v1/meetings/${S.meeting.id}`],
      ['PATCH', '/api/v1/followups'],
      ['DELETE', `/api/v1/posters/codes/${S.poster.id}`],
      ['PUT', `/api/v1/regulations/${S.regulation.id}`],
      ['POST', '/api/v1/prevention/coverage'],
    ] as const) {
      const r = await sm.req(method, path, method === 'DELETE' ? undefined : {});
      expect.soft([r.status, r.body?.error?.code], `${method} ${path}`).toEqual([405, 'METHOD_NOT_ALLOWED']);
      expect.soft(r.headers.get('allow'), `${method} ${path}`).toBeTruthy();
    }
  });

  it('documents every new operation in the OpenAPI document with an id, a body and answer schemas', async () => {
    const doc = (await (await h.app.request('/api/v1/openapi.json')).json()) as Any;
    let n = 0;
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, Any>>)) {
      if (!PREFIXES.some((x) => p.startsWith(`/api/v1${x}`))) continue;
      for (const [m, op] of Object.entries(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(m)) continue;
        n++;
        expect.soft(op.operationId, `${m} ${p}`).toBeTruthy();
        if (['post', 'put', 'patch'].includes(m)) expect.soft(op.requestBody, `${m} ${p}`).toBeTruthy();
        for (const [code, r] of Object.entries(op.responses as Record<string, Any>))
          if (code.startsWith('2') && code !== '204')
            for (const [mt, v] of Object.entries((r.content ?? {}) as Record<string, Any>))
              expect.soft(v.schema, `${m} ${p} ${code} ${mt}`).toBeTruthy();
      }
    }
    expect(n).toBe(MODULE_KEYS.length);
  });

  // ---- defects found (see the header); unskip when fixed ----------------------------------------

  it('refuses switching a RAD activity to percent while a quarter holds more than 100 (was DEFECT 1)', async () => {
    const pol = S.followup.ownerOrgId;
    const a = must(
      await sm.post(`/api/v1/rad/programmes/${S.plan.pillars[0].programmes[0].id}/activities`, {
        title: 'Jumlah lalu persen',
        responsibleOrgId: pol,
        indicator: 'I',
        unit: 'jumlah',
        targets: [{ year: 2026, target: 200, budget: 1, budgetSource: 'apbd' }],
      }),
      201,
      'activity',
    );
    must(
      await sm.req('PUT', `/api/v1/rad/activities/${a.id}/progress/2026/4`, {
        version: 0,
        realised: 150,
        status: 'berjalan',
      }),
      200,
      'progress 150',
    );
    const cur = must(await sm.get(`/api/v1/rad/activities/${a.id}`), 200, 'activity');
    const r = await sm.patch(`/api/v1/rad/activities/${a.id}`, {
      version: cur.version,
      title: 'Jumlah lalu persen',
      responsibleOrgId: pol,
      indicator: 'I',
      unit: 'persen',
      targets: [{ year: 2026, target: 50, budget: 1, budgetSource: 'apbd' }],
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fieldCodes).toEqual({ unit: 'percent_over_max' });
    expect(must(await sm.get(`/api/v1/rad/activities/${a.id}`), 200, 'activity').unit).toBe('jumlah');
  });

  it('counts one visit per address and code in an hour, so reloading a poster link does not inflate it (was DEFECT 2)', async () => {
    const totals = async () =>
      must(await sm.get(`/api/v1/posters/codes/${S.poster.id}`), 200, 'poster').totals;
    const t0 = await totals();
    await Promise.all(Array.from({ length: 300 }, () => h.app.request(`/lapor?s=${S.poster.code}`)));
    expect((await totals()).views - t0.views).toBe(1);
    // other addresses are other visits
    await countPosterUse(h.svc, S.poster.code, 'views', '10.0.0.1');
    await countPosterUse(h.svc, S.poster.code, 'views', '10.0.0.2');
    await countPosterUse(h.svc, S.poster.code, 'views', '10.0.0.2');
    expect((await totals()).views - t0.views).toBe(3);
  });

  it('documents the upload form’s fields, refuses an unknown or unnamed field and a second file (was DEFECT 3)', async () => {
    const doc = (await (await h.app.request('/api/v1/openapi.json')).json()) as Any;
    const schema =
      doc.paths['/api/v1/prevention/activities/{id}/files'].post.requestBody.content['multipart/form-data']
        .schema;
    expect(schema.properties.purpose.enum).toEqual(['materi', 'foto']);
    expect(schema.required).toEqual(['file', 'purpose']);
    const meetingForm =
      doc.paths['/api/v1/meetings/{id}/files'].post.requestBody.content['multipart/form-data'].schema;
    expect(Object.keys(meetingForm.properties)).toEqual(['file']);
    expect(meetingForm.required).toEqual(['file']);
    const before = must(await sm.get(`/api/v1/meetings/${S.meeting.id}`), 200, 'meeting');
    const r = await upload(
      sm,
      `/api/v1/meetings/${S.meeting.id}/files`,
      { purpose: 'lain' },
      'x.pdf',
      PDF,
      'application/pdf',
    );
    expect(r.status).toBe(400);
    expect(r.body.error.fieldCodes).toEqual({ purpose: 'unknown_field' });
    const act = S.activity.id;
    const none = await upload(sm, `/api/v1/prevention/activities/${act}/files`, {});
    expect(none.body.error?.fieldCodes).toEqual({ purpose: 'required' });
    const wrong = await upload(sm, `/api/v1/prevention/activities/${act}/files`, { purpose: 'lain' });
    expect(wrong.body.error?.fieldCodes).toEqual({ purpose: 'invalid_value' });
    const fd = new FormData();
    fd.append('file', new Blob([PDF as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), 'a.pdf');
    fd.append('file', new Blob([PDF as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }), 'b.pdf');
    const two = await sm.req('POST', `/api/v1/meetings/${S.meeting.id}/files`, fd);
    expect(two.status).toBe(400);
    expect(two.body.error.fieldCodes).toEqual({ file: 'one_file_only' });
    const after = must(await sm.get(`/api/v1/meetings/${S.meeting.id}`), 200, 'meeting');
    expect(after.files ?? after.documents).toEqual(before.files ?? before.documents);
  });

  it('the RAD plan and campaign lists refuse unknown query parameters; poster pages count right (was DEFECT 4)', async () => {
    const plans = await sm.get('/api/v1/rad/plans?foo=1');
    expect(plans.status).toBe(400);
    expect(plans.body.error.fieldCodes).toEqual({ foo: 'unknown_field' });
    expect((await sm.get('/api/v1/prevention/campaigns?page=2')).status).toBe(400);
    expect((await sm.get('/api/v1/rad/plans')).status).toBe(200);
    const p1 = must(await sm.get('/api/v1/posters/codes'), 200, 'page 1');
    const p9 = must(await sm.get('/api/v1/posters/codes?page=9'), 200, 'page 9');
    expect(p9.items).toEqual([]);
    expect(p9.total).toBe(p1.total);
    expect(p9.totalCapped).toBe(false);
  });
});
