/**
 * Browser-test environment: a fresh in-memory Simpul (the integration harness, with demo
 * organisations, users and cases) behind a real HTTP server on a free port, plus a headless
 * Debian Chromium driven by playwright-core. One environment per test file.
 *
 * The web app must be built first (`node scripts/build-web.ts`); start() refuses to run
 * against a missing web/dist so a stale or absent build is not mistaken for a UI bug.
 */
import { existsSync, mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from 'playwright-core';
import { onTestFailed } from 'vitest';
import type { AppOptions } from '../../src/http/app.ts';
import { createHarness, DEMO_PASSWORD, type Harness } from '../../test/helpers/harness.ts';

export { DEMO_PASSWORD };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = '/tmp/simpul-e2e';
const WEB_INDEX = fileURLToPath(new URL('../../web/dist/index.html', import.meta.url));

/** A JSON client for the running server that keeps its session cookie. */
export type ApiClient = {
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are checked field by field in each test
  req(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  get(path: string): Promise<{ status: number; body: any }>;
  // biome-ignore lint/suspicious/noExplicitAny: as above
  post(path: string, body?: unknown): Promise<{ status: number; body: any }>;
};

export type E2E = {
  h: Harness;
  baseUrl: string;
  browser: Browser;
  /** a new isolated browser context (no cookies, no service worker) and a page in it; `options`
   *  adds to or overrides the defaults (e.g. `{ javaScriptEnabled: false }`) */
  newPage(options?: BrowserContextOptions): Promise<{ context: BrowserContext; page: Page }>;
  /** signs in through the API (demo users need no second factor) */
  api(email: string, password?: string): Promise<ApiClient>;
  stop(): Promise<void>;
};

export async function start(
  opts: {
    cases?: number;
    app?: Partial<AppOptions>;
    /** keep Chromium's back/forward cache on, as in a real browser (Playwright turns it off) */
    bfcache?: boolean;
    /**
     * provinces whose region codes (and so demo kab/kota) are loaded: by default Banten (36: Lebak,
     * Kota Serang, the province); Kalimantan Tengah (62: Kota Palangka Raya with the KLA demo, the
     * province that verifies it) only for the tests that need it, as each province adds to the seed
     */
    regions?: string[];
  } = {},
): Promise<E2E> {
  if (!existsSync(WEB_INDEX))
    throw new Error(`web app not built (${WEB_INDEX} missing): run \`node scripts/build-web.ts\` first`);
  const h = await createHarness('pglite', {
    cases: opts.cases ?? 3,
    regions: opts.regions ?? ['36'],
    ...(opts.app ? { app: opts.app } : {}),
  });
  let server: Server | undefined;
  let browser: Browser | undefined;
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const s = serve({ fetch: h.app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        resolve(info.port),
      ) as Server;
      s.once('error', reject);
      server = s;
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      ...(opts.bfcache ? { ignoreDefaultArgs: ['--disable-back-forward-cache'] } : {}),
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const b = browser;
    const srv = server!;
    const contexts = new Set<BrowserContext>();

    return {
      h,
      baseUrl,
      browser: b,
      async newPage(options: BrowserContextOptions = {}) {
        const context = await b.newContext({
          baseURL: baseUrl,
          // the PWA service worker would cache the app between tests; not what is under test here
          serviceWorkers: 'block',
          locale: 'id-ID',
          timezoneId: 'Asia/Jakarta',
          viewport: { width: 1280, height: 900 },
          ...options,
        });
        context.setDefaultTimeout(10_000);
        context.setDefaultNavigationTimeout(20_000);
        contexts.add(context);
        context.on('close', () => contexts.delete(context));
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
        });
        screenshotOnFailure(page, problems);
        return { context, page };
      },
      api: (email, password = DEMO_PASSWORD) => apiClient(baseUrl, email, password),
      async stop() {
        for (const c of contexts) await c.close().catch(() => {});
        await b.close().catch(() => {});
        await closeServer(srv);
        await h.close();
      },
    };
  } catch (e) {
    await browser?.close().catch(() => {});
    if (server) await closeServer(server).catch(() => {});
    await h.close().catch(() => {});
    throw e;
  }
}

export async function stop(env: E2E | undefined): Promise<void> {
  await env?.stop();
}

function closeServer(s: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    s.close((err) => (err ? reject(err) : resolve()));
    s.closeAllConnections?.();
  });
}

/** When the current test fails: a full-page screenshot in /tmp/simpul-e2e and the browser's errors. */
export function screenshotOnFailure(page: Page, problems: string[] = []): void {
  try {
    onTestFailed(async (ctx) => {
      if (page.isClosed()) return;
      mkdirSync(SHOTS, { recursive: true });
      const name = `${ctx.task.file?.name.replace(/[^\w.-]+/g, '_') ?? 'e2e'}--${ctx.task.name}`
        .replace(/[^\w.-]+/g, '_')
        .slice(0, 150);
      const path = `${SHOTS}/${name}-${Date.now()}.png`;
      await page.screenshot({ path, fullPage: true }).catch(() => {});
      process.stderr.write(`\n[e2e] failure screenshot: ${path}\n[e2e] page URL: ${page.url()}\n`);
      if (problems.length > 0) process.stderr.write(`[e2e] browser errors:\n  ${problems.join('\n  ')}\n`);
    });
  } catch {
    // outside a running test (e.g. in beforeAll): nothing to attach to
  }
}

async function apiClient(baseUrl: string, email: string, password: string): Promise<ApiClient> {
  let cookie = '';
  const req: ApiClient['req'] = async (method, path, body) => {
    const headers: Record<string, string> = { 'x-requested-with': 'simpul', accept: 'application/json' };
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const r = await fetch(baseUrl + path, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const set = r.headers.get('set-cookie');
    if (set) cookie = set.split(';')[0]!;
    const text = await r.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: r.status, body: parsed };
  };
  const c: ApiClient = { req, get: (p) => req('GET', p), post: (p, b) => req('POST', p, b) };
  const r = await c.post('/api/v1/auth/login', { email, password });
  if (r.status !== 200)
    throw new Error(`API sign-in as ${email} failed: ${r.status} ${JSON.stringify(r.body)}`);
  return c;
}
