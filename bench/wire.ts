/**
 * Bytes on the wire, as a browser receives them: real HTTP/1.1 requests over a TCP socket to a
 * running server, with the Accept-Encoding a browser sends, counting every byte the socket read
 * (status line, headers and the body as sent, compressed or not). Used by `npm run bench` and by
 * the tests that hold the public pages to their budget, so both measure the same thing.
 *
 * `loadPage` follows what a browser loads for a page: scripts, stylesheets, module preloads, the
 * web app manifest, icons and images named in the HTML (not `data:` URLs, which cost nothing
 * more), plus any further files the caller names (a screen's code chunks).
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';

/** What Chromium sends on a page load. */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';
export const GZIP_ONLY = 'gzip';
/** The public pages' budget: the first round trip of a new TCP connection. */
export const PUBLIC_PAGE_BUDGET = 14 * 1024;
/** The staff app's sign-in + home. */
export const STAFF_APP_BUDGET = 60 * 1024;

export type WireResponse = {
  path: string;
  status: number;
  headers: Record<string, string>;
  /** every byte the socket received for this response */
  wireBytes: number;
  /** the body as sent (compressed when Content-Encoding says so) */
  encodedBytes: number;
  /** the body after undoing Content-Encoding */
  body: Buffer;
};

export type WireRequest = {
  acceptEncoding?: string | null;
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
};

/** One request on its own connection (Connection: close), so the socket's byte count is this response's. */
export function fetchOnWire(base: string, path: string, opts: WireRequest = {}): Promise<WireResponse> {
  const u = new URL(path, base);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(u.port), u.hostname);
    const headers: Record<string, string> = {
      host: u.host,
      connection: 'close',
      'user-agent': 'simpul-wire/1',
      ...opts.headers,
    };
    if (opts.acceptEncoding !== null)
      headers['accept-encoding'] = opts.acceptEncoding ?? BROWSER_ACCEPT_ENCODING;
    if (opts.body !== undefined) headers['content-length'] = String(Buffer.byteLength(opts.body));
    const req = request({
      method: opts.method ?? 'GET',
      path: u.pathname + u.search,
      headers,
      createConnection: () => socket,
    });
    req.on('error', reject);
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('error', reject);
      res.on('end', () => {
        const finish = () => {
          const encoded = Buffer.concat(chunks);
          const h: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined) h[k] = Array.isArray(v) ? v.join(', ') : v;
          let coding = (h['content-encoding'] ?? '').trim().toLowerCase();
          let body = encoded;
          // a HEAD answer names the coding of a body it does not send
          if (opts.method === 'HEAD') coding = '';
          try {
            if (coding === 'br') body = brotliDecompressSync(encoded);
            else if (coding === 'gzip') body = gunzipSync(encoded);
            else if (coding && coding !== 'identity')
              throw new Error(`unexpected Content-Encoding ${coding}`);
          } catch (e) {
            reject(new Error(`${path}: body does not decode as ${coding}: ${(e as Error).message}`));
            return;
          }
          resolve({
            path,
            status: res.statusCode ?? 0,
            headers: h,
            wireBytes: socket.bytesRead,
            encodedBytes: encoded.length,
            body,
          });
        };
        if (socket.destroyed) finish();
        else socket.once('close', finish);
      });
    });
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

export type PageLoad = {
  path: string;
  acceptEncoding: string;
  responses: WireResponse[];
  /** sum of wireBytes */
  total: number;
};

/** The URLs a browser fetches for the HTML itself (same origin only; `data:` skipped). */
export function subresources(html: string): string[] {
  const out: string[] = [];
  const attr = (tag: string, name: string) =>
    new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
      .exec(tag)
      ?.slice(1)
      .find(Boolean);
  for (const m of html.matchAll(/<(script|link|img)\b[^>]*>/gi)) {
    const tag = m[0];
    const kind = m[1]!.toLowerCase();
    let url: string | undefined;
    if (kind === 'script' || kind === 'img') url = attr(tag, 'src');
    else {
      const rel = (attr(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
      // apple-touch-icon is fetched only when saving to an iOS home screen
      if (rel.some((r) => ['stylesheet', 'modulepreload', 'manifest', 'icon', 'preload'].includes(r)))
        url = attr(tag, 'href');
    }
    if (url && !/^(?:data:|[a-z]+:\/\/|\/\/)/i.test(url) && !out.includes(url)) out.push(url);
  }
  return out;
}

/** A page and everything its HTML makes the browser load, plus `extra` paths (screen code). */
export async function loadPage(
  base: string,
  path: string,
  acceptEncoding: string,
  extra: string[] = [],
  headers: Record<string, string> = {},
): Promise<PageLoad> {
  const page = await fetchOnWire(base, path, { acceptEncoding, headers });
  const responses = [page];
  const seen = new Set([path]);
  for (const p of [...subresources(page.body.toString('utf8')), ...extra]) {
    const abs = new URL(p, new URL(path, base)).pathname;
    if (seen.has(abs)) continue;
    seen.add(abs);
    responses.push(await fetchOnWire(base, abs, { acceptEncoding, headers }));
  }
  return { path, acceptEncoding, responses, total: responses.reduce((n, r) => n + r.wireBytes, 0) };
}

export const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
