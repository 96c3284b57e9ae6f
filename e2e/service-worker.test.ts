/**
 * The staff app's service worker in Chromium, allowed to run (the other browser tests block it):
 * after a staff user has signed in on a browser, a victim using the same browser still gets the
 * public pages — the report form, not the staff sign-in — online and offline; the worker
 * precaches only what sign-in and home need; and a browser still running the earlier worker
 * (which answered public pages with the staff app) is set right by the new one.
 *
 * The server serves a copy of web/dist, so the test can put the earlier worker in place.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './helpers/flows.ts';
import { notSee, see, seePath, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

const WEB_DIST = fileURLToPath(new URL('../web/dist/', import.meta.url));
let dist: string;
let env: E2E;
let context: BrowserContext;
let page: Page;

const PUBLIC_PAGES: Array<[string, string]> = [
  ['/lapor', 'Lapor kekerasan'],
  ['/lapor?lang=en', 'Report violence'],
  ['/lapor/status', 'Cek laporan'],
  ['/layanan', 'Tempat layanan'],
  ['/gabung', 'Bergabung dengan jejaring layanan'],
  ['/verifikasi', 'Periksa keaslian surat rujukan atau sertifikat'],
];

const controlled = (p: Page) => p.evaluate(() => navigator.serviceWorker.controller !== null);

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), 'simpul-sw-'));
  cpSync(WEB_DIST, dist, { recursive: true });
  env = await start({ cases: 0, app: { webDist: dist } });
  ({ context, page } = await env.newPage({ serviceWorkers: 'allow' }));
  await signIn(page, 'manajer@lebak.demo');
  // the worker installs after the page has loaded, precaches, then takes control (clientsClaim)
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 30_000,
  });
});

afterAll(async () => {
  await stop(env);
  if (dist) rmSync(dist, { recursive: true, force: true });
});

/**
 * What the worker did before the fix, in a few lines: every navigation (the public pages
 * included) answered with the precached staff app.
 */
const EARLIER_WORKER = `
self.addEventListener('install', (e) => { self.skipWaiting(); e.waitUntil(caches.open('earlier').then((c) => c.add('/index.html'))); });
self.addEventListener('activate', (e) => e.waitUntil(self.clients.claim()));
self.addEventListener('fetch', (e) => {
  const p = new URL(e.request.url).pathname;
  if (e.request.mode === 'navigate' && !p.startsWith('/api/') && !p.startsWith('/healthz'))
    e.respondWith(caches.match('/index.html'));
});`;

/** Puts a worker in place as a deployment would: the earlier one, the built one, or the next version of it. */
function deploy(worker: 'earlier' | 'current' | 'next') {
  for (const suffix of ['', '.br', '.gz']) {
    const to = join(dist, `sw.js${suffix}`);
    if (worker === 'current') cpSync(join(WEB_DIST, `sw.js${suffix}`), to);
    else rmSync(to, { force: true });
  }
  if (worker === 'earlier') writeFileSync(join(dist, 'sw.js'), EARLIER_WORKER);
  if (worker === 'next')
    writeFileSync(join(dist, 'sw.js'), `${readFileSync(join(WEB_DIST, 'sw.js'), 'utf8')}\n// next version\n`);
}

