/**
 * The public pages (/lapor, /lapor/status, /layanan) through the real app: the form without
 * JavaScript, errors next to the fields, inert scripts, the honeypot, a flood from one address,
 * oversized and wrongly typed bodies, the status page, the safety headers and the page weight.
 */
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { type Client, createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

const EXIT = 'https://netral.example/cuaca';
type Fields = Record<string, string | string[]>;
type App = ReturnType<typeof createApp>;

function form(fields: Fields): URLSearchParams {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p;
}

let n = 0;
const token = () => `uji-portal-${Date.now().toString(36)}-${(n++).toString(36)}-xxxxxx`;

/** A valid report as the form sends it. */
const valid = (over: Fields = {}): Fields => ({
  reporterType: 'orang_lain',
  victimSex: 'perempuan',
  victimAgeGroup: 'anak_13_17',
  forms: ['fisik', 'psikis'],
  description: 'Anak tetangga sering dipukul (uji portal).',
  prov: '36',
  kab: '36.02',
  kec: '36.02.01',
  occurredWhen: 'minggu_ini',
  dangerNow: 'tidak',
  contactMethod: 'tidak',
  submissionToken: token(),
  website: '',
  ...over,
});

async function post(app: App, path: string, fields: Fields, headers: Record<string, string> = {}) {
  const r = await app.request(path, {
    method: 'POST',
    body: form(fields),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });
  return { status: r.status, text: await r.text(), headers: r.headers };
}

async function get(app: App, path: string) {
  const r = await app.request(path);
  return { status: r.status, text: await r.text(), headers: r.headers };
}

/**
 * Sends the report form as a browser does: a valid report is answered with a 303 to its one-time
 * receipt page, which the browser then opens. Anything else (a form with errors) is returned as is.
 */
async function submit(app: App, fields: Fields, headers: Record<string, string> = {}) {
  const r = await post(app, '/lapor', fields, headers);
  if (r.status !== 303) return { ...r, location: null as string | null };
  const location = r.headers.get('location') ?? '';
  return { ...(await get(app, location)), location: location as string | null };
}

/** Checks a report on the status page as a browser does: the POST, then the one-time view it leads to. */
async function status(app: App, fields: Fields) {
  const r = await post(app, '/lapor/status', fields);
  if (r.status !== 303) return r;
  return get(app, r.headers.get('location')!);
}

/** Answers on a view just shown, with the pass its form carries, and opens the view that follows. */
async function answer(app: App, viewHtml: string, body: string) {
  const lanjut = viewHtml.match(/name="lanjut" value="([^"]+)"/)?.[1] ?? '';
  const r = await post(app, '/lapor/status/balas', { lanjut, body });
  if (r.status !== 303) return r;
  return get(app, r.headers.get('location')!);
}

const textOf = (html: string, id: string) => html.match(new RegExp(`id="${id}"[^>]*>([^<]*)<`))?.[1] ?? null;

