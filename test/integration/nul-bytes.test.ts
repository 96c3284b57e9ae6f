/**
 * A NUL character (U+0000) anywhere a client can put one — a path segment, a query parameter,
 * any string or key of a JSON body, an upload's file name or field name, a public form's field —
 * is refused with 400 and the field code `invalid_characters`, never a 500 and never stored.
 * Every operation of the OpenAPI document is tried, every declared parameter and every string
 * field of its request body one at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createHarness, ENGINES, type Harness, type Res } from '../helpers/harness.ts';

const NUL = 'a\u0000b';
const SOME_ID = '00000000-0000-4000-8000-000000000000';

// biome-ignore lint/suspicious/noExplicitAny: the OpenAPI document is walked as plain JSON
type Json = any;

/** Paths (as validation errors name them) of every string a request body schema accepts. */
function stringLeaves(doc: Json, schema: Json, path: string[] = [], seen = new Set<Json>()): string[][] {
  let s = schema;
  while (s?.$ref) s = doc.components.schemas[String(s.$ref).split('/').pop()!];
  if (!s || seen.has(s)) return [];
  const inner = new Set(seen).add(s);
  const alts = (s.anyOf ?? s.oneOf ?? s.allOf) as Json[] | undefined;
  if (alts) {
    const all = alts.flatMap((a) => stringLeaves(doc, a, path, inner));
    return [...new Map(all.map((p) => [p.join('.'), p])).values()];
  }
  if (s.type === 'string' || (Array.isArray(s.type) && s.type.includes('string'))) return [path];
  if (s.type === 'array' && s.items) return stringLeaves(doc, s.items, [...path, '0'], inner);
  if (s.properties)
    return Object.entries(s.properties).flatMap(([k, v]) => stringLeaves(doc, v, [...path, k], inner));
  return [];
}

/** A body holding NUL at `path` and nothing else. */
function bodyWithNul(path: string[]): Json {
  if (path.length === 0) return NUL;
  const [head, ...rest] = path;
  if (/^\d+$/.test(head!)) return [bodyWithNul(rest)];
  return { [head!]: bodyWithNul(rest) };
}

function expectRefused(r: Res, field: string, what: string) {
  expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(400);
  expect(r.body.error.code, what).toBe('VALIDATION_FAILED');
  expect(r.body.error.fieldCodes?.[field], `${what}: ${JSON.stringify(r.body.error.fieldCodes)}`).toBe(
    'invalid_characters',
  );
  // the message names the problem in the caller's language, Indonesian first
  expect(r.body.error.fields[field]).toMatch(/karakter/i);
}

