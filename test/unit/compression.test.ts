/**
 * The compression middleware's choices (src/http/compression.ts) on a tiny app, and the paths
 * the staff app's service worker must leave to the server (src/domain/public-paths.ts).
 * What a browser receives from the real server is tested in test/integration/compression.test.ts.
 */
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { isPublicPage, publicPageCased, serverOnlyPatterns } from '../../src/domain/public-paths.ts';
import { compression, negotiateEncoding } from '../../src/http/compression.ts';
import type { AppEnv } from '../../src/http/context.ts';

const TEXT = 'Pengaduan diterima dan sedang ditangani oleh UPTD PPA. '.repeat(100); // ~5.6 KB

function app() {
  const a = new Hono<AppEnv>();
  a.use('*', compression());
  a.use('*', async (c, next) => {
    c.set('sessionId', c.req.header('x-test-session') ?? null);
    await next();
  });
  a.get('/page', (c) => c.html(`<p>${TEXT}</p>`));
  a.get('/json', (c) => c.json({ text: TEXT }));
  a.get('/tiny', (c) => c.json({ status: 'ok' }));
  a.get('/download', (c) =>
    c.body(TEXT, 200, {
      'content-type': 'text/plain',
      'content-disposition': 'attachment; filename="a.txt"',
    }),
  );
  a.get('/no-transform', (c) =>
    c.body(TEXT, 200, { 'content-type': 'text/plain', 'cache-control': 'no-transform' }),
  );
  a.get('/png', (c) => c.body(new TextEncoder().encode(TEXT), 200, { 'content-type': 'image/png' }));
  a.get('/events', (c) => c.body(TEXT, 200, { 'content-type': 'text/event-stream' }));
  a.get('/etag', (c) => c.body(TEXT, 200, { 'content-type': 'text/plain', etag: '"abc"' }));
  return a;
}

const get = (path: string, headers: Record<string, string> = {}) => app().request(path, { headers });

async function unpacked(r: Response): Promise<string> {
  const raw = Buffer.from(await r.arrayBuffer());
  const enc = r.headers.get('content-encoding');
  if (enc === 'br') return brotliDecompressSync(raw).toString('utf8');
  if (enc === 'gzip') return gunzipSync(raw).toString('utf8');
  return raw.toString('utf8');
}

describe('negotiating the coding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br', 'br'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=0.9, br;q=0.5', 'gzip'],
    ['gzip;q=0.5, br;q=0.5', 'br'],
    ['*', 'br'],
    ['*;q=0.2, br;q=0', 'gzip'],
    ['deflate', null],
    ['identity', null],
    ['gzip;q=0, br;q=0', null],
    ['', null],
  ])('Accept-Encoding %j → %s', (header, expected) => {
    expect(negotiateEncoding(header)).toBe(expected);
  });
});

describe('the compression middleware', () => {
  it('sends a page as brotli to a browser, gzip to a gzip-only one and as is to one that asks for neither', async () => {
    const br = await get('/page', { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(Number(br.headers.get('content-length'))).toBeLessThan(TEXT.length / 5);
    expect(await unpacked(br)).toBe(`<p>${TEXT}</p>`);

    const gz = await get('/page', { 'accept-encoding': 'gzip' });
    expect(gz.headers.get('content-encoding')).toBe('gzip');
    expect(await unpacked(gz)).toBe(`<p>${TEXT}</p>`);

    const plain = await get('/page');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(await plain.text()).toBe(`<p>${TEXT}</p>`);
  });

  it('leaves alone tiny bodies, downloads, no-transform, images and event streams', async () => {
    for (const path of ['/tiny', '/download', '/no-transform', '/png', '/events']) {
      const r = await get(path, { 'accept-encoding': 'gzip, deflate, br' });
      expect(r.headers.get('content-encoding'), path).toBeNull();
    }
    const dl = await get('/download', { 'accept-encoding': 'br' });
    expect(await dl.text()).toBe(TEXT);
  });

  it('weakens a strong ETag of a compressed body', async () => {
    const r = await get('/etag', { 'accept-encoding': 'br' });
    expect(r.headers.get('content-encoding')).toBe('br');
    expect(r.headers.get('etag')).toBe('W/"abc"');
  });

  it('compresses answers given with a session only for requests from Simpul’s own pages (BREACH)', async () => {
    const session = { 'x-test-session': 's1', 'accept-encoding': 'gzip, deflate, br' };
    const crossSite = await get('/json', { ...session, 'sec-fetch-site': 'cross-site' });
    expect(crossSite.headers.get('content-encoding')).toBeNull();
    const noMarker = await get('/json', session);
    expect(noMarker.headers.get('content-encoding')).toBeNull();
    const staffApp = await get('/json', { ...session, 'x-requested-with': 'simpul' });
    expect(staffApp.headers.get('content-encoding')).toBe('br');
    expect(JSON.parse(await unpacked(staffApp)).text).toBe(TEXT);
    const sameOrigin = await get('/json', { ...session, 'sec-fetch-site': 'same-origin' });
    expect(sameOrigin.headers.get('content-encoding')).toBe('br');
    // without a session there is nothing to steal: compressed whoever asks
    const anon = await get('/json', { 'accept-encoding': 'br', 'sec-fetch-site': 'cross-site' });
    expect(anon.headers.get('content-encoding')).toBe('br');
  });
});

describe('paths the staff app does not own', () => {
  it('knows the public pages and nothing that merely starts like them', () => {
    for (const p of ['/lapor', '/lapor/status', '/layanan', '/gabung', '/verifikasi'])
      expect(isPublicPage(p), p).toBe(true);
    for (const p of ['/laporan', '/', '/masuk', '/kasus', '/layananx'])
      expect(isPublicPage(p), p).toBe(false);
  });

  it('gives the service worker patterns that match them with or without a query string', () => {
    const denied = (s: string) => serverOnlyPatterns().some((r) => r.test(s));
    for (const s of [
      '/lapor',
      '/lapor?lang=en',
      '/lapor/status',
      '/layanan?prov=36',
      '/gabung',
      '/verifikasi?kode=ABCD',
      '/api/v1/auth/me',
      '/webhooks/whatsapp',
      '/healthz',
    ])
      expect(denied(s), s).toBe(true);
    for (const s of ['/', '/masuk?next=%2Fkasus', '/kasus/1', '/laporan', '/pengaduan'])
      expect(denied(s), s).toBe(false);
    // typed with capitals they are still the server's (it sends them on to the lower-case page)
    for (const s of ['/Lapor', '/LAPOR/status', '/Layanan?prov=36']) expect(denied(s), s).toBe(true);
  });

  it('gives the lower-case public page for one typed with capitals, keeping the rest as typed', () => {
    expect(publicPageCased('/Lapor')).toBe('/lapor');
    expect(publicPageCased('/LAPOR/terkirim/AbC-x')).toBe('/lapor/terkirim/AbC-x');
    expect(publicPageCased('/lapor')).toBeNull();
    expect(publicPageCased('/Kasus/1')).toBeNull();
    expect(publicPageCased('/Laporan')).toBeNull();
  });
});
