/**
 * Spreading the channels (issue 12 §6, decision 034): a Dinas's poster codes, the counts of /lapor
 * visits and public reports per code and local month, and the printed posters and cards.
 * What matters to a reporter: a report sent from a poster's link is stored like any other, with
 * nothing of the code anywhere but the code's own counter; a wrong code never gets in her way.
 */
import { gzipSync } from 'node:zlib';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { type MadeUser, makeOrg, makeRegionWorld, makeUser, type RegionWorld } from '../helpers/factories.ts';
import { pngBytes } from '../helpers/files.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';
import { pdfQrTexts } from '../helpers/pdf-qr.ts';
import { pdfText } from '../helpers/pdf-text.ts';

const BASE = 'https://simpul.lebak.test';
type App = ReturnType<typeof createApp>;

let n = 0;
const token = () => `uji-poster-${Date.now().toString(36)}-${(n++).toString(36)}-xxxxxx`;

/** A valid report as the form sends it (about Lebak), with extra fields. */
function report(over: Record<string, string | string[]> = {}): URLSearchParams {
  const fields: Record<string, string | string[]> = {
    reporterType: 'orang_lain',
    victimSex: 'perempuan',
    victimAgeGroup: 'anak_13_17',
    forms: ['fisik'],
    description: 'Anak tetangga sering dipukul (uji poster).',
    prov: '36',
    kab: '36.02',
    occurredWhen: 'minggu_ini',
    dangerNow: 'tidak',
    contactMethod: 'tidak',
    submissionToken: token(),
    website: '',
    ...over,
  };
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p;
}

