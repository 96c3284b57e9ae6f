/**
 * /statistik and /statistik.csv (issue 11 §3, decision 026) on both engines: no login, no cookie,
 * plain HTML tables that need no JavaScript; a kab/kota with 3 victims shows "<5"; the CSV holds
 * the page's figures; a case entered today changes nothing until the next snapshot, and two
 * snapshots a case apart show the same cells; kecamatan and desa codes are refused.
 * Synthetic people only.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDueSnapshot } from '../../src/app/stats/publish-snapshot.ts';
import { refreshStats } from '../../src/app/stats/refresh.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

/** One CSV line's fields (quoted fields may hold commas and doubled quotes). */
function splitCsv(line: string): string[] {
  const out: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (let m = re.exec(line); m && m.index < line.length; m = re.exec(line)) {
    const v = m[1]!;
    out.push(v.startsWith('"') ? v.slice(1, -1).replace(/""/g, '"') : v);
    if (m[2] === '') break;
  }
  return out;
}

describe.each(ENGINES)('public statistics on %s', (engine) => {
  let h: Harness;
  let lebak: Client;
  let serang: Client;

  const openCase = async (
    c: Client,
    receivedAt: string,
    victims: Array<Record<string, unknown>>,
    forms: string[],
  ) => {
    const r = await c.post('/api/v1/cases', {
      authority: 'daerah',
      channel: 'telepon',
      caseType: 'ktp_ampk',
      receivedAt,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    for (const v of victims) {
      const p = await c.post(`/api/v1/cases/${r.body.id}/persons`, {
        name: 'Nama Sintetis',
        role: 'korban',
        ...v,
      });
      expect(p.status, JSON.stringify(p.body)).toBe(201);
    }
    const i = await c.post(`/api/v1/cases/${r.body.id}/incidents`, {
      chronology: 'Kronologi sintetis.',
      datePrecision: 'tidak_diketahui',
      placeCategory: 'rumah_tangga',
      forms,
    });
    expect(i.status, JSON.stringify(i.body)).toBe(201);
  };
  const get = (path: string) => h.app.request(path);
  /** The shown value of a row of a table on the page. */
  const cellOn = (page: string, table: string, row: string) => {
    const t = new RegExp(`<table id="t-${table}"[\\s\\S]*?</table>`).exec(page)?.[0] ?? '';
    const esc = row.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const m = new RegExp(`<tr data-baris="${esc}"><th scope="row">[^<]*</th><td>([^<]*)</td>`).exec(t);
    return m ? m[1]!.replace('&lt;', '<') : null;
  };

  beforeAll(async () => {
    h = await createHarness(engine);
    lebak = await h.as('manajer@lebak.demo');
    serang = await h.as('manajer@serang.demo');
    // Lebak, first quarter of 2026: two cases, three victims (girls of 14 and 16, a woman of 30)
    await openCase(
      lebak,
      '2026-01-12T03:00:00Z',
      [
        { sex: 'perempuan', estimatedAge: 14 },
        { sex: 'perempuan', estimatedAge: 16 },
      ],
      ['fisik'],
    );
    await openCase(lebak, '2026-02-20T03:00:00Z', [{ sex: 'perempuan', estimatedAge: 30 }], ['psikis']);
    // Serang: eight cases of one woman each
    for (let i = 0; i < 8; i++)
      await openCase(
        serang,
        `2026-03-0${i + 1}T03:00:00Z`,
        [{ sex: 'perempuan', estimatedAge: 25 + i }],
        ['fisik'],
      );
    await refreshStats(h.svc);
    h.now.value = new Date('2026-04-02T03:00:00Z');
    const r = await publishDueSnapshot({ ...h.svc, clock: () => h.now.value }, 5);
    expect(r).toMatchObject({ published: true, throughMonth: '2026-03-01' });
  }, 180_000);
  afterAll(async () => h?.close());

  it('serves plain HTML tables without a login, a cookie or a script needed, with the date of the data', async () => {
    const r = await get('/statistik?wilayah=36.02&tahun=2026&triwulan=1');
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).toBeNull();
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
    const page = await r.text();
    expect(page).toContain('<table id="t-korban_jenis_kelamin"');
    expect(page).toContain('<form method="get" action="/statistik"');
    expect(page).toContain('id="keluar"'); // quick exit
    expect(page).toContain('Data sampai dengan akhir Maret 2026');
    // the same without any query: a page, not an error
    const plain = await get('/statistik');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('set-cookie')).toBeNull();
  });

  it('shows a kab/kota with 3 victims as "<5", never 3, and nothing small as a number', async () => {
    const page = await (await get('/statistik?wilayah=36.02&tahun=2026&triwulan=1')).text();
    expect(cellOn(page, 'korban_jenis_kelamin', 'jumlah')).toBe('<5');
    expect(cellOn(page, 'korban_jenis_kelamin', 'perempuan')).toBe('<5');
    expect(cellOn(page, 'korban_umur', '13-17')).toBe('<5');
    expect(page).not.toMatch(/<td>[1-4]<\/td>/);
    // what is stored is what is published: no count from 1 to 4 anywhere
    const small = await sql<{ n: string }>`
      SELECT count(*) AS n FROM public_snapshot_cell WHERE value BETWEEN 1 AND 4`.execute(h.svc.conn.db);
    expect(Number(small.rows[0]!.n)).toBe(0);
    // the province is 11 victims; with Lebak's hidden, Serang's 8 cannot stand beside 11
    const prov = await (await get('/statistik?wilayah=36&tahun=2026&triwulan=1')).text();
    const serangPage = await (await get('/statistik?wilayah=36.73&tahun=2026&triwulan=1')).text();
    const p = cellOn(prov, 'korban_jenis_kelamin', 'jumlah');
    const s = cellOn(serangPage, 'korban_jenis_kelamin', 'jumlah');
    expect(p === '11' && s === '8').toBe(false);
  });

  it('gives the same tables as CSV, UTF-8 with a byte-order mark', async () => {
    const r = await get('/statistik.csv?tahun=2026&wilayah=36.02&triwulan=1');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    expect(r.headers.get('set-cookie')).toBeNull();
    const bytes = new Uint8Array(await r.clone().arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (await r.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^wilayah_kode,wilayah,tahun,triwulan,tabel/);
    const page = await (await get('/statistik?wilayah=36.02&tahun=2026&triwulan=1')).text();
    let rows = 0;
    for (const line of lines.slice(1)) {
      const f = splitCsv(line);
      expect(f[0]).toBe('36.02');
      expect(f[3]).toBe('1');
      expect(cellOn(page, f[4]!, f[6]!), line).toBe(f[8]);
      rows++;
    }
    expect(rows).toBeGreaterThan(20);
    // the whole year is not closed: the year's CSV holds the first quarter only
    const year = await (await get('/statistik.csv?tahun=2026&wilayah=36.02')).text();
    expect(
      year
        .trim()
        .split('\r\n')
        .slice(1)
        .every((l) => l.split(',')[3] === '1'),
    ).toBe(true);
  });

  it('refuses kecamatan and desa codes and bad input with a clear message, never a 500', async () => {
    for (const code of ['36.02.01', '36.02.01.2002']) {
      const r = await get(`/statistik?wilayah=${code}&tahun=2026`);
      expect(r.status, code).toBe(400);
      expect(await r.text()).toContain('kecamatan dan desa/kelurahan tidak diterbitkan');
      const csv = await get(`/statistik.csv?tahun=2026&wilayah=${code}`);
      expect(csv.status, code).toBe(400);
      expect(await csv.text()).toContain('tidak diterbitkan');
    }
    const cases: Array<[string, number, string]> = [
      ['/statistik?wilayah=abc', 400, 'Kode wilayah tidak dikenal'],
      ['/statistik?wilayah=36.02&tahun=20x6', 400, 'empat angka'],
      ['/statistik?wilayah=36.02&tahun=2026&triwulan=7', 400, 'Triwulan harus'],
      ['/statistik?wilayah=99&tahun=2026', 404, 'Belum ada angka yang diterbitkan untuk wilayah ini'],
      ['/statistik?wilayah=36.02&tahun=2019', 404, 'tahun 2019'],
      ['/statistik.csv?tahun=2026', 400, 'Sebutkan tahun dan wilayah'],
      ['/statistik.csv?tahun=2026&wilayah=99', 404, 'wilayah ini'],
      ['/statistik.csv?tahun=2019&wilayah=36.02', 404, '2019'],
      ['/statistik.csv?tahun=abcd&wilayah=36.02', 400, 'empat angka'],
    ];
    for (const [path, status, words] of cases) {
      const r = await get(path);
      expect(r.status, path).toBe(status);
      expect(await r.text(), path).toContain(words);
      expect(r.headers.get('set-cookie'), path).toBeNull();
    }
    // the whole year 2026 is not closed yet: the page says so and links the closed quarters
    const y = await get('/statistik?wilayah=36.02&tahun=2026');
    expect(y.status).toBe(200);
    expect(await y.text()).toContain('id="belum-setahun"');
  });

  it('changes nothing for a case entered today until the next snapshot, and a snapshot a case later shows the same cells', async () => {
    const before = await (await get('/statistik?wilayah=36.02&tahun=2026&triwulan=1')).text();
    const cellsOf = async (id: string) =>
      (
        await sql<{ k: string }>`
          SELECT region || '|' || year || '|' || quarter || '|' || cell || '|' || status || '|' || coalesce(value::text, '') AS k
          FROM public_snapshot_cell WHERE snapshot_id = ${id} ORDER BY 1`.execute(h.svc.conn.db)
      ).rows.map((r) => r.k);
    const first = await sql<{ id: string }>`SELECT id FROM public_snapshot`.execute(h.svc.conn.db);
    // a case today (April), and a late entry for February
    h.now.value = new Date('2026-04-10T03:00:00Z');
    await openCase(lebak, '2026-04-09T03:00:00Z', [{ sex: 'laki_laki', estimatedAge: 9 }], ['penelantaran']);
    await openCase(lebak, '2026-02-03T03:00:00Z', [{ sex: 'laki_laki', estimatedAge: 12 }], ['fisik']);
    await refreshStats(h.svc);
    expect(await publishDueSnapshot({ ...h.svc, clock: () => h.now.value }, 5)).toEqual({
      published: false,
      reason: 'exists',
    });
    expect(await (await get('/statistik?wilayah=36.02&tahun=2026&triwulan=1')).text()).toBe(before);
    // the next month's snapshot: April is not a closed quarter, and the first quarter is carried as it was
    h.now.value = new Date('2026-05-01T02:00:00Z');
    const next = await publishDueSnapshot({ ...h.svc, clock: () => h.now.value }, 5);
    expect(next).toMatchObject({ published: true, throughMonth: '2026-04-01' });
    const after = await (await get('/statistik?wilayah=36.02&tahun=2026&triwulan=1')).text();
    expect(after.replace(/<p id="tanggal-data">[\s\S]*?<\/p>/, '')).toBe(
      before.replace(/<p id="tanggal-data">[\s\S]*?<\/p>/, ''),
    );
    expect(after).toContain('Data sampai dengan akhir April 2026');
    const id2 = (next as { id: string }).id;
    expect(await cellsOf(id2)).toEqual(await cellsOf(first.rows[0]!.id));
  });
});
