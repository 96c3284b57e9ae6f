/**
 * Coordination meetings, case conferences and follow-ups (issue 12 §3, decision 031): validation,
 * scope (a partner sees only meetings it is invited to and follow-ups it owns; another region's ids
 * are 404), versions, follow-up status rules, reminders sent once under concurrent scans and the
 * escalation after a week overdue, the case part hidden from those who may not read the case and
 * audited when read, and the minutes PDF (decisions in, case part out).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanFollowupReminders } from '../../src/app/meetings/followup-reminders.ts';
import { addDays } from '../../src/domain/meetings.ts';
import { localDate } from '../../src/domain/time.ts';
import {
  FACTORY_PASSWORD,
  type MadeUser,
  makeCase,
  makeOrg,
  makePerson,
  makeRegionWorld,
  makeUser,
  type Org,
  type RegionWorld,
} from '../helpers/factories.ts';
import { type Client, createHarness, ENGINES, type Harness, type Res } from '../helpers/harness.ts';
import { pdfText } from '../helpers/pdf-text.ts';

const LEBAK = '36.02';
const SERANG = '36.73';
const OUTSIDER = 'Sutinah Tamuuji Luarsimpul';
const CASE_SECRET = 'Korban Rahasiauji Konferensi';

const must = (r: Res, status: number, what: string) => {
  if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
};

describe.each(ENGINES)('meetings and follow-ups on %s', (engine) => {
  let h: Harness;
  let lebak: RegionWorld;
  let serang: RegionWorld;
  let school: Org;
  let users: Record<string, MadeUser>;
  let c: Record<string, Client>;
  let today: string;

  const as = (u: MadeUser) => h.as(u.email, FACTORY_PASSWORD);
  const newMeeting = (cl: Client, extra: Record<string, unknown> = {}) =>
    cl.post('/api/v1/meetings', {
      kind: 'rakor_lintas_sektor',
      title: 'Rakor PPA Triwulan IV',
      date: today,
      startTime: '09:00',
      endTime: '12:00',
      place: 'Aula Dinas',
      invitedOrgIds: [lebak.police.id],
      agenda: ['Pembukaan', 'Evaluasi layanan'],
      ...extra,
    });

  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    lebak = await makeRegionWorld(h.svc, { kabKota: LEBAK });
    serang = await makeRegionWorld(h.svc, { kabKota: SERANG });
    school = await makeOrg(h.svc, { kabKota: LEBAK, type: 'sekolah' });
    const mk = (role: Parameters<typeof makeUser>[1]['role'], org: Org) => makeUser(h.svc, { role, org });
    users = {
      manajer: await mk('manajer', lebak.dinas),
      admin: await mk('admin-dinas', lebak.dinas),
      pimpinan: await mk('pimpinan', lebak.dinas),
      pendamping: await mk('pendamping', lebak.uptd),
      police: await mk('mitra', lebak.police),
      school: await mk('mitra', school),
      serangManajer: await mk('manajer', serang.dinas),
    };
    c = {};
    for (const [k, u] of Object.entries(users)) c[k] = await as(u);
    today = localDate(h.now.value, LEBAK);
  });
  afterAll(() => h?.close());

  it('refuses reversed times, a missing place, bad dates and organisations of another region', async () => {
    let r = await newMeeting(c.manajer!, { startTime: '12:00', endTime: '09:00' });
    expect([r.status, r.body.error.fieldCodes.endTime]).toEqual([400, 'end_time_before_start']);
    r = await newMeeting(c.manajer!, { place: null });
    expect([r.status, r.body.error.fieldCodes.place]).toEqual([400, 'place_or_link_required']);
    r = await newMeeting(c.manajer!, { date: '2026-02-30' });
    expect([r.status, r.body.error.fieldCodes.date]).toEqual([400, 'invalid_date']);
    r = await newMeeting(c.manajer!, { startTime: '25:00' });
    expect([r.status, r.body.error.fieldCodes.startTime]).toEqual([400, 'invalid_time']);
    r = await newMeeting(c.manajer!, { onlineLink: 'javascript:alert(1)', place: null });
    expect([r.status, r.body.error.fieldCodes.onlineLink]).toEqual([400, 'invalid_url']);
    r = await newMeeting(c.manajer!, { invitedOrgIds: [serang.police.id] });
    expect([r.status, r.body.error.fieldCodes.invitedOrgIds]).toEqual([400, 'unknown_organisation']);
    r = await newMeeting(c.police!);
    expect(r.status).toBe(403);
    r = await newMeeting(c.pendamping!);
    expect(r.status).toBe(403);
  });

  it('stores the meeting in the region’s zone, audits reading names, keeps typed names encrypted', async () => {
    const m = must(await newMeeting(c.manajer!), 201, 'create');
    expect(m).toMatchObject({
      date: today,
      startTime: '09:00',
      endTime: '12:00',
      zone: 'WIB',
      status: 'direncanakan',
    });
    const row = await h.svc.conn.db
      .selectFrom('meeting')
      .select('starts_at')
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    // 09:00 WIB is 02:00 UTC
    expect(new Date(row.starts_at).toISOString()).toBe(`${today}T02:00:00.000Z`);
    const saved = must(
      await c.manajer!.req('PUT', `/api/v1/meetings/${m.id}/participants`, {
        version: m.version,
        participants: [
          { userId: users.police!.id, invited: true, attended: true },
          { name: OUTSIDER, orgName: 'Forum Anak Desa', invited: false, attended: true },
        ],
      }),
      200,
      'participants',
    );
    expect(saved.participants.map((p: { name: string }) => p.name)).toEqual([users.police!.name, OUTSIDER]);
    const stored = await sql<{
      t: string;
    }>`SELECT string_agg(coalesce(name_enc, ''), ' ') AS t FROM meeting_participant`.execute(h.svc.conn.db);
    expect(stored.rows[0]!.t).not.toContain('Sutinah');
    must(await c.pimpinan!.get(`/api/v1/meetings/${m.id}`), 200, 'read');
    const reads = await h.svc.conn.db
      .selectFrom('audit_event')
      .select(['actor_id'])
      .where('action', '=', 'meeting.participants_read')
      .where('entity_id', '=', m.id)
      .execute();
    expect(reads.map((x) => x.actor_id)).toContain(users.pimpinan!.id);
  });

  it('the minutes list only who attended, the invited absent apart; final minutes lock attendance and decisions (review M2, 13, 11)', async () => {
    // organised by the UPTD: its notulis signs, the head of the Dinas acknowledges
    const m = must(
      await newMeeting(c.manajer!, { title: 'Rakor daftar hadir', organiserOrgId: lebak.uptd.id }),
      201,
      'create',
    );
    // the same person twice would be both present and absent in the minutes: refused
    const twice = await c.manajer!.req('PUT', `/api/v1/meetings/${m.id}/participants`, {
      version: m.version,
      participants: [
        { userId: users.police!.id, invited: true, attended: true },
        { userId: users.police!.id, invited: true, attended: false },
      ],
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fieldCodes).toEqual({ 'participants.1.userId': 'duplicate_participant' });
    const withPeople = must(
      await c.manajer!.req('PUT', `/api/v1/meetings/${m.id}/participants`, {
        version: m.version,
        participants: [
          { userId: users.police!.id, invited: true, attended: true },
          { userId: users.pimpinan!.id, invited: true, attended: false },
          { name: 'Hadiruji Tanpa Undangan', orgName: 'Forum Anak Desa', attended: true },
        ],
      }),
      200,
      'people',
    );
    const written = must(
      await c.manajer!.patch(`/api/v1/meetings/${m.id}`, {
        version: withPeople.version,
        minutes: 'Notulen.',
      }),
      200,
      'minutes',
    );
    must(
      await c.manajer!.post(`/api/v1/meetings/${m.id}/status`, {
        version: written.version,
        status: 'selesai',
      }),
      200,
      'held',
    );
    const held = must(await c.manajer!.get(`/api/v1/meetings/${m.id}`), 200, 'read');
    const res = await h.app.request(`/api/v1/meetings/${m.id}/minutes.pdf`, {
      headers: { cookie: c.manajer!.cookie!, 'x-requested-with': 'simpul' },
    });
    expect(res.status).toBe(200);
    const text = (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('NOTULEN RAKOR DAFTAR HADIR');
    const present = text.slice(text.indexOf('A. Daftar hadir'), text.indexOf('Diundang, tidak hadir:'));
    const absent = text.slice(text.indexOf('Diundang, tidak hadir:'), text.indexOf('B. Agenda'));
    expect(present).toContain(users.police!.name);
    expect(present).toContain('Hadiruji Tanpa Undangan');
    expect(present).not.toContain(users.pimpinan!.name);
    expect(absent).toContain(users.pimpinan!.name);
    expect(text).toContain('Notulis,');
    expect(text).toContain('Mengetahui,');
    // final: the attendance and the decisions are what the minutes record
    let r = await c.manajer!.req('PUT', `/api/v1/meetings/${m.id}/participants`, {
      version: held.version,
      participants: [{ userId: users.police!.id, invited: true, attended: true }],
    });
    expect([r.status, r.body.error.code]).toEqual([409, 'MINUTES_FINAL']);
    r = await c.manajer!.post(`/api/v1/meetings/${m.id}/decisions`, { body: 'Keputusan susulan' });
    expect([r.status, r.body.error.code]).toEqual([409, 'MINUTES_FINAL']);
    const after = must(await c.manajer!.get(`/api/v1/meetings/${m.id}`), 200, 'read');
    expect(after.participants).toHaveLength(3);
    expect(after.decisions).toHaveLength(0);
  });

  it('scopes meetings and follow-ups: invited partners, owners, the province; other regions 404', async () => {
    const m = must(await newMeeting(c.manajer!), 201, 'create');
    const d = must(
      await c.manajer!.post(`/api/v1/meetings/${m.id}/decisions`, {
        body: 'Sosialisasi di sekolah',
        followups: [
          { action: 'Jadwalkan sosialisasi', ownerOrgId: school.id, dueOn: addDays(today, 10) },
          { action: 'Data kasus triwulan', ownerOrgId: lebak.police.id, dueOn: addDays(today, 10) },
        ],
      }),
      201,
      'decision',
    );
    type F = { id: string; ownerOrgId: string; version: number };
    const fs: F[] = d.decisions[0].followups;
    const fSchool = fs.find((x) => x.ownerOrgId === school.id)!;
    const fPolice = fs.find((x) => x.ownerOrgId === lebak.police.id)!;
    // the police is invited; the school is not, but owns a follow-up
    must(await c.police!.get(`/api/v1/meetings/${m.id}`), 200, 'police reads');
    expect((await c.school!.get(`/api/v1/meetings/${m.id}`)).status).toBe(404);
    must(await c.school!.get(`/api/v1/followups/${fSchool.id}`), 200, 'school reads own');
    expect((await c.school!.get(`/api/v1/followups/${fPolice.id}`)).status).toBe(404);
    const mine = must(await c.school!.get('/api/v1/followups'), 200, 'list');
    expect(mine.items.map((x: { ownerOrgId: string }) => x.ownerOrgId)).toEqual(
      mine.items.map(() => school.id),
    );
    expect(mine.items.map((x: { id: string }) => x.id)).toContain(fSchool.id);
    // a partner updates its own, never another's
    expect(
      (await c.school!.post(`/api/v1/followups/${fPolice.id}/progress`, { version: 1, note: 'x' })).status,
    ).toBe(404);
    must(
      await c.school!.post(`/api/v1/followups/${fSchool.id}/progress`, {
        version: fSchool.version,
        status: 'berjalan',
        note: 'Surat ke sekolah dikirim',
      }),
      200,
      'progress',
    );
    // a partner does not manage: due dates are the Dinas's
    expect(
      (await c.school!.patch(`/api/v1/followups/${fSchool.id}`, { version: 2, dueOn: addDays(today, 20) }))
        .status,
    ).toBe(403);
    // another region: 404 on every id
    for (const p of [
      `/api/v1/meetings/${m.id}`,
      `/api/v1/followups/${fSchool.id}`,
      `/api/v1/meetings/${m.id}/cases`,
    ])
      expect((await c.serangManajer!.get(p)).status).toBe(404);
    expect(
      (await c.serangManajer!.patch(`/api/v1/meetings/${m.id}`, { version: m.version, title: 'x' })).status,
    ).toBe(404);
    expect(
      (await c.serangManajer!.post(`/api/v1/followups/${fSchool.id}/progress`, { version: 2, note: 'x' }))
        .status,
    ).toBe(404);
    // the province reads Lebak's, does not edit it
    const prov = await h.as(await h.provinceUser('manajer'));
    must(await prov.get(`/api/v1/meetings/${m.id}`), 200, 'province reads');
    expect((await prov.patch(`/api/v1/meetings/${m.id}`, { version: m.version, title: 'x' })).status).toBe(
      403,
    );
    // pimpinan reads but does not update a partner's follow-up
    expect(
      (await c.pimpinan!.post(`/api/v1/followups/${fSchool.id}/progress`, { version: 2, note: 'x' })).status,
    ).toBe(403);
  });

  it('numbers decisions in order under a burst, refuses a due date before the meeting, answers 409 on a stale version', async () => {
    const m = must(await newMeeting(c.manajer!), 201, 'create');
    let r = await c.manajer!.post(`/api/v1/meetings/${m.id}/decisions`, {
      body: 'X',
      followups: [{ action: 'Y', ownerOrgId: school.id, dueOn: addDays(today, -1) }],
    });
    expect([r.status, r.body.error.fieldCodes['followups.0.dueOn']]).toEqual([400, 'due_before_meeting']);
    r = await c.manajer!.post(`/api/v1/meetings/${m.id}/decisions`, {
      body: 'X',
      followups: [{ action: 'Y', ownerOrgId: serang.police.id, dueOn: today }],
    });
    expect([r.status, r.body.error.fieldCodes['followups.0.ownerOrgId']]).toEqual([
      400,
      'unknown_organisation',
    ]);
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        c.manajer!.post(`/api/v1/meetings/${m.id}/decisions`, { body: `Keputusan ${i}` }),
      ),
    );
    expect(burst.map((x) => x.status)).toEqual(burst.map(() => 201));
    const got = must(await c.manajer!.get(`/api/v1/meetings/${m.id}`), 200, 'read');
    expect(got.decisions.map((x: { number: number }) => x.number)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    // a stale version
    must(
      await c.manajer!.patch(`/api/v1/meetings/${m.id}`, { version: got.version, minutes: 'Notulen umum.' }),
      200,
      'minutes',
    );
    r = await c.manajer!.patch(`/api/v1/meetings/${m.id}`, { version: got.version, minutes: 'Lain.' });
    expect([r.status, r.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);
    // held: the minutes are final; no going back
    const now = must(await c.manajer!.get(`/api/v1/meetings/${m.id}`), 200, 'read');
    must(
      await c.manajer!.post(`/api/v1/meetings/${m.id}/status`, { version: now.version, status: 'selesai' }),
      200,
      'held',
    );
    r = await c.manajer!.post(`/api/v1/meetings/${m.id}/status`, {
      version: now.version + 1,
      status: 'berlangsung',
    });
    expect([r.status, r.body.error.code]).toEqual([409, 'MEETING_STATE']);
    // a meeting without minutes cannot be held
    const empty = must(await newMeeting(c.manajer!), 201, 'create');
    r = await c.manajer!.post(`/api/v1/meetings/${empty.id}/status`, {
      version: empty.version,
      status: 'selesai',
    });
    expect([r.status, r.body.error.fieldCodes.minutes]).toEqual([400, 'minutes_required']);
    r = await c.manajer!.post(`/api/v1/meetings/${empty.id}/status`, {
      version: empty.version,
      status: 'dibatalkan',
    });
    expect([r.status, r.body.error.fieldCodes.reason]).toEqual([400, 'required']);
  });

  it('follow-up status rules: done needs a note or evidence, cancelled a reason', async () => {
    const m = must(await newMeeting(c.manajer!), 201, 'create');
    const d = must(
      await c.manajer!.post(`/api/v1/meetings/${m.id}/decisions`, {
        body: 'Pendataan',
        followups: [{ action: 'Kirim data', ownerOrgId: lebak.police.id, dueOn: addDays(today, 5) }],
      }),
      201,
      'decision',
    );
    const f = d.decisions[0].followups[0];
    let r = await c.police!.post(`/api/v1/followups/${f.id}/progress`, {
      version: f.version,
      status: 'selesai',
    });
    expect([r.status, r.body.error.fieldCodes.note]).toEqual([400, 'evidence_required']);
    r = await c.police!.post(`/api/v1/followups/${f.id}/progress`, { version: f.version, status: 'batal' });
    expect([r.status, r.body.error.fieldCodes.note]).toEqual([400, 'reason_required']);
    r = await c.police!.post(`/api/v1/followups/${f.id}/progress`, { version: f.version });
    expect([r.status, r.body.error.fieldCodes.note]).toEqual([400, 'required']);
    const done = must(
      await c.police!.post(`/api/v1/followups/${f.id}/progress`, {
        version: f.version,
        status: 'selesai',
        note: 'Data dikirim ke Dinas',
      }),
      200,
      'done',
    );
    expect(done).toMatchObject({ status: 'selesai', statusNote: 'Data dikirim ke Dinas', doneOn: today });
    expect(done.notes[0]).toMatchObject({ status: 'selesai', by: users.police!.name });
    r = await c.police!.post(`/api/v1/followups/${f.id}/progress`, { version: f.version, note: 'lagi' });
    expect([r.status, r.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);
  });

  it('reminds before the due date, after it, and escalates a week overdue — each once under concurrent scans', async () => {
    const m = must(await newMeeting(c.manajer!), 201, 'create');
    const due = addDays(today, 5);
    const d = must(
      await c.manajer!.post(`/api/v1/meetings/${m.id}/decisions`, {
        body: 'Pengingat',
        followups: [{ action: 'Tindak', ownerOrgId: school.id, dueOn: due }],
      }),
      201,
      'decision',
    );
    const fid = d.decisions[0].followups[0].id as string;
    const notices = async (kind: string) =>
      await h.svc.conn.db
        .selectFrom('notification')
        .select(['user_id', 'link', 'ref', 'topic'])
        .where('kind', '=', kind)
        .where('link', '=', `/rapat/tindak-lanjut/${fid}`)
        .execute();
    const at = (date: string, hour = 10) => new Date(`${date}T${String(hour - 7).padStart(2, '0')}:00:00Z`);
    const burst = async () => {
      await Promise.all(Array.from({ length: 12 }, () => scanFollowupReminders(h.svc)));
    };
    const saved = h.now.value;
    try {
      h.now.value = at(addDays(due, -4));
      await burst();
      expect(await notices('tindak_lanjut_pengingat')).toEqual([]);
      h.now.value = at(addDays(due, -3));
      await burst();
      await burst();
      expect((await notices('tindak_lanjut_pengingat')).map((n) => n.user_id)).toEqual([users.school!.id]);
      // on the due date itself nothing more; 00:30 WIB the day after: overdue
      h.now.value = at(due, 23);
      await burst();
      expect(await notices('tindak_lanjut_terlambat')).toEqual([]);
      h.now.value = new Date(at(addDays(due, 1), 7).getTime() - 6.5 * 3600_000);
      await burst();
      const late = await notices('tindak_lanjut_terlambat');
      expect(late.map((n) => n.user_id)).toEqual([users.school!.id]);
      // no names or titles in a notice: the due date as a topic, worded in each language
      expect(late[0]!.ref).toBeNull();
      expect(late[0]!.topic).toBe(`due:${due}`);
      const schoolNow = await as(users.school!);
      const listed = must(await schoolNow.get('/api/v1/notifications'), 200, 'notifications').items.find(
        (n: { kind: string }) => n.kind === 'tindak_lanjut_terlambat',
      );
      const dueWords = (lang: string) =>
        new Intl.DateTimeFormat(lang, { timeZone: 'UTC', dateStyle: 'medium' }).format(
          new Date(`${due}T00:00:00Z`),
        );
      expect(listed.topicLabel).toEqual({
        id: `Tenggat ${dueWords('id-ID')}`,
        en: `Due ${dueWords('en-GB')}`,
      });
      expect(listed.topicLabel.en).not.toMatch(/Tenggat|\d{4}-\d{2}-\d{2}/);
      h.now.value = at(addDays(due, 6));
      await burst();
      expect(await notices('tindak_lanjut_eskalasi')).toEqual([]);
      h.now.value = at(addDays(due, 7));
      await burst();
      await burst();
      const esc = (await notices('tindak_lanjut_eskalasi')).map((n) => n.user_id).sort();
      expect(esc).toEqual([users.manajer!.id, users.admin!.id, users.pimpinan!.id].sort());
      // sessions idle out when the clock jumps: sign in again at this time
      const school = await as(users.school!);
      const manajer = await as(users.manajer!);
      const shown = must(await school.get(`/api/v1/followups/${fid}`), 200, 'read');
      expect(shown).toMatchObject({ overdueDays: 7, escalated: true });
      const overdue = must(await manajer.get('/api/v1/followups?overdue=true'), 200, 'list');
      expect(overdue.items.map((x: { id: string }) => x.id)).toContain(fid);
      // a new due date arms the reminders again
      const f = must(await manajer.get(`/api/v1/followups/${fid}`), 200, 'read');
      must(
        await manajer.patch(`/api/v1/followups/${fid}`, { version: f.version, dueOn: addDays(due, 9) }),
        200,
        'new due date',
      );
      await burst();
      expect((await notices('tindak_lanjut_pengingat')).length).toBe(2);
    } finally {
      h.now.value = saved;
    }
  });

  it('shows the case part only to those who may read the case, audits each read, and never prints it', async () => {
    const kasus = await makeCase(h.svc, users.manajer!);
    await makePerson(h.svc, users.manajer!, kasus.id, { role: 'korban', name: CASE_SECRET });
    const serangCase = await makeCase(h.svc, users.serangManajer!);
    const m = must(
      await newMeeting(c.manajer!, { kind: 'case_conference', title: 'Konferensi kasus Desember' }),
      201,
      'create',
    );
    let r = await c.manajer!.req('PUT', `/api/v1/meetings/${m.id}/cases/${serangCase.id}`, {
      discussion: 'x',
    });
    expect(r.status).toBe(404);
    const parts = must(
      await c.manajer!.req('PUT', `/api/v1/meetings/${m.id}/cases/${kasus.id}`, {
        discussion: `${CASE_SECRET}: rujuk ke psikolog`,
      }),
      200,
      'case part',
    );
    expect(parts.items[0]).toMatchObject({
      caseNumber: kasus.number,
      discussion: `${CASE_SECRET}: rujuk ke psikolog`,
    });
    r = await c.manajer!.req('PUT', `/api/v1/meetings/${m.id}/cases/${kasus.id}`, {
      discussion: 'lagi',
      version: 7,
    });
    expect(r.status).toBe(409);
    const stored = await sql<{ t: string }>`SELECT discussion_enc AS t FROM meeting_case`.execute(
      h.svc.conn.db,
    );
    expect(stored.rows.map((x) => x.t).join(' ')).not.toContain('Rahasiauji');
    must(
      await c.manajer!.patch(`/api/v1/meetings/${m.id}`, {
        version: m.version,
        minutes: 'Dibahas satu kasus tanpa nama.',
      }),
      200,
      'minutes',
    );
    must(
      await c.manajer!.post(`/api/v1/meetings/${m.id}/decisions`, {
        body: 'Rujukan layanan psikologis',
        followups: [{ action: 'Jadwalkan konseling', ownerOrgId: lebak.uptd.id, dueOn: addDays(today, 7) }],
      }),
      201,
      'decision',
    );
    // a companion not assigned to the case, an invited partner, the leadership: no case part
    for (const who of ['pendamping', 'pimpinan', 'admin'] as const) {
      const seen = must(await c[who]!.get(`/api/v1/meetings/${m.id}`), 200, who);
      expect(seen.caseParts).toEqual({ total: 1, hidden: 1 });
      expect(JSON.stringify(seen)).not.toContain('Rahasiauji');
      const cp = must(await c[who]!.get(`/api/v1/meetings/${m.id}/cases`), 200, who);
      expect(cp).toEqual({ items: [], hidden: 1 });
    }
    const before = await h.svc.conn.db
      .selectFrom('audit_event')
      .select('id')
      .where('action', '=', 'meeting.case_part_read')
      .where('entity_id', '=', kasus.id)
      .execute();
    const mine = must(await c.manajer!.get(`/api/v1/meetings/${m.id}/cases`), 200, 'manajer');
    expect(mine.items.map((x: { discussion: string }) => x.discussion)).toEqual([
      `${CASE_SECRET}: rujuk ke psikolog`,
    ]);
    const after = await h.svc.conn.db
      .selectFrom('audit_event')
      .select(['actor_id', 'entity'])
      .where('action', '=', 'meeting.case_part_read')
      .where('entity_id', '=', kasus.id)
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ actor_id: users.manajer!.id, entity: 'case' });
    // no case data in notifications
    const notes = await sql<{
      t: string;
    }>`SELECT string_agg(coalesce(ref, '') || link, ' ') AS t FROM notification`.execute(h.svc.conn.db);
    expect(notes.rows[0]!.t ?? '').not.toContain('Rahasiauji');
    expect(notes.rows[0]!.t ?? '').not.toContain(kasus.number);
    // the PDF: decisions and follow-ups, no case part, even for the one who may read it
    const res = await h.app.request(`/api/v1/meetings/${m.id}/minutes.pdf`, {
      headers: { cookie: c.manajer!.cookie!, 'x-requested-with': 'simpul' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const text = (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, ' ');
    // the kind named once (review 12): the title already says "Konferensi kasus"
    expect(text).toContain('NOTULEN KONFERENSI KASUS DESEMBER');
    expect(text).not.toContain('CASE CONFERENCE KONFERENSI');
    expect(text).toContain('Rujukan layanan psikologis');
    expect(text).toContain('Jadwalkan konseling');
    expect(text).toContain(lebak.uptd.name);
    expect(text).toContain('Bagian kasus (1 kasus) tidak dicetak');
    expect(text).not.toContain('Rahasiauji');
    expect(text).not.toContain(kasus.number);
  });

  it('holds under bursts: one meeting per Idempotency-Key, one winner per follow-up version; refuses empty and huge input', async () => {
    const body = {
      kind: 'evaluasi',
      title: 'Evaluasi ledakan',
      date: today,
      startTime: '10:00',
      place: 'Aula',
    };
    const burst = await Promise.all(
      Array.from({ length: 100 }, () =>
        c.manajer!.post('/api/v1/meetings', body, { 'idempotency-key': 'rapat-ledakan-1' }),
      ),
    );
    const ok = burst.filter((r) => r.status === 201);
    expect(ok.length + burst.filter((r) => r.status === 409).length).toBe(100);
    expect(new Set(ok.map((r) => r.body.id)).size).toBe(1);
    const rows = await h.svc.conn.db
      .selectFrom('meeting')
      .select('id')
      .where('title', '=', 'Evaluasi ledakan')
      .execute();
    expect(rows).toHaveLength(1);
    const m = ok[0]!.body;
    const d = must(
      await c.manajer!.post(`/api/v1/meetings/${m.id}/decisions`, {
        body: 'Ledakan',
        followups: [{ action: 'Tindak', ownerOrgId: lebak.police.id, dueOn: addDays(today, 3) }],
      }),
      201,
      'decision',
    );
    const f = d.decisions[0].followups[0];
    const updates = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        c.police!.post(`/api/v1/followups/${f.id}/progress`, { version: f.version, note: `Catatan ${i}` }),
      ),
    );
    expect(updates.filter((r) => r.status === 200)).toHaveLength(1);
    expect(updates.filter((r) => r.status === 409)).toHaveLength(99);
    const notes = await h.svc.conn.db
      .selectFrom('followup_note')
      .select('id')
      .where('followup_id', '=', f.id)
      .execute();
    expect(notes).toHaveLength(1);
    // empty, huge, wrong type
    let r = await newMeeting(c.manajer!, { title: '   ' });
    expect([r.status, r.body.error.fieldCodes.title]).toEqual([400, 'required']);
    r = await newMeeting(c.manajer!, { title: 'x'.repeat(301) });
    expect([r.status, r.body.error.fieldCodes.title]).toEqual([400, 'too_long']);
    r = await newMeeting(c.manajer!, { agenda: Array.from({ length: 51 }, () => 'a') });
    expect([r.status, r.body.error.fieldCodes.agenda]).toEqual([400, 'too_many']);
    r = await newMeeting(c.manajer!, { kind: 'pesta' });
    expect([r.status, r.body.error.fieldCodes.kind]).toEqual([400, 'invalid_value']);
    r = await newMeeting(c.manajer!, { date: 20261205 });
    expect(r.status).toBe(400);
    r = await c.police!.post(`/api/v1/followups/${f.id}/progress`, { version: 2, status: 'tuntas' });
    expect([r.status, r.body.error.fieldCodes.status]).toEqual([400, 'invalid_value']);
  });

  it('answers the list with filters and the partner view “mine”', async () => {
    const all = must(await c.manajer!.get('/api/v1/followups?status=belum'), 200, 'list');
    expect(all.items.every((x: { status: string }) => x.status === 'belum')).toBe(true);
    const mine = must(await c.police!.get('/api/v1/followups?mine=true'), 200, 'mine');
    expect(mine.items.every((x: { ownerOrgId: string }) => x.ownerOrgId === lebak.police.id)).toBe(true);
    const r = await c.manajer!.get('/api/v1/meetings?from=2026-12-31&to=2026-01-01');
    expect([r.status, r.body.error.fieldCodes.to]).toEqual([400, 'date_before_from']);
    const list = must(await c.police!.get('/api/v1/meetings'), 200, 'police list');
    expect(list.items.length).toBeGreaterThan(0);
    expect((await c.school!.get('/api/v1/meetings')).body.items).toEqual([]);
  });

  it('the follow-up list prints as a PDF on the letterhead with its filters; a partner’s holds only its own (review M3)', async () => {
    const m = must(
      await newMeeting(c.manajer!, { title: 'Rakor cetak tindak lanjut', date: addDays(today, -7) }),
      201,
      'create',
    );
    must(
      await c.manajer!.post(`/api/v1/meetings/${m.id}/decisions`, {
        body: 'Keputusan untuk dicetak',
        followups: [
          { action: 'Cetakuji terlambat polisi', ownerOrgId: lebak.police.id, dueOn: addDays(today, -3) },
          { action: 'Cetakuji tepat waktu sekolah', ownerOrgId: school.id, dueOn: addDays(today, 10) },
        ],
      }),
      201,
      'decision',
    );
    const pdf = async (cl: Client, q: string) => {
      const res = await h.app.request(`/api/v1/followups.pdf${q}`, {
        headers: { cookie: cl.cookie!, 'x-requested-with': 'simpul' },
      });
      expect(res.status, q).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      return (await pdfText(new Uint8Array(await res.arrayBuffer()))).replace(/\s+/g, ' ');
    };
    const late = await pdf(c.pimpinan!, '?overdue=true');
    expect(late).toContain('DAFTAR TINDAK LANJUT RAPAT KOORDINASI');
    expect(late).toContain('Hanya yang terlambat');
    expect(late).toContain('Cetakuji terlambat polisi');
    expect(late).toContain('Terlambat 3 hari');
    expect(late).not.toContain('Cetakuji tepat waktu sekolah');
    const all = await pdf(c.pimpinan!, `?ownerOrgId=${school.id}`);
    expect(all).toContain('Cetakuji tepat waktu sekolah');
    expect(all).not.toContain('Cetakuji terlambat polisi');
    expect(all).toContain(`Lembaga penanggung jawab: ${school.name}`);
    const police = await pdf(c.police!, '');
    expect(police).toContain('Cetakuji terlambat polisi');
    expect(police).not.toContain('Cetakuji tepat waktu sekolah');
    const bad = await c.pimpinan!.get('/api/v1/followups.pdf?status=entah');
    expect(bad.status).toBe(400);
  });
});
