/**
 * Pre-compression of a built web app: for every text file (scripts, styles, HTML, SVG, the web
 * app manifest, JSON) writes `name.br` (brotli at its best quality) and `name.gz` (gzip -9) next
 * to it, unless the variant would not be smaller. The server sends the variant the browser
 * accepts (src/http/app.ts, serveStatic `precompressed`). Folders starting with a dot (Vite's
 * `.vite/manifest.json`) are skipped: they are not served.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TEXT = /\.(?:js|mjs|css|html|svg|webmanifest|json|txt|xml|map)$/;

/** Returns the files compressed, with their sizes: original, brotli, gzip (0 = not written). */
export function precompressDir(dir: string): Array<{ file: string; size: number; br: number; gz: number }> {
  const done: Array<{ file: string; size: number; br: number; gz: number }> = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      done.push(...precompressDir(p));
      continue;
    }
    if (!TEXT.test(name)) continue;
    const body = readFileSync(p);
    const br = brotliCompressSync(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
      },
    });
    const gz = gzipSync(body, { level: 9 });
    if (br.length < body.length) writeFileSync(`${p}.br`, br);
    if (gz.length < body.length) writeFileSync(`${p}.gz`, gz);
    done.push({
      file: p,
      size: body.length,
      br: br.length < body.length ? br.length : 0,
      gz: gz.length < body.length ? gz.length : 0,
    });
  }
  return done;
}
