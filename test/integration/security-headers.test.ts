/**
 * Security headers on every kind of answer (docs/security.md, "Web attacks"): the staff API, an
 * error, the public pages, health. `Strict-Transport-Security` only when Simpul is published over
 * https (`SIMPUL_PUBLIC_URL`), never when it is reached over plain http.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.ts';
import { createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

const PATHS = ['/api/v1/auth/me', '/api/v1/tidak-ada', '/lapor', '/layanan', '/healthz'];

describe.each(ENGINES)('security headers on %s', (engine) => {
  let h: Harness;
  const appFor = (publicUrl: string | undefined) =>
    createApp(h.svc, { publicUrl, sleep: async () => {}, clientIp: () => '127.0.0.9' });

  beforeAll(async () => {
    h = await createHarness(engine);
  });
  afterAll(async () => h?.close());

  it('sends Strict-Transport-Security on every answer when the public address is https', async () => {
    const app = appFor('https://simpul.lebakkab.go.id');
    for (const path of PATHS) {
      const r = await app.request(path);
      expect(r.headers.get('strict-transport-security'), path).toBe('max-age=31536000');
    }
    // a sign-in answer too, with its Secure cookie
    const login = await app.request('/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'simpul' },
      body: JSON.stringify({ email: 'manajer@lebak.demo', password: 'Simpul-Demo-2026' }),
    });
    expect(login.status).toBe(200);
    expect(login.headers.get('strict-transport-security')).toBe('max-age=31536000');
    expect(login.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
  });

  it('never sends it over plain http (an office laptop without a certificate)', async () => {
    for (const publicUrl of ['http://localhost:8080', undefined]) {
      const app = appFor(publicUrl);
      for (const path of PATHS)
        expect(
          (await app.request(path)).headers.get('strict-transport-security'),
          `${publicUrl} ${path}`,
        ).toBeNull();
    }
  });

  it('always forbids framing and MIME sniffing and sets a content security policy', async () => {
    const app = appFor('https://simpul.lebakkab.go.id');
    for (const path of PATHS) {
      const r = await app.request(path);
      expect(r.headers.get('x-frame-options'), path).toBe('DENY');
      expect(r.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(r.headers.get('content-security-policy'), path).toMatch(/frame-ancestors 'none'/);
    }
  });
});
