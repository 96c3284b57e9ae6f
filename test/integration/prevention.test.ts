/**
 * Prevention activities and campaigns (issue 12 §1; decision 029): what is refused (dates reversed,
 * negative or absurd counts, a desa outside the kab/kota, another region's ids, a stale version),
 * the partner's report and the Dinas's acceptance, who sees what (a partner only its own, a
 * province its kab/kota's, a kab/kota never another's), the coverage checked against data built
 * here (desa reached, never reached, desa with many cases and no activity) and its XLSX with the
 * same numbers, and one activity however many copies of a create arrive.
 */
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childRegions } from '../../src/db/region.repository.ts';
import {
  FACTORY_PASSWORD,
  type MadeUser,
  makeOrg,
  makeRegionWorld,
  makeUser,
  type Org,
} from '../helpers/factories.ts';
import { pngBytes } from '../helpers/files.ts';
import {
  type Client,
  createHarness,
  DEMO_PASSWORD,
  ENGINES,
  type Harness,
  type Res,
} from '../helpers/harness.ts';

const must = (r: Res, status: number, what: string) => {
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

/** The rows of each sheet of an XLSX, cells as text or numbers. */
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

describe.each(ENGINES)('prevention on %s', (engine) => {
  let h: Harness;
  let dinas: Client; // Lebak's case manager (coord:manage)
  let lead: Client; // Lebak's pimpinan (reads)
  let partner: Client; // a Lebak partner organisation's staff
  let otherPartner: Client; // staff of another Lebak partner
  let serang: Client; // Serang's case manager
  let province: Client; // Banten province pimpinan
  let partnerOrg: Org;
  let otherOrg: Org;
  let school: Org;
  let serangDesa: string;
  let desa: string[]; // four desa of Lebak
  let kecamatan: string;
  let dinasUser: MadeUser;
  let dinasOrg: Org;

  const base = (over: Record<string, unknown> = {}) => ({
    title: 'Sosialisasi pencegahan kekerasan terhadap anak',
    kind: 'sosialisasi',
    field: 'keluarga',
    setting: 'balai_desa',
    targetGroups: ['orang_tua', 'anak'],
    startsAt: '2026-10-10T09:00',
    endsAt: '2026-10-10T12:00',
    regionCode: desa[0],
    ...over,
  });
  const people = (cm: number, cf: number, am: number, af: number) => ({
    childrenMale: cm,
    childrenFemale: cf,
    adultsMale: am,
    adultsFemale: af,
  });
  const create = async (c: Client, over: Record<string, unknown> = {}) =>
    must(await c.post('/api/v1/prevention/activities', base(over)), 201, 'create activity');
  const move = async (c: Client, a: { id: string; version: number }, body: Record<string, unknown>) =>
    c.post(`/api/v1/prevention/activities/${a.id}/status`, { version: a.version, ...body });
  const report = async (c: Client, a: { id: string; version: number }, p: ReturnType<typeof people>) =>
    must(await move(c, a, { to: 'dilaporkan', participants: p }), 200, 'report');
  const download = async (c: Client, path: string) => {
    const r = await h.app.request(path, { headers: { cookie: c.cookie!, 'x-requested-with': 'simpul' } });
    return { status: r.status, headers: r.headers, bytes: new Uint8Array(await r.arrayBuffer()) };
  };

  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    h.now.value = new Date('2026-12-05T03:00:00Z');
    const lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    const serangW = await makeRegionWorld(h.svc, { kabKota: '36.73' });
    serangDesa = serangW.village;
    kecamatan = lebak.district;
    desa = (await childRegions(h.svc.conn.db, lebak.district)).slice(0, 4).map((r) => r.code);
    partnerOrg = await makeOrg(h.svc, { kabKota: '36.02', type: 'puspaga', name: 'PUSPAGA Lebak (uji)' });
    otherOrg = await makeOrg(h.svc, {
      kabKota: '36.02',
      type: 'keagamaan',
      name: 'Majelis Taklim Lebak (uji)',
    });
    school = await makeOrg(h.svc, { kabKota: '36.02', type: 'sekolah', name: 'SD Negeri 1 Uji Lebak' });
    dinasOrg = lebak.dinas;
    dinasUser = await makeUser(h.svc, { role: 'manajer', org: lebak.dinas });
    const as = (u: MadeUser) => h.as(u.email, FACTORY_PASSWORD);
    dinas = await as(dinasUser);
    lead = await as(await makeUser(h.svc, { role: 'pimpinan', org: lebak.dinas }));
    partner = await as(await makeUser(h.svc, { role: 'mitra', org: partnerOrg }));
    otherPartner = await as(await makeUser(h.svc, { role: 'mitra', org: otherOrg }));
    serang = await as(await makeUser(h.svc, { role: 'manajer', org: serangW.dinas }));
    province = await h.as(await h.provinceUser('pimpinan'), DEMO_PASSWORD);
  });
  afterAll(async () => h?.close());

  it('refuses reversed dates, a desa outside the kab/kota, a kecamatan, and unknown codes with field codes', async () => {
    const bad = async (over: Record<string, unknown>) => {
      const r = await dinas.post('/api/v1/prevention/activities', base(over));
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      return r.body.error.fieldCodes as Record<string, string>;
    };
    expect(await bad({ endsAt: '2026-10-10T08:59' })).toEqual({ endsAt: 'ends_before_start' });
    expect(await bad({ endsAt: '2027-01-10T08:59' })).toEqual({ endsAt: 'activity_too_long' });
    expect(await bad({ regionCode: serangDesa })).toEqual({ regionCode: 'out_of_jurisdiction' });
    expect(await bad({ regionCode: kecamatan })).toEqual({ regionCode: 'not_a_desa' });
    expect(await bad({ regionCode: '36.02.99.9999' })).toEqual({ regionCode: 'unknown_region' });
    expect(await bad({ startsAt: '2026-13-01T09:00' })).toMatchObject({ startsAt: 'invalid_datetime' });
    expect(await bad({ kind: 'pesta' })).toMatchObject({ kind: 'invalid_value' });
    expect(await bad({ title: '' })).toMatchObject({ title: 'required' });
    expect(await bad({ title: 'x'.repeat(201) })).toMatchObject({ title: 'too_long' });
    expect(await bad({ setting: 'sekolah', schoolOrgId: partnerOrg.id })).toEqual({
      schoolOrgId: 'not_a_school',
    });
    // a reversed time is reported with the other problems of the request, not after they are fixed
    expect(await bad({ title: '', endsAt: '2026-10-10T08:59' })).toEqual({
      title: 'required',
      endsAt: 'ends_before_start',
    });
    const serangOrg = must(await serang.get('/api/v1/prevention/options'), 200, 'options').organisations[0]
      .id;
    expect(await bad({ partnerOrgIds: [serangOrg] })).toEqual({ 'partnerOrgIds.0': 'unknown_organisation' });
    // nothing was kept
    expect(must(await dinas.get('/api/v1/prevention/activities'), 200, 'list').total).toBe(0);
  });

  it('a blank or missing required field answers required, not an unknown choice or an invalid time', async () => {
    const blank = await dinas.post(
      '/api/v1/prevention/activities',
      base({ field: '', setting: '', startsAt: '', endsAt: '', regionCode: '' }),
    );
    expect(blank.status).toBe(400);
    expect(blank.body.error.fieldCodes).toEqual({
      field: 'required',
      setting: 'required',
      startsAt: 'required',
      endsAt: 'required',
      regionCode: 'required',
    });
    expect(blank.body.error.fields.setting).toBe('Wajib diisi.');
    const { kind: _k, field: _f, startsAt: _s, regionCode: _r, ...rest } = base();
    const missing = await dinas.post('/api/v1/prevention/activities', rest);
    expect(missing.body.error.fieldCodes).toEqual({
      kind: 'required',
      field: 'required',
      startsAt: 'required',
      regionCode: 'required',
    });
    // a wrong value still says what is wrong
    const wrong = await dinas.post(
      '/api/v1/prevention/activities',
      base({ setting: 'pasar', regionCode: 'x' }),
    );
    expect(wrong.body.error.fieldCodes).toEqual({ setting: 'invalid_value', regionCode: 'invalid_region' });
  });

  it('a school is the school picked or, unregistered, the place name; another setting keeps no school', async () => {
    const none = await dinas.post('/api/v1/prevention/activities', base({ setting: 'sekolah' }));
    expect(none.status).toBe(400);
    expect(none.body.error.fieldCodes).toEqual({ schoolOrgId: 'school_required' });
    const byName = await create(dinas, { setting: 'pesantren', placeName: '  Pondok Uji Al-Ikhlas ' });
    expect(byName.school).toEqual({ orgId: null, name: 'Pondok Uji Al-Ikhlas' });
    const byOrg = await create(dinas, { setting: 'sekolah', schoolOrgId: school.id });
    expect(byOrg.school).toEqual({ orgId: school.id, name: 'SD Negeri 1 Uji Lebak' });
    // moved to the village hall: the school is not kept
    const moved = must(
      await dinas.patch(`/api/v1/prevention/activities/${byOrg.id}`, {
        version: byOrg.version,
        setting: 'balai_desa',
      }),
      200,
      'move to the hall',
    );
    expect(moved.school).toBeNull();
    const hall = await create(dinas, { setting: 'balai_desa', schoolOrgId: school.id });
    expect(hall.school).toBeNull();
    // back at a school without naming it: refused
    const back = await dinas.patch(`/api/v1/prevention/activities/${moved.id}`, {
      version: moved.version,
      setting: 'sekolah',
    });
    expect(back.body.error.fieldCodes).toEqual({ schoolOrgId: 'school_required' });
  });

  it('facilitators are staff doing the work: not the admin, auditor or data accounts', async () => {
    const auditor = await makeUser(h.svc, { role: 'auditor', org: dinasOrg });
    const data = await makeUser(h.svc, { role: 'data', org: dinasOrg });
    const companion = await makeUser(h.svc, { role: 'pendamping', org: dinasOrg });
    const o = must(await dinas.get('/api/v1/prevention/options'), 200, 'options');
    const offered = o.users.map((u: { id: string }) => u.id);
    expect(offered).toContain(companion.id);
    expect(offered).toContain(dinasUser.id);
    expect(offered).not.toContain(auditor.id);
    expect(offered).not.toContain(data.id);
    const r = await dinas.post(
      '/api/v1/prevention/activities',
      base({ facilitators: [{ userId: companion.id }, { userId: auditor.id }] }),
    );
    expect(r.status).toBe(400);
    expect(r.body.error.fieldCodes).toEqual({ 'facilitators.1.userId': 'not_a_facilitator' });
  });

  it('reports with counts: negative, fractional and absurd counts, no counts, before it began, a stale version', async () => {
    const a = await create(dinas, { title: 'Uji hitungan', setting: 'sekolah', schoolOrgId: school.id });
    expect(a.school).toEqual({ orgId: school.id, name: 'SD Negeri 1 Uji Lebak' });
    const codes = async (p: unknown) => {
      const r = await move(dinas, a, { to: 'dilaporkan', participants: p });
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      return r.body.error.fieldCodes;
    };
    expect(await codes(people(-1, 0, 0, 0))).toEqual({ 'participants.childrenMale': 'negative_count' });
    // 99 999 children at one village session is a typing mistake
    expect(await codes(people(0, 99_999, 0, 0))).toEqual({
      'participants.childrenFemale': 'participants_too_large',
    });
    expect(
      (await move(dinas, a, { to: 'dilaporkan', participants: {} })).body.error.fieldCodes,
    ).toMatchObject({
      'participants.childrenMale': 'required',
    });
    expect(await codes(people(0, 0, 2.5, 0))).toEqual({ 'participants.adultsMale': 'not_whole_number' });
    expect(await codes({ ...people(0, 0, 0, 0), adultsFemale: '3' })).toEqual({
      'participants.adultsFemale': 'not_whole_number',
    });
    expect(await codes(people(0, 0, 0, 0))).toEqual({ participants: 'participants_required' });
    const none = await move(dinas, a, { to: 'dilaporkan' });
    expect(none.body.error.fieldCodes).toEqual({ participants: 'required' });
    // an activity that has not begun cannot be held
    const later = await create(dinas, { startsAt: '2026-12-20T09:00', endsAt: '2026-12-20T11:00' });
    // the page offers "held" and the report only once it has begun
    expect(later.started).toBe(false);
    expect(a.started).toBe(true);
    const early = await move(dinas, later, { to: 'terlaksana' });
    expect(early.status).toBe(400);
    expect(early.body.error.fieldCodes).toEqual({ to: 'not_yet_held' });
    const cancelNoReason = await move(dinas, later, { to: 'dibatalkan' });
    expect(cancelNoReason.body.error.fieldCodes).toEqual({ reason: 'required' });
    const ok = await report(dinas, a, people(1, 2, 3, 4));
    expect(ok).toMatchObject({ status: 'dilaporkan', review: null, participantTotal: 10, counted: true });
    // the version read before the report is stale now
    const stale = await dinas.patch(`/api/v1/prevention/activities/${a.id}`, {
      version: a.version,
      title: 'Lama',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const stale2 = await move(dinas, a, { to: 'dibatalkan', reason: 'x' });
    expect(stale2.status).toBe(409);
    // a reported activity is not cancelled
    const cancel = await move(dinas, ok, { to: 'dibatalkan', reason: 'salah' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.code).toBe('PREVENTION_STATE');
    // a cancelled one is closed
    const c = must(
      await move(dinas, later, { to: 'dibatalkan', reason: 'Hujan deras, balai desa banjir' }),
      200,
      'cancel',
    );
    expect(c.cancelReason).toBe('Hujan deras, balai desa banjir');
    const closed = await dinas.patch(`/api/v1/prevention/activities/${c.id}`, {
      version: c.version,
      title: 'Lagi',
    });
    expect(closed.status).toBe(409);
    // the counts are corrected with the version
    const fixed = must(
      await dinas.patch(`/api/v1/prevention/activities/${ok.id}`, {
        version: ok.version,
        participants: people(1, 2, 3, 5),
      }),
      200,
      'correct',
    );
    expect(fixed.participantTotal).toBe(11);
  });

  it("another region's ids answer 404, never 403, and nothing changes", async () => {
    const a = await create(dinas, { title: 'Milik Lebak' });
    for (const r of [
      await serang.get(`/api/v1/prevention/activities/${a.id}`),
      await serang.patch(`/api/v1/prevention/activities/${a.id}`, { version: a.version, title: 'Diambil' }),
      await move(serang, a, { to: 'dibatalkan', reason: 'coba' }),
      await serang.post(`/api/v1/prevention/activities/${a.id}/review`, {
        version: a.version,
        decision: 'diterima',
      }),
      await serang.get(`/api/v1/prevention/activities/${a.id}/files/${a.id}`),
    ])
      expect(r.status).toBe(404);
    expect(must(await dinas.get(`/api/v1/prevention/activities/${a.id}`), 200, 'get').title).toBe(
      'Milik Lebak',
    );
    const camp = must(
      await dinas.post('/api/v1/prevention/campaigns', {
        name: 'Kampanye Lebak',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
      }),
      201,
      'campaign',
    );
    expect((await serang.get(`/api/v1/prevention/campaigns/${camp.id}`)).status).toBe(404);
    expect(
      (await serang.patch(`/api/v1/prevention/campaigns/${camp.id}`, { version: 1, name: 'x' })).status,
    ).toBe(404);
    expect((await serang.req('DELETE', `/api/v1/prevention/campaigns/${camp.id}?version=1`)).status).toBe(
      404,
    );
    // a campaign with activities stays; an empty one goes with its version
    must(
      await dinas.post(
        '/api/v1/prevention/activities',
        base({ campaignId: camp.id, title: 'Dalam kampanye' }),
      ),
      201,
      'in campaign',
    );
    const held = await dinas.req('DELETE', `/api/v1/prevention/campaigns/${camp.id}?version=1`);
    expect(held.status).toBe(409);
    expect(held.body.error.code).toBe('CAMPAIGN_HAS_ACTIVITIES');
    const empty = must(
      await dinas.post('/api/v1/prevention/campaigns', {
        name: 'Salah ketik',
        startsOn: '2026-01-01',
        endsOn: '2026-01-31',
      }),
      201,
      'empty campaign',
    );
    expect((await lead.req('DELETE', `/api/v1/prevention/campaigns/${empty.id}?version=1`)).status).toBe(403);
    expect((await dinas.req('DELETE', `/api/v1/prevention/campaigns/${empty.id}?version=2`)).status).toBe(
      409,
    );
    expect((await dinas.req('DELETE', `/api/v1/prevention/campaigns/${empty.id}?version=1`)).status).toBe(
      204,
    );
    expect((await dinas.get(`/api/v1/prevention/campaigns/${empty.id}`)).status).toBe(404);
    // naming Lebak's campaign on a Serang activity is a field error
    const r = await serang.post(
      '/api/v1/prevention/activities',
      base({ regionCode: serangDesa, campaignId: camp.id }),
    );
    expect(r.body.error.fieldCodes).toEqual({ campaignId: 'unknown_campaign' });
  });

  it('a partner plans and reports its own activity; the Dinas returns it, then accepts it', async () => {
    // a partner cannot organise for another organisation
    const other = await partner.post('/api/v1/prevention/activities', base({ organiserOrgId: otherOrg.id }));
    expect(other.body.error.fieldCodes).toEqual({ organiserOrgId: 'own_organisation_only' });
    const a = await create(partner, {
      title: 'Kelas parenting PUSPAGA',
      kind: 'parenting',
      regionCode: desa[1],
      facilitators: [{ name: 'Fasilitator Sintetis Satu' }],
    });
    expect(a.organiser.id).toBe(partnerOrg.id);
    expect(a.canEdit).toBe(true);
    // the pimpinan reads but does not change
    const seen = must(await lead.get(`/api/v1/prevention/activities/${a.id}`), 200, 'lead reads');
    expect(seen).toMatchObject({ canEdit: false, canReview: false });
    expect(
      (await lead.patch(`/api/v1/prevention/activities/${a.id}`, { version: a.version, title: 'x' })).status,
    ).toBe(403);
    const reported = must(
      await move(partner, a, {
        to: 'dilaporkan',
        participants: people(0, 0, 9, 14),
        reportNotes: 'Daftar hadir menyusul',
      }),
      200,
      'partner report',
    );
    expect(reported).toMatchObject({
      status: 'dilaporkan',
      review: 'menunggu',
      counted: false,
      canEdit: false,
    });
    // awaiting: the partner cannot change it, nor accept it itself
    expect(
      (
        await partner.patch(`/api/v1/prevention/activities/${a.id}`, {
          version: reported.version,
          title: 'x',
        })
      ).status,
    ).toBe(409);
    expect(
      (
        await partner.post(`/api/v1/prevention/activities/${a.id}/review`, {
          version: reported.version,
          decision: 'diterima',
        })
      ).status,
    ).toBe(403);
    // the Dinas's coordinators are told, with a link and nothing personal
    const told = must(await dinas.get('/api/v1/notifications'), 200, 'notifications');
    expect(
      told.items.some(
        (n: { kind: string; link: string }) =>
          n.kind === 'pencegahan_menunggu' && n.link === `/pencegahan/${a.id}`,
      ),
    ).toBe(true);
    // the Dinas's queue
    const queue = must(await dinas.get('/api/v1/prevention/activities?review=menunggu'), 200, 'queue');
    expect(queue.items.map((x: { id: string }) => x.id)).toEqual([a.id]);
    expect(queue.items[0].canReview).toBe(true);
    const noNote = await dinas.post(`/api/v1/prevention/activities/${a.id}/review`, {
      version: reported.version,
      decision: 'dikembalikan',
    });
    expect(noNote.body.error.fieldCodes).toEqual({ note: 'required' });
    const returned = must(
      await dinas.post(`/api/v1/prevention/activities/${a.id}/review`, {
        version: reported.version,
        decision: 'dikembalikan',
        note: 'Jumlah peserta anak belum diisi',
      }),
      200,
      'return',
    );
    expect(returned).toMatchObject({
      status: 'terlaksana',
      review: 'dikembalikan',
      reviewNote: 'Jumlah peserta anak belum diisi',
    });
    // what was reported stays, so the partner corrects it rather than typing it again
    const reread = must(await partner.get(`/api/v1/prevention/activities/${a.id}`), 200, 'partner rereads');
    expect(reread).toMatchObject({
      canEdit: true,
      participants: people(0, 0, 9, 14),
      reportNotes: 'Daftar hadir menyusul',
    });
    const heard = must(await partner.get('/api/v1/notifications'), 200, 'partner notifications');
    expect(heard.items.some((n: { kind: string }) => n.kind === 'pencegahan_dikembalikan')).toBe(true);
    const again = await report(partner, returned, people(6, 7, 9, 14));
    expect(again.review).toBe('menunggu');
    // a burst of accepts with the same version: one wins
    const burst = await Promise.all(
      Array.from({ length: 20 }, () =>
        dinas.post(`/api/v1/prevention/activities/${a.id}/review`, {
          version: again.version,
          decision: 'diterima',
        }),
      ),
    );
    expect(burst.filter((r) => r.status === 200)).toHaveLength(1);
    expect(burst.filter((r) => r.status !== 200).every((r) => r.status === 409)).toBe(true);
    const accepted = must(await dinas.get(`/api/v1/prevention/activities/${a.id}`), 200, 'get');
    expect(accepted).toMatchObject({ review: 'diterima', counted: true, participantTotal: 36 });
    // the facilitator's typed name is stored encrypted and its reads are audited
    const stored = await h.svc.conn.db
      .selectFrom('prevention_activity_facilitator')
      .select('name_enc')
      .where('activity_id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(stored.name_enc).not.toContain('Sintetis');
    expect(accepted.facilitators).toEqual([{ userId: null, name: 'Fasilitator Sintetis Satu' }]);
    const reads = await h.svc.conn.db
      .selectFrom('audit_event')
      .select(sql<string>`count(*)`.as('n'))
      .where('action', '=', 'prevention_activity.read')
      .where('entity_id', '=', a.id)
      .executeTakeFirstOrThrow();
    expect(Number(reads.n)).toBeGreaterThanOrEqual(2);
  });

  it('a partner sees only what it organises or takes part in; a province reads its kab/kota; a kab/kota never another', async () => {
    const own = await create(partner, { title: 'Milik PUSPAGA', regionCode: desa[2] });
    const joint = await create(dinas, {
      title: 'Bersama Majelis Taklim',
      partnerOrgIds: [otherOrg.id],
      regionCode: desa[2],
    });
    const ids = async (c: Client, q = '') =>
      (
        must(await c.get(`/api/v1/prevention/activities?pageSize=100${q}`), 200, 'list').items as Array<{
          id: string;
        }>
      ).map((x) => x.id);
    const mine = await ids(partner);
    expect(mine).toContain(own.id);
    expect(mine).not.toContain(joint.id);
    const theirs = await ids(otherPartner);
    expect(theirs).toContain(joint.id);
    expect(theirs).not.toContain(own.id);
    expect((await otherPartner.get(`/api/v1/prevention/activities/${own.id}`)).status).toBe(404);
    // taking part is reading, not changing
    const j = must(await otherPartner.get(`/api/v1/prevention/activities/${joint.id}`), 200, 'joint');
    expect(j.canEdit).toBe(false);
    expect((await move(otherPartner, joint, { to: 'dibatalkan', reason: 'x' })).status).toBe(403);
    // the province reads Lebak's, but does not change them
    const prov = await ids(province);
    expect(prov).toEqual(expect.arrayContaining([own.id, joint.id]));
    expect(
      (
        await province.patch(`/api/v1/prevention/activities/${joint.id}`, {
          version: joint.version,
          title: 'x',
        })
      ).status,
    ).toBe(403);
    expect(await ids(serang)).toEqual([]);
    // partners have no coverage; kab/kota staff only their own
    expect((await partner.get('/api/v1/prevention/coverage?from=2026-01-01&to=2026-11-30')).status).toBe(403);
    const out = await serang.get(
      '/api/v1/prevention/coverage?jurisdiction=36.02&from=2026-01-01&to=2026-11-30',
    );
    expect(out.status).toBe(400);
    expect(out.body.error.fieldCodes).toEqual({ jurisdiction: 'out_of_jurisdiction' });
    const provNoKab = await province.get('/api/v1/prevention/coverage?from=2026-01-01&to=2026-11-30');
    expect(provNoKab.body.error.fieldCodes).toEqual({ jurisdiction: 'kabkota_required' });
    expect(
      (await province.get('/api/v1/prevention/coverage?jurisdiction=36.02&from=2026-01-01&to=2026-11-30'))
        .status,
    ).toBe(200);
  });

  it('uploads photos and materials checked by content; a reader downloads, only an editor removes', async () => {
    const a = await create(dinas, { title: 'Dengan foto' });
    const form = (bytes: Uint8Array, name: string, purpose = 'foto') => {
      const f = new FormData();
      f.set('purpose', purpose);
      f.set('file', new File([Buffer.from(bytes)], name));
      return f;
    };
    const foto = must(
      await dinas.req(
        'POST',
        `/api/v1/prevention/activities/${a.id}/files`,
        form(pngBytes(), 'kegiatan.png'),
      ),
      201,
      'photo',
    );
    expect(foto).toMatchObject({ purpose: 'foto', mime: 'image/png', filename: 'kegiatan.png' });
    const notPhoto = await dinas.req(
      'POST',
      `/api/v1/prevention/activities/${a.id}/files`,
      form(new TextEncoder().encode('%PDF-1.4\n%%EOF'), 'materi.pdf'),
    );
    expect(notPhoto.status).toBe(415);
    const noPurpose = await dinas.req(
      'POST',
      `/api/v1/prevention/activities/${a.id}/files`,
      form(pngBytes(), 'x.png', ''),
    );
    expect(noPurpose.body.error.fieldCodes).toEqual({ purpose: 'required' });
    const materi = await dinas.req(
      'POST',
      `/api/v1/prevention/activities/${a.id}/files`,
      form(new TextEncoder().encode('%PDF-1.4\n%%EOF'), 'materi.pdf', 'materi'),
    );
    expect(materi.status).toBe(201);
    const got = await download(lead, `/api/v1/prevention/activities/${a.id}/files/${foto.id}`);
    expect(got.status).toBe(200);
    expect(Buffer.from(got.bytes).equals(Buffer.from(pngBytes()))).toBe(true);
    expect((await lead.req('DELETE', `/api/v1/prevention/activities/${a.id}/files/${foto.id}`)).status).toBe(
      403,
    );
    expect((await dinas.req('DELETE', `/api/v1/prevention/activities/${a.id}/files/${foto.id}`)).status).toBe(
      204,
    );
    expect(must(await dinas.get(`/api/v1/prevention/activities/${a.id}`), 200, 'get').files).toEqual([
      expect.objectContaining({ purpose: 'materi', mime: 'application/pdf', filename: 'materi.pdf' }),
    ]);
  });

  it('of 100 simultaneous reports with the same version, one is kept', async () => {
    const a = await create(dinas, { title: 'Laporan serentak', regionCode: desa[3] });
    const rs = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        move(dinas, a, { to: 'dilaporkan', participants: people(i + 1, 0, 0, 0) }),
      ),
    );
    const ok = rs.filter((r) => r.status === 200);
    expect(ok).toHaveLength(1);
    expect(rs.filter((r) => r.status !== 200).every((r) => r.status === 409)).toBe(true);
    const after = must(await dinas.get(`/api/v1/prevention/activities/${a.id}`), 200, 'get');
    expect(after.participantTotal).toBe(ok[0]!.body.participantTotal);
    expect(after.version).toBe(a.version + 1);
  });

  it('one activity however many copies of a create arrive at once', async () => {
    const body = base({ title: 'Sekali saja', regionCode: desa[3] });
    const rs = await Promise.all(
      Array.from({ length: 100 }, () =>
        dinas.post('/api/v1/prevention/activities', body, { 'idempotency-key': `pencegahan-${engine}` }),
      ),
    );
    const ok = rs.filter((r) => r.status === 201);
    expect(
      ok.length +
        rs.filter((r) => r.status === 409 && r.body.error.code === 'IDEMPOTENCY_IN_PROGRESS').length,
    ).toBe(100);
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    const n = await h.svc.conn.db
      .selectFrom('prevention_activity')
      .select(sql<string>`count(*)`.as('n'))
      .where('title', '=', 'Sekali saja')
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });
});

describe.each(ENGINES)('prevention coverage on %s', (engine) => {
  let h: Harness;
  let dinas: Client;
  let partner: Client;
  let desa: string[];
  let school: Org;
  let campaignId: string;
  let desaTotal: number;
  let pending: { id: string; version: number } | undefined;

  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    h.now.value = new Date('2026-12-05T03:00:00Z');
    const lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    await makeRegionWorld(h.svc, { kabKota: '36.73' });
    desa = (await childRegions(h.svc.conn.db, lebak.district)).slice(0, 5).map((r) => r.code);
    const all = await h.svc.conn.db
      .selectFrom('region')
      .select(sql<string>`count(*)`.as('n'))
      .where('level', '=', 4)
      .where('code', 'like', '36.02.%')
      .executeTakeFirstOrThrow();
    desaTotal = Number(all.n);
    school = await makeOrg(h.svc, { kabKota: '36.02', type: 'sekolah', name: 'SMP Negeri 2 Uji Lebak' });
    const partnerOrg = await makeOrg(h.svc, {
      kabKota: '36.02',
      type: 'satgas_desa',
      name: 'Satgas PPA Desa (uji)',
    });
    dinas = await h.as(
      (await makeUser(h.svc, { role: 'manajer', org: lebak.dinas })).email,
      FACTORY_PASSWORD,
    );
    partner = await h.as((await makeUser(h.svc, { role: 'mitra', org: partnerOrg })).email, FACTORY_PASSWORD);

    const camp = must(
      await dinas.post('/api/v1/prevention/campaigns', {
        name: 'Stop Kekerasan terhadap Anak 2026',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        targetDesa: [desa[0], desa[1], desa[4]],
        targetSchools: [{ orgId: school.id }, { name: 'MI Uji Nurul Huda' }],
        targets: { children: 100, adults: 50, activities: 4, desa: 3, schools: 2 },
      }),
      201,
      'campaign',
    );
    campaignId = camp.id;
    const act = async (c: Client, over: Record<string, unknown>) =>
      must(
        await c.post('/api/v1/prevention/activities', {
          title: 'Kegiatan uji',
          kind: 'sosialisasi',
          field: 'pendidikan',
          setting: 'balai_desa',
          startsAt: '2026-10-10T09:00',
          endsAt: '2026-10-10T11:00',
          ...over,
        }),
        201,
        'activity',
      );
    const rep = async (c: Client, a: { id: string; version: number }, p: number[]) =>
      must(
        await c.post(`/api/v1/prevention/activities/${a.id}/status`, {
          version: a.version,
          to: 'dilaporkan',
          participants: { childrenMale: p[0], childrenFemale: p[1], adultsMale: p[2], adultsFemale: p[3] },
        }),
        200,
        'report',
      );
    // desa 0: a school visit of the campaign and a meeting at the village hall
    await rep(
      dinas,
      await act(dinas, {
        regionCode: desa[0],
        campaignId,
        setting: 'sekolah',
        schoolOrgId: school.id,
        kind: 'edukasi_sekolah',
      }),
      [10, 12, 3, 5],
    );
    await rep(
      dinas,
      await act(dinas, { regionCode: desa[0], startsAt: '2026-03-02T19:30', endsAt: '2026-03-02T21:00' }),
      [1, 1, 1, 1],
    );
    // desa 1: a partner's report awaiting acceptance (not counted until accepted)
    const pa = await rep(
      partner,
      await act(partner, { regionCode: desa[1], campaignId, kind: 'forum_anak' }),
      [20, 20, 0, 0],
    );
    pending = pa;
    // desa 2: planned only; and one cancelled
    await act(dinas, { regionCode: desa[2] });
    const cancelled = await act(dinas, { regionCode: desa[2] });
    must(
      await dinas.post(`/api/v1/prevention/activities/${cancelled.id}/status`, {
        version: cancelled.version,
        to: 'dibatalkan',
        reason: 'Narasumber berhalangan',
      }),
      200,
      'cancel',
    );
    // desa 3: reported 15 months before the period's end (outside the period and the last 12 months)
    await rep(
      dinas,
      await act(dinas, { regionCode: desa[3], startsAt: '2025-09-10T09:00', endsAt: '2025-09-10T11:00' }),
      [5, 5, 5, 5],
    );
    // the rollup's desa counts (aggregates only): desa 2 four cases, desa 3 three, desa 0 five, desa 4 two
    const rows: Array<[string, string, number]> = [
      [desa[2]!, '2026-02-01', 2],
      [desa[2]!, '2026-07-01', 2],
      [desa[3]!, '2026-05-01', 3],
      [desa[0]!, '2026-04-01', 5],
      [desa[4]!, '2026-06-01', 2],
      // before the 12 months: does not count
      [desa[4]!, '2025-06-01', 7],
    ];
    for (const [area, month, n] of rows)
      await h.svc.conn.db
        .insertInto('stat_rollup')
        .values({
          jurisdiction: '36.02',
          level: 4,
          area,
          month,
          case_type: 'ktp',
          measure: 'cases',
          value: '',
          n,
        })
        .execute();
  });
  afterAll(async () => h?.close());

  const Q = '/api/v1/prevention/coverage?from=2026-01-01&to=2026-11-30';

  it('counts reached desa, schools and people; lists the desa never reached and the desa with many cases and no activity', async () => {
    const d = must(await dinas.get(Q), 200, 'coverage');
    expect(d.region).toEqual({ code: '36.02', name: expect.any(String) });
    expect(d.totals).toMatchObject({
      activities: 2,
      childrenMale: 11,
      childrenFemale: 13,
      adultsMale: 4,
      adultsFemale: 6,
      children: 24,
      adults: 10,
      people: 34,
      desaReached: 1,
      desaTotal,
      schoolsReached: 1,
    });
    expect(d.desa).toEqual([expect.objectContaining({ code: desa[0], activities: 2, people: 34 })]);
    expect(d.schools).toEqual([
      expect.objectContaining({ orgId: school.id, name: 'SMP Negeri 2 Uji Lebak', people: 30 }),
    ]);
    expect(d.neverReached).toHaveLength(desaTotal - 1);
    expect(d.neverReached.map((x: { code: string }) => x.code)).not.toContain(desa[0]);
    expect(d.targets).toBeNull();
    expect(d.highCase).toMatchObject({ threshold: 3, from: '2025-12-01', to: '2026-11-30' });
    expect(d.highCase.items.map((x: { code: string; cases: number }) => [x.code, x.cases])).toEqual([
      [desa[2], 4],
      [desa[3], 3],
    ]);
    // aggregates only: desa and counts, never a case or a person
    expect(Object.keys(d.highCase.items[0]).sort()).toEqual(['cases', 'code', 'district', 'name']);
  });

  it('counts the partner report once the Dinas accepts it, against the campaign targets', async () => {
    const before = must(await dinas.get(`${Q}&campaign=${campaignId}`), 200, 'before');
    expect(before.totals).toMatchObject({ activities: 1, people: 30, desaReached: 1 });
    expect(before.targets).toMatchObject({
      children: 100,
      adults: 50,
      activities: 4,
      desa: 3,
      schools: 2,
      targetDesaTotal: 3,
      targetDesaReached: 1,
    });
    const pa = pending!;
    must(
      await dinas.post(`/api/v1/prevention/activities/${pa.id}/review`, {
        version: pa.version,
        decision: 'diterima',
      }),
      200,
      'accept',
    );
    const after = must(await dinas.get(`${Q}&campaign=${campaignId}`), 200, 'after');
    expect(after.totals).toMatchObject({
      activities: 2,
      children: 62,
      adults: 8,
      people: 70,
      desaReached: 2,
    });
    expect(after.targets).toMatchObject({ targetDesaReached: 2 });
    expect(after.targets.targetDesaNotReached.map((x: { code: string }) => x.code)).toEqual([desa[4]]);

    // the XLSX holds the same numbers
    const r = await h.app.request(
      `/api/v1/prevention/coverage.xlsx?from=2026-01-01&to=2026-11-30&campaign=${campaignId}`,
      {
        headers: { cookie: dinas.cookie!, 'x-requested-with': 'simpul' },
      },
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain(
      'cakupan-pencegahan-3602-2026-01-01_2026-11-30.xlsx',
    );
    const [summary, desaSheet, schools, never, high] = readXlsx(new Uint8Array(await r.arrayBuffer()));
    const fig = (label: string) => summary!.find((row) => row[0] === label);
    expect(fig('Kegiatan terlaksana dan dilaporkan')).toEqual(['Kegiatan terlaksana dan dilaporkan', 2, 4]);
    expect(fig('Anak terjangkau')).toEqual(['Anak terjangkau', 62, 100]);
    expect(fig('Dewasa terjangkau')).toEqual(['Dewasa terjangkau', 8, 50]);
    expect(fig('Desa/kelurahan terjangkau')).toEqual(['Desa/kelurahan terjangkau', 2, 3]);
    expect(desaSheet!.slice(1).map((row) => [row[0], row.at(-1)])).toEqual(
      after.desa.map((x: { code: string; people: number }) => [x.code, x.people]),
    );
    expect(schools!.length - 1).toBe(after.schools.length);
    expect(never!.length - 1).toBe(after.neverReached.length);
    expect(high!.slice(1).map((row) => [row[0], row[3]])).toEqual([
      [desa[2], 4],
      [desa[3], 3],
    ]);
    // and the printable page
    const html = await h.app.request(
      `/api/v1/prevention/coverage.html?from=2026-01-01&to=2026-11-30&campaign=${campaignId}`,
      {
        headers: { cookie: dinas.cookie!, 'x-requested-with': 'simpul' },
      },
    );
    expect(html.status).toBe(200);
    const text = await html.text();
    expect(text).toContain('Stop Kekerasan terhadap Anak 2026');
    expect(text).toContain('@page{size:A4');
    // on paper: the kab/kota, the period, the day it was printed and every list in full
    expect(text).toContain('Periode 01-01-2026 s.d. 30-11-2026');
    expect(text).toContain('Dicetak 05-12-2026 10.00 WIB');
    expect(text).toContain(`Desa/kelurahan belum terjangkau (${after.neverReached.length} dari`);
    expect(text).toContain(after.neverReached[0].name);
  });

  it('refuses a reversed or too long period and an unknown campaign', async () => {
    const rev = await dinas.get('/api/v1/prevention/coverage?from=2026-11-30&to=2026-01-01');
    expect(rev.body.error.fieldCodes).toEqual({ to: 'ends_before_start' });
    const long = await dinas.get('/api/v1/prevention/coverage?from=2000-01-01&to=2026-01-01');
    expect(long.body.error.fieldCodes).toEqual({ to: 'range_too_long' });
    const unknown = await dinas.get(
      `/api/v1/prevention/coverage?from=2026-01-01&to=2026-11-30&campaign=${crypto.randomUUID()}`,
    );
    expect(unknown.body.error.fieldCodes).toEqual({ campaign: 'unknown_campaign' });
    const camp = await dinas.post('/api/v1/prevention/campaigns', {
      name: 'Terbalik',
      startsOn: '2026-12-31',
      endsOn: '2026-01-01',
    });
    expect(camp.body.error.fieldCodes).toEqual({ endsOn: 'ends_before_start' });
    // every problem at once, each with its own code: the reversed period with the numbers
    const absurd = await dinas.post('/api/v1/prevention/campaigns', {
      name: 'Target mustahil',
      startsOn: '2026-12-31',
      endsOn: '2026-01-01',
      targets: { children: 10_000_001, adults: -3, activities: 10_001, schools: 20_001 },
    });
    expect(absurd.body.error.fieldCodes).toEqual({
      endsOn: 'ends_before_start',
      'targets.children': 'target_people_too_large',
      'targets.adults': 'negative_count',
      'targets.activities': 'target_activities_too_large',
      'targets.schools': 'target_schools_too_large',
    });
    // more target desa than the kab/kota has (from the region table)
    const tooManyDesa = await dinas.post('/api/v1/prevention/campaigns', {
      name: 'Lima ribu desa',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      targets: { desa: desaTotal + 1 },
    });
    expect(tooManyDesa.body.error.fieldCodes).toEqual({ 'targets.desa': 'target_desa_too_large' });
    const allDesa = await dinas.post('/api/v1/prevention/campaigns', {
      name: 'Semua desa',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      targets: { desa: desaTotal },
    });
    expect(allDesa.status).toBe(201);
    const raised = await dinas.patch(`/api/v1/prevention/campaigns/${allDesa.body.id}`, {
      version: allDesa.body.version,
      targets: { desa: 5000 },
    });
    expect(raised.body.error.fieldCodes).toEqual({ 'targets.desa': 'target_desa_too_large' });
    // the card's counts: counted (reported, accepted) of all activities naming the campaign
    must(
      await dinas.post('/api/v1/prevention/activities', {
        title: 'Rencana kampanye',
        kind: 'sosialisasi',
        field: 'keluarga',
        setting: 'balai_desa',
        startsAt: '2026-12-20T09:00',
        endsAt: '2026-12-20T11:00',
        regionCode: desa[4],
        campaignId,
      }),
      201,
      'planned in the campaign',
    );
    const camps = must(await dinas.get('/api/v1/prevention/campaigns'), 200, 'campaigns').items;
    const main = camps.find((c: { id: string }) => c.id === campaignId);
    expect(main).toMatchObject({ activityCount: 3, countedActivityCount: 2 });
    const outside = await dinas.post('/api/v1/prevention/campaigns', {
      name: 'Desa Serang',
      startsOn: '2026-01-01',
      endsOn: '2026-12-31',
      targetDesa: ['36.73.01.1001'],
    });
    expect(outside.status).toBe(400);
    expect(Object.values(outside.body.error.fieldCodes)[0]).toMatch(/out_of_jurisdiction|unknown_region/);
  });
});
