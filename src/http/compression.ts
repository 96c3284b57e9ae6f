/**
 * Compression of the server's own text responses (pages, JSON, the SPA shell), negotiated from
 * Accept-Encoding: brotli preferred, then gzip, else identity. Node's zlib does the work
 * (hono/compress has no brotli in the installed Hono 4.13, honojs/hono#3543). The built web app
 * is compressed at build time instead (scripts/build-web.ts); its files arrive here already
 * carrying Content-Encoding and pass through.
 *
 * Not compressed: bodies under 1 KB, types that are compressed already (images, PDFs, archives),
 * downloads (any Content-Disposition: attachments, documents, letters, media), `no-transform`,
 * HEAD/204/206/304, and — against BREACH — answers given with a staff session to a request that
 * did not come from Simpul's own pages (decision 011).
 */
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { parseAccept } from 'hono/utils/accept';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/utils/compress';
import type { AppEnv } from './context.ts';

export type Encoding = 'br' | 'gzip';

/** Smaller bodies fit in one packet either way; compressing them only costs time. */
export const COMPRESSION_THRESHOLD = 1024;
/** Larger bodies are not buffered for compression (none of the server's own text is this big). */
const MAX_BUFFERED = 8 * 1024 * 1024;

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/**
 * The coding to use for an Accept-Encoding header: the highest q among br and gzip (a `*`
 * counts for whichever is not named), br on a tie; null when neither is acceptable.
 */
export function negotiateEncoding(header: string | undefined | null): Encoding | null {
  if (!header) return null;
  const accepts = parseAccept(header);
  const q = (name: Encoding) =>
    accepts.find((a) => a.type.toLowerCase() === name)?.q ?? accepts.find((a) => a.type === '*')?.q ?? 0;
  const br = q('br');
  const gzipQ = q('gzip');
  if (br <= 0 && gzipQ <= 0) return null;
  return br >= gzipQ ? 'br' : 'gzip';
}

export function isCompressibleType(contentType: string | null | undefined): boolean {
  return !!contentType && COMPRESSIBLE_CONTENT_TYPE_REGEX.test(contentType);
}

/** Brotli at quality 5: within ~5 % of the best on these pages at a fraction of a millisecond. */
export function compressBody(body: Uint8Array, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 5,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.byteLength,
        },
      })
    : gz(body, { level: 6 });
}

/**
 * BREACH needs an attacker's page to make the browser send many requests whose answers hold
 * the same secret next to text the attacker chose. Answers given with a staff session (personal
 * data) are compressed only when the request provably comes from Simpul's own pages: the
 * `X-Requested-With: simpul` header the staff app sends on every call (a cross-site page cannot
 * set it without CORS, which Simpul never allows) or the browser's `Sec-Fetch-Site` saying
 * same-origin or user-typed.
 */
function fromOwnPages(c: Context<AppEnv>): boolean {
  if (c.req.header('x-requested-with') === 'simpul') return true;
  const site = c.req.header('sec-fetch-site');
  return site === 'same-origin' || site === 'none';
}

const varies = (v: string | null) => !!v && (v === '*' || /(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(v));

export function compression(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const res = c.res;
    if (!isCompressibleType(res.headers.get('content-type'))) return;
    // the representation depends on Accept-Encoding, whether or not this one is compressed
    const vary = res.headers.get('vary');
    if (!varies(vary)) res.headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    if (
      res.headers.has('content-encoding') ||
      res.headers.has('content-disposition') ||
      res.status === 204 ||
      res.status === 206 ||
      res.status === 304 ||
      c.req.method === 'HEAD' ||
      !res.body ||
      /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('cache-control') ?? '')
    )
      return;
    const declared = Number(res.headers.get('content-length') ?? Number.NaN);
    if (declared < COMPRESSION_THRESHOLD || declared > MAX_BUFFERED) return;
    if (c.get('sessionId') && !fromOwnPages(c)) return;
    const encoding = negotiateEncoding(c.req.header('accept-encoding'));
    if (!encoding) return;
    const body = new Uint8Array(await res.arrayBuffer());
    let out: Uint8Array<ArrayBuffer> = body;
    if (body.byteLength >= COMPRESSION_THRESHOLD) {
      const packed = await compressBody(body, encoding);
      if (packed.byteLength < body.byteLength)
        out = new Uint8Array(packed.buffer as ArrayBuffer, packed.byteOffset, packed.byteLength);
    }
    c.res = new Response(out, res);
    // set after the assignment: Hono copies the old response's headers (Content-Length) onto the new one
    if (out !== body) {
      c.res.headers.set('content-encoding', encoding);
      const etag = c.res.headers.get('etag');
      if (etag && !etag.startsWith('W/')) c.res.headers.set('etag', `W/${etag}`);
    }
    c.res.headers.set('content-length', String(out.byteLength));
  };
}
