/**
 * NUL characters (U+0000) never reach a route: PostgreSQL `text` and `jsonb` cannot hold them
 * (the insert fails, which was a 500), and no person types one. One middleware refuses them in
 * the path and the query string of every request, and in every string and key of a JSON body
 * sent to the API, with 400 VALIDATION_FAILED and the field code `invalid_characters` on the
 * parameter or field. Form bodies (the public pages, uploads) are checked by the schema helpers
 * (`text()`, `reqText()` in src/domain/schemas.ts) and the upload route.
 */
import type { Context, Next } from 'hono';
import type { AppEnv } from './context.ts';
import { errorResponse } from './errors.ts';

const NUL = '\u0000';

/** The query parameter (or `_path`) that holds a NUL, or null. */
export function nulInUrl(url: string): string | null {
  const q = url.indexOf('?');
  const path = q < 0 ? url : url.slice(0, q);
  if (/%00/i.test(path) || path.includes(NUL)) return '_path';
  if (q < 0) return null;
  for (const [k, v] of new URLSearchParams(url.slice(q + 1))) {
    if (k.includes(NUL)) return '_query';
    if (v.includes(NUL)) return k;
  }
  return null;
}

/**
 * The path (`persons.0.name`, as validation errors name fields) of the first string or key of a
 * JSON document that holds a NUL, or null. A key with a NUL is reported at its parent.
 */
export function nulInJson(text: string): string | null {
  // the common case costs one scan: JSON can only carry a NUL as the escape \u0000
  if (!/\\u0000/i.test(text)) return null;
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null; // malformed: the route's parser answers MALFORMED_JSON
  }
  const walk = (v: unknown, path: string[]): string | null => {
    const at = () => path.join('.') || '_';
    if (typeof v === 'string') return v.includes(NUL) ? at() : null;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const found = walk(v[i], [...path, String(i)]);
        if (found) return found;
      }
      return null;
    }
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k.includes(NUL)) return at();
        const found = walk(x, [...path, k]);
        if (found) return found;
      }
    }
    return null;
  };
  return walk(doc, []);
}

/** Refuses a NUL in the path or query string of any request. */
export async function refuseNulInUrl(c: Context<AppEnv>, next: Next) {
  const field = nulInUrl(c.req.url);
  if (field) {
    c.header('cache-control', 'no-store');
    return errorResponse(c, 'VALIDATION_FAILED', { [field]: 'invalid_characters' });
  }
  return next();
}
