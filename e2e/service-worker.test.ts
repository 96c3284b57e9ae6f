/**
 * The staff app's service worker in Chromium, allowed to run (the other browser tests block it):
 * after a staff user has signed in on a browser, a victim using the same browser still gets the
 * public pages — the report form, not the staff sign-in — online and offline; and the worker
 * precaches only what sign-in and home need.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signIn } from './helpers/flows.ts';
import { notSee, see, step } from './helpers/see.ts';
import { type E2E, start, stop } from './helpers/server.ts';

let env: E2E;
let context: BrowserContext;
let page: Page;

const PUBLIC_PAGES: Array<[string, string]> = [
  ['/lapor', 'Lapor kekerasan'],
  ['/lapor?lang=en', 'Report violence'],
  ['/lapor/status', 'Cek laporan'],
  ['/layanan', 'Tempat layanan'],
  ['/gabung', 'Bergabung dengan jejaring layanan'],
  ['/verifikasi', 'Periksa keaslian surat rujukan'],
];

const controlled = (p: Page) => p.evaluate(() => navigator.serviceWorker.controller !== null);

beforeAll(async () => {
  env = await start({ cases: 0 });
  ({ context, page } = await env.newPage({ serviceWorkers: 'allow' }));
  await signIn(page, 'manajer@lebak.demo');
  // the worker installs after the page has loaded, precaches, then takes control (clientsClaim)
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, {
    timeout: 30_000,
  });
});

afterAll(async () => stop(env));

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
});
