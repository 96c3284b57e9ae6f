/**
 * Behind a reverse proxy (SIMPUL_TRUST_PROXY) the client's address is the one the proxy added,
 * not what the client wrote into X-Forwarded-For: spoofed headers neither escape the per-address
 * limits nor put made-up text into the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { parseTrustProxy } from '../../src/http/client-address.ts';
import { createHarness, DEMO_PASSWORD, ENGINES, type Harness } from '../helpers/harness.ts';

type App = ReturnType<typeof createApp>;
const PROXY = '10.0.0.2';

let n = 0;
const token = () => `uji-proksi-${Date.now().toString(36)}-${(n++).toString(36)}-xxxxxx`;

function report(over: Record<string, string> = {}) {
  const p = new URLSearchParams({
    reporterType: 'orang_lain',
    victimSex: 'perempuan',
    victimAgeGroup: 'anak_13_17',
    forms: 'fisik',
    description: 'Anak tetangga sering dipukul (uji proksi).',
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
  return p;
}

describe.each(ENGINES)('client address behind a reverse proxy on %s', (engine) => {
  let h: Harness;
  let app: App;

  beforeAll(async () => {
    h = await createHarness(engine);
    // one proxy in front of Simpul: every connection comes from it
    app = createApp(h.svc, {
      trustProxy: parseTrustProxy('1')!,
      clientIp: () => PROXY,
      sleep: async () => {},
    });
  });
  afterAll(async () => h?.close());

  async function submit(xff: string) {
    const r = await app.request('/lapor', {
      method: 'POST',
      body: report(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': xff },
    });
    expect(r.status).toBe(303);
    const page = await app.request(r.headers.get('location')!);
    return /id="kode"[^>]*>([^<]*)</.exec(await page.text())![1]!;
  }

  async function flagged(code: string) {
    const row = await h.svc.conn.db
      .selectFrom('intake')
      .select(['suspected_spam', 'source_key'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    return row;
  }

  it('a client that makes up a new X-Forwarded-For for every report is still one sender', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 7; i++) codes.push(await submit(`192.0.2.${i + 1}, 203.0.113.7`));
    const rows = await Promise.all(codes.map(flagged));
    // the per-address limit (5 per 10 minutes) holds although every header started differently
    expect(rows.map((r) => r.suspected_spam)).toEqual([false, false, false, false, false, true, true]);
    expect(new Set(rows.map((r) => r.source_key)).size).toBe(1);
    // another client behind the same proxy is not held back by that sender
    const other = await flagged(await submit('192.0.2.1, 198.51.100.23'));
    expect(other.suspected_spam).toBe(false);
    expect(other.source_key).not.toBe(rows[0]!.source_key);
  });

  it('the audit log records the address the proxy saw, never the text the client wrote', async () => {
    const signIn = (xff: string, ua: string) =>
      app.request('/api/v1/auth/login', {
        method: 'POST',
        body: JSON.stringify({ email: 'manajer@lebak.demo', password: DEMO_PASSWORD }),
        headers: {
          'content-type': 'application/json',
          'x-requested-with': 'simpul',
          'x-forwarded-for': xff,
          'user-agent': ua,
        },
      });
    expect((await signIn(`=cmd|' /C calc'!A0, 198.51.100.4`, 'uji-proksi-1')).status).toBe(200);
    // a proxy that passes garbage on: the proxy's own address stands in
    expect((await signIn('=HYPERLINK("http://x")', 'uji-proksi-2')).status).toBe(200);
    const rows = await h.svc.conn.db
      .selectFrom('audit_event')
      .select(['ip', 'user_agent'])
      .where('action', '=', 'auth.login')
      .where('user_agent', 'in', ['uji-proksi-1', 'uji-proksi-2'])
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.ip)).toEqual(['198.51.100.4', PROXY]);
    const all = await h.svc.conn.db
      .selectFrom('audit_event')
      .select('ip')
      .where('ip', 'is not', null)
      .execute();
    for (const r of all) expect(r.ip).toMatch(/^(src:[\w-]{16}|[0-9a-f.:]+)$/);
  });
});
