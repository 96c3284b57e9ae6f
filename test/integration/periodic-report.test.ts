import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshStats } from '../../src/app/stats/refresh.ts';
import { FIELD_MESSAGES } from '../../src/domain/field-messages.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';
import { pdfText } from '../helpers/pdf-text.ts';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
);

describe.each(ENGINES)('periodic report on %s', (engine) => {
  let h: Harness;
  let lead: Client;
  let admin: Client;

  async function download(c: Client, path: string, init: RequestInit = {}) {
    const r = await h.app.request(path, {
      ...init,
      headers: {
        cookie: c.cookie!,
        'x-requested-with': 'simpul',
        ...(init.headers as Record<string, string>),
      },
    });
    return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
  }

  beforeAll(async () => {
    h = await createHarness(engine);
    const m = await h.as('manajer@lebak.demo');
    lead = await h.as('pimpinan@lebak.demo');
    admin = await h.as('admin-dinas@lebak.demo');
    // two cases in the first quarter of 2026, one in the first quarter of 2025
    for (const [at, form, sex] of [
      ['2026-01-15T03:00:00Z', 'seksual', 'perempuan'],
      ['2026-02-20T03:00:00Z', 'seksual', 'laki_laki'],
      ['2025-02-10T03:00:00Z', 'fisik', 'perempuan'],
    ] as const) {
      const c = await m.post('/api/v1/cases', { channel: 'telepon', caseType: 'ktp', receivedAt: at });
      expect(c.status).toBe(201);
      await m.post(`/api/v1/cases/${c.body.id}/persons`, {
        role: 'korban',
        name: 'Nama Sintetis',
        sex,
        estimatedAge: 14,
      });
      await m.post(`/api/v1/cases/${c.body.id}/incidents`, {
        chronology: 'Kronologi sintetis.',
        datePrecision: 'tidak_diketahui',
        placeCategory: 'sekolah',
        forms: [form],
      });
    }
    await refreshStats(h.svc);
  }, 120_000);
  afterAll(async () => h?.close());

  it('writes the quarter in words and tables in a PDF under the default letterhead', async () => {
    const r = await download(lead, '/api/v1/reports/periodic.pdf?period=2026-Q1');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/pdf');
    expect(r.headers.get('content-disposition')).toContain('laporan-2026-Q1-3602.pdf');
    const text = (await pdfText(r.bytes)).replace(/\s+/g, ' ');
    expect(text).toContain('Dinas Pemberdayaan Perempuan dan Perlindungan Anak');
    expect(text).toContain('LAPORAN TRIWULAN I 2026');
    expect(text).toContain(
      'Pada triwulan I 2026 tercatat 2 kasus kekerasan terhadap perempuan dan anak dengan 2 korban',
    );
    expect(text).toContain('naik 100% dibanding triwulan I 2025 (1 kasus)');
    expect(text).toContain('Bentuk kekerasan yang paling banyak adalah kekerasan seksual (2 kasus)');
    expect(text).toContain('Sebanyak 2 dari 2 korban adalah anak (di bawah 18 tahun), yaitu 100%.');
    expect(text).toContain('Korban menurut jenis kelamin');
  });

  it('gives the same report as a printable page, and a month and a year too', async () => {
    const r = await download(lead, '/api/v1/reports/periodic.html?period=2026-02');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/html');
    const html = r.bytes.toString('utf8');
    expect(html).toContain('LAPORAN FEBRUARI 2026');
    expect(html).toContain('Pada Februari 2026 tercatat 1 kasus');
    expect(html).toContain('<table>');
    expect(html).toContain('<svg');
    const year = await download(lead, '/api/v1/reports/periodic.html?period=2026');
    // while 2026 runs, the report says how far its figures go
    expect(year.bytes.toString('utf8')).toMatch(
      /Pada tahun 2026( \(sampai \d{1,2} \w+ 2026\))? tercatat 2 kasus/,
    );
  });

  it('lets the Dinas admin set the letterhead with its version, and a logo by its bytes', async () => {
    const before = await admin.get('/api/v1/report-settings');
    expect(before.status).toBe(200);
    // the demo may have set the letterhead already (its head signs the training certificates)
    const v = before.body.version as number;
    const body = {
      version: v,
      dinasName: 'Dinas P3A Kabupaten Lebak (uji)',
      address: 'Jl. Sintetis No. 1, Rangkasbitung',
      headTitle: 'Kepala Dinas',
      headName: 'Dra. Nama Sintetis, M.Si.',
      headNip: '197001011990032001',
    };
    const saved = await admin.req('PUT', '/api/v1/report-settings', body);
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.version).toBe(v + 1);
    // a second writer who read the version before loses
    expect((await admin.req('PUT', '/api/v1/report-settings', body)).status).toBe(409);
    expect((await lead.req('PUT', '/api/v1/report-settings', { ...body, version: v + 1 })).status).toBe(403);
    const badNip = await admin.req('PUT', '/api/v1/report-settings', {
      ...body,
      version: v + 1,
      headNip: '123',
    });
    expect(badNip.status).toBe(400);
    expect(badNip.body.error.fields.headNip).toBe(FIELD_MESSAGES.invalid_nip![0]);

    const logo = await download(admin, '/api/v1/report-settings/logo', {
      method: 'PUT',
      body: PNG,
      headers: { 'content-type': 'image/png' },
    });
    expect(logo.status).toBe(200);
    const notImage = await download(admin, '/api/v1/report-settings/logo', {
      method: 'PUT',
      body: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'),
      headers: { 'content-type': 'image/png' },
    });
    expect(notImage.status).toBe(415);
    // a small file that is a huge picture (every report would unpack 11 000 × 11 000 pixels)
    const wide = Buffer.from(PNG);
    wide.writeUInt32BE(11000, 16);
    wide.writeUInt32BE(11000, 20);
    const bomb = await download(admin, '/api/v1/report-settings/logo', {
      method: 'PUT',
      body: wide,
      headers: { 'content-type': 'image/png' },
    });
    expect(bomb.status).toBe(413);
    const huge = await download(admin, '/api/v1/report-settings/logo', {
      method: 'PUT',
      body: Buffer.concat([PNG, Buffer.alloc(600 * 1024)]),
      headers: { 'content-type': 'image/png' },
    });
    expect(huge.status).toBe(413);

    const html = (await download(lead, '/api/v1/reports/periodic.html?period=2026-Q1')).bytes.toString(
      'utf8',
    );
    expect(html).toContain('Dinas P3A Kabupaten Lebak (uji)');
    expect(html).toContain('NIP 197001011990032001');
    expect(html).toContain('src="data:image/png;base64,');
    const pdf = (
      await pdfText((await download(lead, '/api/v1/reports/periodic.pdf?period=2026-Q1')).bytes)
    ).replace(/\s+/g, ' ');
    expect(pdf).toContain('Dra. Nama Sintetis, M.Si.');
  });

  it('downloads each dashboard table as XLSX with numbers as numbers', async () => {
    const r = await download(
      lead,
      '/api/v1/dashboard/table.xlsx?from=2026-01-01&to=2026-03-31&table=victim_sex',
    );
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toContain(
      'dasbor-victim_sex-3602-2026-01-01_2026-03-31.xlsx',
    );
    const files = unzipSync(new Uint8Array(r.bytes));
    const xml = Object.entries(files)
      .filter(([name]) => name.startsWith('xl/'))
      .map(([, b]) => Buffer.from(b).toString('utf8'))
      .join('\n');
    expect(xml).toContain('Perempuan');
    expect(xml).toContain('Laki-laki');
    expect(xml).toContain('Korban menurut jenis kelamin');
    const unknown = await lead.get(
      '/api/v1/dashboard/table.xlsx?from=2026-01-01&to=2026-03-31&table=nama_korban',
    );
    expect(unknown.status).toBe(400);
  });

  it('refuses a period in a wrong format and roles without the dashboard', async () => {
    for (const p of ['2026-Q5', '2026-13', '26', '2026-1', 'Q3-2026']) {
      const r = await lead.get(`/api/v1/reports/periodic.pdf?period=${p}`);
      expect(r.status, p).toBe(400);
      expect(r.body.error.fields.period, p).toBe(FIELD_MESSAGES.invalid_period![0]);
    }
    const intake = await h.as('pengaduan@lebak.demo');
    expect((await intake.get('/api/v1/reports/periodic.pdf?period=2026')).status).toBe(403);
    expect((await intake.get('/api/v1/report-settings')).status).toBe(403);
  });
});
