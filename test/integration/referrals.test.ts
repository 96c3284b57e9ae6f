/**
 * Referrals (issue 4 §2, §6): consent or legal basis, minimum data by section, the recipient's
 * narrow view, states and concurrency, consent withdrawal, the thread, suggestions.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScans } from '../../src/app/jobs/scans.ts';
import { localDate } from '../../src/domain/time.ts';
import {
  type MadeUser,
  makeAgreement,
  makeFullCase,
  makeOrg,
  makeRegionWorld,
  makeUser,
  type RegionWorld,
} from '../helpers/factories.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

const NOW = () => new Date().toISOString();

describe.each(ENGINES)('referrals on %s', (engine) => {
  let h: Harness;
  let lebak: RegionWorld;
  let serang: RegionWorld;
  let manajer: MadeUser; // case manager, UPTD PPA Lebak
  let policeUser: MadeUser; // mitra, Unit PPA Polres Lebak
  let rsudUser: MadeUser; // mitra, RSUD Lebak
  let serangManajer: MadeUser;
  let m: Client;
  let police: Client;
  let rsud: Client;
  let serangMitra: Client;
  let rsudId: string;
  let policeId: string;
  let lawId: string;

  /** Signs in as a user made by the factories. */
  const as = (u: MadeUser) => h.as(u.email, u.password);
  /** A case with one victim (a woman born 1995), one alleged perpetrator and one incident (physical, or sexual). */
  const openFullCase = (by: MadeUser, opts: { name?: string; phone?: string; sexual?: boolean } = {}) =>
    makeFullCase(h.svc, by, {
      victim: { ...(opts.name ? { name: opts.name } : {}), ...(opts.phone ? { phone: opts.phone } : {}) },
      ...(opts.sexual ? { incident: { forms: ['seksual'] } } : {}),
    });

  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    serang = await makeRegionWorld(h.svc, { kabKota: '36.73' });
    const rsudOrg = await makeOrg(h.svc, {
      kabKota: '36.02',
      type: 'rumah_sakit',
      name: 'RSUD Lebak (uji)',
      services: ['kesehatan', 'visum', 'psikologis'],
    });
    await makeAgreement(h.svc, { org: rsudOrg });
    // no running agreement with the legal aid post
    const law = await makeOrg(h.svc, {
      kabKota: '36.02',
      type: 'bantuan_hukum',
      name: 'Pos Bantuan Hukum Lebak (uji)',
      services: ['bantuan_hukum'],
    });
    rsudId = rsudOrg.id;
    policeId = lebak.police.id;
    lawId = law.id;
    manajer = await makeUser(h.svc, { role: 'manajer', org: lebak.uptd });
    policeUser = await makeUser(h.svc, { role: 'mitra', org: lebak.police });
    rsudUser = await makeUser(h.svc, { role: 'mitra', org: rsudOrg, name: 'Petugas RSUD Uji' });
    serangManajer = await makeUser(h.svc, { role: 'manajer', org: serang.uptd });
    m = await as(manajer);
    police = await as(policeUser);
    rsud = await as(rsudUser);
    serangMitra = await as(await makeUser(h.svc, { role: 'mitra', org: serang.police }));
  });
  afterAll(async () => h?.close());

  const consent = { basis: 'persetujuan_korban', givenBy: 'Korban sendiri', givenAt: NOW() };

  async function refer(c: Client, caseId: string, body: Record<string, unknown>) {
    return c.post(`/api/v1/cases/${caseId}/referrals`, body);
  }

  it('refers a victim with consent and shares only the chosen sections with the recipient', async () => {
    const k = await openFullCase(manajer, { name: 'Ratna Kinasih Uji', phone: '081234567890' });
    const r = await refer(m, k.id, {
      personId: k.victimId,
      toOrgId: rsudId,
      services: ['kesehatan', 'visum'],
      urgency: 'segera',
      purpose: 'Pemeriksaan luka dan visum et repertum.',
      sections: ['kronologi'],
      consent,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.status).toBe('terkirim');
    expect(r.body.number).toMatch(/^RJK\/36\.02\/\d{4}\/\d{5}$/);
    expect(r.body.side).toBe('pengirim');
    expect(r.body.shared.identitas.name).toBe('Ratna Kinasih Uji');
    expect(r.body.verificationCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // six hours to accept an urgent referral
    expect(new Date(r.body.acceptDueAt).getTime() - new Date(r.body.sentAt).getTime()).toBe(6 * 3600_000);

    const inbox = await rsud.get('/api/v1/referrals?box=masuk');
    expect(inbox.status).toBe(200);
    expect(inbox.body.items.map((x: { id: string }) => x.id)).toContain(r.body.id);
    // the one list shape: a page of 50 and a count of every match (capped, far from the cap here)
    expect(inbox.body).toMatchObject({ page: 1, pageSize: 50, hasMore: false, totalCapped: false });
    expect(inbox.body.total).toBe(inbox.body.items.length);
    const beyond = await rsud.get('/api/v1/referrals?box=masuk&page=2');
    expect(beyond.body).toMatchObject({ items: [], page: 2, hasMore: false, total: inbox.body.total });
    const item = inbox.body.items.find((x: { id: string }) => x.id === r.body.id);
    expect(item.caseId).toBeNull();
    expect(item.victim).toEqual({ sex: 'perempuan', ageGroup: '25-44', child: false });

    const seen = await rsud.get(`/api/v1/referrals/${r.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.side).toBe('penerima');
    expect(Object.keys(seen.body.shared)).toEqual(['kronologi']);
    expect(seen.body.shared.kronologi[0].chronology).toContain('pelaku memukul korban');
    const text = JSON.stringify(seen.body);
    expect(text).not.toContain('Ratna Kinasih Uji');
    expect(text).not.toContain('081234567890');
    expect(text).not.toContain('Korban sendiri');
    expect(seen.body.caseId).toBeNull();
    // the recipient cannot open the case itself
    expect((await rsud.get(`/api/v1/cases/${k.id}`)).status).toBe(404);
    // the read is audited with the sections it opened
    const a = await h.svc.conn.db
      .selectFrom('audit_event')
      .select(['detail', 'actor_role'])
      .where('action', '=', 'referral.read')
      .where('entity_id', '=', r.body.id)
      .where('actor_role', '=', 'mitra')
      .execute();
    expect(a.length).toBeGreaterThan(0);
    expect(JSON.stringify(a[0]?.detail)).toContain('kronologi');
    // a new-referral notification went to the RSUD's staff, with no personal data
    const n = await h.svc.conn.db
      .selectFrom('notification')
      .innerJoin('app_user', 'app_user.id', 'notification.user_id')
      .select(['notification.kind', 'notification.link', 'notification.ref'])
      .where('app_user.email', '=', rsudUser.email)
      .execute();
    expect(n).toContainEqual({ kind: 'rujukan_baru', link: `/rujukan/${r.body.id}`, ref: r.body.number });
  });

  it('refuses a referral without consent or legal basis, for a service not offered, on a closed case, to a non-victim', async () => {
    const k = await openFullCase(manajer);
    const base = {
      personId: k.victimId,
      toOrgId: rsudId,
      services: ['visum'],
      urgency: 'biasa',
      purpose: 'Visum',
    };
    const none = await refer(m, k.id, base);
    expect(none.status).toBe(400);
    expect(none.body.error.code).toBe('REFERRAL_CONSENT_REQUIRED');
    const nobody = await refer(m, k.id, {
      ...base,
      consent: { basis: 'persetujuan_korban', givenAt: NOW() },
    });
    expect(nobody.status).toBe(400);
    expect(nobody.body.error.fields['consent.givenBy']).toBeDefined();
    const emergencyNoNote = await refer(m, k.id, { ...base, consent: { basis: 'darurat', givenAt: NOW() } });
    expect(emergencyNoNote.body.error.fields['consent.note']).toBeDefined();
    const notPolice = await refer(m, k.id, {
      ...base,
      consent: { basis: 'wajib_lapor_tpks', givenAt: NOW(), note: 'Kewajiban lapor' },
    });
    expect(notPolice.body.error.code).toBe('REFERRAL_CONSENT_REQUIRED');
    expect(notPolice.body.error.fields['consent.basis']).toBe(
      'Kewajiban lapor UU TPKS hanya berlaku untuk rujukan pelaporan ke Unit PPA kepolisian.',
    );
    const notOffered = await refer(m, k.id, { ...base, services: ['visum', 'bantuan_hukum'], consent });
    expect(notOffered.status).toBe(409);
    expect(notOffered.body.error.code).toBe('REFERRAL_SERVICE_NOT_OFFERED');
    expect(Object.keys(notOffered.body.error.fields)).toEqual(['services.1']);
    const perpetrator = await refer(m, k.id, { ...base, personId: k.perpetratorId, consent });
    expect(perpetrator.body.error.code).toBe('REFERRAL_NOT_A_VICTIM');
    const other = await openFullCase(manajer);
    const otherVictim = await refer(m, k.id, { ...base, personId: other.victimId, consent });
    expect(otherVictim.body.error.code).toBe('REFERRAL_NOT_A_VICTIM');
    const unknownOrg = await refer(m, k.id, { ...base, toOrgId: randomUUID(), consent });
    expect(unknownOrg.body.error.fields.toOrgId).toBeDefined();
    const badEnum = await refer(m, k.id, { ...base, urgency: 'kilat', sections: ['semuanya'], consent });
    expect(badEnum.status).toBe(400);
    expect(Object.keys(badEnum.body.error.fields).sort()).toEqual(['sections.0', 'urgency']);
    // nothing was stored by any refused attempt
    expect((await m.get(`/api/v1/cases/${k.id}/referrals`)).body.items).toEqual([]);

    // a child's referral needs the guardian's consent
    const child = await m.post(`/api/v1/cases/${k.id}/persons`, {
      role: 'korban',
      name: 'Anak Uji Satu',
      sex: 'perempuan',
      birthDate: '2014-02-02',
    });
    const childAlone = await refer(m, k.id, { ...base, personId: child.body.id, consent });
    expect(childAlone.body.error.fields['consent.basis']).toContain('orang tua/wali');
    // two victims now: case-wide sections would carry the other victim's data
    const wide = await refer(m, k.id, { ...base, sections: ['identitas', 'kronologi'], consent });
    expect(wide.status).toBe(400);
    expect(wide.body.error.fields.sections).toContain('lebih dari satu korban');
    const guardian = await refer(m, k.id, {
      ...base,
      personId: child.body.id,
      consent: { basis: 'persetujuan_wali', givenBy: 'Ibu kandung', relation: 'ibu', givenAt: NOW() },
    });
    expect(guardian.status, JSON.stringify(guardian.body)).toBe(201);
    expect(guardian.body.victim.child).toBe(true);

    // closed case
    await h.svc.conn.db.updateTable('case_file').set({ stage: 'terminasi' }).where('id', '=', k.id).execute();
    const closed = await refer(m, k.id, { ...base, consent });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('CASE_CLOSED');
  });

  it('takes a referral through accept, services and completion; police declines with a reason', async () => {
    const k = await openFullCase(manajer, { sexual: true });
    const toRsud = (
      await refer(m, k.id, {
        personId: k.victimId,
        toOrgId: rsudId,
        services: ['visum'],
        urgency: 'darurat',
        purpose: 'Visum segera.',
        sections: ['identitas', 'kronologi'],
        consent,
      })
    ).body;
    const toPolice = (
      await refer(m, k.id, {
        personId: k.victimId,
        toOrgId: policeId,
        services: ['lapor_polisi'],
        urgency: 'segera',
        purpose: 'Laporan polisi UU TPKS.',
        sections: ['kronologi'],
        consent: { basis: 'wajib_lapor_tpks', givenAt: NOW(), note: 'Kewajiban lapor 3×24 jam' },
      })
    ).body;
    expect(toPolice.status).toBe('terkirim');

    // the police cannot see the RSUD's referral, nor act on it
    expect((await police.get(`/api/v1/referrals/${toRsud.id}`)).status).toBe(404);
    expect((await police.post(`/api/v1/referrals/${toRsud.id}/accept`, { version: 1 })).status).toBe(404);
    // the sender cannot accept on the recipient's behalf (the RSUD uses Simpul)
    expect((await m.post(`/api/v1/referrals/${toRsud.id}/accept`, { version: 1 })).status).toBe(403);
    // services before acceptance: refused
    const early = await rsud.post(`/api/v1/referrals/${toRsud.id}/services`, {
      service: 'visum',
      date: '2026-01-11',
    });
    expect(early.body.error.code).toBe('REFERRAL_STATE');

    const acc = await rsud.post(`/api/v1/referrals/${toRsud.id}/accept`, { version: toRsud.version });
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);
    expect(acc.body.status).toBe('diterima');
    const again = await rsud.post(`/api/v1/referrals/${toRsud.id}/accept`, { version: acc.body.version });
    expect(again.body.error.code).toBe('REFERRAL_STATE');
    const delivered = {
      service: 'visum',
      date: '2026-01-11',
      outcome: 'Visum selesai, hasil dikirim ke penyidik.',
    };
    const key = { 'idempotency-key': `svc-${toRsud.id}` };
    const svc = await rsud.post(`/api/v1/referrals/${toRsud.id}/services`, delivered, key);
    expect(svc.status).toBe(201);
    // a retry of the same request (a dropped connection) records nothing twice
    const retry = await rsud.post(`/api/v1/referrals/${toRsud.id}/services`, delivered, key);
    expect(retry.status).toBe(201);
    expect(retry.body.delivered).toHaveLength(1);
    expect(svc.body.status).toBe('dalam_layanan');
    expect(svc.body.delivered).toHaveLength(1);
    const done = await rsud.post(`/api/v1/referrals/${toRsud.id}/complete`, {
      version: svc.body.version,
      outcome: 'Layanan kesehatan dan visum selesai.',
    });
    expect(done.body.status).toBe('selesai');

    const dec = await police.post(`/api/v1/referrals/${toPolice.id}/decline`, {
      version: toPolice.version,
      reason: 'data_tidak_cukup',
      note: 'Mohon lengkapi identitas pelapor.',
    });
    expect(dec.status).toBe(200);
    expect(dec.body.status).toBe('ditolak');
    // a declined referral gives the police nothing more of the victim
    const afterDecline = (await police.get(`/api/v1/referrals/${toPolice.id}`)).body;
    expect(afterDecline.shared).toBeNull();
    expect(afterDecline.purpose).toBeNull();
    expect(afterDecline.permissions.message).toBe(false);
    // neither does a completed one to the RSUD; its own delivered services stay listed
    const afterDone = (await rsud.get(`/api/v1/referrals/${toRsud.id}`)).body;
    expect(afterDone.shared).toBeNull();
    expect(afterDone.delivered.map((d: { service: string }) => d.service)).toEqual(['visum']);
    expect(JSON.stringify(afterDone)).not.toContain('pelaku memukul');

    // the referring case sees both, the service in its records and the whole history
    const list = (await m.get(`/api/v1/cases/${k.id}/referrals`)).body.items;
    expect(list.map((x: { status: string }) => x.status).sort()).toEqual(['ditolak', 'selesai']);
    const full = (await m.get(`/api/v1/referrals/${toPolice.id}`)).body;
    expect(full.declineReason).toBe('data_tidak_cukup');
    expect(full.declineNote).toBe('Mohon lengkapi identitas pelapor.');
    const c = (await m.get(`/api/v1/cases/${k.id}`)).body;
    const services = c.records.filter((r: { kind: string }) => r.kind === 'service');
    expect(services).toHaveLength(1);
    expect(services[0].data.service).toBe('visum');
    expect(services[0].data.outcome).toBe('Visum selesai, hasil dikirim ke penyidik.');
    const rsudView = (await m.get(`/api/v1/referrals/${toRsud.id}`)).body;
    expect(rsudView.events.map((e: { type: string }) => e.type)).toEqual([
      'status',
      'status',
      'service',
      'status',
    ]);
    expect(rsudView.outcome).toBe('Layanan kesehatan dan visum selesai.');
    // sender was told of acceptance, completion and decline
    const kinds = (
      await h.svc.conn.db
        .selectFrom('notification')
        .innerJoin('app_user', 'app_user.id', 'notification.user_id')
        .select('notification.kind')
        .where('app_user.email', '=', manajer.email)
        .where('notification.ref', 'in', [toRsud.number, toPolice.number])
        .execute()
    ).map((x) => x.kind);
    expect(kinds.sort()).toEqual(['rujukan_diterima', 'rujukan_ditolak', 'rujukan_selesai']);
  });

  it('lets only one of two simultaneous accepts win', async () => {
    const k = await openFullCase(manajer);
    const r = (
      await refer(m, k.id, {
        personId: k.victimId,
        toOrgId: rsudId,
        services: ['kesehatan'],
        urgency: 'biasa',
        purpose: 'Pemeriksaan kesehatan.',
        consent,
      })
    ).body;
    const rsud2 = await as(rsudUser);
    const results = await Promise.all([
      rsud.post(`/api/v1/referrals/${r.id}/accept`, { version: r.version }),
      rsud2.post(`/api/v1/referrals/${r.id}/accept`, { version: r.version }),
    ]);
    const statuses = results.map((x) => x.status).sort();
    expect(statuses).toEqual([200, 409]);
    const loser = results.find((x) => x.status === 409);
    expect(['REFERRAL_STATE', 'VERSION_CONFLICT']).toContain(loser?.body.error.code);
    const events = await h.svc.conn.db
      .selectFrom('referral_event')
      .select('data')
      .where('referral_id', '=', r.id)
      .execute();
    expect(events.filter((e) => (e.data as { to?: string }).to === 'diterima')).toHaveLength(1);
  });

  it('withdrawing consent mid-service cuts the recipient off at once and keeps what was done', async () => {
    const k = await openFullCase(manajer, { name: 'Dewi Larasati Uji' });
    const r = (
      await refer(m, k.id, {
        personId: k.victimId,
        toOrgId: rsudId,
        services: ['psikologis'],
        urgency: 'biasa',
        purpose: 'Konseling psikologis lanjutan.',
        sections: ['identitas', 'kronologi'],
        consent,
      })
    ).body;
    const acc = (await rsud.post(`/api/v1/referrals/${r.id}/accept`, { version: r.version })).body;
    await rsud.post(`/api/v1/referrals/${r.id}/services`, {
      service: 'psikologis',
      date: '2026-01-12',
      outcome: 'Sesi 1.',
    });
    await rsud.post(`/api/v1/referrals/${r.id}/messages`, { body: 'Apakah korban bisa datang Senin?' });
    expect((await rsud.get(`/api/v1/referrals/${r.id}`)).body.shared.identitas.name).toBe(
      'Dewi Larasati Uji',
    );

    const cur = (await m.get(`/api/v1/referrals/${r.id}`)).body;
    expect(cur.events.find((e: { type: string }) => e.type === 'message').body).toBe(
      'Apakah korban bisa datang Senin?',
    );
    const w = await m.post(`/api/v1/referrals/${r.id}/withdraw-consent`, {
      version: cur.version,
      note: 'Korban mencabut persetujuan.',
    });
    expect(w.status, JSON.stringify(w.body)).toBe(200);
    expect(w.body.status).toBe('dibatalkan');
    expect(w.body.cancelReason).toBe('persetujuan_dicabut');
    expect(acc.status).toBe('diterima');

    const after = await rsud.get(`/api/v1/referrals/${r.id}`);
    expect(after.status).toBe(200);
    expect(after.body.consentWithdrawn).toBe(true);
    expect(after.body.shared).toBeNull();
    expect(after.body.purpose).toBeNull();
    const text = JSON.stringify(after.body);
    expect(text).not.toContain('Dewi Larasati Uji');
    expect(text).not.toContain('pelaku memukul');
    // the RSUD's own question is its own record and stays with it (decision 010)
    expect(after.body.closedReason).toBe('persetujuan_dicabut');
    expect(after.body.events.find((e: { type: string }) => e.type === 'message').body).toBe(
      'Apakah korban bisa datang Senin?',
    );
    const late = await rsud.post(`/api/v1/referrals/${r.id}/services`, {
      service: 'psikologis',
      date: '2026-01-13',
    });
    expect(late.status).toBe(403);
    expect(late.body.error.code).toBe('REFERRAL_CONSENT_WITHDRAWN');
    expect((await rsud.post(`/api/v1/referrals/${r.id}/messages`, { body: 'Halo?' })).status).toBe(403);
    // the service delivered before withdrawal stays in the case
    const c = (await m.get(`/api/v1/cases/${k.id}`)).body;
    expect(c.records.filter((x: { kind: string }) => x.kind === 'service')).toHaveLength(1);
    // withdrawing twice is refused, and no letter can be printed any more
    expect(
      (await m.post(`/api/v1/referrals/${r.id}/withdraw-consent`, { version: w.body.version })).status,
    ).toBe(403);
    expect(w.body.permissions.letter).toBe(false);
    expect((await m.get(`/api/v1/referrals/${r.id}/letter.pdf`)).status).toBe(403);

    // consent can still be withdrawn after a referral was cancelled
    const r2 = (
      await refer(m, k.id, {
        personId: k.victimId,
        toOrgId: rsudId,
        services: ['kesehatan'],
        urgency: 'biasa',
        purpose: 'Pemeriksaan.',
        consent,
      })
    ).body;
    const cancelled = await m.post(`/api/v1/referrals/${r2.id}/cancel`, {
      version: r2.version,
      reason: 'tidak_diperlukan',
    });
    expect(cancelled.body.status).toBe('dibatalkan');
    const w2 = await m.post(`/api/v1/referrals/${r2.id}/withdraw-consent`, {
      version: cancelled.body.version,
    });
    expect(w2.status, JSON.stringify(w2.body)).toBe(200);
    expect(w2.body.consentWithdrawn).toBe(true);
  });

  it('keeps other organisations and regions out', async () => {
    const k = await openFullCase(manajer);
    const r = (
      await refer(m, k.id, {
        personId: k.victimId,
        toOrgId: rsudId,
        services: ['kesehatan'],
        urgency: 'biasa',
        purpose: 'Pemeriksaan.',
        consent,
      })
    ).body;
    expect((await serangMitra.get(`/api/v1/referrals/${r.id}`)).status).toBe(404);
    expect((await serangMitra.get('/api/v1/referrals?box=masuk')).body.items).toEqual([]);
    const serangManager = await as(serangManajer);
    expect((await serangManager.get(`/api/v1/referrals/${r.id}`)).status).toBe(404);
    expect(
      (await serangManager.post(`/api/v1/referrals/${r.id}/cancel`, { version: 1, reason: 'lainnya' }))
        .status,
    ).toBe(404);
    // a companion not assigned to the case cannot refer from it
    const pendamping = await as(await makeUser(h.svc, { role: 'pendamping', org: lebak.uptd }));
    const pr = await refer(pendamping, k.id, {
      personId: k.victimId,
      toOrgId: rsudId,
      services: ['kesehatan'],
      urgency: 'biasa',
      purpose: 'x',
      consent,
    });
    expect(pr.status).toBe(404);
    // the intake officer sees the case but may not refer
    const intake = await as(await makeUser(h.svc, { role: 'pengaduan', org: lebak.uptd }));
    const ir = await refer(intake, k.id, {
      personId: k.victimId,
      toOrgId: rsudId,
      services: ['kesehatan'],
      urgency: 'biasa',
      purpose: 'x',
      consent,
    });
    expect(ir.status).toBe(403);
    // the recipient cannot cancel or withdraw; the sender cannot decline
    expect(
      (await rsud.post(`/api/v1/referrals/${r.id}/cancel`, { version: r.version, reason: 'lainnya' })).status,
    ).toBe(403);
    expect(
      (await m.post(`/api/v1/referrals/${r.id}/decline`, { version: r.version, reason: 'lainnya' })).status,
    ).toBe(403);
    expect((await rsud.post(`/api/v1/referrals/${r.id}/accept`, { version: 2 ** 31 })).status).toBe(400);
    // the referring side's outgoing list
    const out = await m.get('/api/v1/referrals?box=keluar&status=terbuka');
    expect(out.body.items.map((x: { id: string }) => x.id)).toContain(r.id);
  });

  it('marks a recipient without an active agreement and lets staff follow up a non-Simpul recipient by hand', async () => {
    const k = await openFullCase(manajer);
    const shelter = await makeOrg(h.svc, {
      kabKota: '36.02',
      type: 'rumah_aman',
      name: 'Rumah Singgah Uji (tanpa Simpul)',
      services: ['rumah_aman'],
      areas: ['36.02'],
      capacity_free: 3,
      capacity_total: 5,
    });
    const shelterId = shelter.id;
    const r = await refer(m, k.id, {
      personId: k.victimId,
      toOrgId: shelterId,
      services: ['rumah_aman'],
      urgency: 'segera',
      purpose: 'Penampungan sementara 7 hari.',
      consent,
    });
    expect(r.status).toBe(201);
    expect(r.body.external).toBe(true);
    expect(r.body.toOrg.onSimpul).toBe(false);
    expect(r.body.warnings).toEqual(['tidak_ada_kerja_sama']);
    expect(r.body.permissions.accept).toBe(true);
    const acc = await m.post(`/api/v1/referrals/${r.body.id}/accept`, { version: r.body.version });
    expect(acc.body.status).toBe('diterima');
    // an agreement covering today removes the warning
    // "today" for the Dinas is the date in WIB (after 17:00 UTC it is already tomorrow there)
    const today = localDate(h.now.value, '36.02');
    await makeAgreement(h.svc, {
      org: shelter,
      number: 'PKS/01/2026',
      parties: 'Dinas PPPA Lebak; Rumah Singgah Uji',
      subject: 'Penampungan sementara',
      starts_on: '2026-01-01',
      ends_on: today,
    });
    expect((await m.get(`/api/v1/referrals/${r.body.id}`)).body.warnings).toEqual([]);

    // suggestions: the shelter covering the victim's kab/kota, with free places, comes up for rumah_aman
    const s = await m.get(
      `/api/v1/cases/${k.id}/referral-suggestions?personId=${k.victimId}&service=rumah_aman`,
    );
    expect(s.status).toBe(200);
    const mine = s.body.items.find((x: { orgId: string }) => x.orgId === shelterId);
    expect(mine).toMatchObject({
      proximity: 'kabkota',
      capacityFree: 3,
      activeAgreement: true,
      onSimpul: false,
    });
    expect(s.body.items.every((x: { services: string[] }) => x.services.includes('rumah_aman'))).toBe(true);
    const bad = await m.get(
      `/api/v1/cases/${k.id}/referral-suggestions?personId=${k.victimId}&service=sihir`,
    );
    expect(bad.status).toBe(400);
  });
  it('uses the region’s own time standards once its Dinas admin sets them', async () => {
    const admin = await as(await makeUser(h.svc, { role: 'admin-dinas', org: lebak.dinas }));
    const before = await m.get('/api/v1/referral-sla');
    expect(before.status).toBe(200);
    expect(before.body.defaults.find((d: { urgency: string }) => d.urgency === 'segera').acceptHours).toBe(6);
    const set = await admin.req('PUT', '/api/v1/referral-sla', {
      overrides: [{ urgency: 'segera', service: '*', acceptHours: 2, completeDays: 5 }],
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.overrides).toEqual([
      { urgency: 'segera', service: '*', acceptHours: 2, completeDays: 5 },
    ]);
    expect((await m.req('PUT', '/api/v1/referral-sla', { overrides: [] })).status).toBe(403);
    const dup = await admin.req('PUT', '/api/v1/referral-sla', {
      overrides: [
        { urgency: 'biasa', service: 'visum', acceptHours: 2, completeDays: 5 },
        { urgency: 'biasa', service: 'visum', acceptHours: 3, completeDays: 5 },
      ],
    });
    expect(dup.status).toBe(400);
    const bad = await admin.req('PUT', '/api/v1/referral-sla', {
      overrides: [{ urgency: 'segera', service: 'sihir', acceptHours: 0, completeDays: 5 }],
    });
    expect(Object.keys(bad.body.error.fields).sort()).toEqual([
      'overrides.0.acceptHours',
      'overrides.0.service',
    ]);
    const k = await openFullCase(manajer);
    const r = await refer(m, k.id, {
      personId: k.victimId,
      toOrgId: lawId,
      services: ['bantuan_hukum'],
      urgency: 'segera',
      purpose: 'Pendampingan hukum.',
      consent,
    });
    expect(new Date(r.body.acceptDueAt).getTime() - new Date(r.body.sentAt).getTime()).toBe(2 * 3600_000);
    expect(new Date(r.body.completeDueAt).getTime() - new Date(r.body.acceptDueAt).getTime()).toBe(
      5 * 86_400_000,
    );
    // Serang keeps the defaults
    expect((await (await as(serangManajer)).get('/api/v1/referral-sla')).body.overrides).toEqual([]);
    await admin.req('PUT', '/api/v1/referral-sla', { overrides: [] });
  });
  it('closing the case cancels its open referrals and tells the recipient', async () => {
    const k = await openFullCase(manajer);
    const r = (
      await refer(m, k.id, {
        personId: k.victimId,
        toOrgId: policeId,
        services: ['lapor_polisi'],
        urgency: 'biasa',
        purpose: 'Laporan polisi.',
        consent,
      })
    ).body;
    const v = (await m.get(`/api/v1/cases/${k.id}`)).body.version;
    const closed = await m.post(`/api/v1/cases/${k.id}/transition`, {
      version: v,
      to: 'terminasi',
      closureReason: 'lainnya',
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const after = (await police.get(`/api/v1/referrals/${r.id}`)).body;
    expect(after.status).toBe('dibatalkan');
    expect(after.cancelReason).toBe('kasus_ditutup');
    expect(after.permissions.accept).toBe(false);
    const n = await h.svc.conn.db
      .selectFrom('notification')
      .select('kind')
      .where('ref', '=', r.number)
      .where('kind', '=', 'rujukan_dibatalkan')
      .execute();
    expect(n.length).toBeGreaterThan(0);
  });
  it('reminds the recipient halfway to the acceptance due time, then escalates once it is overdue', async () => {
    const k = await openFullCase(manajer);
    await runScans(h.svc); // whatever earlier tests left due
    const r = (
      await refer(m, k.id, {
        personId: k.victimId,
        toOrgId: policeId,
        services: ['lapor_polisi'],
        urgency: 'segera',
        purpose: 'Laporan polisi.',
        consent,
      })
    ).body;
    const kinds = async (email: string) =>
      (
        await h.svc.conn.db
          .selectFrom('notification')
          .innerJoin('app_user', 'app_user.id', 'notification.user_id')
          .select('notification.kind')
          .where('app_user.email', '=', email)
          .where('notification.ref', '=', r.number)
          .orderBy('notification.created_at')
          .execute()
      ).map((x) => x.kind);
    const start = h.now.value;
    try {
      h.now.value = new Date(start.getTime() + 2 * 3600_000);
      await runScans(h.svc);
      expect(await kinds(policeUser.email)).toEqual(['rujukan_baru']);
      h.now.value = new Date(start.getTime() + 3.5 * 3600_000);
      await runScans(h.svc);
      await runScans(h.svc);
      expect(await kinds(policeUser.email)).toEqual(['rujukan_baru', 'rujukan_pengingat']);
      expect(await kinds(manajer.email)).toEqual([]);
      h.now.value = new Date(start.getTime() + 7 * 3600_000);
      await runScans(h.svc);
      await runScans(h.svc);
      expect(await kinds(policeUser.email)).toEqual([
        'rujukan_baru',
        'rujukan_pengingat',
        'rujukan_terlambat',
      ]);
      expect(await kinds(manajer.email)).toEqual(['rujukan_terlambat']);
      const seen = (await (await as(manajer)).get(`/api/v1/referrals/${r.id}`)).body;
      expect(seen.overdue).toBe('accept');
    } finally {
      h.now.value = start;
    }
  });
  it('a UPTD receiving a referral from another kab/kota: its case manager works it, its intake officer does not see it', async () => {
    const serangManager = await as(serangManajer);
    const uptdLebak = lebak.uptd.id;
    await h.svc.conn.db
      .updateTable('organisation')
      .set({ services: ['pendampingan', 'psikologis'] })
      .where('id', '=', uptdLebak)
      .execute();
    const k = await openFullCase(serangManajer);
    const r = await refer(serangManager, k.id, {
      personId: k.victimId,
      toOrgId: uptdLebak,
      services: ['pendampingan'],
      urgency: 'biasa',
      purpose: 'Korban pindah ke Lebak; mohon pendampingan lanjutan.',
      sections: ['identitas'],
      consent,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const seen = await m.get(`/api/v1/referrals/${r.body.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.side).toBe('penerima');
    const intake = await as(await makeUser(h.svc, { role: 'pengaduan', org: lebak.uptd }));
    expect((await intake.get(`/api/v1/referrals/${r.body.id}`)).status).toBe(404);
    expect((await intake.get('/api/v1/referrals?box=masuk')).body.items).toEqual([]);
  });

  it('withholds case-wide sections from the recipient once a second victim is added', async () => {
    const k = await openFullCase(manajer);
    const r = (
      await refer(m, k.id, {
        personId: k.victimId,
        toOrgId: rsudId,
        services: ['kesehatan'],
        urgency: 'biasa',
        purpose: 'Pemeriksaan.',
        sections: ['kronologi'],
        consent,
      })
    ).body;
    expect((await rsud.get(`/api/v1/referrals/${r.id}`)).body.shared.kronologi).toHaveLength(1);
    await m.post(`/api/v1/cases/${k.id}/persons`, {
      role: 'korban',
      name: 'Korban Kedua Uji',
      sex: 'perempuan',
      estimatedAge: 30,
    });
    const after = (await rsud.get(`/api/v1/referrals/${r.id}`)).body;
    expect(after.shared).toEqual({});
    expect(JSON.stringify(after)).not.toContain('pelaku memukul');
  });
});
