/**
 * SIMFONI-PPA (issue 11 §4): the data officer's work list (facts, no identity), the per-case
 * "sudah diinput" mark with the case's version, and the export — one row per victim × incident of
 * the cases reported in a period of the region's own local days, SIMFONI's labels, names and NIK —
 * open only to the `data` role in a two-factor session with a reason, audited with its row count.
 */
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMFONI_COLUMNS } from '../../src/domain/simfoni.ts';
import { type Client, createHarness, ENGINES, type Harness, type Res } from '../helpers/harness.ts';

const HEAD: string[] = SIMFONI_COLUMNS.map(([, label]) => label);
const REASON = 'Input SIMFONI bulan Maret 2026';

/** A case reported at `receivedAt`, with its victims, one alleged perpetrator and incidents. */
async function openCase(
  c: Client,
  receivedAt: string,
  victims: Array<Record<string, unknown>>,
  incidents: Array<Record<string, unknown>>,
) {
  const must = (r: Res, status: number, what: string) => {
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const created = must(
    await c.post('/api/v1/cases', { channel: 'datang_langsung', caseType: 'ktp', receivedAt }),
    201,
    'open case',
  );
  const ids: string[] = [];
  for (const v of victims)
    ids.push(
      must(await c.post(`/api/v1/cases/${created.id}/persons`, { role: 'korban', ...v }), 201, 'victim').id,
    );
  const p = must(
    await c.post(`/api/v1/cases/${created.id}/persons`, {
      role: 'terlapor',
      name: '-Terlapor Ujicoba',
      sex: 'laki_laki',
      estimatedAge: 41,
    }),
    201,
    'perpetrator',
  );
  must(
    await c.post(`/api/v1/cases/${created.id}/relationships`, {
      victimId: ids[0],
      perpetratorId: p.id,
      relationship: 'keluarga',
    }),
    201,
    'relationship',
  );
  for (const i of incidents) must(await c.post(`/api/v1/cases/${created.id}/incidents`, i), 201, 'incident');
  return { id: created.id as string, number: created.number as string };
}

describe.each(ENGINES)('SIMFONI-PPA on %s', (engine) => {
  let h: Harness;
  let manajer: Client;
  /** data@lebak.demo signed in without a second factor (a demo account may) */
  let dataPlain: Client;
  /** data@lebak.demo after enrolling two-factor in this session */
  let data: Client;
  let april: { id: string; number: string };
  let march: { id: string; number: string };
  let serang: { id: string; number: string };

  beforeAll(async () => {
    h = await createHarness(engine);
    manajer = await h.as('manajer@lebak.demo');
    // 2026-04-01 00:30 WIB: April in Lebak, though still 31 March in UTC
    april = await openCase(
      manajer,
      '2026-03-31T17:30:00Z',
      [
        { name: 'Sri Rahayu Ujicoba', sex: 'perempuan', birthDate: '2012-05-20', nik: '3602014505120001' },
        { name: 'Dewi Lestari Ujicoba', sex: 'perempuan', ageGroup: '18+' },
      ],
      [
        {
          date: '2026-03-30',
          placeCategory: 'rumah_tangga',
          forms: ['fisik', 'psikis'],
          regionCode: '36.02.01.2002',
        },
        { date: '2026-02', placeCategory: 'daring', forms: ['seksual'] },
      ],
    );
    // 2026-03-31 23:30 WIB: March
    march = await openCase(
      manajer,
      '2026-03-31T16:30:00Z',
      [{ name: '=HYPERLINK("http://contoh.test")', sex: 'perempuan', estimatedAge: 30 }],
      [{ date: '2026-03-01', placeCategory: 'tempat_kerja', forms: ['trafficking'] }],
    );
    serang = await openCase(
      await h.as('manajer@serang.demo'),
      '2026-03-15T03:00:00Z',
      [{ name: 'Wulan Serang Ujicoba', sex: 'perempuan', estimatedAge: 25 }],
      [{ date: '2026-03-10', placeCategory: 'sekolah', forms: ['psikis'] }],
    );
    dataPlain = await h.as('data@lebak.demo');
    data = await h.as('data@lebak.demo');
    const setup = await data.post('/api/v1/auth/totp/setup');
    const code = await generate({
      secret: setup.body.secret,
      epoch: Math.floor(h.now.value.getTime() / 1000),
    });
    const confirm = await data.post('/api/v1/auth/totp/confirm', { code });
    if (confirm.status !== 200) throw new Error(`totp: ${confirm.status} ${JSON.stringify(confirm.body)}`);
  }, 60_000);
  afterAll(async () => h?.close());

  const exportPath = (q: Record<string, string>) =>
    `/api/v1/exports/simfoni?${new URLSearchParams({ format: 'csv', reason: REASON, ...q })}`;

  it('lists the cases not yet entered with SIMFONI’s facts, numbers only, never a name', async () => {
    const r = await dataPlain.get('/api/v1/simfoni/cases?pageSize=100');
    expect(r.status).toBe(200);
    expect(r.body.twoFactor).toBe(false);
    const numbers = r.body.items.map((x: { number: string }) => x.number);
    expect(numbers).toEqual(expect.arrayContaining([april.number, march.number]));
    expect(numbers).not.toContain(serang.number);
    const a = r.body.items.find((x: { id: string }) => x.id === april.id);
    expect(a.rows).toHaveLength(4);
    expect(a.reportDate).toBe('2026-04-01');
    // rows are ordered as recorded; these were recorded in one instant, so find them by their facts
    const child = a.rows.filter((x: { victimAgeStatus: string }) => x.victimAgeStatus === 'Anak');
    expect(child).toHaveLength(2);
    expect(child.find((x: { place: string }) => x.place === 'Rumah Tangga')).toMatchObject({
      forms: 'Fisik; Psikis',
      victimAgeGroup: '13-17 tahun',
      relationships: 'Keluarga/Saudara',
    });
    expect(child.find((x: { place: string }) => x.place === 'Lainnya')).toMatchObject({ forms: 'Seksual' });
    const adult = a.rows.filter((x: { victimAgeStatus: string }) => x.victimAgeStatus === 'Dewasa');
    expect(adult).toHaveLength(2);
    for (const x of adult)
      expect(x).toMatchObject({ victimAgeGroup: 'Tidak diketahui', relationships: 'N/A' });
    expect(a.gaps).toContain('Usia korban');
    expect(r.body.columns.map((c: { label: string }) => c.label)).not.toContain('Nama korban');
    expect(JSON.stringify(r.body)).not.toMatch(/Rahayu|Lestari|HYPERLINK|3602014505120001|Terlapor Ujicoba/);
  });

  it('is the data role’s only: others are refused, and the data officer opens no case file', async () => {
    for (const c of [manajer, await h.as('pimpinan@lebak.demo'), await h.as('auditor@lebak.demo')]) {
      expect((await c.get('/api/v1/simfoni/cases')).status).toBe(403);
      expect((await c.get(exportPath({ from: '2026-03-01', to: '2026-03-31' }))).status).toBe(403);
      expect(
        (
          await c.req('PUT', `/api/v1/simfoni/cases/${march.id}/entry`, {
            version: 1,
            enteredOn: '2026-04-02',
            simfoniNumber: 'X1',
          })
        ).status,
      ).toBe(403);
    }
    expect((await dataPlain.get(`/api/v1/cases/${march.id}`)).status).toBe(404);
    expect((await dataPlain.get('/api/v1/cases')).status).toBe(403);
    expect((await dataPlain.patch(`/api/v1/cases/${march.id}`, { version: 1, risk: 'tinggi' })).status).toBe(
      404,
    );
  });

  it('refuses the export to a session without a second factor, and audits the refusal', async () => {
    const r = await dataPlain.get(exportPath({ from: '2026-03-01', to: '2026-03-31' }));
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe('TWO_FACTOR_REQUIRED');
    const rows = await sql<{ outcome: string }>`
      SELECT outcome FROM audit_event WHERE action = 'simfoni.export'`.execute(h.svc.conn.db);
    expect(rows.rows.map((x) => x.outcome)).toContain('denied');
  });

  it('exports a CSV of the period’s local days: BOM, SIMFONI’s headings and labels, names and NIK, formulas defused', async () => {
    const r = await data.req('GET', exportPath({ from: '2026-03-01', to: '2026-03-31' }));
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(r.headers.get('content-disposition')).toContain('simfoni-3602-2026-03-01_2026-03-31.csv');
    expect(r.headers.get('cache-control')).toBe('no-store');
    const text = r.body as string;
    // the UTF-8 BOM (Response.text() drops it, so read the bytes)
    const raw = await h.app.request(exportPath({ from: '2026-03-01', to: '2026-03-31' }), {
      headers: { cookie: data.cookie! },
    });
    expect([...new Uint8Array(await raw.arrayBuffer()).slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text).toContain('\r\n');
    const [head, ...rows] = parse(text) as string[][];
    expect(head).toEqual(HEAD);
    const col = (name: string) => HEAD.indexOf(name);
    // only the March case (23:30 WIB on the 31st); the April one (00:30 WIB on the 1st) and Serang's are not in it
    expect(rows.map((x) => x[col('Nomor kasus Simpul')])).toEqual([march.number]);
    const row = rows[0]!;
    expect(row[col('Nama korban')]).toBe(`'=HYPERLINK("http://contoh.test")`);
    expect(row[col('Nama terlapor')]).toBe(`'-Terlapor Ujicoba`);
    expect(row[col('Tanggal pelaporan')]).toBe('2026-03-31');
    expect(row[col('Tempat kejadian')]).toBe('Tempat Kerja');
    expect(row[col('Bentuk kekerasan')]).toBe('Trafficking');
    expect(row[col('Kelompok usia korban')]).toBe('25-44 tahun');
    expect(row[col('Dasar usia korban')]).toBe('Perkiraan petugas');
    expect(row[col('Jenis kelamin terlapor')]).toBe('Laki-laki');
    expect(row[col('Kabupaten/Kota')]).toMatch(/LEBAK/i);
    expect(text).not.toMatch(/Wulan Serang/);
  });

  it('exports XLSX with one row per victim × incident, and audits the export with its row count and reason', async () => {
    const r = await h.app.request(exportPath({ from: '2026-04-01', to: '2026-04-30', format: 'xlsx' }), {
      headers: { cookie: data.cookie! },
    });
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const files = unzipSync(new Uint8Array(await r.arrayBuffer()));
    const xml = Object.entries(files)
      .filter(([n]) => n.startsWith('xl/'))
      .map(([, b]) => strFromU8(b))
      .join('\n');
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheet.match(/<row /g)).toHaveLength(1 + 4);
    for (const s of [
      'Nama korban',
      'Sri Rahayu Ujicoba',
      'Dewi Lestari Ujicoba',
      '3602014505120001',
      'Keluarga/Saudara',
    ])
      expect(xml, s).toContain(s);
    expect(xml).not.toContain('<f>');

    const audit = await sql<{ detail: Record<string, unknown>; actor_role: string }>`
      SELECT detail, actor_role FROM audit_event WHERE action = 'simfoni.export' AND outcome = 'ok'
      ORDER BY id`.execute(h.svc.conn.db);
    // the CSV test downloaded twice (text and bytes), then this one
    expect(audit.rows.map((x) => x.detail)).toEqual([
      { from: '2026-03-01', to: '2026-03-31', format: 'csv', reason: REASON, rows: 1, cases: 1 },
      { from: '2026-03-01', to: '2026-03-31', format: 'csv', reason: REASON, rows: 1, cases: 1 },
      { from: '2026-04-01', to: '2026-04-30', format: 'xlsx', reason: REASON, rows: 4, cases: 1 },
    ]);
    expect(audit.rows[0]!.actor_role).toBe('data');
  });

  it('answers bad input with clear field errors', async () => {
    const bad = async (q: Record<string, string>) => {
      const r = await data.get(exportPath(q));
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
      return r.body.error.fieldCodes;
    };
    expect(await bad({ from: '2026-03-31', to: '2026-03-01' })).toEqual({ to: 'date_before_from' });
    expect(await bad({ from: '2020-01-01', to: '2026-01-01' })).toEqual({ to: 'period_too_long' });
    expect(await bad({ from: '2026-03-01', to: '2026-03-31', format: 'pdf' })).toEqual({
      format: 'invalid_value',
    });
    expect(await bad({ from: '2026-03-01', to: '2026-03-31', reason: 'ok' })).toEqual({
      reason: 'reason_too_short',
    });
    expect(await bad({ from: '1 Maret', to: '2026-03-31' })).toEqual({ from: 'invalid_date' });
    const r = await data.get('/api/v1/exports/simfoni?from=2026-03-01&to=2026-03-31&format=csv');
    expect(r.body.error.fieldCodes).toEqual({ reason: 'required' });
    expect(r.body.error.fields.reason).toBe('Wajib diisi.');
  });

  it('marks a case entered with its version; a stale version is 409; the lists move it', async () => {
    const list = await dataPlain.get('/api/v1/simfoni/cases?pageSize=100');
    const item = list.body.items.find((x: { id: string }) => x.id === march.id);
    const put = (body: Record<string, unknown>, id = march.id) =>
      dataPlain.req('PUT', `/api/v1/simfoni/cases/${id}/entry`, body);
    const early = await put({ version: item.version, enteredOn: '2026-03-30', simfoniNumber: 'SF-3602-001' });
    expect([early.status, early.body.error?.fieldCodes]).toEqual([400, { enteredOn: 'before_report' }]);

    const ok = await put({ version: item.version, enteredOn: '2026-04-02', simfoniNumber: 'SF-3602-001' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.entry).toMatchObject({ enteredOn: '2026-04-02', simfoniNumber: 'SF-3602-001' });
    expect(ok.body.entry.enteredBy).toMatch(/data/);
    expect(ok.body.version).toBe(item.version + 1);

    const stale = await put({ version: item.version, enteredOn: '2026-04-03', simfoniNumber: 'SF-3602-002' });
    expect([stale.status, stale.body.error.code]).toEqual([409, 'VERSION_CONFLICT']);

    const todo = await dataPlain.get('/api/v1/simfoni/cases?pageSize=100');
    expect(todo.body.items.map((x: { id: string }) => x.id)).not.toContain(march.id);
    const done = await dataPlain.get('/api/v1/simfoni/cases?status=sudah');
    expect(done.body.items.map((x: { id: string }) => x.id)).toEqual([march.id]);

    // another region's case: as if it did not exist
    const other = await put({ version: 1, enteredOn: '2026-04-02', simfoniNumber: 'SF-1' }, serang.id);
    expect([other.status, other.body.error.code]).toEqual([404, 'NOT_FOUND']);

    // the case team sees it on the timeline; the export carries the number
    const timeline = await manajer.get(`/api/v1/cases/${march.id}/timeline`);
    expect(JSON.stringify(timeline.body)).toContain('simfoni.entered');
    const csv = await data.get(exportPath({ from: '2026-03-01', to: '2026-03-31' }));
    const [head, row] = parse(csv.body as string) as string[][];
    expect(row![head!.indexOf('Nomor registrasi SIMFONI')]).toBe('SF-3602-001');
    expect(row![head!.indexOf('Tanggal diinput ke SIMFONI')]).toBe('2026-04-02');
  });
});
