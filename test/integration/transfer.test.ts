/**
 * Transfers of whole cases (pelimpahan): who may ask, valid targets, one open transfer per case,
 * accept / decline / cancel, the move of the case (the receiver gains access, the sender loses
 * it but keeps the record), the national flag, and two managers accepting at once.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/policy.ts';
import {
  FACTORY_PASSWORD,
  type MadeUser,
  makeFullCase,
  makeOrg,
  makeRegionWorld,
  makeUser,
  type RegionWorld,
} from '../helpers/factories.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

describe.each(ENGINES)('case transfers (pelimpahan) on %s', (engine) => {
  let h: Harness;
  let lebak: Client;
  let serang: Client;
  let serangUptd: string;
  let lebakUptd: string;
  let serangRsud: string;
  let lebakWorld: RegionWorld;
  let serangWorld: RegionWorld;
  /** the staff of both kab/kota by e-mail (`manajer@lebak.test`), made in beforeAll */
  const staff = new Map<string, MadeUser>();
  const as = (email: string) => h.as(email, FACTORY_PASSWORD);
  /** A case of Lebak with one victim (a woman born 1995), one alleged perpetrator and one incident. */
  const openFullCase = (opts: { name?: string } = {}) =>
    makeFullCase(h.svc, staff.get('manajer@lebak.test')!, opts.name ? { victim: { name: opts.name } } : {});

  const org = async (type: string, jurisdiction: string) =>
    (
      await h.svc.conn.db
        .selectFrom('organisation')
        .select('id')
        .where('type', '=', type)
        .where('jurisdiction', '=', jurisdiction)
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
  const notices = async (email: string, kind: string) =>
    h.svc.conn.db
      .selectFrom('notification')
      .select(['kind', 'link', 'ref'])
      .where('user_id', '=', await userId(email))
      .where('kind', '=', kind)
      .execute();
  const request = (c: Client, caseId: string, body: Record<string, unknown>) =>
    c.post(`/api/v1/cases/${caseId}/transfers`, body);

  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    lebakWorld = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    serangWorld = await makeRegionWorld(h.svc, { kabKota: '36.73' });
    const team: Array<[RegionWorld, string, Role[]]> = [
      [lebakWorld, 'lebak', ['manajer', 'pendamping', 'pengaduan', 'pimpinan', 'mitra']],
      [serangWorld, 'serang', ['manajer', 'pendamping', 'pengaduan']],
    ];
    for (const [world, slug, roles] of team)
      for (const role of roles) {
        const org = role === 'pimpinan' ? world.dinas : role === 'mitra' ? world.police : world.uptd;
        const email = `${role}@${slug}.test`;
        staff.set(email, await makeUser(h.svc, { role, org, email }));
      }
    lebak = await as('manajer@lebak.test');
    serang = await as('manajer@serang.test');
    serangUptd = serangWorld.uptd.id;
    lebakUptd = lebakWorld.uptd.id;
    serangRsud = (await makeOrg(h.svc, { kabKota: '36.73', type: 'rumah_sakit', services: ['kesehatan'] }))
      .id;
  });
  afterAll(async () => h?.close());

  it('lets only the case manager of the holding jurisdiction ask', async () => {
    const { id } = await openFullCase();
    const pendampingId = await userId('pendamping@lebak.test');
    const v = (await lebak.get(`/api/v1/cases/${id}`)).body.version;
    expect(
      (await lebak.post(`/api/v1/cases/${id}/assign`, { version: v, companionIds: [pendampingId] })).status,
    ).toBe(200);
    const body = { level: 'kabkota', toOrgId: serangUptd, reason: 'Korban pindah domisili.' };
    const pengaduan = await request(await as('pengaduan@lebak.test'), id, body);
    expect(pengaduan.status).toBe(403);
    expect(pengaduan.body.error.code).toBe('FORBIDDEN');
    expect((await request(await as('pendamping@lebak.test'), id, body)).status).toBe(403);
    expect((await request(await as('mitra@lebak.test'), id, body)).status).toBe(404);
    expect((await request(serang, id, body)).status).toBe(404);
    expect((await request(await as('pimpinan@lebak.test'), id, body)).status).toBe(404);
    // nothing was recorded
    expect((await lebak.get(`/api/v1/cases/${id}/transfers`)).body.items).toEqual([]);
  });

  it('refuses targets that are not another kab/kota UPTD PPA or the own province UPTD PPA', async () => {
    const { id } = await openFullCase();
    const code = async (body: Record<string, unknown>) => {
      const r = await request(lebak, id, { reason: 'Alasan uji.', ...body });
      return `${r.status} ${r.body?.error?.code}`;
    };
    expect(await code({ level: 'kabkota', toOrgId: lebakUptd })).toBe('400 TRANSFER_TARGET_INVALID');
    expect(await code({ level: 'kabkota', toOrgId: serangRsud })).toBe('400 TRANSFER_TARGET_INVALID');
    expect(await code({ level: 'kabkota' })).toBe('400 TRANSFER_TARGET_INVALID');
    expect(await code({ level: 'kabkota', toOrgId: randomUUID() })).toBe('400 TRANSFER_TARGET_INVALID');
    expect(await code({ level: 'provinsi', toOrgId: serangUptd })).toBe('400 TRANSFER_TARGET_INVALID');
    expect(await code({ level: 'nasional', toOrgId: serangUptd })).toBe('400 TRANSFER_TARGET_INVALID');
    expect(await code({ level: 'pusat', toOrgId: serangUptd })).toBe('400 VALIDATION_FAILED');
    expect(await code({ level: 'kabkota', toOrgId: 'bukan-uuid' })).toBe('400 VALIDATION_FAILED');
    const noReason = await request(lebak, id, { level: 'kabkota', toOrgId: serangUptd, reason: '  ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields.reason).toBeDefined();
  });

  it('moves the case on acceptance: the receiver gains it, the sender keeps only the record', async () => {
    const { id, victimId } = await openFullCase({ name: 'Rina Pindahan' });
    const number = (await lebak.get(`/api/v1/cases/${id}`)).body.number as string;
    const pendamping = await as('pendamping@lebak.test');
    const v = (await lebak.get(`/api/v1/cases/${id}`)).body.version;
    await lebak.post(`/api/v1/cases/${id}/assign`, {
      version: v,
      companionIds: [await userId('pendamping@lebak.test')],
    });
    expect((await pendamping.get(`/api/v1/cases/${id}`)).status).toBe(200);

    const r = await request(lebak, id, {
      level: 'kabkota',
      toOrgId: serangUptd,
      reason: 'Korban pindah ke rumah keluarga di Kota Serang.',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      caseNumber: number,
      level: 'kabkota',
      status: 'diajukan',
      fromJurisdiction: '36.02',
      toJurisdiction: '36.73',
      toOrgName: serangWorld.uptd.name,
      reason: 'Korban pindah ke rumah keluarga di Kota Serang.',
      permissions: { accept: false, decline: false, cancel: true },
    });
    const tid = r.body.id as string;
    // the reason is stored encrypted
    const stored = await h.svc.conn.db
      .selectFrom('case_transfer')
      .select('reason_enc')
      .where('id', '=', tid)
      .executeTakeFirstOrThrow();
    expect(stored.reason_enc).not.toContain('Serang');
    // one open transfer per case
    const again = await request(lebak, id, { level: 'kabkota', toOrgId: serangUptd, reason: 'Lagi.' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('TRANSFER_PENDING');
    // the receiving managers are told, without personal data
    expect(await notices('manajer@serang.test', 'pelimpahan_baru')).toEqual([
      { kind: 'pelimpahan_baru', link: '/pelimpahan', ref: number },
    ]);

    // before acceptance Serang sees the request but not the case
    expect((await serang.get(`/api/v1/cases/${id}`)).status).toBe(404);
    const masuk = await serang.get('/api/v1/transfers?box=masuk');
    expect(masuk.status).toBe(200);
    const incoming = masuk.body.items.find((t: { id: string }) => t.id === tid);
    expect(incoming).toMatchObject({
      status: 'diajukan',
      permissions: { accept: true, decline: true, cancel: false },
    });
    expect((await lebak.get('/api/v1/transfers?box=masuk')).body.items).toEqual([]);

    // the sender cannot decide; others do not even see it; stale version is refused
    expect((await lebak.post(`/api/v1/transfers/${tid}/accept`, { version: 1 })).status).toBe(403);
    const pengaduanSerang = await as('pengaduan@serang.test');
    // the receiving intake officer has no transfer list and cannot read the case: 404, as for an unknown id
    const unseen = await pengaduanSerang.post(`/api/v1/transfers/${tid}/accept`, { version: 1 });
    expect(unseen.status).toBe(404);
    expect(unseen.body).toEqual(
      (await pengaduanSerang.post(`/api/v1/transfers/${randomUUID()}/accept`, { version: 1 })).body,
    );
    expect((await serang.post(`/api/v1/transfers/${randomUUID()}/accept`, { version: 1 })).status).toBe(404);
    const stale = await serang.post(`/api/v1/transfers/${tid}/accept`, { version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');

    const ok = await serang.post(`/api/v1/transfers/${tid}/accept`, { version: 1 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'diterima',
      decidedByName: staff.get('manajer@serang.test')!.name,
      version: 2,
    });
    const twice = await serang.post(`/api/v1/transfers/${tid}/accept`, { version: 2 });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('TRANSFER_STATE');

    // the receiver holds the case now
    const c = await serang.get(`/api/v1/cases/${id}`);
    expect(c.status).toBe(200);
    expect(c.body.jurisdiction).toBe('36.73');
    expect(c.body.number).toBe(number);
    const row = await h.svc.conn.db
      .selectFrom('case_file')
      .select(['org_id', 'manager_id', 'jurisdiction'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      org_id: serangUptd,
      manager_id: await userId('manajer@serang.test'),
      jurisdiction: '36.73',
    });
    const persons = await h.svc.conn.db
      .selectFrom('person')
      .select(['id', 'jurisdiction'])
      .where('case_id', '=', id)
      .execute();
    expect(persons.every((p) => p.jurisdiction === '36.73')).toBe(true);
    expect(persons.map((p) => p.id)).toContain(victimId);
    const members = await h.svc.conn.db
      .selectFrom('case_member')
      .select('user_id')
      .where('case_id', '=', id)
      .execute();
    expect(members).toEqual([]);
    const timeline = (await serang.get(`/api/v1/cases/${id}/timeline`)).body;
    const types = timeline.items.map((e: { type: string }) => e.type);
    expect(types).toContain('case.transferred');
    expect(types).toContain('case.transfer_requested');
    expect((await serang.get(`/api/v1/cases/${id}/transfers`)).body.items[0].status).toBe('diterima');

    // the sender's users lose access to the case and everything in it
    expect((await lebak.get(`/api/v1/cases/${id}`)).status).toBe(404);
    expect((await lebak.get(`/api/v1/cases/${id}/timeline`)).status).toBe(404);
    expect((await lebak.get(`/api/v1/cases/${id}/transfers`)).status).toBe(404);
    expect((await pendamping.get(`/api/v1/cases/${id}`)).status).toBe(404);
    expect((await (await as('pengaduan@lebak.test')).get(`/api/v1/cases/${id}`)).status).toBe(404);
    const list = await lebak.get(`/api/v1/cases?q=${encodeURIComponent(number)}`);
    expect(list.body.items).toEqual([]);
    const serangList = await serang.get(`/api/v1/cases?q=${encodeURIComponent(number)}`);
    expect(serangList.body.items.map((x: { id: string }) => x.id)).toEqual([id]);
    // …but keep the record of what they did
    const keluar = await lebak.get('/api/v1/transfers?box=keluar');
    const out = keluar.body.items.find((t: { id: string }) => t.id === tid);
    expect(out).toMatchObject({
      caseNumber: number,
      status: 'diterima',
      toOrgName: serangWorld.uptd.name,
      permissions: { accept: false, decline: false, cancel: false },
    });
    expect(out.decidedAt).toBeTruthy();
    expect(JSON.stringify(keluar.body)).not.toContain('Rina');
    expect(await notices('manajer@lebak.test', 'pelimpahan_diterima')).toEqual([
      { kind: 'pelimpahan_diterima', link: '/pelimpahan', ref: number },
    ]);
    // audited
    const actions = await h.svc.conn.db
      .selectFrom('audit_event')
      .select('action')
      .where('entity', '=', 'case_transfer')
      .where('entity_id', '=', tid)
      .execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['case.transfer.request', 'case.transfer.accept']),
    );
  });

  it('declines with a reason, and lets the sender cancel while it waits', async () => {
    const { id } = await openFullCase();
    const tid = (await request(lebak, id, { level: 'kabkota', toOrgId: serangUptd, reason: 'Uji tolak.' }))
      .body.id;
    const noReason = await serang.post(`/api/v1/transfers/${tid}/decline`, { version: 1 });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fieldCodes).toEqual({ reason: 'required' });
    const d = await serang.post(`/api/v1/transfers/${tid}/decline`, {
      version: 1,
      reason: 'Alamat korban di luar wilayah kami.',
    });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body).toMatchObject({ status: 'ditolak', declineReason: 'Alamat korban di luar wilayah kami.' });
    expect((await lebak.get(`/api/v1/cases/${id}`)).status).toBe(200);
    expect((await serang.get(`/api/v1/cases/${id}`)).status).toBe(404);
    expect((await notices('manajer@lebak.test', 'pelimpahan_ditolak')).length).toBe(1);
    expect((await lebak.post(`/api/v1/transfers/${tid}/cancel`, { version: 2 })).body.error.code).toBe(
      'TRANSFER_STATE',
    );

    // a new request is possible after a decision; the sender cancels it
    h.now.value = new Date(h.now.value.getTime() + 60_000);
    const t2 = (await request(lebak, id, { level: 'kabkota', toOrgId: serangUptd, reason: 'Uji batal.' }))
      .body;
    expect(t2.status).toBe('diajukan');
    expect((await serang.post(`/api/v1/transfers/${t2.id}/cancel`, { version: 1 })).status).toBe(403);
    const cancelled = await lebak.post(`/api/v1/transfers/${t2.id}/cancel`, { version: 1 });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('dibatalkan');
    // the receiving managers are told that the request was withdrawn
    const told = await h.svc.conn.db
      .selectFrom('notification')
      .innerJoin('app_user', 'app_user.id', 'notification.user_id')
      .select('notification.kind')
      .where('app_user.email', '=', 'manajer@serang.test')
      .where('notification.kind', '=', 'pelimpahan_dibatalkan')
      .execute();
    expect(told).toHaveLength(1);
    const late = await serang.post(`/api/v1/transfers/${t2.id}/accept`, { version: 2 });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('TRANSFER_STATE');
    expect((await lebak.get(`/api/v1/cases/${id}`)).body.jurisdiction).toBe('36.02');
    const history = (await lebak.get(`/api/v1/cases/${id}/transfers`)).body.items;
    expect(history.map((t: { status: string }) => t.status)).toEqual(['dibatalkan', 'ditolak']);
  });

  it('transfers to the province UPTD PPA', async () => {
    const email = await h.provinceUser('manajer');
    // the harness creates a province-level office; make it the province UPTD PPA
    await h.svc.conn.db
      .updateTable('organisation')
      .set({ type: 'uptd_ppa' })
      .where('jurisdiction', '=', '36')
      .execute();
    const provOrg = await org('uptd_ppa', '36');
    const prov = await h.as(email);
    const { id } = await openFullCase();
    const r = await request(lebak, id, {
      level: 'provinsi',
      toOrgId: provOrg,
      reason: 'Perlu penanganan provinsi.',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.toJurisdiction).toBe('36');
    expect((await prov.get(`/api/v1/cases/${id}`)).status).toBe(404);
    expect((await serang.post(`/api/v1/transfers/${r.body.id}/accept`, { version: 1 })).status).toBe(404);
    const ok = await prov.post(`/api/v1/transfers/${r.body.id}/accept`, { version: 1 });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect((await prov.get(`/api/v1/cases/${id}`)).body.jurisdiction).toBe('36');
    expect((await lebak.get(`/api/v1/cases/${id}`)).status).toBe(404);
  });

  it('flags a case for the national level without moving it', async () => {
    const { id } = await openFullCase();
    const r = await request(lebak, id, { level: 'nasional', reason: 'Pelaku berada di luar negeri.' });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      level: 'nasional',
      status: 'diterima',
      toJurisdiction: null,
      toOrgName: null,
    });
    const row = await h.svc.conn.db
      .selectFrom('case_file')
      .select(['national_flagged_at', 'jurisdiction'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.national_flagged_at).not.toBeNull();
    expect(row.jurisdiction).toBe('36.02');
    expect((await lebak.get(`/api/v1/cases/${id}`)).status).toBe(200);
    const timeline = (await lebak.get(`/api/v1/cases/${id}/timeline`)).body;
    const types = timeline.items.map((e: { type: string }) => e.type);
    expect(types).toContain('case.national_flagged');
    expect((await request(lebak, id, { level: 'nasional', reason: 'Lagi.' })).body.error.code).toBe(
      'NATIONAL_ALREADY_FLAGGED',
    );
    // a kab/kota transfer is still possible after the flag
    expect(
      (await request(lebak, id, { level: 'kabkota', toOrgId: serangUptd, reason: 'Pindah.' })).status,
    ).toBe(201);
  });

  it('refuses a transfer of a closed case', async () => {
    const { id } = await openFullCase();
    await h.svc.conn.db.updateTable('case_file').set({ stage: 'terminasi' }).where('id', '=', id).execute();
    const r = await request(lebak, id, { level: 'kabkota', toOrgId: serangUptd, reason: 'Uji.' });
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('CASE_CLOSED');
  });

  it('lets only one of two managers accepting at once win', async () => {
    const second = await as(
      (await makeUser(h.svc, { role: 'manajer', org: serangWorld.uptd, email: 'manajer2@serang.test' }))
        .email,
    );
    const { id } = await openFullCase();
    const tid = (
      await request(lebak, id, { level: 'kabkota', toOrgId: serangUptd, reason: 'Uji bersamaan.' })
    ).body.id;
    const [a, b] = await Promise.all([
      serang.post(`/api/v1/transfers/${tid}/accept`, { version: 1 }),
      second.post(`/api/v1/transfers/${tid}/accept`, { version: 1 }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses).toEqual([200, 409]);
    const loser = a.status === 409 ? a : b;
    expect(['TRANSFER_STATE', 'VERSION_CONFLICT']).toContain(loser.body.error.code);
    expect(loser.body.error.code).toBe('TRANSFER_STATE');
    const events = await h.svc.conn.db
      .selectFrom('case_event')
      .select('type')
      .where('case_id', '=', id)
      .where('type', '=', 'case.transferred')
      .execute();
    expect(events.length).toBe(1);
  });

  it('lists transfers only for case managers', async () => {
    expect((await (await as('pendamping@serang.test')).get('/api/v1/transfers?box=masuk')).status).toBe(403);
    expect((await serang.get('/api/v1/transfers?box=lain')).status).toBe(400);
  });

  it('moves the report the case came from with it, and tells the new holder about its referrals', async () => {
    const officer = await as('pengaduan@lebak.test');
    const rec = await officer.post('/api/v1/intake', {
      channel: 'telepon',
      callType: 'laporan_baru_tindak_lanjut',
      reporterType: 'korban',
      victimName: 'Sulastri Pindahan Uji',
      forms: ['psikis'],
      dangerNow: false,
      contactMethod: 'tidak',
      consentContact: false,
    });
    expect(rec.status, JSON.stringify(rec.body)).toBe(201);
    const opened = await lebak.post(`/api/v1/intake/${rec.body.id}/open-case`, { version: rec.body.version });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const caseId = opened.body.id as string;
    const victimId = opened.body.persons.find((p: { role: string }) => p.role === 'korban').id as string;
    const police = lebakWorld.police.id;
    await h.svc.conn.db
      .updateTable('organisation')
      .set({ services: ['lapor_polisi'] })
      .where('id', '=', police)
      .execute();
    const ref = await lebak.post(`/api/v1/cases/${caseId}/referrals`, {
      personId: victimId,
      toOrgId: police,
      services: ['lapor_polisi'],
      urgency: 'biasa',
      purpose: 'Laporan polisi.',
      consent: { basis: 'persetujuan_korban', givenBy: 'Korban', givenAt: new Date().toISOString() },
    });
    expect(ref.status, JSON.stringify(ref.body)).toBe(201);

    const t = (
      await request(lebak, caseId, { level: 'kabkota', toOrgId: serangUptd, reason: 'Korban pindah.' })
    ).body;
    expect((await serang.post(`/api/v1/transfers/${t.id}/accept`, { version: t.version })).status).toBe(200);
    expect((await officer.get(`/api/v1/intake/${rec.body.id}`)).status).toBe(404);
    const serangOfficer = await as('pengaduan@serang.test');
    expect((await serangOfficer.get(`/api/v1/intake/${rec.body.id}`)).status).toBe(200);

    // the police accept the referral: the new holder is told, the former one is not
    const before = (await notices('manajer@lebak.test', 'rujukan_diterima')).length;
    const acc = await (await as('mitra@lebak.test')).post(`/api/v1/referrals/${ref.body.id}/accept`, {
      version: ref.body.version,
    });
    expect(acc.status, JSON.stringify(acc.body)).toBe(200);
    expect((await notices('manajer@lebak.test', 'rujukan_diterima')).length).toBe(before);
    expect((await notices('manajer@serang.test', 'rujukan_diterima')).map((n) => n.ref)).toContain(
      ref.body.number,
    );
  });

  it('is decided by the receiving UPTD PPA, not by a case manager of another office there', async () => {
    const { id } = await openFullCase();
    const t = (await request(lebak, id, { level: 'kabkota', toOrgId: serangUptd, reason: 'Korban pindah.' }))
      .body;
    // a case manager of the Dinas PPPA of Serang, not of its UPTD PPA
    const dinasManager = await makeUser(h.svc, { role: 'manajer', org: serangWorld.dinas });
    const other = await h.as(dinasManager.email, dinasManager.password);
    const refused = await other.post(`/api/v1/transfers/${t.id}/accept`, { version: t.version });
    expect(refused.status).toBe(403);
    expect((await serang.post(`/api/v1/transfers/${t.id}/accept`, { version: t.version })).status).toBe(200);
  });
});
