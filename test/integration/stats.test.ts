/**
 * The dashboard's figures (issue 11 §1, §6, §7): counts equal a hand count of a small fixture and
 * a live count of the case tables; months are local (WIB here); the rollup follows changes once
 * the worker has passed; scope; bad input.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticNik } from '../../src/app/seed-demo.ts';
import { refreshStats, refreshWorkload } from '../../src/app/stats/refresh.ts';
import { FIELD_MESSAGES } from '../../src/domain/field-messages.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

type Fig = { measure: string; rows: Array<{ code: string; n: number; before: number }>; total: number };

describe.each(ENGINES)('dashboard figures on %s', (engine) => {
  let h: Harness;
  let m: Client;
  let lead: Client;
  const ids: Record<string, string> = {};
  const victims: Record<string, string> = {};
  const nik = syntheticNik('36.02.01', '2010-05-01', true, 77);

  const open = async (key: string, body: Record<string, unknown>) => {
    const r = await m.post('/api/v1/cases', { authority: 'daerah', ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids[key] = r.body.id;
    return r.body.id as string;
  };
  const person = async (key: string, body: Record<string, unknown>) => {
    const r = await m.post(`/api/v1/cases/${ids[key]}/persons`, { name: 'Nama Sintetis', ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body.id as string;
  };
  const incident = async (key: string, body: Record<string, unknown>) => {
    const r = await m.post(`/api/v1/cases/${ids[key]}/incidents`, {
      chronology: 'Kronologi sintetis.',
      datePrecision: 'tidak_diketahui',
      ...body,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
  };
  const dash = async (c: Client, q: string) => {
    const r = await c.get(`/api/v1/dashboard?${q}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const fig = (body: { figures: Fig[] }, measure: string) => {
    const f = body.figures.find((x) => x.measure === measure);
    if (!f) throw new Error(`no figure ${measure}`);
    return Object.fromEntries(f.rows.filter((r) => r.n > 0).map((r) => [r.code, r.n]));
  };

  beforeAll(async () => {
    h = await createHarness(engine);
    m = await h.as('manajer@lebak.demo');
    lead = await h.as('pimpinan@lebak.demo');
    // A: March 2026, high risk, a girl of 15 (birth date), sexual and psychological violence at home
    await open('A', {
      channel: 'telepon',
      caseType: 'ktp_ampk',
      risk: 'tinggi',
      receivedAt: '2026-03-10T02:00:00Z',
    });
    victims.A = await person('A', {
      role: 'korban',
      sex: 'perempuan',
      birthDate: '2010-05-01',
      nik,
      education: 'sltp',
      disability: false,
      regionCode: '36.02.01.2002',
    });
    const perp = await person('A', { role: 'terlapor', sex: 'laki_laki', estimatedAge: 40 });
    expect(
      (
        await m.post(`/api/v1/cases/${ids.A}/relationships`, {
          victimId: victims.A,
          perpetratorId: perp,
          relationship: 'pacar_teman',
        })
      ).status,
    ).toBe(201);
    await incident('A', {
      placeCategory: 'rumah_tangga',
      regionCode: '36.02.01.2002',
      forms: ['seksual', 'psikis'],
    });
    // reported to police the next local day: within 3×24 h; the first response (that service) is
    // 15 hours after the report, past the high-risk hour
    expect(
      (
        await m.post(`/api/v1/cases/${ids.A}/records/service`, {
          service: 'lapor_polisi',
          date: '2026-03-11',
        })
      ).status,
    ).toBe(201);
    // B: 23:30 WIB on 31 March (16:30 UTC): March; a boy whose age group only was told
    await open('B', { channel: 'daring', caseType: 'ampk', receivedAt: '2026-03-31T16:30:00Z' });
    await person('B', { role: 'korban', sex: 'laki_laki', ageGroup: '6-12' });
    await incident('B', { placeCategory: 'sekolah', forms: ['fisik'] });
    // C: 00:30 WIB on 1 April (17:30 UTC on 31 March): April; two victims, one the same NIK as A's
    await open('C', { channel: 'telepon', caseType: 'ktp', receivedAt: '2026-03-31T17:30:00Z' });
    await person('C', { role: 'korban', sex: 'perempuan', estimatedAge: 30, nik });
    await person('C', { role: 'korban', sex: 'perempuan' });
    await incident('C', { placeCategory: 'rumah_tangga', forms: ['fisik'] });
    // D: a year earlier
    await open('D', { channel: 'telepon', caseType: 'ktp', receivedAt: '2025-03-15T03:00:00Z' });
    await person('D', { role: 'korban', sex: 'perempuan', estimatedAge: 22 });
    await refreshStats(h.svc);
    await refreshWorkload(h.svc);
  }, 120_000);
  afterAll(async () => h?.close());

  it('counts March as its user counts it: cases, victims, each breakdown, beside March a year earlier', async () => {
    const d = await dash(lead, 'from=2026-03-01&to=2026-03-31');
    expect(d.region).toMatchObject({ code: '36.02', level: 2, zone: 'WIB' });
    expect(d.compare).toEqual({ from: '2025-03-01', to: '2025-03-31' });
    expect(d.totals.cases).toEqual({ n: 2, before: 1 });
    expect(d.totals.victims).toEqual({ n: 2, before: 1 });
    expect(d.totals.perpetrators).toEqual({ n: 1, before: 0 });
    expect(fig(d, 'channel')).toEqual({ telepon: 1, daring: 1 });
    expect(fig(d, 'victim_sex')).toEqual({ perempuan: 1, laki_laki: 1 });
    // 15 at the report (birth date); 6–12 as told, never turned into an age
    expect(fig(d, 'victim_age')).toEqual({ '13-17': 1, '6-12': 1 });
    expect(fig(d, 'victim_education')).toEqual({ sltp: 1, tidak_diketahui: 1 });
    expect(fig(d, 'victim_disability')).toEqual({ tidak: 1, tidak_diketahui: 1 });
    expect(fig(d, 'perp_sex')).toEqual({ laki_laki: 1 });
    expect(fig(d, 'perp_age')).toEqual({ '25-44': 1 });
    expect(fig(d, 'relationship')).toEqual({ pacar_teman: 1 });
    // one case can have several forms: the table says so and its total exceeds the cases
    expect(fig(d, 'form')).toEqual({ seksual: 1, psikis: 1, fisik: 1 });
    expect(d.figures.find((f: Fig) => f.measure === 'form').total).toBe(3);
    expect(fig(d, 'place')).toEqual({ rumah_tangga: 1, sekolah: 1 });
    expect(fig(d, 'police_72h')).toEqual({ tepat_waktu: 1 });
    expect(fig(d, 'response_deadline')).toEqual({ terlambat: 1 });
    expect(d.handling.policeWithin72hShare).toBe(1);
    expect(d.handling.withinDeadlineShare).toBe(0);
    // the kecamatan of A's incident, and B without a place
    const kec = d.areas.find((a: { code: string }) => a.code === '36.02.01');
    expect(kec).toMatchObject({ cases: 1, victims: 1 });
    expect(d.areas.find((a: { code: string }) => a.code === '')).toMatchObject({ cases: 1 });
    expect(d.trend).toHaveLength(24);
    expect(d.trend.at(-1)).toEqual({ month: '2026-03', cases: 2, victims: 2 });
    expect(d.trend.find((t: { month: string }) => t.month === '2025-03')).toEqual({
      month: '2025-03',
      cases: 1,
      victims: 1,
    });
  });

  it('counts a case received at 00:30 WIB on 1 April in April, not in March', async () => {
    const april = await dash(lead, 'from=2026-04-01&to=2026-04-30');
    expect(april.totals.cases.n).toBe(1);
    expect(fig(april, 'victim_age')).toEqual({ '25-44': 1, tidak_diketahui: 1 });
  });

  it('counts a victim recorded in two cases of the period once as a person, and says so', async () => {
    const d = await dash(lead, 'from=2026-03-01&to=2026-04-30');
    expect(d.totals.victims.n).toBe(4);
    expect(d.totals.victimPersons.n).toBe(3);
    const s = d.signals.find((x: { kind: string }) => x.kind === 'korban_berulang');
    expect(s?.n).toBe(1);
  });

  it('filters by case type: a case of both KtP and AMPK counts in each', async () => {
    const ktp = await dash(lead, 'from=2026-03-01&to=2026-03-31&caseType=ktp');
    const ampk = await dash(lead, 'from=2026-03-01&to=2026-03-31&caseType=ampk');
    expect(ktp.totals.cases.n).toBe(1);
    expect(ampk.totals.cases.n).toBe(2);
  });

  it('drills down to a kecamatan and a desa; a desa shows counts only', async () => {
    const kec = await dash(lead, 'from=2026-03-01&to=2026-03-31&region=36.02.01');
    expect(kec.region.level).toBe(3);
    expect(kec.totals.cases.n).toBe(1);
    expect(kec.region.path.map((p: { code: string }) => p.code)).toEqual(['36', '36.02', '36.02.01']);
    const desa = kec.areas.find((a: { code: string }) => a.code === '36.02.01.2002');
    expect(desa).toMatchObject({ cases: 1, victims: 1 });
    const v = await dash(lead, 'from=2026-03-01&to=2026-03-31&region=36.02.01.2002');
    expect(v.totals.cases.n).toBe(1);
    expect(v.figures).toEqual([]);
    expect(v.areas).toEqual([]);
  });

  it('equals a live count of the case tables for every victim breakdown of the year', async () => {
    const d = await dash(lead, 'from=2026-01-01&to=2026-12-31');
    const live = await sql<{ sex: string | null; n: string }>`
      SELECT p.sex, count(*) AS n FROM person p JOIN case_file c ON c.id = p.case_id
      WHERE p.role = 'korban' AND c.jurisdiction = '36.02'
        AND c.received_at >= '2025-12-31T17:00:00Z' AND c.received_at < '2026-12-31T17:00:00Z'
      GROUP BY p.sex`.execute(h.svc.conn.db);
    expect(fig(d, 'victim_sex')).toEqual(
      Object.fromEntries(live.rows.map((r) => [r.sex ?? 'tidak_diketahui', Number(r.n)])),
    );
    const cases = await sql<{ n: string }>`
      SELECT count(*) AS n FROM case_file WHERE jurisdiction = '36.02'
        AND received_at >= '2025-12-31T17:00:00Z' AND received_at < '2026-12-31T17:00:00Z'`.execute(
      h.svc.conn.db,
    );
    expect(d.totals.cases.n).toBe(Number(cases.rows[0]!.n));
  });

  it('follows a change once the worker has passed, and says until then that changes wait', async () => {
    await person('B', { role: 'korban', sex: 'perempuan', estimatedAge: 9 });
    const stale = await dash(lead, 'from=2026-03-01&to=2026-03-31');
    expect(stale.pendingChanges).toBeGreaterThan(0);
    expect(stale.totals.victims.n).toBe(2);
    await refreshStats(h.svc);
    const fresh = await dash(lead, 'from=2026-03-01&to=2026-03-31');
    expect(fresh.pendingChanges).toBe(0);
    expect(fresh.totals.victims.n).toBe(3);
    expect(fig(fresh, 'victim_age')).toEqual({ '13-17': 1, '6-12': 2 });
  });

  it('names officers beside their caseload for the case manager, only units for the leadership', async () => {
    const byLead = await dash(lead, 'from=2026-03-01&to=2026-03-31');
    expect(byLead.handling.workload.length).toBeGreaterThan(0);
    expect(byLead.handling.workload.every((w: { officer: string | null }) => w.officer === null)).toBe(true);
    const byManager = await dash(m, 'from=2026-03-01&to=2026-03-31');
    expect(byManager.handling.workload.some((w: { officer: string | null }) => w.officer !== null)).toBe(
      true,
    );
    expect(
      byManager.handling.workload.reduce((a: number, w: { openCases: number }) => a + w.openCases, 0),
    ).toBe(4);
    // the high-risk case A was answered, late: that is a handling figure, not an overdue signal
    expect(byLead.signals.some((s: { kind: string }) => s.kind === 'risiko_tinggi_terlambat')).toBe(false);
  });

  it('keeps each kab/kota to its own figures and shows a province both of its kab/kota', async () => {
    const serang = await h.as('pimpinan@serang.demo');
    const r = await serang.get('/api/v1/dashboard?from=2026-03-01&to=2026-03-31&region=36.02');
    expect(r.status).toBe(400);
    expect(r.body.error.fields.region).toBe('Wilayah di luar wilayah kerja Anda.');
    const own = await dash(serang, 'from=2026-03-01&to=2026-03-31');
    expect(own.region.code).toBe('36.73');
    expect(own.totals.cases.n).toBe(0);
    const province = await h.as(await h.provinceUser('pimpinan'));
    const p = await dash(province, 'from=2026-03-01&to=2026-03-31');
    expect(p.region).toMatchObject({ code: '36', level: 1 });
    expect(p.totals.cases.n).toBe(2);
    const areas = Object.fromEntries(p.areas.map((a: { code: string; cases: number }) => [a.code, a.cases]));
    expect(areas['36.02']).toBe(2);
    expect(areas['36.73']).toBe(0);
    // a kab/kota never reads the province
    expect((await lead.get('/api/v1/dashboard?from=2026-03-01&to=2026-03-31&region=36')).status).toBe(400);
    // roles without the dashboard
    for (const who of [
      'pengaduan@lebak.demo',
      'pendamping@lebak.demo',
      'mitra@lebak.demo',
      'auditor@lebak.demo',
    ]) {
      const c = await h.as(who);
      expect((await c.get('/api/v1/dashboard?from=2026-03-01&to=2026-03-31')).status, who).toBe(403);
    }
  });

  it('answers bad input with a clear field error', async () => {
    const bad = async (q: string, field: string, code: keyof typeof FIELD_MESSAGES) => {
      const r = await lead.get(`/api/v1/dashboard?${q}`);
      expect(r.status, q).toBe(400);
      expect(r.body.error.code, q).toBe('VALIDATION_FAILED');
      expect(r.body.error.fields[field], q).toBe(FIELD_MESSAGES[code]![0]);
    };
    await bad('from=2026-03-31&to=2026-03-01', 'to', 'date_before_from');
    await bad('from=2020-01-01&to=2026-12-31', 'to', 'range_too_long');
    await bad('from=2026-03-05&to=2026-03-31', 'from', 'whole_months');
    await bad('from=2026-03-01&to=2026-03-30', 'to', 'whole_months');
    await bad('from=2026-03-01&to=2026-03-31&region=36.02.99', 'region', 'unknown_region');
    await bad('from=2026-03-01&to=2026-03-31&region=35.01', 'region', 'out_of_jurisdiction');
    await bad('from=2026-03-01&to=2026-03-31&region=36-02', 'region', 'invalid_region');
    await bad('from=2026-3-1&to=2026-03-31', 'from', 'invalid_date');
    await bad('from=2026-03-01&to=2026-03-31&caseType=x', 'caseType', 'invalid_value');
    await bad('from=2100-01-01&to=2100-12-31', 'from', 'date_in_future');
    expect((await lead.get('/api/v1/dashboard?to=2026-03-31')).status).toBe(400);
  });
});

describe.each(ENGINES)('dashboard months in WITA on %s', (engine) => {
  let h: Harness;
  afterAll(async () => h?.close());

  it('counts a Bontang case received at 23:30 WITA on 31 March in March, and 00:30 WITA on 1 April in April', async () => {
    h = await createHarness(engine, { regions: ['36', '64'] });
    const m = await h.as('manajer@bontang.demo');
    const lead = await h.as('pimpinan@bontang.demo');
    // 23:30 WITA on 31 March = 15:30 UTC; 00:30 WITA on 1 April = 16:30 UTC, which would still be
    // March in WIB (23:30): counted by the wrong zone, the second case would land in March
    for (const at of ['2026-03-31T15:30:00Z', '2026-03-31T16:30:00Z']) {
      const r = await m.post('/api/v1/cases', { channel: 'telepon', caseType: 'ktp', receivedAt: at });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    await refreshStats(h.svc);
    const march = (await lead.get('/api/v1/dashboard?from=2026-03-01&to=2026-03-31')).body;
    const april = (await lead.get('/api/v1/dashboard?from=2026-04-01&to=2026-04-30')).body;
    expect(march.region).toMatchObject({ code: '64.74', zone: 'WITA' });
    // the demo's own cases of those months count too: compare with and without the two
    const cases = async (from: string, to: string) => {
      const r = await sql<{ n: string }>`SELECT count(*) AS n FROM case_file WHERE jurisdiction = '64.74'
        AND received_at >= ${from}::timestamptz AND received_at < ${to}::timestamptz`.execute(h.svc.conn.db);
      return Number(r.rows[0]!.n);
    };
    // local months of WITA (UTC+8): March is [28 Feb 16:00Z, 31 Mar 16:00Z)
    expect(march.totals.cases.n).toBe(await cases('2026-02-28T16:00:00Z', '2026-03-31T16:00:00Z'));
    expect(april.totals.cases.n).toBe(await cases('2026-03-31T16:00:00Z', '2026-04-30T16:00:00Z'));
    expect(await cases('2026-03-31T15:30:00Z', '2026-03-31T15:30:01Z')).toBe(1);
    const monthOf = (d: { trend: Array<{ month: string; cases: number }> }, m: string) =>
      d.trend.find((t) => t.month === m)?.cases;
    expect(monthOf(april, '2026-04')).toBe(april.totals.cases.n);
  }, 120_000);
});

describe.each(ENGINES)('dashboard edges found in review on %s', (engine) => {
  let h: Harness;
  afterAll(async () => h?.close());

  it('counts the cases a province holds itself, names no other employer’s officers, and says only its own pending changes', async () => {
    h = await createHarness(engine);
    const m = await h.as('manajer@lebak.demo');
    const r = await m.post('/api/v1/cases', {
      channel: 'telepon',
      caseType: 'ktp',
      receivedAt: '2026-05-10T03:00:00Z',
    });
    expect(r.status).toBe(201);
    await m.post('/api/v1/cases', {
      channel: 'telepon',
      caseType: 'ktp',
      receivedAt: '2026-05-11T03:00:00Z',
    });
    // as a transfer to the province would leave it
    await h.svc.conn.db
      .updateTable('case_file')
      .set({ jurisdiction: '36' })
      .where('id', '=', r.body.id)
      .execute();
    const serang = await h.as('pimpinan@serang.demo');
    const pending = (await serang.get('/api/v1/dashboard?from=2026-05-01&to=2026-05-31')).body;
    expect(pending.pendingChanges, 'Lebak’s and the province’s writes are not Serang’s business').toBe(0);
    await refreshStats(h.svc);
    await refreshWorkload(h.svc);
    const province = await h.as(await h.provinceUser('pimpinan'));
    const p = (await province.get('/api/v1/dashboard?from=2026-05-01&to=2026-05-31')).body;
    expect(p.totals.cases.n).toBe(2);
    expect(p.areas.find((a: { code: string }) => a.code === '36')).toMatchObject({ cases: 1 });
    expect(p.areas.find((a: { code: string }) => a.code === '36.02')).toMatchObject({ cases: 1 });
    const lebak = (await m.get('/api/v1/dashboard?from=2026-05-01&to=2026-05-31')).body;
    expect(lebak.totals.cases.n).toBe(1);
    // the province's case manager sees the kab/kota caseload by unit, never its officers' names
    const pm = await h.as(await h.provinceUser('manajer'));
    const byProvinceManager = (await pm.get('/api/v1/dashboard?from=2026-05-01&to=2026-05-31')).body;
    expect(byProvinceManager.handling.workload.length).toBeGreaterThan(0);
    for (const w of byProvinceManager.handling.workload) expect(w.officer).toBeNull();
  }, 120_000);

  it('refuses unknown parameters and a period outside 1900–2100 or not yet begun', async () => {
    h ??= await createHarness(engine);
    const lead = await h.as('pimpinan@lebak.demo');
    const r = await lead.get('/api/v1/dashboard?from=2026-05-01&to=2026-05-31&x=y');
    expect(r.status).toBe(400);
    for (const p of ['9999', '0000', '1899', '9999-Q4', '2101-01']) {
      const x = await lead.get(`/api/v1/reports/periodic.html?period=${p}`);
      expect(x.status, p).toBe(400);
      expect(x.body.error.fields.period, p).toBe(FIELD_MESSAGES.invalid_period![0]);
    }
    const future = await lead.get('/api/v1/reports/periodic.html?period=2100');
    expect(future.status).toBe(400);
    expect(future.body.error.fields.period).toBe(FIELD_MESSAGES.date_in_future![0]);
  }, 120_000);
});

describe('a change written while the worker rebuilds its month (PostgreSQL)', () => {
  it.runIf(ENGINES.includes('postgres'))(
    'is counted: the worker waits for it, or its mark stays for the next round',
    async () => {
      const h = await createHarness('postgres');
      try {
        const m = await h.as('manajer@lebak.demo');
        const c = await m.post('/api/v1/cases', {
          channel: 'telepon',
          caseType: 'ktp',
          receivedAt: '2026-06-10T03:00:00Z',
        });
        const p1 = await m.post(`/api/v1/cases/${c.body.id}/persons`, {
          role: 'korban',
          name: 'Nama Sintetis',
          sex: 'perempuan',
        });
        await refreshStats(h.svc);
        // a committed mark for the bucket, then a writer whose trigger meets it and stays open
        await h.svc.conn.db
          .updateTable('person')
          .set({ estimated_age: 31 })
          .where('id', '=', p1.body.id)
          .execute();
        const { Client } = (await import('pg')).default;
        const writer = new Client({ connectionString: h.databaseUrl });
        await writer.connect();
        try {
          await writer.query('BEGIN');
          await writer.query(`UPDATE person SET sex = 'laki_laki' WHERE id = $1`, [p1.body.id]);
          const refresh = refreshStats(h.svc);
          await new Promise((r) => setTimeout(r, 300));
          await writer.query('COMMIT');
          await refresh;
          await refreshStats(h.svc);
        } finally {
          await writer.end();
        }
        const lead = await h.as('pimpinan@lebak.demo');
        const d = (await lead.get('/api/v1/dashboard?from=2026-06-01&to=2026-06-30')).body;
        const sex = d.figures.find((f: Fig) => f.measure === 'victim_sex');
        expect(
          Object.fromEntries(
            sex.rows
              .filter((r: { n: number }) => r.n > 0)
              .map((r: { code: string; n: number }) => [r.code, r.n]),
          ),
        ).toEqual({
          laki_laki: 1,
        });
      } finally {
        await h.close();
      }
    },
    120_000,
  );
});
