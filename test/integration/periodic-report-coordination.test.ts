/**
 * The periodic report's part "Pencegahan dan koordinasi" (issue 12, review M3): what the head of
 * the Dinas takes to the Bupati — prevention reach, trainings, meetings, overdue follow-ups, the
 * RAD's progress and regulations due — for the report's period and region, aggregates and
 * organisation names only. Kept apart from periodic-report.test.ts so that each test process
 * holds one demo-sized database at a time.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { desaOf } from '../../src/db/prevention.repository.ts';
import { FACTORY_PASSWORD, makeRegionWorld, makeUser } from '../helpers/factories.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';
import { pdfText } from '../helpers/pdf-text.ts';

describe.each(ENGINES)('prevention and coordination in the periodic report on %s', (engine) => {
  let h: Harness;
  let lead: Client;
  let province: Client;
  let admin: Client;
  let partner: Client;
  let serangLead: Client;
  const must = (r: { status: number; body: unknown }, status: number, what: string) => {
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field
    return r.body as any;
  };
  async function text(c: Client, path: string) {
    const r = await h.app.request(path, { headers: { cookie: c.cookie!, 'x-requested-with': 'simpul' } });
    expect(r.status, path).toBe(200);
    const bytes = Buffer.from(await r.arrayBuffer());
    return path.includes('.pdf') ? (await pdfText(bytes)).replace(/\s+/g, ' ') : bytes.toString('utf8');
  }

  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none' });
    // 15 August 2026 in Lebak: the second quarter is over
    h.now.value = new Date('2026-08-15T03:00:00Z');
    const db = h.svc.conn.db;
    const lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    const serang = await makeRegionWorld(h.svc, { kabKota: '36.73' });
    const manajer = await makeUser(h.svc, { role: 'manajer', org: lebak.dinas });
    const dinas = await h.as(manajer.email, FACTORY_PASSWORD);
    lead = await h.as(
      (await makeUser(h.svc, { role: 'pimpinan', org: lebak.dinas })).email,
      FACTORY_PASSWORD,
    );
    admin = await h.as((await makeUser(h.svc, { role: 'admin', org: lebak.dinas })).email, FACTORY_PASSWORD);
    partner = await h.as(
      (await makeUser(h.svc, { role: 'mitra', org: lebak.police })).email,
      FACTORY_PASSWORD,
    );
    serangLead = await h.as(
      (await makeUser(h.svc, { role: 'pimpinan', org: serang.dinas })).email,
      FACTORY_PASSWORD,
    );
    province = await h.as(await h.provinceUser('pimpinan'));
    const now = h.now.value;
    const desa = (await desaOf(db, '36.02')).map((d) => d.code);

    // a campaign targeting three desa, two of them reached in the quarter
    const campaign = randomUUID();
    await db
      .insertInto('prevention_campaign')
      .values({
        id: campaign,
        jurisdiction: '36.02',
        name: 'Kampanye Sekolah Aman',
        starts_on: '2026-04-01',
        ends_on: '2026-09-30',
        target_desa: 3,
        target_activities: 5,
        target_children: null,
        target_adults: null,
        target_schools: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('prevention_campaign_desa')
      .values(desa.slice(0, 3).map((code) => ({ campaign_id: campaign, region_code: code })))
      .execute();
    const held = async (regionCode: string, day: string, withCampaign: boolean) => {
      const a = must(
        await dinas.post('/api/v1/prevention/activities', {
          title: 'Sosialisasi pencegahan kekerasan terhadap anak',
          kind: 'sosialisasi',
          field: 'keluarga',
          setting: 'balai_desa',
          targetGroups: ['orang_tua'],
          startsAt: `${day}T09:00`,
          endsAt: `${day}T12:00`,
          regionCode,
          ...(withCampaign ? { campaignId: campaign } : {}),
        }),
        201,
        'activity',
      );
      must(
        await dinas.post(`/api/v1/prevention/activities/${a.id}/status`, {
          version: a.version,
          to: 'dilaporkan',
          participants: { childrenMale: 3, childrenFemale: 4, adultsMale: 5, adultsFemale: 6 },
        }),
        200,
        'report',
      );
    };
    await held(desa[0]!, '2026-05-12', true);
    await held(desa[1]!, '2026-06-20', true);
    await held(desa[0]!, '2026-06-21', false);
    // July: after the quarter
    await held(desa[2]!, '2026-07-20', true);

    // meetings: one held in May with two follow-ups (one overdue, one done); one in Serang
    const meeting = async (jurisdiction: string, organiser: string, at: string) => {
      const id = randomUUID();
      await db
        .insertInto('meeting')
        .values({
          id,
          jurisdiction,
          kind: 'rakor_lintas_sektor',
          title: 'Rakor PPA',
          starts_at: new Date(at),
          organiser_org_id: organiser,
          status: 'selesai',
          created_at: now,
          updated_at: now,
        })
        .execute();
      return id;
    };
    const may = await meeting('36.02', lebak.dinas.id, '2026-05-10T02:00:00Z');
    await meeting('36.73', serang.dinas.id, '2026-05-11T02:00:00Z');
    const decision = randomUUID();
    await db
      .insertInto('meeting_decision')
      .values({
        id: decision,
        meeting_id: may,
        number: 1,
        body: `Kepolisian Resor Lebak membentuk ruang pelayanan khusus di setiap polsek dan ${'melaporkan kemajuannya setiap bulan '.repeat(6)}`,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const followup = (status: string, due: string, owner: string) => ({
      id: randomUUID(),
      decision_id: decision,
      meeting_id: may,
      jurisdiction: '36.02',
      action: 'Tindak lanjut',
      owner_org_id: owner,
      owner_user_id: manajer.id,
      due_on: due,
      status,
      created_at: now,
      updated_at: now,
    });
    await db
      .insertInto('followup')
      .values([
        followup('belum', '2026-07-01', lebak.police.id),
        followup('selesai', '2026-06-01', lebak.uptd.id),
      ])
      .execute();

    // a training in June, one participant completed it
    const type = await db.selectFrom('training_type').select('id').executeTakeFirstOrThrow();
    const event = randomUUID();
    await db
      .insertInto('training_event')
      .values({
        id: event,
        jurisdiction: '36.02',
        title: 'Pelatihan manajemen kasus',
        type_id: type.id,
        starts_on: '2026-06-03',
        ends_on: '2026-06-04',
        mode: 'luring',
        place: 'Aula Dinas',
        organiser_org_id: lebak.dinas.id,
        trainers: '[]',
        created_at: now,
        updated_at: now,
      })
      .execute();
    await db
      .insertInto('training_attendance')
      .values({
        id: randomUUID(),
        event_id: event,
        jurisdiction: '36.02',
        user_id: manajer.id,
        org_id: lebak.dinas.id,
        attendance: 'hadir',
        completed: true,
        completed_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();

    // a Perbup due for review in September
    await db
      .insertInto('regulation')
      .values({
        id: randomUUID(),
        jurisdiction: '36.02',
        kind: 'perbup',
        number: '12 Tahun 2021',
        issued_on: '2021-09-01',
        title: 'Penyelenggaraan Perlindungan Anak',
        authority: 'Bupati Lebak',
        review_on: '2026-09-01',
        created_at: now,
        updated_at: now,
      })
      .execute();

    // the RAD: two activities for 2026, one on track at Q2 (20 of 40), one without a report
    const plan = must(
      await dinas.post('/api/v1/rad/plans', { title: 'RAD PPA Lebak', startYear: 2026, endYear: 2030 }),
      201,
      'plan',
    ).id;
    const pillar = must(
      await dinas.post(`/api/v1/rad/plans/${plan}/pillars`, { code: '1', title: 'Pencegahan' }),
      201,
      'pillar',
    ).id;
    const programme = must(
      await dinas.post(`/api/v1/rad/pillars/${pillar}/programmes`, { code: '1.1', title: 'Edukasi' }),
      201,
      'programme',
    ).id;
    const activity = (title: string, budget: number) => ({
      title,
      responsibleOrgId: lebak.dinas.id,
      partnerOrgIds: [],
      indicator: 'Jumlah sekolah',
      unit: 'jumlah',
      baseline: 0,
      targets: [{ year: 2026, target: 40, budget, budgetSource: 'apbd' }],
    });
    const a1 = must(
      await dinas.post(
        `/api/v1/rad/programmes/${programme}/activities`,
        activity('Sosialisasi', 100_000_000),
      ),
      201,
      'a1',
    ).id;
    must(
      await dinas.post(
        `/api/v1/rad/programmes/${programme}/activities`,
        activity('Pelatihan guru', 50_000_000),
      ),
      201,
      'a2',
    );
    must(
      await dinas.req('PUT', `/api/v1/rad/activities/${a1}/progress/2026/2`, {
        version: 0,
        realised: 20,
        budgetUsed: 30_000_000,
        status: 'berjalan',
      }),
      200,
      'progress',
    );
  }, 120_000);
  afterAll(async () => h?.close());

  it('says the quarter’s prevention, meetings, follow-ups, RAD and regulations in words and tables', async () => {
    const html = await text(lead, '/api/v1/reports/periodic.html?period=2026-Q2');
    expect(html).toContain('<h2 id="pk">Pencegahan dan koordinasi</h2>');
    expect(html).toContain(
      'Pada triwulan II 2026 terlaksana dan dilaporkan 3 kegiatan pencegahan di Kabupaten Lebak, menjangkau 54 orang (21 anak dan 33 dewasa) di 2 dari',
    );
    expect(html).toContain('Kampanye Sekolah Aman menjangkau 2 dari 3 desa sasarannya pada periode ini.');
    expect(html).toContain(
      'Selama periode ini terlaksana 1 rapat koordinasi, dan 1 pelatihan dengan 1 peserta yang menyelesaikannya.',
    );
    expect(html).toContain(
      'dari 2 tindak lanjut keputusan rapat, 1 selesai dan 1 belum selesai, 1 di antaranya melewati batas waktu',
    );
    expect(html).toContain(
      'pada RAD PPA tahun 2026 sampai triwulan 2, 1 dari 2 kegiatan (50%) sesuai jadwal, dengan anggaran terpakai Rp 30.000.000 dari Rp 150.000.000 yang direncanakan (20%)',
    );
    expect(html).toContain('1 regulasi perlu ditinjau sampai');
    // the overdue follow-up: the decision shortened, the owner organisation, the due date; no person
    expect(html).toContain('Kepolisian Resor Lebak membentuk ruang pelayanan khusus');
    expect(html).toContain('…</th>');
    expect(html).toContain('1 Juli 2026');
    expect(html).toContain('Penyelenggaraan Perlindungan Anak');
    const pdf = await text(lead, '/api/v1/reports/periodic.pdf?period=2026-Q2');
    expect(pdf).toContain('Pencegahan dan koordinasi');
    expect(pdf).toContain('Tindak lanjut yang melewati batas waktu');
    expect(pdf).toContain('sesuai jadwal');
    // no personal name anywhere in the part
    const part = html.slice(html.indexOf('id="pk"'));
    const names = await h.svc.conn.db.selectFrom('app_user').select('name').execute();
    for (const n of names) expect(part).not.toContain(n.name);
  });

  it('keeps to the period: July’s activity is not in the second quarter', async () => {
    const july = await text(lead, '/api/v1/reports/periodic.html?period=2026-07');
    expect(july).toContain('Pada Juli 2026 terlaksana dan dilaporkan 1 kegiatan pencegahan');
    expect(july).toContain('Selama periode ini terlaksana 0 rapat koordinasi, dan belum ada pelatihan.');
  });

  it('a province sums its kab/kota; another kab/kota sees only its own', async () => {
    const prov = await text(province, '/api/v1/reports/periodic.html?period=2026-Q2');
    expect(prov).toContain('Selama periode ini terlaksana 2 rapat koordinasi');
    expect(prov).toContain('terlaksana dan dilaporkan 3 kegiatan pencegahan');
    const serang = await text(serangLead, '/api/v1/reports/periodic.html?period=2026-Q2');
    expect(serang).toContain('Selama periode ini terlaksana 1 rapat koordinasi, dan belum ada pelatihan.');
    expect(serang).toContain('belum ada kegiatan pencegahan yang dilaporkan');
    expect(serang).not.toContain('Kepolisian Resor Lebak');
  });

  it('leaves the part out for a reader of the dashboard without coordination', async () => {
    const html = await text(admin, '/api/v1/reports/periodic.html?period=2026-Q2');
    expect(html).toContain('LAPORAN TRIWULAN II 2026');
    expect(html).not.toContain('Pencegahan dan koordinasi');
  });

  it('gives the home card its three counts, of the actor’s own region; partners and admins get 403', async () => {
    const mine = must(await lead.get('/api/v1/stats/coordination-summary'), 200, 'summary');
    expect(mine).toEqual({
      jurisdiction: '36.02',
      today: '2026-08-15',
      overdueFollowups: 1,
      activitiesThisMonth: 0,
      rad: { year: 2026, quarter: 3, activities: 2, onTrack: 0, onTrackShare: 0 },
    });
    const prov = must(await province.get('/api/v1/stats/coordination-summary'), 200, 'province');
    expect(prov.overdueFollowups).toBe(1);
    const serang = must(await serangLead.get('/api/v1/stats/coordination-summary'), 200, 'serang');
    expect(serang).toMatchObject({ overdueFollowups: 0, rad: null });
    expect((await partner.get('/api/v1/stats/coordination-summary')).status).toBe(403);
    expect((await admin.get('/api/v1/stats/coordination-summary')).status).toBe(403);
    // aggregates: no audit event of its own
    const events = await h.svc.conn.db
      .selectFrom('audit_event')
      .select('action')
      .where('action', 'like', '%coordination%')
      .execute();
    expect(events).toEqual([]);
  });
});
