/**
 * Training and capacity (issue 12 §2): events with participants and attendance; who sees and
 * changes them (region, partner's own, another region's ids → 404); stale versions; required
 * types and the gap view with expiry; certificates as PDF with a code the public page confirms;
 * bursts on the idempotent create and on attendance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainingGapView } from '../../src/app/training/requirements.ts';
import { DEFAULT_TRAINING_TYPE_NAMES, trainingTypeName } from '../../src/domain/training-types.ts';
import { ctxOf, type MadeUser, makeOrg, makeRegionWorld, makeUser } from '../helpers/factories.ts';
import { pngBytes } from '../helpers/files.ts';
import { type Client, createHarness, ENGINES, type Harness, type Res } from '../helpers/harness.ts';
import { pdfQrTexts } from '../helpers/pdf-qr.ts';
import { pdfText } from '../helpers/pdf-text.ts';

const MANAJEMEN_KASUS = '7a1e0000-0000-4000-8000-000000000004';
const PERSPEKTIF_KORBAN = '7a1e0000-0000-4000-8000-000000000006';
const BIMTEK = '7a1e0000-0000-4000-8000-000000000001';

describe.each(ENGINES)('training on %s', (engine) => {
  let h: Harness;
  const u: Record<string, MadeUser> = {};
  const c: Record<string, Client> = {};
  let lebak: Awaited<ReturnType<typeof makeRegionWorld>>;
  let serang: Awaited<ReturnType<typeof makeRegionWorld>>;
  let school: { id: string };
  let event: { id: string; version: number };

  const must = (r: Res, status: number, what: string) => {
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const page = async (path: string, ip = '10.0.0.1') => {
    const r = await h.app.request(path, { headers: { 'x-test-ip': ip } });
    return { status: r.status, text: await r.text() };
  };
  const pdf = async (cl: Client, path: string) => {
    const r = await h.app.request(path, { headers: { cookie: cl.cookie!, 'x-requested-with': 'simpul' } });
    return {
      status: r.status,
      type: r.headers.get('content-type'),
      bytes: new Uint8Array(await r.arrayBuffer()),
    };
  };
  const eventBody = (over: Record<string, unknown> = {}) => ({
    title: 'Bimtek Manajemen Kasus Angkatan I',
    typeId: MANAJEMEN_KASUS,
    topics: ['Asesmen kebutuhan korban', 'Rencana intervensi'],
    startsOn: '2026-03-10',
    endsOn: '2026-03-12',
    mode: 'luring',
    place: 'Aula Dinas PPPA',
    organiserOrgId: lebak.dinas.id,
    trainers: [{ name: 'Dr. Ratna Uji', institution: 'Universitas Uji' }],
    ...over,
  });

  beforeAll(async () => {
    h = await createHarness(engine, {
      seed: 'none',
      app: { clientIp: (cx) => cx.req.header('x-test-ip') ?? '127.0.0.9' },
    });
    h.now.value = new Date('2026-12-05T03:00:00Z');
    lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    serang = await makeRegionWorld(h.svc, { kabKota: '36.73' });
    school = await makeOrg(h.svc, { kabKota: '36.02', type: 'sekolah', name: 'SMPN 1 Rangkasbitung (uji)' });
    u.admin = await makeUser(h.svc, { role: 'admin-dinas', org: lebak.dinas, name: 'Admin Dinas Uji' });
    u.manajer = await makeUser(h.svc, { role: 'manajer', org: lebak.uptd, name: 'Maya Manajer Uji' });
    u.pendamping = await makeUser(h.svc, {
      role: 'pendamping',
      org: lebak.uptd,
      name: 'Putri Pendamping Uji',
    });
    u.pengaduan = await makeUser(h.svc, { role: 'pengaduan', org: lebak.uptd, name: 'Pandu Pengaduan Uji' });
    u.pimpinan = await makeUser(h.svc, { role: 'pimpinan', org: lebak.dinas });
    u.mitra = await makeUser(h.svc, { role: 'mitra', org: lebak.police, name: 'Bripka Mitra Uji' });
    u.auditor = await makeUser(h.svc, { role: 'auditor', org: lebak.dinas });
    u.serang = await makeUser(h.svc, { role: 'manajer', org: serang.uptd, name: 'Sena Serang Uji' });
    u.serangMitra = await makeUser(h.svc, { role: 'mitra', org: serang.police });
    for (const [k, v] of Object.entries(u)) c[k] = await h.as(v.email, v.password);
    c.province = await h.as(await h.provinceUser('pimpinan'));
    event = must(await c.manajer!.post('/api/v1/training/events', eventBody()), 201, 'event');
  }, 60_000);
  afterAll(async () => h?.close());

  it('refuses bad events with field codes', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ endsOn: '2026-03-01' }, 'endsOn', 'ends_before_start'],
      [{ startsOn: '2026-02-30' }, 'startsOn', 'invalid_date'],
      [{ title: '' }, 'title', 'required'],
      [{ typeId: '00000000-0000-4000-8000-000000000000' }, 'typeId', 'invalid_value'],
      [{ organiserOrgId: serang.dinas.id }, 'organiserOrgId', 'unknown_organisation'],
      [{ mode: 'teleport' }, 'mode', 'invalid_value'],
      [{ topics: Array.from({ length: 31 }, (_, i) => `Materi ${i}`) }, 'topics', 'too_many'],
      [{ endsOn: '2028-03-12' }, 'endsOn', 'out_of_range'],
    ];
    for (const [over, field, code] of cases) {
      const r = await c.manajer!.post('/api/v1/training/events', eventBody(over));
      expect(r.status, JSON.stringify(over)).toBe(400);
      expect(r.body.error.fieldCodes[field], JSON.stringify(r.body)).toBe(code);
    }
    const e = must(await c.manajer!.get(`/api/v1/training/events/${event.id}`), 200, 'read');
    const r = await c.manajer!.patch(`/api/v1/training/events/${event.id}`, {
      version: e.version,
      endsOn: '2026-03-01',
    });
    expect(r.status).toBe(400);
    expect(r.body.error.fieldCodes.endsOn).toBe('ends_before_start');
  });

  it('lets only the Dinas managers of the jurisdiction create; others read within their scope', async () => {
    for (const who of ['pendamping', 'pengaduan', 'pimpinan', 'mitra', 'auditor'])
      expect((await c[who]!.post('/api/v1/training/events', eventBody())).status, who).toBe(403);
    const byAdmin = must(
      await c.admin!.post('/api/v1/training/events', eventBody({ title: 'Bimtek oleh admin Dinas' })),
      201,
      'admin creates',
    );
    expect(byAdmin.canManage).toBe(true);
    for (const who of ['pendamping', 'pengaduan', 'pimpinan', 'province']) {
      const l = must(await c[who]!.get('/api/v1/training/events'), 200, who);
      expect(
        l.items.map((x: { id: string }) => x.id),
        who,
      ).toContain(event.id);
      expect(l.items.find((x: { id: string }) => x.id === event.id).canManage).toBe(false);
    }
    const s = must(await c.serang!.get('/api/v1/training/events'), 200, 'serang list');
    expect(s.items).toHaveLength(0);
    expect((await c.auditor!.get('/api/v1/training/events')).status).toBe(403);
  });

  it('adds users and partner staff of the jurisdiction; refuses others and duplicates', async () => {
    const base = `/api/v1/training/events/${event.id}/participants`;
    for (const who of ['manajer', 'pendamping', 'mitra'])
      must(await c.manajer!.post(base, { userId: u[who]!.id }), 201, `add ${who}`);
    const guest = must(
      await c.manajer!.post(base, { name: 'Ibu Guru Tamu Uji', orgId: school.id }),
      201,
      'add non-user',
    );
    expect(guest.userId).toBeNull();
    expect(guest.name).toBe('Ibu Guru Tamu Uji');
    // the typed name is stored encrypted
    const raw = await h.svc.conn.db
      .selectFrom('training_attendance')
      .select('name_enc')
      .where('id', '=', guest.id)
      .executeTakeFirstOrThrow();
    expect(raw.name_enc).not.toContain('Guru');

    const dup = await c.manajer!.post(base, { userId: u.pendamping!.id });
    expect(dup.status).toBe(409);
    // said as what it is, not the generic "already taken"
    expect(dup.body.error.fieldCodes.userId).toBe('already_participant');
    expect(dup.body.error.fields.userId).toBe('Sudah terdaftar sebagai peserta kegiatan ini.');
    const other = await c.manajer!.post(base, { userId: u.serang!.id });
    expect(other.status).toBe(400);
    expect(other.body.error.fieldCodes.userId).toBe('out_of_jurisdiction');
    const otherOrg = await c.manajer!.post(base, { name: 'Tamu Serang', orgId: serang.police.id });
    expect(otherOrg.body.error.fieldCodes.orgId).toBe('unknown_organisation');
    expect((await c.pendamping!.post(base, { userId: u.pengaduan!.id })).status).toBe(403);
  });

  it('keeps another region’s ids out of reach (404, nothing of the record)', async () => {
    const p = must(await c.manajer!.get(`/api/v1/training/events/${event.id}/participants`), 200, 'list');
    const pid = p.items[0].id;
    const calls: Array<[Client, string, string, unknown?]> = [];
    for (const cl of [c.serang!, c.serangMitra!]) {
      calls.push([cl, 'GET', `/api/v1/training/events/${event.id}`]);
      calls.push([cl, 'PATCH', `/api/v1/training/events/${event.id}`, { version: 1, title: 'x' }]);
      calls.push([cl, 'DELETE', `/api/v1/training/events/${event.id}?version=1`]);
      calls.push([cl, 'GET', `/api/v1/training/events/${event.id}/participants`]);
      calls.push([cl, 'POST', `/api/v1/training/events/${event.id}/participants`, { userId: u.serang!.id }]);
      calls.push([cl, 'PATCH', `/api/v1/training/events/${event.id}/participants/${pid}`, { version: 1 }]);
      calls.push([cl, 'DELETE', `/api/v1/training/events/${event.id}/participants/${pid}?version=1`]);
      calls.push([cl, 'GET', `/api/v1/training/events/${event.id}/participants/${pid}/certificate.pdf`]);
      calls.push([cl, 'GET', `/api/v1/training/records/${u.pendamping!.id}`]);
    }
    for (const [cl, method, path, body] of calls) {
      const r = await cl.req(method, path, body);
      expect(r.status, `${method} ${path}`).toBe(404);
      expect(JSON.stringify(r.body)).not.toContain('Bimtek');
      expect(JSON.stringify(r.body)).not.toContain('Pendamping Uji');
    }
  });

  it('shows a partner the events its staff attend, and only its own people on the list', async () => {
    const l = must(await c.mitra!.get('/api/v1/training/events'), 200, 'mitra list');
    expect(l.items.map((x: { id: string }) => x.id)).toEqual([event.id]);
    const p = must(
      await c.mitra!.get(`/api/v1/training/events/${event.id}/participants`),
      200,
      'mitra people',
    );
    expect(p.items.map((x: { name: string }) => x.name)).toEqual(['Bripka Mitra Uji']);
    const full = must(
      await c.pimpinan!.get(`/api/v1/training/events/${event.id}/participants`),
      200,
      'pimpinan',
    );
    expect(full.items).toHaveLength(4);
    // reading the names is audited
    const audits = await h.svc.conn.db
      .selectFrom('audit_event')
      .select(['actor_id'])
      .where('action', '=', 'training.participants_read')
      .where('entity_id', '=', event.id)
      .execute();
    expect(audits.map((a) => a.actor_id)).toEqual(expect.arrayContaining([u.mitra!.id, u.pimpinan!.id]));
    expect(
      (await c.mitra!.patch(`/api/v1/training/events/${event.id}`, { version: 1, title: 'x' })).status,
    ).toBe(403);
  });

  it('records attendance and completion with the version; completion needs attendance', async () => {
    const base = `/api/v1/training/events/${event.id}/participants`;
    const p = must(await c.manajer!.get(base), 200, 'list').items as Array<{
      id: string;
      userId: string | null;
      version: number;
    }>;
    const pend = p.find((x) => x.userId === u.pendamping!.id)!;
    const r0 = await c.manajer!.patch(`${base}/${pend.id}`, { version: pend.version, completed: true });
    expect(r0.status).toBe(400);
    expect(r0.body.error.fieldCodes.completed).toBe('not_attended');
    const r1 = must(
      await c.manajer!.patch(`${base}/${pend.id}`, {
        version: pend.version,
        attendance: 'hadir',
        completed: true,
      }),
      200,
      'complete',
    );
    expect(r1).toMatchObject({ attendance: 'hadir', completed: true, certificate: true });
    const stale = await c.manajer!.patch(`${base}/${pend.id}`, {
      version: pend.version,
      attendance: 'tidak_hadir',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const e = must(await c.manajer!.get(`/api/v1/training/events/${event.id}`), 200, 'event');
    expect(e).toMatchObject({ participants: 4, attended: 1, completed: 1 });
    const staleEvent = await c.manajer!.patch(`/api/v1/training/events/${event.id}`, {
      version: e.version + 5,
      title: 'Judul baru',
    });
    expect(staleEvent.status).toBe(409);
    // an event with a certificate cannot be deleted
    const del = await c.manajer!.req('DELETE', `/api/v1/training/events/${event.id}?version=${e.version}`);
    expect(del.status).toBe(409);
    expect(del.body.error.code).toBe('TRAINING_HAS_CERTIFICATES');
  });

  it('gives each person their record; others’ records only to managers and pimpinan', async () => {
    const mine = must(await c.pendamping!.get('/api/v1/training/records/me'), 200, 'own record');
    expect(mine.person.name).toBe('Putri Pendamping Uji');
    expect(mine.items[0]).toMatchObject({ eventId: event.id, completed: true, certificate: true });
    const partner = must(await c.mitra!.get('/api/v1/training/records/me'), 200, 'mitra record');
    expect(partner.items[0]).toMatchObject({ eventId: event.id, completed: false });
    for (const who of ['manajer', 'pimpinan', 'admin', 'province'])
      expect((await c[who]!.get(`/api/v1/training/records/${u.pendamping!.id}`)).status, who).toBe(200);
    for (const who of ['pengaduan', 'mitra', 'serang'])
      expect((await c[who]!.get(`/api/v1/training/records/${u.pendamping!.id}`)).status, who).toBe(404);
  });

  it('issues a certificate PDF with name, training and code, which the public page confirms', async () => {
    const base = `/api/v1/training/events/${event.id}/participants`;
    const p = must(await c.manajer!.get(base), 200, 'list').items as Array<{
      id: string;
      userId: string | null;
      version: number;
      completed: boolean;
    }>;
    const pend = p.find((x) => x.userId === u.pendamping!.id)!;
    const own = await pdf(c.pendamping!, `${base}/${pend.id}/certificate.pdf`);
    expect(own.status).toBe(200);
    expect(own.type).toBe('application/pdf');
    const text = await pdfText(own.bytes);
    expect(text).toContain('Putri Pendamping Uji');
    expect(text).toContain('Bimtek Manajemen Kasus Angkatan I');
    expect(text).toContain('SERTIFIKAT');
    const code = /Kode verifikasi: ([A-Z0-9-]{14})/.exec(text)?.[1];
    expect(code).toBeTruthy();
    // the full address of the check page with the code, printed and as a QR code a phone opens
    const flat = text.replace(/\s+/g, '');
    expect(flat).toContain(`/verifikasi?kode=${code}`);
    const qrs = await pdfQrTexts(own.bytes);
    expect(qrs).toHaveLength(1);
    const qr = new URL(qrs[0]!);
    expect(qr.pathname).toBe('/verifikasi');
    expect(qr.searchParams.get('kode')).toBe(code);
    const scanned = await page(`${qr.pathname}${qr.search}`);
    expect(scanned.status).toBe(200);
    expect(scanned.text).toContain('Sertifikat pelatihan ini asli');
    expect(scanned.text).toContain('Putri Pendamping Uji');
    // another participant's certificate: not for a colleague; not before completion
    const mgr = p.find((x) => x.userId === u.manajer!.id)!;
    expect((await pdf(c.pengaduan!, `${base}/${pend.id}/certificate.pdf`)).status).toBe(404);
    expect((await pdf(c.manajer!, `${base}/${mgr.id}/certificate.pdf`)).status).toBe(409);
    expect((await pdf(c.pimpinan!, `${base}/${pend.id}/certificate.pdf`)).status).toBe(200);

    const ok = await page(`/verifikasi?kode=${encodeURIComponent(code!)}`);
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Sertifikat pelatihan ini asli');
    expect(ok.text).toContain('Putri Pendamping Uji');
    expect(ok.text).toContain('Bimtek Manajemen Kasus Angkatan I');
    expect(ok.text).toContain('Berlaku');
    expect(ok.text).not.toContain(lebak.uptd.name);
    const forged = await page(`/verifikasi?kode=${code!.replace(/^.{4}/, 'ZZZZ')}`);
    expect(forged.status).toBe(404);
    expect(forged.text).not.toContain('Putri');

    // the completion withdrawn: the code still answers, as not valid
    must(
      await c.manajer!.patch(`${base}/${pend.id}`, { version: pend.version, completed: false }),
      200,
      'withdraw',
    );
    const withdrawn = await page(`/verifikasi?kode=${encodeURIComponent(code!)}`);
    expect(withdrawn.text).toContain('Tidak berlaku');
    const again = must(await c.manajer!.get(base), 200, 'list').items.find(
      (x: { id: string }) => x.id === pend.id,
    );
    must(
      await c.manajer!.patch(`${base}/${pend.id}`, { version: again.version, completed: true }),
      200,
      'again',
    );
    const back = await page(`/verifikasi?kode=${encodeURIComponent(code!)}`);
    expect(back.text).toContain('Berlaku');
    expect(back.text).not.toContain('Tidak berlaku');

    // a partner's staff member without an account: the Dinas prints it
    const guest = p.find((x) => x.userId === null)!;
    must(
      await c.manajer!.patch(`${base}/${guest.id}`, {
        version: guest.version,
        attendance: 'hadir',
        completed: true,
      }),
      200,
      'guest completes',
    );
    const g = await pdf(c.manajer!, `${base}/${guest.id}/certificate.pdf`);
    expect(g.status).toBe(200);
    expect(await pdfText(g.bytes)).toContain('Ibu Guru Tamu Uji');
    // someone with a certificate is not removed (withdraw the completion first)
    const held = must(await c.manajer!.get(base), 200, 'list').items.find(
      (x: { id: string }) => x.id === guest.id,
    );
    const rm = await c.manajer!.req('DELETE', `${base}/${guest.id}?version=${held.version}`);
    expect(rm.status).toBe(409);
    expect(rm.body.error.code).toBe('TRAINING_HAS_CERTIFICATES');
  });

  it('sets required types per role (admin Dinas, with version) and lists the gaps, expiry included', async () => {
    const r0 = must(await c.manajer!.get('/api/v1/training/requirements'), 200, 'read');
    expect(r0).toMatchObject({ version: 0, items: [], canEdit: false });
    const body = {
      version: 0,
      items: [
        { typeId: MANAJEMEN_KASUS, roles: ['manajer', 'pendamping'], validYears: 2 },
        { typeId: PERSPEKTIF_KORBAN, roles: ['pendamping'], validYears: null },
      ],
    };
    expect((await c.manajer!.req('PUT', '/api/v1/training/requirements', body)).status).toBe(403);
    const bad = await c.admin!.req('PUT', '/api/v1/training/requirements', {
      version: 0,
      items: [{ typeId: MANAJEMEN_KASUS, roles: ['manajer'], validYears: -1 }],
    });
    expect(bad.status).toBe(400);
    const saved = must(await c.admin!.req('PUT', '/api/v1/training/requirements', body), 200, 'save');
    expect(saved.version).toBe(1);
    expect(saved.items).toHaveLength(2);
    const stale = await c.admin!.req('PUT', '/api/v1/training/requirements', body);
    expect(stale.status).toBe(409);

    const gaps = must(await c.manajer!.get('/api/v1/training/gaps'), 200, 'gaps');
    const byName = (g: {
      people: Array<{ name: string; missing: Array<{ typeId: string; status: string }> }>;
    }) =>
      Object.fromEntries(
        g.people.map((p) => [p.name, p.missing.map((m) => `${m.typeId}:${m.status}`).sort()]),
      );
    // the companion completed case management (2026-03-12), the manager attended nothing yet
    expect(byName(gaps)).toEqual({
      'Maya Manajer Uji': [`${MANAJEMEN_KASUS}:belum`],
      'Putri Pendamping Uji': [`${PERSPEKTIF_KORBAN}:belum`],
    });
    expect(gaps.checked).toBe(3);
    expect((await c.pendamping!.get('/api/v1/training/gaps')).status).toBe(403);
    expect((await c.mitra!.get('/api/v1/training/gaps')).status).toBe(403);
    must(await c.pimpinan!.get('/api/v1/training/gaps'), 200, 'pimpinan gaps');
    const serangGaps = must(await c.serang!.get('/api/v1/training/gaps'), 200, 'serang gaps');
    expect(serangGaps.people).toHaveLength(0);

    // two years after the training's last day the completion has expired
    const saveNow = h.now.value;
    try {
      h.now.value = new Date('2028-03-11T16:00:00Z'); // 2028-03-11 23:00 WIB: still valid
      // (a session would have expired over two years: the use case is asked directly)
      const gapsNow = () => trainingGapView(ctxOf(h.svc, u.manajer!));
      expect(byName(await gapsNow())['Putri Pendamping Uji']).toEqual([`${PERSPEKTIF_KORBAN}:belum`]);
      h.now.value = new Date('2028-03-11T17:00:00Z'); // 2028-03-12 00:00 WIB: expired
      const later = await gapsNow();
      expect(byName(later)['Putri Pendamping Uji']).toEqual([
        `${MANAJEMEN_KASUS}:kedaluwarsa`,
        `${PERSPEKTIF_KORBAN}:belum`,
      ]);
      expect(
        later.people.find((p: { name: string }) => p.name === 'Putri Pendamping Uji')?.missing,
      ).toContainEqual(expect.objectContaining({ lastCompletedOn: '2026-03-12', expiredOn: '2028-03-12' }));
    } finally {
      h.now.value = saveNow;
    }
  });

  it('creates once per Idempotency-Key under a burst of 100', async () => {
    const before = await h.svc.conn.db
      .selectFrom('training_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const body = eventBody({ title: 'Pelatihan burst', typeId: BIMTEK });
    const rs = await Promise.all(
      Array.from({ length: 100 }, () =>
        c.manajer!.post('/api/v1/training/events', body, { 'idempotency-key': 'burst-training-1' }),
      ),
    );
    const codes = new Set(rs.map((r) => r.status));
    for (const s of codes) expect([201, 409]).toContain(s);
    const ids = new Set(rs.filter((r) => r.status === 201).map((r) => r.body.id));
    expect(ids.size).toBe(1);
    const after = await h.svc.conn.db
      .selectFrom('training_event')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(1);

    // 100 adds of the same user without a key: one participant, the rest told it exists
    const id = [...ids][0] as string;
    const adds = await Promise.all(
      Array.from({ length: 100 }, () =>
        c.manajer!.post(`/api/v1/training/events/${id}/participants`, { userId: u.pengaduan!.id }),
      ),
    );
    expect(adds.filter((r) => r.status === 201)).toHaveLength(1);
    expect(adds.every((r) => r.status === 201 || r.status === 409)).toBe(true);

    // 100 attendance changes from the same version: exactly one wins
    const p = adds.find((r) => r.status === 201)!.body;
    const marks = await Promise.all(
      Array.from({ length: 100 }, () =>
        c.manajer!.patch(`/api/v1/training/events/${id}/participants/${p.id}`, {
          version: p.version,
          attendance: 'hadir',
          completed: true,
        }),
      ),
    );
    expect(marks.filter((r) => r.status === 200)).toHaveLength(1);
    expect(marks.filter((r) => r.status === 409)).toHaveLength(99);
    const row = await h.svc.conn.db
      .selectFrom('training_attendance')
      .select(['version', 'certificate_code'])
      .where('id', '=', p.id)
      .executeTakeFirstOrThrow();
    expect(row.version).toBe(p.version + 1);
    expect(row.certificate_code).toMatch(/^[A-Z2-9]{12}$/);
  }, 120_000);

  it('has an English name for every default training type, and only for those', async () => {
    const types = must(await c.manajer!.get('/api/v1/training/types'), 200, 'types').items as Array<{
      id: string;
      name: string;
      jurisdiction: string | null;
    }>;
    const defaults = types.filter((x) => x.jurisdiction === null);
    expect(defaults.length).toBeGreaterThan(0);
    expect(Object.keys(DEFAULT_TRAINING_TYPE_NAMES).sort()).toEqual(defaults.map((x) => x.id).sort());
    for (const x of defaults) {
      expect(DEFAULT_TRAINING_TYPE_NAMES[x.id]!.id, x.id).toBe(x.name);
      const en = trainingTypeName(x.id, x.name, 'en');
      expect(en).not.toBe(x.name);
      expect(en).not.toMatch(/pelatihan|penanganan|pendampingan|perspektif|pencatatan/i);
      expect(trainingTypeName(x.id, x.name, 'id')).toBe(x.name);
    }
    // a type a Dinas adds keeps the name it was given
    expect(trainingTypeName('00000000-0000-4000-8000-000000000000', 'Konvensi Hak Anak', 'en')).toBe(
      'Konvensi Hak Anak',
    );
  });

  it('lets the Dinas administrator add its own training type, and refuses a taken code', async () => {
    const t = must(
      await c.admin!.post('/api/v1/training/types', { code: 'konvensi_hak_anak', name: 'Konvensi Hak Anak' }),
      201,
      'type',
    );
    expect(t.jurisdiction).toBe('36.02');
    expect(
      (await c.admin!.post('/api/v1/training/types', { code: 'manajemen_kasus', name: 'X' })).status,
    ).toBe(409);
    expect((await c.manajer!.post('/api/v1/training/types', { code: 'lain_lain', name: 'X' })).status).toBe(
      403,
    );
    const serangTypes = must(await c.serang!.get('/api/v1/training/types'), 200, 'serang types');
    expect(serangTypes.items.map((x: { code: string }) => x.code)).not.toContain('konvensi_hak_anak');
    expect(serangTypes.items.map((x: { code: string }) => x.code)).toContain('terpadu_tpks');
    expect(
      (await c.serang!.patch(`/api/v1/training/types/${t.id}`, { version: 1, active: false })).status,
    ).toBe(404);
    const off = must(
      await c.admin!.patch(`/api/v1/training/types/${t.id}`, { version: t.version, active: false }),
      200,
      'deactivate',
    );
    expect(off.active).toBe(false);
    const r = await c.manajer!.post('/api/v1/training/events', eventBody({ typeId: t.id }));
    expect(r.body.error.fieldCodes.typeId).toBe('inactive_type');
  });
  it('keeps training materials with the event: managers add, readers download, another region 404', async () => {
    const base = `/api/v1/training/events/${event.id}/files`;
    const fd = () => {
      const f = new FormData();
      f.append('file', new Blob([pngBytes()], { type: 'image/png' }), 'materi-asesmen.png');
      return f;
    };
    const made = must(await c.manajer!.req('POST', base, fd()), 201, 'upload');
    expect(made).toMatchObject({ purpose: 'materi', filename: 'materi-asesmen.png', mime: 'image/png' });
    // a wrong type is told what this form takes (XLSX, PPTX), not the case attachments' list (MP3)
    const txt = new FormData();
    txt.append('file', new Blob(['bukan berkas kantor'], { type: 'application/pdf' }), 'materi.pdf');
    const wrong = await c.manajer!.req('POST', base, txt);
    expect(wrong.status).toBe(415);
    expect(wrong.body.error.fieldCodes.file).toBe('coord_type_not_allowed');
    expect(wrong.body.error.fields.file).toContain('XLSX atau PPTX');
    expect(JSON.stringify(wrong.body.error)).not.toMatch(/mp3/i);
    expect((await c.pendamping!.req('POST', base, fd())).status).toBe(403);
    expect((await c.serang!.req('POST', base, fd())).status).toBe(404);
    for (const who of ['pendamping', 'mitra', 'pimpinan']) {
      const l = must(await c[who]!.get(base), 200, `${who} list`);
      expect(l.items.map((x: { id: string }) => x.id)).toContain(made.id);
      expect((await c[who]!.get(`${base}/${made.id}`)).status, who).toBe(200);
    }
    expect((await c.serang!.get(`${base}/${made.id}`)).status).toBe(404);
    expect((await c.pendamping!.req('DELETE', `${base}/${made.id}`)).status).toBe(403);
    expect((await c.manajer!.req('DELETE', `${base}/${made.id}`)).status).toBe(204);
    expect((await c.manajer!.get(`${base}/${made.id}`)).status).toBe(404);

    // an event without certificates is deleted with its materials
    const other = must(
      await c.manajer!.post('/api/v1/training/events', eventBody({ title: 'Akan dihapus', typeId: BIMTEK })),
      201,
      'event to delete',
    );
    must(await c.manajer!.req('POST', `/api/v1/training/events/${other.id}/files`, fd()), 201, 'file');
    const del = await c.manajer!.req(
      'DELETE',
      `/api/v1/training/events/${other.id}?version=${other.version}`,
    );
    expect(del.status).toBe(204);
    const left = await h.svc.conn.db
      .selectFrom('coord_file')
      .select('id')
      .where('owner_kind', '=', 'training_event')
      .where('owner_id', '=', other.id)
      .execute();
    expect(left).toHaveLength(0);
    expect((await c.manajer!.get(`/api/v1/training/events/${other.id}`)).status).toBe(404);
  });
});
