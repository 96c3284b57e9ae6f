/**
 * Partners keep their own record of a referral (issue 4 §4, decision 010): after a referral ends
 * the recipient keeps its actions, services, results and messages while the victim's data closes,
 * with the reason in words; it can download the letter addressed to it; "rujuk ulang" sends a
 * declined or cancelled referral again; a referral carries out a plan item; completing needs a
 * recorded service; acceptance names an officer and an appointment; a police unit records the LP
 * number and the investigation's history. Guards are burst-tested on both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createHarness, ENGINES, type Harness, openFullCase } from '../helpers/harness.ts';

const NOW = () => new Date().toISOString();
const consent = () => ({ basis: 'persetujuan_korban', givenBy: 'Korban sendiri', givenAt: NOW() });

describe.each(ENGINES)('partners keep their own record on %s', (engine) => {
  let h: Harness;
  let m: Client; // case manager, UPTD PPA Lebak
  let police: Client; // mitra, Unit PPA Polres Lebak
  let police2: Client; // a second officer of the police unit
  let rsud: Client; // mitra, RSUD Lebak
  let policeId: string;
  let rsudId: string;
  let police2Id: string;
  let rsudUserId: string;

  const orgId = async (like: string) =>
    (
      await h.svc.conn.db
        .selectFrom('organisation')
        .select('id')
        .where('name', 'like', like)
        .executeTakeFirstOrThrow()
    ).id;
  const userId = async (email: string) =>
    (
      await h.svc.conn.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
    ).id;

  beforeAll(async () => {
    h = await createHarness(engine);
    policeId = await orgId('Unit PPA Polres Lebak%');
    rsudId = await orgId('RSUD Lebak%');
    const admin = await h.as('admin-dinas@lebak.demo');
    const made = await admin.post('/api/v1/admin/users', {
      email: 'penyidik@lebak.demo',
      name: 'Bripka Rahmawati Uji',
      role: 'mitra',
      orgId: policeId,
      password: 'Penyidik-Uji-2026!',
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    await h.svc.conn.db
      .updateTable('app_user')
      .set({ demo: true })
      .where('email', '=', 'penyidik@lebak.demo')
      .execute();
    police2Id = await userId('penyidik@lebak.demo');
    rsudUserId = await userId('rsud@lebak.demo');
    m = await h.as('manajer@lebak.demo');
    police = await h.as('mitra@lebak.demo');
    police2 = await h.as('penyidik@lebak.demo', 'Penyidik-Uji-2026!');
    rsud = await h.as('rsud@lebak.demo');
  });
  afterAll(async () => h?.close());

  async function refer(caseId: string, personId: string, over: Record<string, unknown> = {}) {
    const r = await m.post(`/api/v1/cases/${caseId}/referrals`, {
      personId,
      toOrgId: rsudId,
      services: ['kesehatan'],
      urgency: 'biasa',
      purpose: 'Pemeriksaan kesehatan lanjutan.',
      sections: ['kronologi'],
      consent: consent(),
      ...over,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  }

  it('after completion the partner keeps its actions, services, results and messages; the victim’s data closes with the reason', async () => {
    const k = await openFullCase(m, { name: 'Larasati Pertiwi Uji' });
    const r = await refer(k.id, k.victimId, { sections: ['identitas', 'kronologi'] });
    await m.post(`/api/v1/referrals/${r.id}/messages`, { body: 'Korban Larasati datang bersama ibunya.' });
    const acc = (await rsud.post(`/api/v1/referrals/${r.id}/accept`, { version: r.version })).body;
    await rsud.post(`/api/v1/referrals/${r.id}/messages`, {
      body: 'Jadwal poli PPT hari Kamis pukul 09.00.',
    });
    const svc = await rsud.post(`/api/v1/referrals/${r.id}/services`, {
      service: 'kesehatan',
      date: '2026-01-12',
      outcome: 'Luka memar ditangani; kontrol ulang 2 minggu.',
    });
    expect(svc.status).toBe(201);
    const open = (await rsud.get(`/api/v1/referrals/${r.id}`)).body;
    expect(open.closedReason).toBeNull();
    expect(open.shared.identitas.name).toBe('Larasati Pertiwi Uji');
    const done = await rsud.post(`/api/v1/referrals/${r.id}/complete`, {
      version: svc.body.version,
      outcome: 'Pemeriksaan selesai, korban rawat jalan.',
    });
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(acc.status).toBe('diterima');

    const after = (await rsud.get(`/api/v1/referrals/${r.id}`)).body;
    expect(after.status).toBe('selesai');
    expect(after.closedReason).toBe('selesai');
    expect(after.consentWithdrawn).toBe(false);
    expect(after.consent.withdrawnAt).toBeNull();
    // the victim's data is closed …
    expect(after.shared).toBeNull();
    expect(after.purpose).toBeNull();
    const text = JSON.stringify(after);
    expect(text).not.toContain('Larasati Pertiwi Uji');
    expect(text).not.toContain('pelaku memukul');
    expect(text).not.toContain('Korban Larasati datang');
    // … its own record stays: the services and their results, its outcome, its messages, its actions
    expect(after.delivered).toEqual([
      expect.objectContaining({
        service: 'kesehatan',
        outcome: 'Luka memar ditangani; kontrol ulang 2 minggu.',
      }),
    ]);
    expect(after.outcome).toBe('Pemeriksaan selesai, korban rawat jalan.');
    const messages = after.events.filter((e: { type: string }) => e.type === 'message');
    expect(messages.map((e: { body: string | null }) => e.body)).toEqual([
      null,
      'Jadwal poli PPT hari Kamis pukul 09.00.',
    ]);
    expect(
      after.events
        .filter((e: { type: string }) => e.type === 'status')
        .map((e: { data: { to: string } }) => e.data.to),
    ).toEqual(['terkirim', 'diterima', 'selesai']);
    expect(after.events.some((e: { type: string }) => e.type === 'service')).toBe(true);
    // the referring side still sees everything
    const full = (await m.get(`/api/v1/referrals/${r.id}`)).body;
    expect(full.closedReason).toBe('selesai');
    expect(full.shared.identitas.name).toBe('Larasati Pertiwi Uji');
    expect(full.events.find((e: { type: string }) => e.type === 'message').body).toContain('Larasati datang');
    // it can no longer write in the thread (its permissions say so, and so does the server)
    expect(after.permissions.message).toBe(false);
    const late = await rsud.post(`/api/v1/referrals/${r.id}/messages`, { body: 'Pesan setelah selesai.' });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('REFERRAL_STATE');
  });

  it('names the closing reason precisely: declined, cancelled, case closed, and consent withdrawn only when it was', async () => {
    const k = await openFullCase(m);
    const declined = await refer(k.id, k.victimId);
    await rsud.post(`/api/v1/referrals/${declined.id}/decline`, {
      version: declined.version,
      reason: 'kapasitas_penuh',
      note: 'Ruang rawat penuh sampai akhir bulan.',
    });
    const d = (await rsud.get(`/api/v1/referrals/${declined.id}`)).body;
    expect(d.closedReason).toBe('ditolak');
    expect(d.declineNote).toBe('Ruang rawat penuh sampai akhir bulan.');
    expect(d.consentWithdrawn).toBe(false);

    const cancelled = await refer(k.id, k.victimId);
    // only withdrawing consent says consent was withdrawn, only closing the case says it was closed
    for (const reason of ['persetujuan_dicabut', 'kasus_ditutup']) {
      const bad = await m.post(`/api/v1/referrals/${cancelled.id}/cancel`, {
        version: cancelled.version,
        reason,
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fieldCodes.reason).toBe('invalid_value');
    }
    const c = await m.post(`/api/v1/referrals/${cancelled.id}/cancel`, {
      version: cancelled.version,
      reason: 'salah_tujuan',
      note: 'Seharusnya ke puskesmas.',
    });
    expect(c.status).toBe(200);
    const cv = (await rsud.get(`/api/v1/referrals/${cancelled.id}`)).body;
    expect(cv.closedReason).toBe('dibatalkan');
    // the sender's cancel note is the sender's words: closed to the recipient
    expect(JSON.stringify(cv)).not.toContain('Seharusnya ke puskesmas');

    const withdrawn = await refer(k.id, k.victimId);
    const w = await m.post(`/api/v1/referrals/${withdrawn.id}/withdraw-consent`, {
      version: withdrawn.version,
    });
    expect(w.status).toBe(200);
    const wv = (await rsud.get(`/api/v1/referrals/${withdrawn.id}`)).body;
    expect(wv.closedReason).toBe('persetujuan_dicabut');
    expect(wv.consentWithdrawn).toBe(true);

    const k2 = await openFullCase(m);
    const open = await refer(k2.id, k2.victimId);
    const v = (await m.get(`/api/v1/cases/${k2.id}`)).body.version;
    const closed = await m.post(`/api/v1/cases/${k2.id}/transition`, {
      version: v,
      to: 'terminasi',
      closureReason: 'lainnya',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const ov = (await rsud.get(`/api/v1/referrals/${open.id}`)).body;
    expect(ov.closedReason).toBe('kasus_ditutup');
    expect(ov.consentWithdrawn).toBe(false);
  });

  it('keeps the partner’s own messages and results after consent is withdrawn, and closes the rest', async () => {
    const k = await openFullCase(m, { name: 'Wulandari Safitri Uji' });
    const r = await refer(k.id, k.victimId, { sections: ['identitas'] });
    await rsud.post(`/api/v1/referrals/${r.id}/accept`, { version: r.version });
    await rsud.post(`/api/v1/referrals/${r.id}/services`, {
      service: 'kesehatan',
      date: '2026-01-12',
      outcome: 'Sesi pertama selesai.',
    });
    await rsud.post(`/api/v1/referrals/${r.id}/messages`, { body: 'Kami menunggu jadwal berikutnya.' });
    await m.post(`/api/v1/referrals/${r.id}/messages`, { body: 'Wulandari pindah ke rumah bibinya.' });
    const cur = (await m.get(`/api/v1/referrals/${r.id}`)).body;
    await m.post(`/api/v1/referrals/${r.id}/withdraw-consent`, { version: cur.version, note: 'Dicabut.' });
    const after = (await rsud.get(`/api/v1/referrals/${r.id}`)).body;
    expect(after.closedReason).toBe('persetujuan_dicabut');
    expect(after.delivered[0].outcome).toBe('Sesi pertama selesai.');
    const bodies = after.events
      .filter((e: { type: string }) => e.type === 'message')
      .map((e: { body: string | null }) => e.body);
    expect(bodies).toEqual(['Kami menunggu jadwal berikutnya.', null]);
    expect(JSON.stringify(after)).not.toContain('Wulandari');
    // no letter after a withdrawal, for either side
    expect(after.permissions.letter).toBe(false);
    expect((await rsud.get(`/api/v1/referrals/${r.id}/letter.pdf`)).status).toBe(403);
  });

  it('lets the receiving organisation download the letter addressed to it, audited, and nobody else', async () => {
    const k = await openFullCase(m);
    const r = await refer(k.id, k.victimId, { toOrgId: policeId, services: ['lapor_polisi'] });
    const seen = (await police.get(`/api/v1/referrals/${r.id}`)).body;
    expect(seen.permissions.letter).toBe(true);
    const pdf = await police.get(`/api/v1/referrals/${r.id}/letter.pdf`);
    expect(pdf.status, JSON.stringify(pdf.body)).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(String(pdf.body).startsWith('%PDF-')).toBe(true);
    // other partners and other regions: not theirs
    expect((await rsud.get(`/api/v1/referrals/${r.id}/letter.pdf`)).status).toBe(404);
    expect((await (await h.as('mitra@serang.demo')).get(`/api/v1/referrals/${r.id}/letter.pdf`)).status).toBe(
      404,
    );

    // after it ends the recipient still gets its copy, without the victim's data
    const acc = (await police.post(`/api/v1/referrals/${r.id}/accept`, { version: r.version })).body;
    const svc = await police.post(`/api/v1/referrals/${r.id}/services`, {
      service: 'lapor_polisi',
      date: '2026-01-12',
    });
    await police.post(`/api/v1/referrals/${r.id}/complete`, {
      version: svc.body.version,
      outcome: 'LP dibuat.',
    });
    expect(acc.status).toBe('diterima');
    const late = await police.get(`/api/v1/referrals/${r.id}/letter.pdf`);
    expect(late.status).toBe(200);
    const audits = await h.svc.conn.db
      .selectFrom('audit_event')
      .innerJoin('app_user', 'app_user.id', 'audit_event.actor_id')
      .select(['audit_event.detail', 'audit_event.outcome'])
      .where('audit_event.action', '=', 'referral.letter')
      .where('audit_event.entity_id', '=', r.id)
      .where('app_user.email', '=', 'mitra@lebak.demo')
      .orderBy('audit_event.id')
      .execute();
    expect(audits.map((a) => a.outcome)).toEqual(['ok', 'ok']);
    expect(audits.map((a) => a.detail)).toEqual([
      expect.objectContaining({ side: 'penerima', printed: ['kronologi'] }),
      expect.objectContaining({ side: 'penerima', printed: [] }),
    ]);
    // the history shows who printed it
    const hist = (await m.get(`/api/v1/referrals/${r.id}`)).body.events.filter(
      (e: { type: string }) => e.type === 'letter',
    );
    expect(hist.map((e: { actorOrgName: string }) => e.actorOrgName)).toEqual([
      'Unit PPA Polres Lebak',
      'Unit PPA Polres Lebak',
    ]);
  });

  it('refuses to complete with no service recorded, then completes once one is', async () => {
    const k = await openFullCase(m);
    const r = await refer(k.id, k.victimId);
    const acc = (await rsud.post(`/api/v1/referrals/${r.id}/accept`, { version: r.version })).body;
    const empty = await rsud.post(`/api/v1/referrals/${r.id}/complete`, {
      version: acc.version,
      outcome: 'Selesai.',
    });
    expect(empty.status).toBe(409);
    expect(empty.body.error.code).toBe('REFERRAL_NO_SERVICE');
    expect(empty.body.error.message).toContain('belum ada layanan yang dicatat');
    expect((await rsud.get(`/api/v1/referrals/${r.id}`)).body.status).toBe('diterima');
    const en = await rsud.req(
      'POST',
      `/api/v1/referrals/${r.id}/complete`,
      { version: acc.version, outcome: 'Done.' },
      { 'accept-language': 'en' },
    );
    expect(en.body.error.message).toContain('no service has been recorded');
    const svc = await rsud.post(`/api/v1/referrals/${r.id}/services`, {
      service: 'kesehatan',
      date: '2026-01-12',
    });
    const ok = await rsud.post(`/api/v1/referrals/${r.id}/complete`, {
      version: svc.body.version,
      outcome: 'Selesai.',
    });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('selesai');
  });

  it('a burst of simultaneous completions: exactly one wins, one completion event', async () => {
    const k = await openFullCase(m);
    const r = await refer(k.id, k.victimId);
    await rsud.post(`/api/v1/referrals/${r.id}/accept`, { version: r.version });
    const svc = (
      await rsud.post(`/api/v1/referrals/${r.id}/services`, { service: 'kesehatan', date: '2026-01-12' })
    ).body;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        rsud.post(`/api/v1/referrals/${r.id}/complete`, { version: svc.version, outcome: `Selesai ${i}.` }),
      ),
    );
    expect(results.filter((x) => x.status === 200)).toHaveLength(1);
    for (const x of results.filter((y) => y.status !== 200)) {
      expect(x.status).toBe(409);
      expect(['REFERRAL_STATE', 'VERSION_CONFLICT']).toContain(x.body.error.code);
    }
    const events = await h.svc.conn.db
      .selectFrom('referral_event')
      .select('data')
      .where('referral_id', '=', r.id)
      .execute();
    expect(events.filter((e) => (e.data as { to?: string }).to === 'selesai')).toHaveLength(1);
  });

  it('accepting names an officer of the recipient and an appointment, shown to the referring side; bad input is refused clearly', async () => {
    const k = await openFullCase(m);
    const r = await refer(k.id, k.victimId, { toOrgId: policeId, services: ['lapor_polisi'] });
    const officers = await police.get(`/api/v1/referrals/${r.id}/officers`);
    expect(officers.status).toBe(200);
    expect(officers.body.items.map((o: { name: string }) => o.name)).toContain('Bripka Rahmawati Uji');
    expect((await m.get(`/api/v1/referrals/${r.id}/officers`)).status).toBe(403);
    expect((await rsud.get(`/api/v1/referrals/${r.id}/officers`)).status).toBe(404);

    const at = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const wrongOrg = await police.post(`/api/v1/referrals/${r.id}/accept`, {
      version: r.version,
      officerId: rsudUserId,
    });
    expect(wrongOrg.status).toBe(400);
    expect(wrongOrg.body.error.fieldCodes).toEqual({ officerId: 'officer_not_in_org' });
    const both = await police.post(`/api/v1/referrals/${r.id}/accept`, {
      version: r.version,
      officerId: police2Id,
      officerName: 'Aiptu Budi',
    });
    expect(both.body.error.fieldCodes).toEqual({ officerName: 'officer_one_of' });
    const placeOnly = await police.post(`/api/v1/referrals/${r.id}/accept`, {
      version: r.version,
      appointmentPlace: 'Ruang PPA Polres Lebak',
    });
    expect(placeOnly.body.error.fieldCodes).toEqual({ appointmentAt: 'required' });
    const badTime = await police.post(`/api/v1/referrals/${r.id}/accept`, {
      version: r.version,
      appointmentAt: 'Kamis pagi',
    });
    expect(badTime.body.error.fieldCodes).toEqual({ appointmentAt: 'invalid_datetime' });
    const farOff = await police.post(`/api/v1/referrals/${r.id}/accept`, {
      version: r.version,
      appointmentAt: '2099-01-01T09:00:00+07:00',
    });
    expect(farOff.body.error.fieldCodes).toEqual({ appointmentAt: 'appointment_out_of_range' });
    expect(farOff.body.error.fields.appointmentAt).toContain('satu tahun');
    // nothing was accepted by any refused attempt
    expect((await m.get(`/api/v1/referrals/${r.id}`)).body.status).toBe('terkirim');

    const acc = await police.post(`/api/v1/referrals/${r.id}/accept`, {
      version: r.version,
      officerId: police2Id,
      appointmentAt: at,
      appointmentPlace: 'Ruang Unit PPA, Polres Lebak lantai 1',
    });
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);
    const seen = (await m.get(`/api/v1/referrals/${r.id}`)).body;
    expect(seen.handling).toEqual({
      officer: { id: police2Id, name: 'Bripka Rahmawati Uji' },
      appointmentAt: at,
      appointmentPlace: 'Ruang Unit PPA, Polres Lebak lantai 1',
    });

    // changed later: a name typed in (an officer without an account); a stale version loses nothing
    const stale = await police.post(`/api/v1/referrals/${r.id}/handling`, {
      version: r.version,
      officerName: 'Aiptu Suryani Kartika',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const nothing = await police.post(`/api/v1/referrals/${r.id}/handling`, { version: acc.body.version });
    expect(nothing.body.error.fieldCodes).toEqual({ officerId: 'nothing_to_change' });
    const upd = await police.post(`/api/v1/referrals/${r.id}/handling`, {
      version: acc.body.version,
      officerName: 'Aiptu Suryani Kartika',
    });
    expect(upd.status, JSON.stringify(upd.body)).toBe(200);
    expect(upd.body.handling.officer).toEqual({ id: null, name: 'Aiptu Suryani Kartika' });
    expect(upd.body.handling.appointmentPlace).toBe('Ruang Unit PPA, Polres Lebak lantai 1');
    expect(
      (await m.post(`/api/v1/referrals/${r.id}/handling`, { version: upd.body.version, officerName: 'X' }))
        .status,
    ).toBe(403);
    // the typed name and the place are stored encrypted
    const row = await h.svc.conn.db
      .selectFrom('referral')
      .select(['officer_name_enc', 'appointment_place_enc'])
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain('Suryani');
    expect(JSON.stringify(row)).not.toContain('Polres Lebak lantai');
    // the referring side was told
    const kinds = await h.svc.conn.db
      .selectFrom('notification')
      .innerJoin('app_user', 'app_user.id', 'notification.user_id')
      .select('notification.kind')
      .where('app_user.email', '=', 'manajer@lebak.demo')
      .where('notification.ref', '=', r.number)
      .execute();
    expect(kinds.map((x) => x.kind).sort()).toEqual(['rujukan_diterima', 'rujukan_perkembangan']);
  });

  it('the police unit records the LP number and the investigation status with a history both sides see', async () => {
    const k = await openFullCase(m, { sexual: true });
    const r = await refer(k.id, k.victimId, {
      toOrgId: policeId,
      services: ['lapor_polisi'],
      consent: { basis: 'wajib_lapor_tpks', givenAt: NOW(), note: 'Kewajiban lapor 3×24 jam.' },
    });
    const early = await police.post(`/api/v1/referrals/${r.id}/investigation`, {
      version: r.version,
      status: 'laporan_diterima',
    });
    expect(early.body.error.code).toBe('REFERRAL_STATE');
    const acc = (await police.post(`/api/v1/referrals/${r.id}/accept`, { version: r.version })).body;
    expect(acc.permissions.investigation).toBe(true);
    expect(acc.police).toEqual({ lpNumber: null, status: null, history: [] });

    const bad = await police.post(`/api/v1/referrals/${r.id}/investigation`, {
      version: acc.version,
      lpNumber: 'nomor 123',
      status: 'ditangkap',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fieldCodes).toEqual({ lpNumber: 'invalid_lp_number', status: 'invalid_value' });
    expect(bad.body.error.fields.lpNumber).toContain('LP/B/123/XII/2026/SPKT/POLRES LEBAK');
    const empty = await police.post(`/api/v1/referrals/${r.id}/investigation`, { version: acc.version });
    expect(empty.body.error.fieldCodes).toEqual({ status: 'lp_or_status_required' });

    const key = { 'idempotency-key': `lp-${r.id}` };
    const body = {
      version: acc.version,
      lpNumber: ' lp/b/123/xii/2026/spkt / polres lebak ',
      status: 'laporan_diterima',
      date: '2026-01-12',
      note: 'Laporan diterima SPKT, diteruskan ke Unit PPA.',
    };
    const first = await police.post(`/api/v1/referrals/${r.id}/investigation`, body, key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.police.lpNumber).toBe('LP/B/123/XII/2026/SPKT/POLRES LEBAK');
    // a retry (a dropped connection) records nothing twice
    const again = await police.post(`/api/v1/referrals/${r.id}/investigation`, body, key);
    expect(again.status).toBe(201);
    expect(again.body.police.history).toHaveLength(1);
    // a stale version is refused and loses nothing
    const stale = await police2.post(`/api/v1/referrals/${r.id}/investigation`, {
      version: acc.version,
      status: 'penyidikan',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    const next = await police2.post(`/api/v1/referrals/${r.id}/investigation`, {
      version: first.body.version,
      status: 'penyidikan',
      date: '2026-01-20',
    });
    expect(next.status).toBe(201);

    // the referring side sees the same record
    const seen = (await m.get(`/api/v1/referrals/${r.id}`)).body;
    expect(seen.police.lpNumber).toBe('LP/B/123/XII/2026/SPKT/POLRES LEBAK');
    expect(seen.police.status).toBe('penyidikan');
    expect(seen.police.history.map((x: { status: string; date: string }) => [x.status, x.date])).toEqual([
      ['laporan_diterima', '2026-01-12'],
      ['penyidikan', '2026-01-20'],
    ]);
    expect(seen.police.history[0].note).toBe('Laporan diterima SPKT, diteruskan ke Unit PPA.');
    expect(seen.police.history[1].actorName).toBe('Bripka Rahmawati Uji');
    // the LP number is stored encrypted
    const row = await h.svc.conn.db
      .selectFrom('referral')
      .select('police_report_number_enc')
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(row.police_report_number_enc).not.toContain('LP/B/123');

    // the investigation outlives the referral's own service: it goes on after completion
    const svc = await police.post(`/api/v1/referrals/${r.id}/services`, {
      service: 'lapor_polisi',
      date: '2026-01-12',
    });
    const done = await police.post(`/api/v1/referrals/${r.id}/complete`, {
      version: svc.body.version,
      outcome: 'Laporan polisi dibuat.',
    });
    expect(done.status).toBe(200);
    const p21 = await police.post(`/api/v1/referrals/${r.id}/investigation`, {
      version: done.body.version,
      status: 'p21',
      date: '2026-01-25',
    });
    expect(p21.status, JSON.stringify(p21.body)).toBe(201);
    expect(p21.body.police.history).toHaveLength(3);
    expect(p21.body.closedReason).toBe('selesai');

    // a recipient that is not a police unit cannot record it
    const toRsud = await refer(k.id, k.victimId);
    const acc2 = (await rsud.post(`/api/v1/referrals/${toRsud.id}/accept`, { version: toRsud.version })).body;
    expect(acc2.police).toBeNull();
    expect(acc2.permissions.investigation).toBe(false);
    const notPolice = await rsud.post(`/api/v1/referrals/${toRsud.id}/investigation`, {
      version: acc2.version,
      status: 'penyidikan',
    });
    expect(notPolice.status).toBe(409);
    expect(notPolice.body.error.code).toBe('REFERRAL_NOT_POLICE');
  });

  it('a burst of simultaneous investigation updates on one version: exactly one is recorded', async () => {
    const k = await openFullCase(m);
    const r = await refer(k.id, k.victimId, { toOrgId: policeId, services: ['lapor_polisi'] });
    const acc = (await police.post(`/api/v1/referrals/${r.id}/accept`, { version: r.version })).body;
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? police : police2).post(`/api/v1/referrals/${r.id}/investigation`, {
          version: acc.version,
          status: i % 3 ? 'penyelidikan' : 'penyidikan',
        }),
      ),
    );
    expect(results.filter((x) => x.status === 201)).toHaveLength(1);
    for (const x of results.filter((y) => y.status !== 201)) {
      expect(x.status).toBe(409);
      expect(x.body.error.code).toBe('VERSION_CONFLICT');
    }
    const seen = (await m.get(`/api/v1/referrals/${r.id}`)).body;
    expect(seen.police.history).toHaveLength(1);
    expect(seen.version).toBe(acc.version + 1);
  });

  it('"rujuk ulang" sends a declined referral again, linked both ways, with consent confirmed for the new recipient', async () => {
    const k = await openFullCase(m);
    const plan = await m.post(`/api/v1/cases/${k.id}/records/plan_item`, {
      service: 'kesehatan',
      agreedWithBeneficiary: true,
    });
    expect(plan.status, JSON.stringify(plan.body)).toBe(201);
    const old = await refer(k.id, k.victimId, { planItemId: plan.body.id, urgency: 'segera' });
    // an open referral cannot be sent again
    const tooEarly = await m.post(`/api/v1/cases/${k.id}/referrals`, {
      personId: k.victimId,
      toOrgId: rsudId,
      services: ['kesehatan'],
      urgency: 'segera',
      purpose: 'Pemeriksaan kesehatan lanjutan.',
      consent: { ...consent(), coversRecipient: true },
      rereferralOf: old.id,
    });
    expect(tooEarly.status).toBe(409);
    expect(tooEarly.body.error.fieldCodes).toEqual({ rereferralOf: 'rereferral_not_closed' });
    await rsud.post(`/api/v1/referrals/${old.id}/decline`, {
      version: old.version,
      reason: 'kapasitas_penuh',
    });
    const declined = (await m.get(`/api/v1/referrals/${old.id}`)).body;
    expect(declined.permissions.rerefer).toBe(true);

    // sent again to another hospital, with the old referral's content
    const otherHospital = await orgId('RSUD Serang%');
    const body = {
      personId: k.victimId,
      toOrgId: otherHospital,
      services: declined.services,
      urgency: declined.urgency,
      purpose: declined.purpose,
      sections: declined.sections,
      consent: { basis: declined.consent.basis, givenBy: 'Korban sendiri', givenAt: NOW() },
      rereferralOf: old.id,
      planItemId: plan.body.id,
    };
    const unconfirmed = await m.post(`/api/v1/cases/${k.id}/referrals`, body);
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.code).toBe('REFERRAL_CONSENT_REQUIRED');
    expect(unconfirmed.body.error.fieldCodes).toEqual({ 'consent.coversRecipient': 'consent_new_recipient' });

    const other = await openFullCase(m);
    const wrongCase = await m.post(`/api/v1/cases/${other.id}/referrals`, {
      ...body,
      personId: other.victimId,
      consent: { ...body.consent, coversRecipient: true },
      planItemId: null,
    });
    expect(wrongCase.status).toBe(400);
    expect(wrongCase.body.error.fieldCodes).toEqual({ rereferralOf: 'rereferral_not_found' });

    const again = await m.post(`/api/v1/cases/${k.id}/referrals`, {
      ...body,
      consent: { ...body.consent, coversRecipient: true },
    });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    expect(again.body.rereferralOf).toEqual({
      id: old.id,
      number: old.number,
      status: 'ditolak',
      toOrgName: 'RSUD Lebak (demo)',
    });
    expect(again.body.planItem).toMatchObject({ id: plan.body.id, service: 'kesehatan' });
    expect(again.body.purpose).toBe('Pemeriksaan kesehatan lanjutan.');
    const oldNow = (await m.get(`/api/v1/referrals/${old.id}`)).body;
    expect(oldNow.rereferredAs).toMatchObject({
      id: again.body.id,
      number: again.body.number,
      status: 'terkirim',
    });
    expect(oldNow.permissions.rerefer).toBe(false);
    // neither recipient learns of the other organisation's referral
    const oldForRsud = (await rsud.get(`/api/v1/referrals/${old.id}`)).body;
    expect(oldForRsud.rereferredAs).toBeNull();
    expect(JSON.stringify(oldForRsud)).not.toContain(again.body.number);
    // once only: the next attempt starts from the new referral
    const twice = await m.post(`/api/v1/cases/${k.id}/referrals`, {
      ...body,
      toOrgId: rsudId,
      consent: { ...body.consent, coversRecipient: true },
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('REFERRAL_ALREADY_REREFERRED');

    // the plan item shows both referrals and their state
    const c = (await m.get(`/api/v1/cases/${k.id}`)).body;
    const item = c.records.find((x: { id: string }) => x.id === plan.body.id);
    expect(item.referrals).toEqual([
      { id: old.id, number: old.number, status: 'ditolak', toOrgName: 'RSUD Lebak (demo)' },
      {
        id: again.body.id,
        number: again.body.number,
        status: 'terkirim',
        toOrgName: expect.stringMatching(/^RSUD Serang/),
      },
    ]);
  });

  it('a burst of simultaneous re-referrals of one declined referral: exactly one is made', async () => {
    const k = await openFullCase(m);
    const old = await refer(k.id, k.victimId);
    await rsud.post(`/api/v1/referrals/${old.id}/decline`, {
      version: old.version,
      reason: 'kapasitas_penuh',
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        m.post(`/api/v1/cases/${k.id}/referrals`, {
          personId: k.victimId,
          toOrgId: policeId,
          services: ['lapor_polisi'],
          urgency: 'biasa',
          purpose: 'Rujuk ulang.',
          consent: { ...consent(), coversRecipient: true },
          rereferralOf: old.id,
        }),
      ),
    );
    expect(results.filter((x) => x.status === 201)).toHaveLength(1);
    for (const x of results.filter((y) => y.status !== 201)) {
      expect(x.status).toBe(409);
      expect(x.body.error.code).toBe('REFERRAL_ALREADY_REREFERRED');
    }
    const made = await h.svc.conn.db
      .selectFrom('referral')
      .select('id')
      .where('rereferral_of', '=', old.id)
      .execute();
    expect(made).toHaveLength(1);
  });

  it('links a referral to a plan item of the same case only', async () => {
    const k = await openFullCase(m);
    const other = await openFullCase(m);
    const foreign = await m.post(`/api/v1/cases/${other.id}/records/plan_item`, { service: 'kesehatan' });
    const note = await m.post(`/api/v1/cases/${k.id}/records/note`, { body: 'Catatan uji.' });
    for (const planItemId of [foreign.body.id, note.body.id, '00000000-0000-4000-8000-00000000abcd']) {
      const r = await m.post(`/api/v1/cases/${k.id}/referrals`, {
        personId: k.victimId,
        toOrgId: rsudId,
        services: ['kesehatan'],
        urgency: 'biasa',
        purpose: 'Pemeriksaan.',
        consent: consent(),
        planItemId,
      });
      expect(r.status).toBe(400);
      expect(r.body.error.fieldCodes).toEqual({ planItemId: 'plan_item_not_in_case' });
    }
    const bad = await m.post(`/api/v1/cases/${k.id}/referrals`, {
      personId: k.victimId,
      toOrgId: rsudId,
      services: ['kesehatan'],
      urgency: 'biasa',
      purpose: 'Pemeriksaan.',
      consent: consent(),
      planItemId: 'bukan-id',
    });
    expect(bad.body.error.fieldCodes).toEqual({ planItemId: 'invalid_id' });
    expect((await m.get(`/api/v1/cases/${k.id}/referrals`)).body.items).toEqual([]);
  });
});
