/**
 * Defects found by attacking the API contract (src/http/openapi.ts, src/http/app.ts), now fixed:
 * each test states what a client sends and what it should get back.
 *
 * 1. An HTTP/1.1 request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112
 *    §6.3). `curl -X POST` sends exactly that for a bodyless action; the JSON guard counts the
 *    empty stream @hono/node-server attaches to every non-GET request as a body and answers 415,
 *    and an unsupported method gets 415 instead of 405 with Allow. Only seen on the wire:
 *    app.request() gives a null body.
 * 2. Every list refuses unknown query parameters with 400 VALIDATION_FAILED, except the referral
 *    and transfer lists, whose query schemas are not strict (pageSize=0 is silently ignored).
 * 3. An attachment's file name keeps DEL, C1 control characters and bidirectional overrides
 *    (safeFilename replaces only code units below 32), and a name cut at 200 code units can end
 *    in half a surrogate pair, so the create answer and the stored name differ.
 */
import type { Server } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { serve } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes } from '../helpers/files.ts';
import { type Client, createHarness, ENGINES, type Harness, openFullCase } from '../helpers/harness.ts';

/** One HTTP/1.1 request written byte for byte on a socket: no Content-Length, no body. */
function wire(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; allow: string | undefined; body: { error?: { code: string } } }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const sock = connect(Number(port), hostname, () => {
      const lines = [`${method} ${path} HTTP/1.1`, `host: ${hostname}`, 'connection: close'];
      for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
      sock.write(`${lines.join('\r\n')}\r\n\r\n`);
    });
    let raw = '';
    sock.setEncoding('utf8');
    sock.on('data', (d) => {
      raw += d;
    });
    sock.on('error', reject);
    sock.on('end', () => {
      const [head = '', ...rest] = raw.split('\r\n\r\n');
      const status = Number(head.split(' ')[1]);
      const allow = /^allow: (.*)$/im.exec(head)?.[1];
      const text = rest.join('\r\n\r\n');
      const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
      resolve({ status, allow, body: json ? JSON.parse(json) : {} });
    });
  });
}

describe.each(ENGINES)('attacks on the API contract on %s', (engine) => {
  let h: Harness;
  let m: Client;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    h = await createHarness(engine);
    m = await h.as('manajer@lebak.demo');
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    if (server) await new Promise((r) => server.close(r));
    await h?.close();
  });

  it('runs a bodyless action sent without Content-Length (curl -X POST)', async () => {
    const r = await wire(base, 'POST', '/api/v1/notifications/read-all', {
      cookie: m.cookie!,
      'x-requested-with': 'simpul',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  });

  it('answers an unsupported method without a body with 405 and Allow, not 415', async () => {
    const r = await wire(base, 'DELETE', '/api/v1/cases', {
      cookie: m.cookie!,
      'x-requested-with': 'simpul',
    });
    expect(r.status, JSON.stringify(r.body)).toBe(405);
    expect(r.allow).toBe('GET, HEAD, POST');
  });

  it.each(['/api/v1/referrals?pageSize=0', '/api/v1/referrals?foo=bar', '/api/v1/transfers?foo=bar'])(
    'refuses unknown or unsupported list parameters: %s',
    async (path) => {
      const r = await m.get(path);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_FAILED');
    },
  );

  it('keeps no control or bidirectional-override characters in an attachment name', async () => {
    const c = await openFullCase(m);
    for (const name of ['a\u007fb.png', 'a\u0085b.png', '\u202Egnp.exe']) {
      const f = new FormData();
      f.append('file', new Blob([pngBytes() as BlobPart], { type: 'image/png' }), name);
      const up = await m.req('POST', `/api/v1/cases/${c.id}/attachments`, f);
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      expect(up.body.filename, JSON.stringify(name)).not.toMatch(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    }
  });

  it('answers the attachment name it stored, even when a long name is cut', async () => {
    const c = await openFullCase(m);
    const f = new FormData();
    f.append('file', new Blob([pngBytes() as BlobPart], { type: 'image/png' }), `a${'😀'.repeat(150)}`);
    const up = await m.req('POST', `/api/v1/cases/${c.id}/attachments`, f);
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    expect(up.body.filename.isWellFormed()).toBe(true);
    const full = await m.get(`/api/v1/cases/${c.id}`);
    const stored = full.body.attachments.find((a: { id: string }) => a.id === up.body.id);
    expect(stored.filename).toBe(up.body.filename);
  });
});