async function send(app: App, body: URLSearchParams, path = '/lapor') {
  const r = await app.request(path, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return { status: r.status, location: r.headers.get('location'), text: await r.text() };
}

describe.each(ENGINES)('poster codes on %s', (engine) => {
  let h: Harness;
  let app: App;
  let lebak: RegionWorld;
  let manajer: Client;
  let dinas: Client;
  let pimpinan: Client;
  let serangManajer: Client;
  let serangCodeId: string;

  const counts = async (codeId: string) =>
    h.svc.conn.db
      .selectFrom('poster_count')
      .select(['month', 'views', 'reports'])
      .where('code_id', '=', codeId)
      .orderBy('month')
      .execute();
  const intakeCount = async () =>
    Number(
      (
        await h.svc.conn.db
          .selectFrom('intake')
          .select(sql<number>`count(*)`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const sign = (u: MadeUser) => h.as(u.email, u.password);

  beforeAll(async () => {
    h = await createHarness(engine, { seed: 'none', app: { publicUrl: BASE } });
    app = createApp(h.svc, { publicUrl: BASE, sleep: async () => {}, clientIp: () => '10.30.0.1' });
    lebak = await makeRegionWorld(h.svc, { kabKota: '36.02' });
    const serang = await makeRegionWorld(h.svc, { kabKota: '36.73' });
    // the inbox every public report about Lebak lands in
    await makeUser(h.svc, { role: 'pengaduan', org: lebak.uptd });
    manajer = await sign(await makeUser(h.svc, { role: 'manajer', org: lebak.uptd }));
    dinas = await sign(await makeUser(h.svc, { role: 'admin-dinas', org: lebak.dinas }));
    pimpinan = await sign(await makeUser(h.svc, { role: 'pimpinan', org: lebak.dinas }));
    serangManajer = await sign(await makeUser(h.svc, { role: 'manajer', org: serang.uptd }));
    const s = await serangManajer.post('/api/v1/posters/codes', { label: 'Poster Alun-alun Serang' });
    expect(s.status).toBe(201);
    serangCodeId = s.body.id;
  });
  afterAll(async () => h?.close());

  it('a manager creates a code for a place in a desa of its kab/kota; the link carries it', async () => {
    const r = await manajer.post(
      '/api/v1/posters/codes',
      {
        label: 'Poster SMPN 1 Rangkasbitung',
        campaign: 'Stop Kekerasan terhadap Anak 2027',
        desaCode: lebak.village,
      },
      { 'idempotency-key': 'poster-smpn-1' },
    );
    expect(r.status).toBe(201);
    expect(r.body.code).toMatch(/^[a-hjkmnp-z2-9]{6}$/);
    expect(r.body.url).toBe(`${BASE}/lapor?s=${r.body.code}`);
    expect(r.body).toMatchObject({
      jurisdiction: '36.02',
      desaCode: lebak.village,
      totals: { views: 0, reports: 0 },
    });
    expect(r.body.months).toHaveLength(12);
    // the same request again (a double tap) creates nothing more
    const again = await manajer.post(
      '/api/v1/posters/codes',
      {
        label: 'Poster SMPN 1 Rangkasbitung',
        campaign: 'Stop Kekerasan terhadap Anak 2027',
        desaCode: lebak.village,
      },
      { 'idempotency-key': 'poster-smpn-1' },
    );
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(r.body.id);
    const list = await pimpinan.get('/api/v1/posters/codes');
    expect(list.status).toBe(200);
    expect(
      list.body.items.filter((x: { label: string }) => x.label === 'Poster SMPN 1 Rangkasbitung'),
    ).toHaveLength(1);
    expect(list.body).toMatchObject({
      canManage: false,
      publicUrlConfigured: true,
      reportUrl: `${BASE}/lapor`,
    });
    // another region's code is not listed
    expect(list.body.items.some((x: { id: string }) => x.id === serangCodeId)).toBe(false);
  });

  it('labels and desa are checked with field codes; nothing is created', async () => {
    const bad = async (body: unknown) => {
      const r = await dinas.post('/api/v1/posters/codes', body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      return r.body.error.fieldCodes as Record<string, string>;
    };
    const before = (await dinas.get('/api/v1/posters/codes')).body.items.length;
    expect((await bad({ label: '' })).label).toBe('required');
    expect((await bad({ label: '   ' })).label).toBe('required');
    expect((await bad({ label: 'ab' })).label).toBe('poster_label_short');
    expect((await bad({ label: 'x'.repeat(121) })).label).toBe('too_long');
    expect((await bad({ label: 'Poster\u0007pasar' })).label).toBe('invalid_characters');
    expect((await bad({ label: 42 })).label).toBeDefined();
    expect((await bad({})).label).toBeDefined();
    expect((await bad({ label: 'Poster pasar', campaign: 'k'.repeat(161) })).campaign).toBe('too_long');
    expect((await bad({ label: 'Poster pasar', desaCode: '36.73.01.2001' })).desaCode).toBe(
      'out_of_jurisdiction',
    );
    expect((await bad({ label: 'Poster pasar', desaCode: lebak.district })).desaCode).toBe(
      'poster_desa_level',
    );
    expect((await bad({ label: 'Poster pasar', desaCode: '36.02.01.9999' })).desaCode).toBe('unknown_region');
    expect((await bad({ label: 'Poster pasar', desaCode: 'desa' })).desaCode).toBe('invalid_region');
    expect((await bad({ label: 'Poster pasar', code: 'aaaaaa' })).code).toBeDefined();
    // the same label again, in other capitals: taken within the kab/kota
    expect((await bad({ label: 'poster smpn 1 RANGKASBITUNG' })).label).toBe('poster_label_taken');
    expect((await dinas.get('/api/v1/posters/codes')).body.items.length).toBe(before);
    // Serang may use the same label for its own poster
    expect(
      (await serangManajer.post('/api/v1/posters/codes', { label: 'Poster SMPN 1 Rangkasbitung' })).status,
    ).toBe(201);
  });

  it('a label, campaign or desa is corrected with the version read; the printed code never changes; a stale version is 409', async () => {
    const made = (await manajer.post('/api/v1/posters/codes', { label: 'Poster Masjid Agung' })).body;
    const path = `/api/v1/posters/codes/${made.id}`;
    const changed = await dinas.patch(path, {
      version: made.version,
      label: 'Poster Masjid Agung Rangkasbitung',
      campaign: 'Kampanye 16 Hari Anti Kekerasan',
      desaCode: lebak.village,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      code: made.code,
      url: made.url,
      label: 'Poster Masjid Agung Rangkasbitung',
      campaign: 'Kampanye 16 Hari Anti Kekerasan',
      desaCode: lebak.village,
      version: made.version + 1,
    });
    // the version read before is stale now: nothing is lost, the writer is told
    const stale = await manajer.patch(path, { version: made.version, label: 'Poster lama' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('VERSION_CONFLICT');
    expect((await manajer.patch(path, { label: 'Tanpa versi' })).body.error.fieldCodes.version).toBe(
      'version_required',
    );
    const other = await manajer.patch(path, {
      version: changed.body.version,
      label: 'poster smpn 1 rangkasbitung',
    });
    expect(other.body.error.fieldCodes.label).toBe('poster_label_taken');
    expect(
      (
        await manajer.patch(path, {
          version: changed.body.version,
          label: 'Poster X',
          desaCode: '36.73.01.2001',
        })
      ).body.error.fieldCodes.desaCode,
    ).toBe('out_of_jurisdiction');
    // of two writers with the same version exactly one wins
    const v = changed.body.version;
    const both = await Promise.all(
      Array.from({ length: 20 }, (_, i) => manajer.patch(path, { version: v, label: `Poster Masjid ${i}` })),
    );
    expect(both.filter((r) => r.status === 200)).toHaveLength(1);
    expect(both.filter((r) => r.status === 409)).toHaveLength(19);
    expect((await pimpinan.patch(path, { version: v + 1, label: 'Poster pimpinan' })).status).toBe(403);
    expect((await serangManajer.patch(path, { version: v + 1, label: 'Poster Serang' })).status).toBe(404);
    expect(
      (await manajer.patch(`/api/v1/posters/codes/${serangCodeId}`, { version: 1, label: 'Poster Lebak' }))
        .status,
    ).toBe(404);
  });

  it('leadership reads the counts but creates and prints nothing; another region’s code is 404', async () => {
    expect((await pimpinan.post('/api/v1/posters/codes', { label: 'Poster pimpinan' })).status).toBe(403);
    expect((await pimpinan.get('/api/v1/posters/poster.pdf')).status).toBe(403);
    expect((await manajer.get(`/api/v1/posters/codes/${serangCodeId}`)).status).toBe(404);
    expect((await manajer.get(`/api/v1/posters/codes/${serangCodeId}/poster.pdf`)).status).toBe(404);
    expect((await pimpinan.get(`/api/v1/posters/codes/${serangCodeId}`)).status).toBe(404);
  });

  it('a report sent from a poster’s link adds exactly one to its month; the code is stored nowhere else', async () => {
    const made = await manajer.post('/api/v1/posters/codes', { label: 'Poster Puskesmas Cibadak' });
    const { id, code } = made.body as { id: string; code: string };
    // 1 December 00:30 WIB is still 30 November in UTC: the month is the kab/kota's own
    h.now.value = new Date('2026-11-30T17:30:00Z');
    try {
      // a link checker's HEAD is no visit
      expect((await app.request(`/lapor?s=${code}`, { method: 'HEAD' })).status).toBe(200);
      const page = await app.request(`/lapor?s=${code.toUpperCase()}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(`<input type="hidden" name="s" value="${code}">`);
      expect(page.headers.get('set-cookie')).toBeNull();
      expect(page.headers.get('cache-control')).toBe('no-store');
      // the public page budget (14 KB on the wire) holds with the code
      expect(gzipSync(html).length).toBeLessThan(14 * 1024);
      // the language switch keeps it (the English form counts as another visit)
      expect(html).toMatch(new RegExp(`href="/lapor\\?lang=en&amp;s=${code}"`));
      expect(await counts(id)).toEqual([{ month: '2026-12', views: 1, reports: 0 }]);

      const intakeBefore = await intakeCount();
      const sent = await send(app, report({ s: code }));
      expect(sent.status).toBe(303);
      expect(sent.location).toMatch(/^\/lapor\/terkirim\//);
      expect(sent.location).not.toContain(code);
      expect(await intakeCount()).toBe(intakeBefore + 1);
      expect(await counts(id)).toEqual([{ month: '2026-12', views: 1, reports: 1 }]);
      // the receipt page does not carry it either
      const receipt = await (await app.request(sent.location!)).text();
      expect(receipt).not.toContain(code);
    } finally {
      h.now.value = new Date();
    }

    // nowhere in the database but the code's own row: not the intake item, its receipt, its
    // events, the audit log of the report, or anything else
    const tables = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables
      WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`.execute(h.svc.conn.db);
    expect(tables.rows.map((t) => t.table_name)).toEqual(expect.arrayContaining(['intake', 'audit_event']));
    const holding: string[] = [];
    for (const { table_name } of tables.rows) {
      const r = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM ${sql.table(table_name)} t WHERE t::text LIKE ${`%${code}%`}`.execute(
        h.svc.conn.db,
      );
      if (Number(r.rows[0]!.n) > 0) holding.push(table_name);
    }
    expect(holding).toEqual(['poster_code']);
    const audit = await h.svc.conn.db
      .selectFrom('audit_event')
      .select('detail')
      .where('action', '=', 'intake.submit')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    for (const a of audit) expect(JSON.stringify(a.detail ?? {})).not.toContain(code);
  });

  it('an unknown, malformed or huge code is ignored: the form shows no error and the report is stored', async () => {
    const made = await manajer.post('/api/v1/posters/codes', { label: 'Poster Pasar Rangkasbitung' });
    const { id, code } = made.body as { id: string; code: string };
    for (const s of ['zzzzzz', 'abc', '<script>alert(1)</script>', `${code}x`, 'x'.repeat(20_000), '']) {
      const page = await app.request(`/lapor?s=${encodeURIComponent(s)}`);
      expect(page.status).toBe(200);
      expect(await page.text()).not.toContain('name="s"');
      const before = await intakeCount();
      const sent = await send(app, report({ s }));
      expect(sent.status, s.slice(0, 30)).toBe(303);
      expect(await intakeCount()).toBe(before + 1);
    }
    // two values at once: not a code
    expect((await send(app, report({ s: [code, code] }))).status).toBe(303);
    // an error on the form keeps a good code through the next round, and still counts nothing yet
    const wrong = await send(app, report({ s: code, victimSex: 'bukan' }));
    expect(wrong.status).toBe(400);
    expect(wrong.text).toContain(`name="s" value="${code}"`);
    // a filled honeypot (a robot) stores the report but counts nothing
    expect((await send(app, report({ s: code, website: 'http://spam.example' }))).status).toBe(303);
    // a double tap (the same submission token twice) is one report, counted once
    const once = report({ s: code });
    expect((await send(app, once)).status).toBe(303);
    expect((await send(app, once)).status).toBe(303);
    const rows = await counts(id);
    expect(rows.reduce((s, r) => s + r.reports, 0)).toBe(2);
    expect(rows.reduce((s, r) => s + r.views, 0)).toBe(0);
  });

  it('a burst of 100 reports from the same poster at once counts 100', async () => {
    const made = await manajer.post('/api/v1/posters/codes', { label: 'Poster Terminal Mandala' });
    const { id, code } = made.body as { id: string; code: string };
    const before = await intakeCount();
    const all = await Promise.all(Array.from({ length: 100 }, () => send(app, report({ s: code }))));
    expect(all.map((r) => r.status)).toEqual(Array(100).fill(303));
    expect(await intakeCount()).toBe(before + 100);
    const rows = await counts(id);
    expect(rows.reduce((s, r) => s + r.reports, 0)).toBe(100);
    // the page shows it per month, never per day
    const one = await pimpinan.get(`/api/v1/posters/codes/${id}?months=3`);
    expect(one.status).toBe(200);
    expect(one.body.totals.reports).toBe(100);
    expect(one.body.months).toHaveLength(3);
    for (const m of one.body.months) expect(Object.keys(m).sort()).toEqual(['month', 'reports', 'views']);
    expect(one.body.months[0].month).toMatch(/^\d{4}-\d{2}$/);
    expect((await pimpinan.get(`/api/v1/posters/codes/${id}?months=25`)).status).toBe(400);
  });

  it('the poster, the card and the wallet cards name the kab/kota, the UPTD, SAPA 129 and the link, and their QR code opens it', async () => {
    const made = await manajer.post('/api/v1/posters/codes', {
      label: 'Poster Balai Desa',
      campaign: 'Stop Kekerasan terhadap Anak 2027',
    });
    const url = `${BASE}/lapor?s=${made.body.code}`;
    for (const size of ['a4', 'a5', 'kartu']) {
      const r = await h.app.request(`/api/v1/posters/codes/${made.body.id}/poster.pdf?size=${size}`, {
        headers: { cookie: manajer.cookie! },
      });
      expect(r.status, size).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/pdf');
      const pdf = Buffer.from(await r.arrayBuffer());
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
      expect(text, size).toContain('Lebak');
      expect(text).toContain('129');
      expect(text).toContain('08111-129-129');
      expect(text).toContain(url);
      expect(text).toContain(lebak.uptd.phone!);
      if (size !== 'kartu') {
        expect(text).toContain('Kamu tidak sendiri');
        expect(text).toContain('Stop Kekerasan terhadap Anak 2027');
        expect(text).toContain(lebak.uptd.address!);
      }
      const qrs = await pdfQrTexts(pdf);
      expect(qrs.length, size).toBeGreaterThan(0);
      for (const q of qrs) expect(q).toBe(url);
    }
    // without a code: the plain address
    const plain = await h.app.request('/api/v1/posters/poster.pdf?size=a4', {
      headers: { cookie: dinas.cookie! },
    });
    expect(plain.status).toBe(200);
    const bytes = Buffer.from(await plain.arrayBuffer());
    expect(await pdfQrTexts(bytes)).toEqual([`${BASE}/lapor`]);
    expect((await dinas.get('/api/v1/posters/poster.pdf?size=a3')).status).toBe(400);
  });

  it('a kab/kota without a UPTD PPA in the directory still gets a poster, pointing to SAPA 129', async () => {
    const office = await makeOrg(h.svc, {
      kabKota: '36.01',
      type: 'dinas_pppa',
      name: 'Dinas PPPA Pandeglang (uji)',
    });
    const m = await sign(await makeUser(h.svc, { role: 'manajer', org: office }));
    const r = await h.app.request('/api/v1/posters/poster.pdf?size=a5', { headers: { cookie: m.cookie! } });
    expect(r.status).toBe(200);
    const text = (await pdfText(Buffer.from(await r.arrayBuffer()))).replace(/\s+/g, ' ');
    expect(text).toContain('Pandeglang');
    expect(text).toContain('Hubungi Dinas PPPA setempat');
    expect(text).toContain('08111-129-129');
    expect(text).toContain(`${BASE}/lapor`);
  });

  it('the poster carries the letterhead the Dinas set, logo included', async () => {
    const set = await dinas.req('PUT', '/api/v1/report-settings', {
      version: 0,
      dinasName: 'Dinas P3A Kabupaten Lebak (uji poster)',
      address: 'Jl. Sintetis No. 9, Rangkasbitung',
      headTitle: 'Kepala Dinas',
      headName: 'Nama Sintetis',
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    const logo = await h.app.request('/api/v1/report-settings/logo', {
      method: 'PUT',
      body: pngBytes(),
      headers: { cookie: dinas.cookie!, 'x-requested-with': 'simpul', 'content-type': 'image/png' },
    });
    expect(logo.status).toBe(200);
    const r = await h.app.request('/api/v1/posters/poster.pdf?size=a4', {
      headers: { cookie: dinas.cookie! },
    });
    expect(r.status).toBe(200);
    const pdf = Buffer.from(await r.arrayBuffer());
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('Dinas P3A Kabupaten Lebak (uji poster)');
    expect(text).toContain('Jl. Sintetis No. 9, Rangkasbitung');
    expect(await pdfQrTexts(pdf)).toEqual([`${BASE}/lapor`]);
  });
});