describe.each(ENGINES)('NUL characters on %s', (engine) => {
  let h: Harness;
  let manajer: Client;
  let doc: Json;

  beforeAll(async () => {
    h = await createHarness(engine);
    manajer = await h.as('manajer@lebak.demo');
    doc = (await manajer.get('/api/v1/openapi.json')).body;
  });
  afterAll(async () => h?.close());

  const operations = () =>
    Object.entries<Json>(doc.paths).flatMap(([path, item]) =>
      Object.entries<Json>(item).map(([method, op]) => ({ path, method: method.toUpperCase(), op })),
    );

  it('every operation of the OpenAPI document refuses NUL in each path parameter, query parameter and body string', async () => {
    const ops = operations();
    expect(ops.length).toBeGreaterThan(100);
    let tried = 0;
    for (const { path, method, op } of ops) {
      const params = (op.parameters ?? []) as Json[];
      const url = (nulIn?: string) =>
        path.replace(/\{(\w+)\}/g, (_m, name) => (name === nulIn ? 'a%00b' : SOME_ID));
      const what = (x: string) => `${method} ${path} ${x}`;
      // an undeclared parameter too: nothing reads it, the guard still refuses it
      expectRefused(await manajer.req(method, `${url()}?zz=a%00b`), 'zz', what('query zz'));
      tried++;
      for (const p of params) {
        if (p.in === 'path') {
          expectRefused(await manajer.req(method, url(p.name)), '_path', what(`path ${p.name}`));
          tried++;
        } else if (p.in === 'query') {
          const q = `${encodeURIComponent(p.name)}=a%00b`;
          expectRefused(await manajer.req(method, `${url()}?${q}`), p.name, what(`query ${p.name}`));
          tried++;
        }
      }
      const schema = op.requestBody?.content?.['application/json']?.schema;
      if (!schema) continue;
      const leaves = stringLeaves(doc, schema);
      for (const leaf of leaves) {
        const field = leaf.join('.') || '_';
        expectRefused(await manajer.req(method, url(), bodyWithNul(leaf)), field, what(`body ${field}`));
        tried++;
      }
      // a key with a NUL is refused at its parent
      expectRefused(await manajer.req(method, url(), { 'k\u0000': 1 }), '_', what('body key'));
      tried++;
    }
    console.log(`[nul] ${tried} requests over ${ops.length} operations on ${engine}: all 400`);
    // the session was never touched: nothing reached a handler (not even sign-out)
    expect((await manajer.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('a NUL byte sent raw inside JSON is malformed JSON; the text "\\u0000" typed as such is fine', async () => {
    const raw = await manajer.req(
      'POST',
      '/api/v1/cases',
      '{"channel":"datang_langsung","summary":"a\u0000b"}',
      {
        'content-type': 'application/json',
      },
    );
    expect(raw.status).toBe(400);
    expect(raw.body.error.code).toBe('MALFORMED_JSON');
    const typed = await manajer.post('/api/v1/cases', {
      channel: 'datang_langsung',
      summary: 'kode \\u0000 diketik',
    });
    expect(typed.status).toBe(201);
    expect(typed.body.summary).toBe('kode \\u0000 diketik');
  });

  it('uploads: a NUL in the file name or in a field name is refused, nothing is stored', async () => {
    const c = await manajer.post('/api/v1/cases', { channel: 'datang_langsung' });
    const pdf = () =>
      new Blob([Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n')], { type: 'application/pdf' });
    const named = new FormData();
    named.append('file', pdf(), 'surat\u0000.pdf');
    expectRefused(
      await manajer.req('POST', `/api/v1/cases/${c.body.id}/attachments`, named),
      'file',
      'file name',
    );
    const field = new FormData();
    field.append('catatan\u0000', 'x');
    field.append('file', pdf(), 'surat.pdf');
    expectRefused(
      await manajer.req('POST', `/api/v1/cases/${c.body.id}/attachments`, field),
      '_form',
      'field name',
    );
    const stored = await h.svc.conn.db
      .selectFrom('attachment')
      .select('id')
      .where('case_id', '=', c.body.id)
      .execute();
    expect(stored).toEqual([]);
  });

  it('public pages: NUL in the address is refused; the report form drops it from what a person typed and keeps the story', async () => {
    for (const p of [
      '/lapor?lang=a%00b',
      '/layanan?wilayah=%00',
      '/lapor/terkirim/a%00b',
      '/verifikasi?kode=%00',
    ]) {
      const r = await h.app.request(p);
      expect(r.status, p).toBe(400);
    }
    const form = new URLSearchParams({
      reporterType: 'orang_lain',
      victimSex: 'perempuan',
      victimAgeGroup: 'anak_13_17',
      forms: 'fisik',
      description: 'Anak tetangga dipukul\u0000 (uji NUL).',
      prov: '36',
      kab: '36.02',
      kec: '36.02.01',
      occurredWhen: 'minggu_ini',
      dangerNow: 'tidak',
      contactMethod: 'tidak',
      submissionToken: 'uji-nul-0123456789abcdef',
      website: '',
    });
    const r = await h.app.request('/lapor', {
      method: 'POST',
      body: form,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    // a victim's report is never refused for an invisible character (src/portal/report-form.ts)
    expect(r.status).toBe(303);
    const row = await h.svc.conn.db
      .selectFrom('intake')
      .select('description_enc')
      .where('submission_token', '=', 'uji-nul-0123456789abcdef')
      .executeTakeFirstOrThrow();
    expect(h.svc.keys.decrypt(row.description_enc)).toBe('Anak tetangga dipukul (uji NUL).');
  });
});
