/**
 * KLA cluster V from case data (issue 13 §2, decision 036): the diversion record of an ABH case
 * (refused on any other case, future dates refused, stale versions 409, another region's case
 * 404, one record per Idempotency-Key) and the two figures the evaluation takes from the monthly
 * rollup — after the worker's incremental rounds and after a full rebuild, on constructed cases.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autoValueFor, clusterVFor } from '../../src/app/kla/auto-values.ts';
import { rebuildAllStats, refreshStats } from '../../src/app/stats/refresh.ts';
import { FIELD_MESSAGES } from '../../src/domain/field-messages.ts';
import {
  type FullCase,
  type MadeUser,
  makeFullCase,
  makePerson,
  makeRecord,
  makeRegionWorld,
  makeUser,
  type RegionWorld,
} from '../helpers/factories.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

const ABH = { ampkCategories: ['b_berhadapan_hukum' as const] };
const SEXUAL = { forms: ['seksual' as const], ampkCategories: ['j_kejahatan_seksual' as const] };

describe.each(ENGINES)('diversion records and cluster V figures on %s', (engine) => {
  let h: Harness;
  let lebakManajer: MadeUser;
  let serangManajer: MadeUser;
  let lebakDinas: RegionWorld['dinas'];
  let m: Client;
  // Lebak (36.02, WIB), cases received in 2026
  let abh: FullCase; // a boy of 13 (birth date) in conflict with the law, a service given
  let sexual: FullCase; // a girl whose group 13–17 only was told, no service yet
  let adults: FullCase; // an AMPK case whose victims are an adult and one of unknown age
  let plain: FullCase; // not AMPK: a child victim served, counted nowhere here
  let serangAbh: FullCase;
  let diversionId: string;
  let diversionVersion: number;

  const received = (month: string) => ({
    receivedAt: `2026-${month}-10T03:00:00Z`,
    caseType: 'ampk' as const,
  });
  const value = (source: 'ampk_served' | 'abh_diversion', region = '36.02', year = 2026) =>
    autoValueFor(h.svc.conn.db, source, region, year);
  const ratio = async (source: 'ampk_served' | 'abh_diversion', region = '36.02', year = 2026) => {
    const v = await value(source, region, year);
    return v ? `${v.numerator}/${v.denominator}` : null;
  };
  const part = async (source: 'ampk_served' | 'abh_diversion', words: string) =>
    (await value(source))?.parts.find((p) => p.label.id === words)?.n;

  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    const lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    lebakDinas = lebak.dinas;
    const serang = await makeRegionWorld(h.svc, { kabKota: '36.73' });
    lebakManajer = await makeUser(h.svc, { role: 'manajer', org: lebak.uptd });
    serangManajer = await makeUser(h.svc, { role: 'manajer', org: serang.uptd });
    m = await h.as(lebakManajer.email, lebakManajer.password);

    abh = await makeFullCase(h.svc, lebakManajer, {
      case: received('02'),
      victim: { sex: 'laki_laki', birthDate: '2012-05-01' },
      incident: ABH,
    });
    await makeRecord(h.svc, lebakManajer, abh.id, 'service', {
      service: 'bantuan_hukum',
      date: '2026-02-11',
    });
    sexual = await makeFullCase(h.svc, lebakManajer, {
      case: received('04'),
      victim: { birthDate: null, nik: null, ageGroup: '13-17' },
      incident: SEXUAL,
    });
    adults = await makeFullCase(h.svc, lebakManajer, {
      case: received('05'),
      incident: { ampkCategories: ['i_kekerasan_fisik_psikis' as const] },
    });
    await makePerson(h.svc, lebakManajer, adults.id, { birthDate: null, nik: null });
    plain = await makeFullCase(h.svc, lebakManajer, {
      case: { ...received('05'), caseType: 'ktp' },
      victim: { birthDate: '2015-01-01' },
    });
    await makeRecord(h.svc, lebakManajer, plain.id, 'service', { service: 'psikologis', date: '2026-05-11' });
    serangAbh = await makeFullCase(h.svc, serangManajer, { case: received('03'), incident: ABH });
    await refreshStats(h.svc);
  }, 120_000);
  afterAll(async () => h?.close());

  describe('the diversion record', () => {
    it('is recorded on an ABH case, its notes encrypted, and shown with the case', async () => {
      const r = await m.post(`/api/v1/cases/${abh.id}/records/diversion`, {
        stage: 'penyidikan',
        result: 'masih_berjalan',
        date: '2026-03-01',
        decreeNumber: null,
        notes: 'Musyawarah diversi di Polres (catatan uji).',
      });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      expect(r.body).toMatchObject({
        kind: 'diversion',
        data: { stage: 'penyidikan', result: 'masih_berjalan' },
      });
      diversionId = r.body.id;
      diversionVersion = r.body.version;
      const row = await h.svc.conn.db
        .selectFrom('case_record')
        .select(['data', 'secret_enc'])
        .where('id', '=', diversionId)
        .executeTakeFirstOrThrow();
      expect(JSON.stringify(row.data)).not.toContain('Musyawarah');
      expect(row.secret_enc).not.toBeNull();
      const c = await m.get(`/api/v1/cases/${abh.id}`);
      expect(c.body.records.find((x: { id: string }) => x.id === diversionId).data.notes).toBe(
        'Musyawarah diversi di Polres (catatan uji).',
      );
    });

    it('is refused on a case without an ABH incident, with a field error', async () => {
      const r = await m.post(`/api/v1/cases/${sexual.id}/records/diversion`, {
        stage: 'penuntutan',
        result: 'berhasil',
        date: '2026-03-01',
      });
      expect(r.status).toBe(400);
      expect(r.body.error.fields.ampkCategories).toBe(FIELD_MESSAGES.not_abh_case![0]);
      const n = await h.svc.conn.db
        .selectFrom('case_record')
        .select(sql<string>`count(*)`.as('n'))
        .where('case_id', '=', sexual.id)
        .where('kind', '=', 'diversion')
        .executeTakeFirstOrThrow();
      expect(Number(n.n)).toBe(0);
    });

    it('refuses a future date, an unknown stage or result, and an unknown field', async () => {
      const base = { stage: 'penuntutan', result: 'berhasil', date: '2026-03-01' };
      const future = await m.post(`/api/v1/cases/${abh.id}/records/diversion`, {
        ...base,
        date: '2027-02-01',
      });
      expect(future.status).toBe(400);
      expect(future.body.error.fields.date).toBe(FIELD_MESSAGES.date_in_future![0]);
      const bad = await m.post(`/api/v1/cases/${abh.id}/records/diversion`, {
        ...base,
        stage: 'persidangan_dewasa',
        result: 'damai',
      });
      expect(bad.status).toBe(400);
      expect(Object.keys(bad.body.error.fields).sort()).toEqual(['result', 'stage']);
      const missing = await m.post(`/api/v1/cases/${abh.id}/records/diversion`, { stage: 'penuntutan' });
      expect(missing.status).toBe(400);
      expect(Object.keys(missing.body.error.fields).sort()).toEqual(['date', 'result']);
    });

    it("answers 404 for another region's case and never records there", async () => {
      const r = await m.post(`/api/v1/cases/${serangAbh.id}/records/diversion`, {
        stage: 'penyidikan',
        result: 'berhasil',
        date: '2026-03-01',
      });
      expect(r.status).toBe(404);
      const s = await h.as(serangManajer.email, serangManajer.password);
      const own = await s.post(`/api/v1/cases/${serangAbh.id}/records/diversion`, {
        stage: 'penyidikan',
        result: 'tidak_diupayakan',
        date: '2026-03-02',
      });
      expect(own.status).toBe(201);
      const patch = await m.patch(`/api/v1/cases/${serangAbh.id}/records/diversion/${own.body.id}`, {
        version: own.body.version,
        result: 'berhasil',
      });
      expect(patch.status).toBe(404);
    });

    it('an edit with a stale version is 409; of 20 edits at once with one version one is kept', async () => {
      const ok = await m.patch(`/api/v1/cases/${abh.id}/records/diversion/${diversionId}`, {
        version: diversionVersion,
        decreeNumber: '12/Pen.Div/2026/PN Rkb',
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
      const stale = await m.patch(`/api/v1/cases/${abh.id}/records/diversion/${diversionId}`, {
        version: diversionVersion,
        result: 'berhasil',
      });
      expect(stale.status).toBe(409);
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          m.patch(`/api/v1/cases/${abh.id}/records/diversion/${diversionId}`, {
            version: ok.body.version,
            notes: `Catatan serentak ${i}`,
          }),
        ),
      );
      expect(answers.filter((a) => a.status === 200)).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409)).toHaveLength(19);
      diversionVersion = answers.find((a) => a.status === 200)!.body.version;
      // the edit kept the fields it did not name
      const c = await m.get(`/api/v1/cases/${abh.id}`);
      expect(c.body.records.find((x: { id: string }) => x.id === diversionId).data).toMatchObject({
        stage: 'penyidikan',
        result: 'masih_berjalan',
        decreeNumber: '12/Pen.Div/2026/PN Rkb',
      });
    });

    it('the same create sent again with its Idempotency-Key (even 30 at once) records one', async () => {
      const key = randomUUID();
      const body = { stage: 'penuntutan', result: 'tidak_berhasil', date: '2025-12-20' };
      const answers = await Promise.all(
        Array.from({ length: 30 }, () =>
          m.post(`/api/v1/cases/${abh.id}/records/diversion`, body, { 'Idempotency-Key': key }),
        ),
      );
      for (const a of answers) expect([201, 409]).toContain(a.status);
      const ids = new Set(answers.filter((a) => a.status === 201).map((a) => a.body.id));
      expect(ids.size).toBe(1);
      const rows = await h.svc.conn.db
        .selectFrom('case_record')
        .select('id')
        .where('case_id', '=', abh.id)
        .where('kind', '=', 'diversion')
        .execute();
      expect(rows).toHaveLength(2);
    });
  });

  describe('the figures', () => {
    it('ampk_served: child victims of AMPK cases and those whose case had a service', async () => {
      await refreshStats(h.svc);
      // the boy (served) and the girl (group told, not served); the adult and the non-AMPK child
      // are not counted; the victim of unknown age is said apart
      expect(await ratio('ampk_served')).toBe('1/2');
      expect(
        await part('ampk_served', 'Tidak dihitung: korban dalam kasus AMPK yang umurnya tidak diketahui'),
      ).toBe(1);
      expect(await part('ampk_served', 'Anak yang berhadapan dengan hukum (ABH): terlayani')).toBe(1);
      expect(await part('ampk_served', 'Anak korban kejahatan seksual: anak korban')).toBe(1);
      expect(await part('ampk_served', 'Anak korban kejahatan seksual: terlayani')).toBe(0);
      const f = await clusterVFor(h.svc.conn.db, '36.02', 2026);
      expect(Object.fromEntries(f.ampkServed.byAge)).toEqual({ '13-17': { total: 2, served: 1 } });
      expect(Object.fromEntries(f.ampkServed.bySex)).toEqual({
        laki_laki: { total: 1, served: 1 },
        perempuan: { total: 1, served: 0 },
      });
    });

    it('abh_diversion: ABH cases of the year (diversion dated or closed in it), those that succeeded', async () => {
      // the ABH case: a diversion in progress dated 2026 (and one that failed, dated 2025)
      expect(await ratio('abh_diversion')).toBe('0/1');
      expect(await ratio('abh_diversion', '36.02', 2025)).toBe('0/1');
      // Serang's own case stays Serang's
      expect(await ratio('abh_diversion', '36.73')).toBe('0/1');
    });

    it('follows changes once the worker has passed: a service given, a diversion that succeeds, a case closed', async () => {
      await makeRecord(h.svc, lebakManajer, sexual.id, 'service', {
        service: 'psikologis',
        date: '2026-04-12',
      });
      const r = await m.patch(`/api/v1/cases/${abh.id}/records/diversion/${diversionId}`, {
        version: diversionVersion,
        result: 'berhasil',
        stage: 'penuntutan',
      });
      expect(r.status).toBe(200);
      // both changes marked their case's month for the worker, in their own transaction
      const marks = await h.svc.conn.db
        .selectFrom('stat_dirty')
        .select('hour')
        .where('jurisdiction', '=', '36.02')
        .execute();
      const hours = marks.map((x) => new Date(x.hour).toISOString());
      expect(hours).toContain('2026-02-10T03:00:00.000Z');
      expect(hours).toContain('2026-04-10T03:00:00.000Z');
      // a second ABH case, received in January, closed in August without a diversion
      const closed = await makeFullCase(h.svc, lebakManajer, {
        case: received('01'),
        victim: { birthDate: null, nik: null, estimatedAge: 16, sex: 'laki_laki' },
        incident: ABH,
      });
      await sql`UPDATE case_file SET stage = 'terminasi', closure_reason = 'kebutuhan_terpenuhi',
                closed_at = ${new Date('2026-08-20T05:00:00Z')} WHERE id = ${closed.id}`.execute(
        h.svc.conn.db,
      );
      // nothing counted before the worker's round
      expect(await ratio('ampk_served')).toBe('1/2');
      await refreshStats(h.svc);
      expect(await ratio('ampk_served')).toBe('2/3');
      expect(await ratio('abh_diversion')).toBe('1/2');
      expect(await part('abh_diversion', 'Hasil diversi: Berhasil (kesepakatan diversi)')).toBe(1);
      expect(await part('abh_diversion', 'Hasil diversi: Tanpa catatan diversi (kasus ditutup)')).toBe(1);
      // 2025 keeps its failed attempt: success came later
      expect(await ratio('abh_diversion', '36.02', 2025)).toBe('0/1');
    });

    it('the dashboard shows the same served share among its AMPK figures, for leadership', async () => {
      const lead = await makeUser(h.svc, { role: 'pimpinan', org: lebakDinas });
      const c = await h.as(lead.email, lead.password);
      const r = await c.get('/api/v1/dashboard?from=2026-01-01&to=2026-12-31');
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const fig = r.body.figures.find((f: { measure: string }) => f.measure === 'ampk_child_served');
      const n = Object.fromEntries(fig.rows.map((x: { code: string; n: number }) => [x.code, x.n]));
      const v = (await value('ampk_served'))!;
      expect(n).toEqual({ terlayani: v.numerator, belum_terlayani: v.denominator - v.numerator });
    });

    it('a full rebuild gives the same figures as the incremental rounds', async () => {
      const before = [
        await value('ampk_served'),
        await value('abh_diversion'),
        await value('abh_diversion', '36.73'),
      ];
      await sql`DELETE FROM stat_rollup`.execute(h.svc.conn.db);
      expect(await value('ampk_served')).toBeNull();
      await rebuildAllStats(h.svc);
      expect([
        await value('ampk_served'),
        await value('abh_diversion'),
        await value('abh_diversion', '36.73'),
      ]).toEqual(before);
    });

    it('nothing to count is null (a denominator of 0), not 0 %', async () => {
      expect(await value('ampk_served', '36.02', 2024)).toBeNull();
      expect(await value('abh_diversion', '36.02', 2024)).toBeNull();
      // Serang's only AMPK case has an adult victim
      expect(await value('ampk_served', '36.73')).toBeNull();
    });
  });
});
