import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MadeUser, makeFullCase, makeRegionWorld, makeUser } from '../helpers/factories.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

describe.each(ENGINES)('case lifecycle on %s', (engine) => {
  let h: Harness;
  let manajer: MadeUser;
  let m: Client;
  const openFullCase = (opts: Parameters<typeof makeFullCase>[2] = {}) => makeFullCase(h.svc, manajer, opts);
  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    const lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    manajer = await makeUser(h.svc, { role: 'manajer', org: lebak.uptd });
    m = await h.as(manajer.email, manajer.password);
  });
  afterAll(async () => h?.close());

  it('numbers a new case PPA-<kab>-<year>-<seq> and starts at penerimaan', async () => {
    const r = await m.post('/api/v1/cases', { channel: 'telepon' });
    expect(r.status).toBe(201);
    expect(r.body.number).toMatch(/^PPA-3602-\d{4}-\d{6}$/);
    expect(r.body.stage).toBe('penerimaan');
    const r2 = await m.post('/api/v1/cases', { channel: 'telepon' });
    expect(Number(r2.body.number.slice(-6))).toBe(Number(r.body.number.slice(-6)) + 1);
  });

  it('takes a case through every stage to terminasi and reopens it with a reason', async () => {
    const { id, victimId } = await openFullCase();
    let c = (await m.get(`/api/v1/cases/${id}`)).body;
    const step = async (body: Record<string, unknown>, expectStatus = 200) => {
      const r = await m.post(`/api/v1/cases/${id}/transition`, { version: c.version, ...body });
      expect(r.status, JSON.stringify(r.body)).toBe(expectStatus);
      if (r.status === 200) c = r.body;
      return r;
    };
    await step({ to: 'identifikasi' });
    await step({ to: 'asesmen' });
    const early = await step({ to: 'rencana_intervensi' }, 409);
    expect(early.body.error.code).toBe('ASSESSMENT_REQUIRED');
    expect(
      (await m.post(`/api/v1/cases/${id}/records/assessment`, { psychological: 'Cemas', needs: 'Konseling' }))
        .status,
    ).toBe(201);
    await step({ to: 'rencana_intervensi' });
    expect((await step({ to: 'layanan' }, 409)).body.error.code).toBe('PLAN_NOT_AGREED');
    expect(
      (
        await m.post(`/api/v1/cases/${id}/records/plan_item`, {
          service: 'psikologis',
          agreedWithBeneficiary: true,
        })
      ).status,
    ).toBe(201);
    await step({ to: 'layanan' });
    expect(
      (
        await m.post(`/api/v1/cases/${id}/records/service`, {
          service: 'psikologis',
          date: '2026-01-12',
          outcome: 'Sesi 1',
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await m.post(`/api/v1/cases/${id}/records/right`, {
          victimId,
          right: 'rehabilitasi_psikologis',
          status: 'terpenuhi',
          date: '2026-01-20',
        })
      ).status,
    ).toBe(201);
    await step({ to: 'pemantauan' });
    expect((await step({ to: 'terminasi' }, 400)).body.error.code).toBe('CLOSURE_REASON_REQUIRED');
    await step({ to: 'terminasi', closureReason: 'kebutuhan_terpenuhi' });
    expect(c.stage).toBe('terminasi');
    expect(c.closedAt).not.toBeNull();
    // closed cases refuse edits
    const edit = await m.post(`/api/v1/cases/${id}/records/note`, { body: 'catatan' });
    expect(edit.body.error.code).toBe('CASE_CLOSED');
    expect((await step({ to: 'asesmen' }, 400)).body.error.code).toBe('REOPEN_REASON_REQUIRED');
    await step({ to: 'asesmen', reason: 'Korban kembali melapor ancaman baru.' });
    expect(c.stage).toBe('asesmen');
    expect(c.reopenCount).toBe(1);
    const tl = await m.get(`/api/v1/cases/${id}/timeline`);
    expect(tl.body.items.map((e: { type: string }) => e.type)).toContain('case.reopened');
  });

  it('answers 409 on a stale version and keeps the stored data', async () => {
    const { id } = await openFullCase();
    const c = (await m.get(`/api/v1/cases/${id}`)).body;
    expect((await m.patch(`/api/v1/cases/${id}`, { version: c.version, risk: 'tinggi' })).status).toBe(200);
    const stale = await m.patch(`/api/v1/cases/${id}`, { version: c.version, risk: 'rendah' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await m.get(`/api/v1/cases/${id}`)).body.risk).toBe('tinggi');
  });

  it('a write answers the case it wrote with one audit event, not a second read of everything', async () => {
    const { id } = await openFullCase();
    const c = (await m.get(`/api/v1/cases/${id}`)).body;
    const events = async () =>
      (
        await h.svc.conn.db
          .selectFrom('audit_event')
          .select('action')
          .where('entity', '=', 'case')
          .where('entity_id', '=', id)
          .orderBy('id')
          .execute()
      ).map((e) => e.action);
    const before = await events();
    const r = await m.patch(`/api/v1/cases/${id}`, { version: c.version, summary: 'Ringkasan baru.' });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id, summary: 'Ringkasan baru.', version: c.version + 1 });
    const added = (await events()).slice(before.length);
    expect(added).toEqual(['case.update']);
  });

  it('finds a case by victim name (also another spelling), NIK and phone', async () => {
    const { id } = await openFullCase({
      victim: { name: 'Tjahjani Soeprapto', nik: '3602015503950001', phone: '0812-3456-7890' },
    });
    const ids = async (q: string) =>
      (await m.get(`/api/v1/cases?q=${encodeURIComponent(q)}`)).body.items.map((x: { id: string }) => x.id);
    expect(await ids('Tjahjani')).toContain(id);
    expect(await ids('cahyani suprapto')).toContain(id);
    expect(await ids('3602015503950001')).toContain(id);
    expect(await ids('+62 812 3456 7890')).toContain(id);
    expect(await ids('Bambang')).not.toContain(id);
  });
});