describe('the staff app’s service worker', () => {
  test('precaches the sign-in and home screens only: no other screen, no English, no PNG icons', async () => {
    const cached = await page.evaluate(async () => {
      const out: Array<{ path: string; bytes: number }> = [];
      for (const name of await caches.keys()) {
        const cache = await caches.open(name);
        for (const req of await cache.keys()) {
          const res = await cache.match(req);
          out.push({ path: new URL(req.url).pathname, bytes: (await res!.arrayBuffer()).byteLength });
        }
      }
      return out;
    });
    const paths = cached.map((c) => c.path);
    for (const needed of ['/index.html', '/registerSW.js', '/manifest.webmanifest', '/icon.svg'])
      expect(paths, `precache holds ${needed}`).toContain(needed);
    for (const screen of ['SignIn', 'Home'])
      expect(
        paths.some((p) => new RegExp(`^/assets/${screen}-[\\w-]+\\.js$`).test(p)),
        `precache holds the ${screen} screen`,
      ).toBe(true);
    for (const unwanted of [/^\/assets\/en-/, /\.png$/, /^\/assets\/CasePage-/, /^\/assets\/IntakePage-/])
      expect(
        paths.filter((p) => unwanted.test(p)),
        `nothing matching ${unwanted} is precached`,
      ).toEqual([]);
    const total = cached.reduce((n, c) => n + c.bytes, 0);
    // all 48 files were ~309 KB; sign-in and home are a fraction of that
    expect(total, `precached bytes (${paths.length} files)`).toBeLessThan(150 * 1024);
  });

  test('navigating to each public page shows that page from the server, never the staff sign-in', async () => {
    for (const [path, heading] of PUBLIC_PAGES)
      await step(path, async () => {
        const res = await page.goto(path);
        expect(res?.status(), `${path}: status`).toBe(200);
        expect(res?.fromServiceWorker(), `${path}: answered by the service worker`).toBe(false);
        await see(page, page.getByRole('heading', { name: heading, level: 1 }), `the public page ${path}`);
        await notSee(page, page.getByRole('heading', { name: 'Masuk ke Simpul' }), 'the staff sign-in');
        expect(await page.title(), `${path}: the title in the browser history`).not.toBe('Simpul');
        // the worker was there all along: the page is in its scope and under its control
        expect(await controlled(page), `${path}: controlled by the service worker`).toBe(true);
      });
    await step(
      'typed with capitals (/Lapor, /LAPOR/status): the public page, not the staff app',
      async () => {
        for (const [typed, path, heading] of [
          ['/Lapor', '/lapor', 'Lapor kekerasan'],
          ['/LAPOR/status', '/lapor/status', 'Cek laporan'],
          ['/Layanan?prov=36', '/layanan', 'Tempat layanan'],
        ] as const) {
          const res = await page.goto(typed);
          expect(res?.status(), `${typed}: status`).toBe(200);
          expect(new URL(page.url()).pathname, typed).toBe(path);
          await see(page, page.getByRole('heading', { name: heading, level: 1 }), `the public page ${path}`);
          await notSee(page, page.getByRole('heading', { name: 'Masuk ke Simpul' }), 'the staff sign-in');
          await notSee(page, page.getByRole('navigation', { name: 'Menu utama' }), 'the staff menu');
        }
      },
    );
    await step('the report form itself', async () => {
      await page.goto('/lapor');
      await see(
        page,
        page.getByRole('button', { name: 'Kirim laporan' }),
        'the send button of the report form',
      );
    });
  });

  test('offline, the worker opens the staff app on a staff path but never answers a public page', async () => {
    await step('a staff path comes from the worker (proof it is active)', async () => {
      await page.goto('/');
      expect(await controlled(page)).toBe(true);
      await context.setOffline(true);
      const res = await page.goto('/kasus');
      expect(res?.fromServiceWorker(), '/kasus offline: from the service worker').toBe(true);
      await see(page, page.locator('#app header'), 'the staff app shell');
    });
    try {
      for (const [path] of PUBLIC_PAGES)
        await step(`${path} offline`, async () => {
          const failed = await page.goto(path).then(
            () => null,
            (e: Error) => e.message,
          );
          expect(failed, `${path} offline: the navigation fails rather than showing a cached page`).toMatch(
            /ERR_INTERNET_DISCONNECTED|ERR_FAILED|ERR_NAME_NOT_RESOLVED/,
          );
          await notSee(page, page.getByRole('heading', { name: 'Masuk ke Simpul' }), 'the staff sign-in');
          await notSee(page, page.locator('#app'), 'the staff app shell');
        });
    } finally {
      await context.setOffline(false);
    }
  });

  test('an update of the worker never reloads a public page: a report being typed stays', async () => {
    await page.goto('/lapor');
    expect(await controlled(page)).toBe(true);
    const typed = 'Tetangga saya dipukul setiap malam (uji pembaruan service worker).';
    await page.getByLabel('Ceritakan singkat').fill(typed);
    await page.evaluate(() => {
      (window as unknown as { stillHere: boolean }).stillHere = true;
    });
    deploy('next');
    try {
      // the browser checks for a new worker; the new one installs, activates and claims the page
      const changed = page.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            navigator.serviceWorker.addEventListener('controllerchange', () => resolve(true));
            setTimeout(() => resolve(false), 20_000);
          }),
      );
      // staff working in another tab of the same browser: their app checks for the update
      const staffTab = await context.newPage();
      await staffTab.goto('/');
      await staffTab.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
      expect(await changed, 'the next worker took over the report page').toBe(true);
      await staffTab.close();
      await new Promise((r) => setTimeout(r, 1000));
      expect(
        await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere),
        'the page was not reloaded',
      ).toBe(true);
      expect(await page.getByLabel('Ceritakan singkat').inputValue(), 'the text typed').toBe(typed);
    } finally {
      deploy('current');
    }
  });

  test('a browser still running the earlier worker: the victim is taken from the staff sign-in to the report form', async () => {
    await context.close();
    deploy('earlier');
    const { page: victim } = await env.newPage({ serviceWorkers: 'allow' });
    try {
      await step('staff used this browser while the earlier worker was deployed', async () => {
        await victim.goto('/masuk');
        await victim.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
          timeout: 30_000,
        });
      });
      await step('the fault: the report page shows the staff sign-in', async () => {
        await victim.goto('/lapor');
        await seePath(victim, '/masuk?next=%2Flapor', 'the staff app sending the visitor to sign in');
        await see(victim, victim.getByRole('heading', { name: 'Masuk ke Simpul' }), 'the staff sign-in');
      });
      deploy('current');
      await step('after the update the same navigation ends on the report form', async () => {
        // the earlier worker still answers this one; the browser then fetches the new worker,
        // which takes over and moves the window to the page that was asked for
        await victim.goto('/lapor');
        await see(
          victim,
          victim.getByRole('heading', { name: 'Lapor kekerasan', level: 1 }),
          'the report form after the new worker took over',
          30_000,
        );
        await seePath(victim, '/lapor', 'the report page');
        const res = await victim.goto('/lapor/status');
        expect(res?.fromServiceWorker(), 'the next public page: from the server').toBe(false);
        await see(victim, victim.getByRole('heading', { name: 'Cek laporan', level: 1 }), 'the status page');
      });
    } finally {
      deploy('current');
    }
  });
});