function expectSafeHeaders(headers: Headers, what: string) {
  expect(headers.get('cache-control'), `${what}: cache-control`).toBe('no-store');
  expect(headers.get('referrer-policy'), `${what}: referrer-policy`).toBe('no-referrer');
  expect(headers.get('set-cookie'), `${what}: no cookie`).toBeNull();
  const csp = headers.get('content-security-policy') ?? '';
  expect(csp, `${what}: CSP`).toContain("default-src 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: no third-party source`).not.toMatch(/https?:|\*|data:[^;]*script/);
  expect(csp, `${what}: no inline script by default`).not.toMatch(/script-src[^;]*unsafe-inline/);
}

describe.each(ENGINES)('public reporting pages on %s', (engine) => {
  let h: Harness;
  let lebak: Client;
  const sleeps: number[] = [];
  /** the app as seen from one client address (rate limits are per address) */
  const appFrom = (ip: string) =>
    createApp(h.svc, {
      clientIp: () => ip,
      quickExitUrl: EXIT,
      sleep: async (ms) => {
        sleeps.push(ms);
      },
    });
  let app: App;

  beforeAll(async () => {
    h = await createHarness(engine);
    lebak = await h.as('pengaduan@lebak.demo');
    app = appFrom('10.20.0.1');
  });
  afterAll(async () => h?.close());

  it('GET /lapor renders the form in Indonesian, with an English switch, quick exit and the hidden fields', async () => {
    const r = await get(app, '/lapor');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(r.text).toContain('<html lang="id">');
    expect(r.text).toContain('<title>Lapor kekerasan</title>');
    expect(r.text).toMatch(
      /<a id="keluar" class="exit" href="\/keluar" data-u="https:\/\/netral\.example\/cuaca" rel="noreferrer">Keluar cepat<\/a>/,
    );
    expect(r.text).toContain('href="/lapor?lang=en"');
    expect(r.text).toMatch(/<input type="hidden" name="submissionToken" value="[A-Za-z0-9_-]{16,64}">/);
    expect(r.text).toMatch(
      /<div class="hp" aria-hidden="true">.*name="website" tabindex="-1" autocomplete="off"/s,
    );
    expect(r.text).toContain('Keluar cepat tidak menghapus riwayat peramban');
    for (const label of [
      'Saya sendiri korban',
      'Dipukul, ditendang, dilukai',
      'Provinsi',
      'Jangan hubungi saya',
    ])
      expect(r.text).toContain(label);
    // two renders, two tokens
    const again = await get(app, '/lapor');
    expect(again.text.match(/name="submissionToken" value="([^"]+)"/)?.[1]).not.toBe(
      r.text.match(/name="submissionToken" value="([^"]+)"/)?.[1],
    );
    const en = await get(app, '/lapor?lang=en&judul=netral');
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('<title>Notes</title>');
    expect(en.text).toContain('I am the victim');
    expect(en.text).toContain('name="lang" value="en"');
  });

  it('chooses the region step by step without JavaScript, keeping what was typed', async () => {
    const r = await post(app, '/lapor', {
      _pilih: 'prov',
      prov: '36',
      description: 'sudah diketik',
      forms: 'fisik',
    });
    expect(r.status).toBe(200);
    expect(r.text).toMatch(/<option value="36.02">Kabupaten Lebak<\/option>/);
    expect(r.text).toContain('>sudah diketik</textarea>');
    expect(r.text).toMatch(/id="f-forms-fisik" name="forms" value="fisik" autocomplete="off" checked/);
    expect(r.text).not.toContain('class="summary"');
    const k = await post(app, '/lapor', { _pilih: 'kab', prov: '36', kab: '36.02' });
    expect(k.text).toMatch(/<option value="36.02.01">Malingping<\/option>/);
    expect(k.text).toMatch(/<option value="36.02" selected>Kabupaten Lebak<\/option>/);
    const w = await get(app, '/lapor/wilayah?parent=36.02');
    expect(w.status).toBe(200);
    expect(JSON.parse(w.text)).toContainEqual({ code: '36.02.01', name: 'Malingping' });
    expect((await get(app, '/lapor/wilayah?parent=%3Cscript%3E')).status).toBe(400);
  });

  it('a valid report is stored, shows the code and the secret once, and lands in the Lebak inbox', async () => {
    const r = await submit(app, valid({ dangerNow: 'ya' }));
    expect(r.status, r.text.slice(0, 300)).toBe(200);
    const code = textOf(r.text, 'kode')!;
    const secret = textOf(r.text, 'rahasia')!;
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(secret).toMatch(/^\d{5} \d{5} \d{5}$/);
    expect(r.text).toContain('Keduanya hanya ditampilkan sekali ini');
    expect(r.location).toMatch(/^\/lapor\/terkirim\/[A-Za-z0-9_-]{16,64}$/);
    // the page is shown once: Back, a reload or the history show nothing about the report
    const again = await get(app, r.location!);
    expect(again.status).toBe(404);
    expect(again.text).toContain('Halaman ini sudah tidak tersedia');
    expect(again.text).not.toContain(code);
    expect(again.text).not.toContain('diterima');
    // danger now: the emergency numbers come first, right after the quick exit
    const sos = r.text.indexOf('id="darurat"');
    expect(sos).toBeGreaterThan(0);
    expect(sos).toBeLessThan(r.text.indexOf('<main'));
    expect(r.text.slice(sos, sos + 600)).toMatch(/110.*112.*SAPA 129.*08111-129-129/s);
    const inbox = await lebak.get('/api/v1/intake');
    const item = inbox.body.items.find((i: { code: string }) => i.code === code);
    expect(item).toMatchObject({
      channel: 'daring',
      dangerNow: true,
      jurisdiction: '36.02',
      suspectedSpam: false,
    });
    const full = await lebak.get(`/api/v1/intake/${item.id}`);
    expect(full.body).toMatchObject({ regionCode: '36.02.01', forms: ['fisik', 'psikis'] });
  });

  it('the same form sent twice (a double tap) leads to the one receipt, shown once', async () => {
    const f = valid();
    const a = await post(app, '/lapor', f);
    const b = await post(app, '/lapor', f);
    expect(a.status).toBe(303);
    expect(b.status).toBe(303);
    expect(b.headers.get('location')).toBe(a.headers.get('location'));
    // the browser follows only the last answer: it shows the code and the secret
    const shown = await get(app, b.headers.get('location')!);
    expect(shown.status).toBe(200);
    expect(textOf(shown.text, 'kode')).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    expect(textOf(shown.text, 'rahasia')).toMatch(/^\d{5} \d{5} \d{5}$/);
    // sent again later (minutes on): nothing about the report is shown
    const saved = h.now.value;
    h.now.value = new Date(saved.getTime() + 3 * 60_000);
    const c = await submit(app, f).finally(() => {
      h.now.value = saved;
    });
    expect(c.status).toBe(404);
    expect(c.text).not.toContain(textOf(shown.text, 'kode')!);
    expect(c.text).not.toContain('id="rahasia"');
  });

  it('missing answers are shown next to the fields and in a summary with links, and the answers are kept', async () => {
    const r = await post(app, '/lapor', {
      submissionToken: token(),
      contactMethod: 'whatsapp',
      placeText: 'dekat pasar',
    });
    expect(r.status).toBe(400);
    expect(r.text).toMatch(/<div class="summary" id="ringkasan" role="alert" tabindex="-1" autofocus>/);
    expect(r.text).toContain('<a href="#f-reporterType-korban">Siapa yang melapor?: Wajib diisi.</a>');
    expect(r.text).toContain(
      '<a href="#f-description">Apa yang terjadi?: Pilih apa yang terjadi atau ceritakan singkat.</a>',
    );
    expect(r.text).toContain(
      '<a href="#f-prov">Di mana kejadiannya?: Pilih minimal provinsi tempat kejadian.</a>',
    );
    expect(r.text).toContain('<p class="err" id="e-contactPhone">Wajib diisi.</p>');
    expect(r.text).toContain(
      '<p class="err" id="e-consentContact">Centang persetujuan agar petugas boleh menghubungi Anda.</p>',
    );
    expect(r.text).toMatch(/id="f-contactPhone"[^>]*aria-invalid="true" aria-describedby="e-contactPhone"/);
    expect(r.text).toContain('value="dekat pasar"');
    expect(r.text).toMatch(
      /id="f-contactMethod-whatsapp" name="contactMethod" value="whatsapp" autocomplete="off" checked/,
    );
    const en = await post(app, '/lapor', {
      lang: 'en',
      submissionToken: token(),
      forms: 'fisik',
      prov: '36',
    });
    expect(en.text).toContain('Who is reporting?: Required.');
    const phone = await post(
      app,
      '/lapor',
      valid({ contactMethod: 'telepon', contactPhone: 'bukan nomor', consentContact: '1' }),
    );
    expect(phone.status).toBe(400);
    expect(phone.text).toContain('<p class="err" id="e-contactPhone">Nomor telepon tidak valid.</p>');
  });

  it('scripts typed into text fields stay inert on the pages and are plain data in the API', async () => {
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)>"\'&';
    const r = await submit(
      app,
      valid({
        reporterName: evil,
        description: evil,
        placeText: evil,
        contactMethod: 'whatsapp',
        contactPhone: '0812 3456 7890',
        safeTimes: evil,
        consentContact: '1',
      }),
    );
    expect(r.status).toBe(200);
    const code = textOf(r.text, 'kode')!;
    const secret = textOf(r.text, 'rahasia')!;
    // shown again on an error page: escaped
    const bad = await post(app, '/lapor', {
      submissionToken: token(),
      description: evil,
      placeText: evil,
      reporterName: evil,
    });
    expect(bad.status).toBe(400);
    expect(bad.text).not.toContain('<script>alert');
    expect(bad.text).not.toContain('<img src=x');
    expect(bad.text).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;',
    );
    // the status page and the reporter's addition
    const st = await answer(app, (await status(app, { code, secret, aksi: 'cek' })).text, evil);
    expect(st.status).toBe(200);
    expect(st.text).toContain('Terima kasih, pesan Anda sudah diteruskan ke petugas.');
    expect(st.text).not.toContain('<script>alert');
    const wrong = await status(app, { code: evil, secret: evil, aksi: 'cek' });
    expect(wrong.text).not.toContain('<script>alert');
    expect(wrong.text).not.toContain('<img src=x');
    // only the page's own script tag
    for (const t of [r.text, bad.text, st.text, wrong.text]) expect(t.match(/<script/g)).toHaveLength(1);
    // the API returns the text as JSON data, unchanged
    const inbox = await lebak.get('/api/v1/intake');
    const item = inbox.body.items.find((i: { code: string }) => i.code === code);
    const full = await lebak.get(`/api/v1/intake/${item.id}`);
    expect(full.headers.get('content-type')).toMatch(/^application\/json/);
    expect(full.body).toMatchObject({ description: evil, placeText: evil, reporterName: evil });
    expect(full.body.messages.map((m: { body: string }) => m.body)).toContain(evil);
  });

  it('garbage in every field is answered with the form and messages, never a server error', async () => {
    const junk = '\u0000\u0007\uFFFD\uD83D ☠ '.repeat(50);
    const fields: Fields = {};
    for (const k of [
      'reporterType',
      'reporterName',
      'victimSex',
      'victimAgeGroup',
      'forms',
      'description',
      'prov',
      'kab',
      'kec',
      'placeText',
      'occurredWhen',
      'dangerNow',
      'contactMethod',
      'contactPhone',
      'safeTimes',
      'consentContact',
      'submissionToken',
      'website',
      'lang',
      'judul',
      '_pilih_x',
      'tidak_dikenal',
    ])
      fields[k] = junk;
    const r = await post(app, '/lapor', fields);
    expect(r.status).toBe(400);
    expect(r.text).toContain('class="summary"');
    expect(r.text).toContain('Formulir perlu dikirim sekali lagi');
    // a long account is refused politely, next to the field
    const long = await submit(app, valid({ description: 'a'.repeat(5001) }));
    expect(long.status).toBe(400);
    expect(long.text).toContain('<p class="err" id="e-description">Terlalu panjang.</p>');
    // bytes that are not UTF-8, and a broken multipart body
    const bytes = await app.request('/lapor', {
      method: 'POST',
      body: new Uint8Array([0x72, 0x3d, 0xff, 0xfe, 0x26, 0x25, 0x80]),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(bytes.status).toBe(400);
    const multi = await app.request('/lapor', {
      method: 'POST',
      body: '--x\r\nrusak',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
    });
    expect([400, 415]).toContain(multi.status);
    expect(await multi.text()).toContain('<html lang="id">');
    // garbage in the optional text fields of a valid report: stored
    const ok = await submit(
      app,
      valid({ reporterName: junk.slice(0, 90), placeText: junk.slice(0, 290), website: junk }),
    );
    expect(ok.status).toBe(200);
  });

  it('a filled honeypot stores the report, marked as suspected spam, and says nothing to the sender', async () => {
    const r = await submit(appFrom('10.20.0.2'), valid({ website: 'http://spam.example' }));
    expect(r.status).toBe(200);
    const code = textOf(r.text, 'kode')!;
    const spam = await lebak.get('/api/v1/intake?spam=1&pageSize=100');
    expect(spam.body.items.find((i: { code: string }) => i.code === code)).toMatchObject({
      suspectedSpam: true,
    });
  });

  it('the status page: the state in plain words with the right secret, one message for anything wrong', async () => {
    const a = appFrom('10.20.0.3');
    const r = await submit(a, valid());
    const code = textOf(r.text, 'kode')!;
    const secret = textOf(r.text, 'rahasia')!;
    const form = await get(a, '/lapor/status');
    expect(form.status).toBe(200);
    expect(form.text).toContain('<label for="f-code">Kode tindak lanjut</label>');
    const ok = await status(a, {
      code: code.toLowerCase().replace('-', ' '),
      secret,
      aksi: 'cek',
    });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Diterima — laporan Anda sudah masuk dan menunggu petugas.');
    expect(ok.text).not.toContain('Anak tetangga'); // nothing of the report itself
    const wrongSecret = await status(a, { code, secret: 'SALAHSALAH', aksi: 'cek' });
    const wrongCode = await status(a, { code: 'AAAA-AAAA', secret, aksi: 'cek' });
    const empty = await status(a, { aksi: 'cek' });
    for (const w of [wrongSecret, wrongCode, empty]) {
      expect(w.status).toBe(404);
      expect(w.text).toContain('Kode tindak lanjut atau nomor rahasia tidak cocok.');
      expect(w.text).not.toContain('Diterima —');
    }
    // an officer takes it up: the reporter sees it being handled
    const item = (await lebak.get('/api/v1/intake')).body.items.find(
      (i: { code: string }) => i.code === code,
    );
    await lebak.patch(`/api/v1/intake/${item.id}`, { version: item.version, risk: 'sedang' });
    const later = await status(a, { code, secret, aksi: 'cek', lang: 'en' });
    expect(later.text).toContain('Being handled — officers are following up your report.');
    const emptyAdd = await answer(a, (await status(a, { code, secret, aksi: 'cek' })).text, '  ');
    expect(emptyAdd.status).toBe(200);
    expect(emptyAdd.text).toContain('Wajib diisi.');
    expect(emptyAdd.text).not.toContain('Terima kasih, pesan Anda');
    // many attempts from one address: a clear "wait" page
    let last = { status: 0, text: '' };
    for (let i = 0; i < 25 && last.status !== 429; i++)
      last = await status(a, { code, secret: `SALAH${i}`, aksi: 'cek' });
    expect(last.status).toBe(429);
    expect(last.text).toContain('Terlalu banyak percobaan.');
  });

  it('/layanan lists the service points of a kab/kota, step by step or by ?wilayah=', async () => {
    const start = await get(app, '/layanan');
    expect(start.status).toBe(200);
    expect(start.text).toContain('<option value="36">Banten</option>');
    const step = await get(app, '/layanan?prov=36');
    expect(step.text).toContain('<option value="36.02">Kabupaten Lebak</option>');
    const r = await get(app, '/layanan?wilayah=36.02');
    expect(r.status).toBe(200);
    expect(r.text).toContain('Tempat layanan di Kabupaten Lebak');
    expect(r.text).toContain('Dinas PPPA Kabupaten Lebak');
    expect(r.text).toContain('<dt>Layanan</dt><dd>Unit PPA Polres/Polda</dd>');
    // the directory's services and opening hours (demo data), or advice to call when unknown
    expect(r.text).toMatch(/<dt>Layanan yang tersedia<\/dt><dd>[^<]*Visum et repertum/);
    expect(r.text).toMatch(/<dt>Jam layanan<\/dt><dd>Senin/);
    expect(r.text).not.toContain('Kota Serang</h2>');
    expect((await get(app, '/layanan?wilayah=99.99')).status).toBe(404);
    expect((await get(app, '/layanan?wilayah=%3Cscript%3E')).text).not.toContain('<script>alert');
    expect((await get(app, '/layanan?wilayah=36.02&lang=en')).text).toContain('Services offered');
  });

  it('a 50 MB body gets a clear 413 page; a wrong content type a clear 415 page', async () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    const variants: Record<string, string>[] = [
      { 'content-type': 'application/x-www-form-urlencoded' },
      { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(big.byteLength) },
    ];
    for (const headers of variants) {
      const r = await app.request('/lapor', { method: 'POST', body: big, headers });
      expect(r.status).toBe(413);
      const text = await r.text();
      expect(text).toContain('<h1>Isian terlalu besar</h1>');
      expectSafeHeaders(r.headers, '413 page');
    }
    for (const ct of ['application/json', 'text/plain', '']) {
      const r = await app.request('/lapor', {
        method: 'POST',
        body: '{"reporterType":"korban"}',
        headers: ct ? { 'content-type': ct } : {},
      });
      expect(r.status, ct).toBe(415);
      expect(await r.text()).toContain('<h1>Permintaan tidak dapat dibaca</h1>');
      expectSafeHeaders(r.headers, `415 page (${ct})`);
    }
    const st = await app.request('/lapor/status', {
      method: 'POST',
      body: 'code=x',
      headers: { 'content-type': 'text/xml' },
    });
    expect(st.status).toBe(415);
  });

  it('every public page: no-store, no referrer, its own strict CSP, no cookie; unknown pages are 404 pages', async () => {
    const pages = [
      await get(app, '/lapor'),
      await get(app, '/lapor/status'),
      await get(app, '/layanan?wilayah=36.02'),
      await get(app, '/lapor/wilayah?parent=36'),
      await submit(app, valid()),
      await post(app, '/lapor', { submissionToken: token() }),
      await post(app, '/lapor', valid()),
      await status(app, { code: 'x', secret: 'y' }),
      await get(app, '/lapor/terkirim/tidak-ada-xxxxxxxxxxxx'),
      await get(app, '/lapor/tidak-ada'),
    ];
    for (const [i, p] of pages.entries()) expectSafeHeaders(p.headers, `page ${i}`);
    expect(pages.at(-1)!.status).toBe(404);
    expect(pages.at(-1)!.text).toContain('Halaman tidak ditemukan');
    // the staff pages keep their own policy
    const staff = await app.request('/api/v1/auth/me');
    expect(staff.headers.get('content-security-policy')).toContain("default-src 'self'");
  });

  it('each whole page weighs at most 14 KB compressed, CSS and script included (nothing else is loaded)', async () => {
    const r = await submit(app, valid({ dangerNow: 'ya' }));
    const pages = {
      form: (await get(app, '/lapor')).text,
      formAfterRegionSteps: (await post(app, '/lapor', { _pilih: 'kab', prov: '36', kab: '36.02' })).text,
      formWithErrors: (await post(app, '/lapor', { submissionToken: token() })).text,
      received: r.text,
      status: (await get(app, '/lapor/status')).text,
      services: (await get(app, '/layanan?wilayah=36.02')).text,
    };
    for (const [name, html] of Object.entries(pages)) {
      // no linked stylesheet, script, image or font: the page is all there is
      expect(html, name).not.toMatch(/<link[^>]+rel="stylesheet"|<script[^>]+src=|<img |@import|url\(/);
      const size = gzipSync(Buffer.from(html)).byteLength;
      expect(size, `${name}: ${size} bytes gzip`).toBeLessThanOrEqual(14 * 1024);
    }
  });

  it('1,000 submissions from one address in a minute: all stored, the later ones flagged and slowed', {
    timeout: 300_000,
  }, async () => {
    const flood = appFrom('10.66.6.6');
    sleeps.length = 0;
    const codes: string[] = [];
    const t0 = Date.now();
    for (let i = 0; i < 1000; i++) {
      const r = await submit(
        flood,
        valid({ kab: '36.73', kec: '', description: `Banjir ${i}`, dangerNow: 'tidak' }),
      );
      if (r.status !== 200) throw new Error(`submission ${i}: ${r.status} ${r.text.slice(0, 200)}`);
      codes.push(textOf(r.text, 'kode')!);
    }
    const elapsed = Date.now() - t0;
    expect(new Set(codes).size).toBe(1000);
    const rows = await h.svc.conn.db
      .selectFrom('intake')
      .select(['code', 'suspected_spam'])
      .where('code', 'in', codes)
      .execute();
    expect(rows).toHaveLength(1000);
    const flagged = new Map(rows.map((x) => [x.code, x.suspected_spam]));
    expect(codes.slice(0, 5).map((c) => flagged.get(c))).toEqual([false, false, false, false, false]);
    expect(codes.slice(5).every((c) => flagged.get(c) === true)).toBe(true);
    // every flagged submission waited before it was answered, longer as the flood went on (capped)
    expect(sleeps).toHaveLength(995);
    expect(sleeps[0]).toBeGreaterThan(0);
    expect(sleeps.at(-1)).toBeGreaterThanOrEqual(sleeps[0]!);
    expect(Math.max(...sleeps)).toBeLessThanOrEqual(5000);
    // they show up in the Serang inbox as suspected spam
    const serang = await h.as('pengaduan@serang.demo');
    const spam = await serang.get('/api/v1/intake?spam=1&pageSize=100');
    expect(spam.body.items.length).toBe(100);
    expect(spam.body.items.every((i: { suspectedSpam: boolean }) => i.suspectedSpam)).toBe(true);
    console.log(`[portal flood] 1,000 submissions in ${elapsed} ms on ${engine}`);
  });
});
