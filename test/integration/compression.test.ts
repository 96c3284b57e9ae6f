/**
 * What a browser receives from the real server, measured on the wire through a TCP socket
 * (bench/wire.ts, the same measure as `npm run bench`): the public pages compressed and within
 * 14 KB with everything they load, for a browser (br) and a gzip-only browser; the built web app
 * sent pre-compressed with its caching; API answers compressed only for Simpul's own pages.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { getProvinces } from 'idn-area-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BROWSER_ACCEPT_ENCODING,
  fetchOnWire,
  GZIP_ONLY,
  loadPage,
  PUBLIC_PAGE_BUDGET,
} from '../../bench/wire.ts';
import { precompressDir } from '../../scripts/precompress.ts';
import { pngBytes } from '../helpers/files.ts';
import { createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

const PAGES: Array<[string, string]> = [
  ['/lapor', 'Lapor kekerasan'],
  ['/lapor?lang=en', 'Report violence'],
  ['/lapor/status', 'Cek laporan'],
  ['/layanan', 'Tempat layanan'],
  ['/gabung', 'Bergabung dengan jejaring layanan'],
  ['/verifikasi', 'Periksa keaslian surat rujukan atau sertifikat'],
];
const CODINGS: Array<[string, string]> = [
  [BROWSER_ACCEPT_ENCODING, 'br'],
  [GZIP_ONLY, 'gzip'],
];

/** A small stand-in for web/dist: an app script and stylesheet, the shell, icons; pre-compressed as the build does. */
function fakeDist(): { dir: string; script: string } {
  const dir = mkdtempSync(join(tmpdir(), 'simpul-dist-'));
  mkdirSync(join(dir, 'assets'));
  const script = Array.from(
    { length: 200 },
    (_, i) => `export const pesan${i} = "Pengaduan nomor ${i} sudah diterima";`,
  ).join('\n');
  writeFileSync(join(dir, 'assets/app-T3st.js'), script);
  writeFileSync(join(dir, 'assets/app-T3st.css'), 'body{font:16px system-ui}\n'.repeat(80));
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><html lang="id"><head><script type="module" src="/assets/app-T3st.js"></script><link rel="stylesheet" href="/assets/app-T3st.css"></head><body><div id="app"></div></body></html>',
  );
  writeFileSync(join(dir, 'icon.png'), pngBytes('x'.repeat(3000)));
  precompressDir(dir);
  return { dir, script };
}

describe.each(ENGINES)('compression on the wire on %s', (engine) => {
  let h: Harness;
  let server: Server;
  let base: string;
  let dist: { dir: string; script: string };

  beforeAll(async () => {
    dist = fakeDist();
    h = await createHarness(engine, { app: { webDist: dist.dir } });
    // all 38 provinces, as in production, so the province list has its real length
    await h.svc.conn.db
      .insertInto('region')
      .values(
        (await getProvinces()).map((p) => ({ code: p.code, parent_code: null, level: 1, name: p.name })),
      )
      .onConflict((oc) => oc.column('code').doNothing())
      .execute();
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    if (server) await new Promise((r) => server.close(r));
    await h?.close();
    if (dist) rmSync(dist.dir, { recursive: true, force: true });
  });

  for (const [ae, coding] of CODINGS)
    it(`every public page reaches a browser asking "${ae}" as ${coding}, within 14 KB with everything it loads`, async () => {
      for (const [path, heading] of PAGES) {
        const load = await loadPage(base, path, ae);
        const page = load.responses[0]!;
        expect(page.status, path).toBe(200);
        expect(page.headers['content-encoding'], `${path}: Content-Encoding`).toBe(coding);
        expect(page.headers.vary, `${path}: Vary`).toMatch(/accept-encoding/i);
        const html = page.body.toString('utf8');
        expect(html, `${path}: the whole page arrived`).toContain(`<h1>${heading}</h1>`);
        expect(html, path).toMatch(/<\/html>$/);
        expect(page.encodedBytes, `${path}: compressed to less than half`).toBeLessThan(page.body.length / 2);
        expect(
          load.total,
          `${path}: bytes on the wire (${load.responses.length} responses)`,
        ).toBeLessThanOrEqual(PUBLIC_PAGE_BUDGET);
      }
    });

  it('the form shown again with every error and with the region lists (no JavaScript) stays within 14 KB', async () => {
    for (const [ae, coding] of CODINGS) {
      const form = { 'content-type': 'application/x-www-form-urlencoded' };
      const errors = await fetchOnWire(base, '/lapor', {
        acceptEncoding: ae,
        method: 'POST',
        headers: form,
        body: 'description=',
      });
      expect(errors.status).toBe(400);
      expect(errors.headers['content-encoding']).toBe(coding);
      expect(errors.body.toString('utf8')).toContain('class="summary"');
      expect(errors.wireBytes).toBeLessThanOrEqual(PUBLIC_PAGE_BUDGET);
      const lists = await fetchOnWire(base, '/lapor', {
        acceptEncoding: ae,
        method: 'POST',
        headers: form,
        body: 'prov=36&kab=36.02&_pilih=kab',
      });
      expect(lists.status).toBe(200);
      expect(lists.body.toString('utf8')).toContain('Kabupaten Lebak');
      expect(lists.wireBytes).toBeLessThanOrEqual(PUBLIC_PAGE_BUDGET);
    }
  });

  it('a client that accepts neither gets the page as it is, and a HEAD answer has no body', async () => {
    const plain = await fetchOnWire(base, '/lapor', { acceptEncoding: null });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.toString('utf8')).toContain('<h1>Lapor kekerasan</h1>');
    const deflateOnly = await fetchOnWire(base, '/lapor', { acceptEncoding: 'deflate' });
    expect(deflateOnly.headers['content-encoding']).toBeUndefined();
    const head = await fetchOnWire(base, '/lapor', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.encodedBytes).toBe(0);
  });

  it('thirty browsers at once each get a complete compressed page', async () => {
    const all = await Promise.all(Array.from({ length: 30 }, () => fetchOnWire(base, '/lapor')));
    for (const r of all) {
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding']).toBe('br');
      expect(r.body.toString('utf8')).toMatch(/<h1>Lapor kekerasan<\/h1>[\s\S]*<\/html>$/);
    }
  });

  it('sends the built app pre-compressed, with its caching, and a missing build file as 404', async () => {
    const file = join(dist.dir, 'assets/app-T3st.js');
    for (const [ae, coding] of CODINGS) {
      const r = await fetchOnWire(base, '/assets/app-T3st.js', { acceptEncoding: ae });
      expect(r.status).toBe(200);
      expect(r.headers['content-encoding']).toBe(coding);
      // the file written at build time, not compressed again per request
      expect(r.encodedBytes).toBe(statSync(`${file}.${coding === 'br' ? 'br' : 'gz'}`).size);
      expect(Number(r.headers['content-length'])).toBe(r.encodedBytes);
      expect(r.headers['content-type']).toMatch(/^text\/javascript/);
      expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(r.headers.vary).toMatch(/accept-encoding/i);
      expect(r.body.toString('utf8')).toBe(dist.script);
    }
    const plain = await fetchOnWire(base, '/assets/app-T3st.js', { acceptEncoding: null });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    expect(plain.body.equals(readFileSync(file))).toBe(true);
    const css = await fetchOnWire(base, '/assets/app-T3st.css');
    expect(css.headers['content-encoding']).toBe('br');
    const png = await fetchOnWire(base, '/icon.png');
    expect(png.status).toBe(200);
    expect(png.headers['content-encoding']).toBeUndefined();
    const missing = await fetchOnWire(base, '/assets/app-Old1.js');
    expect(missing.status).toBe(404);
    expect(missing.headers['content-type']).toMatch(/^application\/json/);
  });

  it('compresses API answers given with a session only for the staff app’s own requests (BREACH)', async () => {
    const manajer = await h.as('manajer@lebak.demo');
    const session = { cookie: manajer.cookie! };
    const own = await fetchOnWire(base, '/api/v1/taxonomies', {
      headers: { ...session, 'x-requested-with': 'simpul', 'sec-fetch-site': 'same-origin' },
    });
    expect(own.status).toBe(200);
    expect(own.headers['content-encoding']).toBe('br');
    expect(own.wireBytes).toBeLessThan(own.body.length / 2);
    // a page elsewhere making the browser ask (cookie sent along, no custom header possible)
    const crossSite = await fetchOnWire(base, '/api/v1/taxonomies', {
      headers: { ...session, 'sec-fetch-site': 'cross-site' },
    });
    expect(crossSite.status).toBe(200);
    expect(crossSite.headers['content-encoding']).toBeUndefined();
    expect(crossSite.body.equals(own.body)).toBe(true);
    // no session, no personal data: the API description is compressed for anyone
    const doc = await fetchOnWire(base, '/api/v1/openapi.json', {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(doc.headers['content-encoding']).toBe('br');
    expect(JSON.parse(doc.body.toString('utf8')).openapi).toBe('3.1.0');
  });
});
