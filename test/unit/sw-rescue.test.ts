/**
 * The service worker's addition for browsers that ran the worker from before the public pages
 * were excluded (web/src/sw-rescue.ts), run in a sandbox with a stand-in for the worker's
 * globals: on taking over from the earlier worker, each window it answered on a public page with
 * the staff app is sent to that page; nothing else is touched. The whole upgrade in Chromium is in
 * e2e/service-worker.test.ts.
 */
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { PUBLIC_PAGE_PREFIXES } from '../../src/domain/public-paths.ts';
import { rescueScript, SW_MARK } from '../../web/src/sw-rescue.ts';

type Win = { url: string; controlled: boolean };

/** Runs the script against stand-ins of the worker's globals and fires `activate`. */
async function activate(
  windows: Win[],
  opts: { marked?: boolean } = {},
): Promise<{ navigated: string[]; marked: boolean }> {
  const listeners: Record<string, (e: unknown) => void> = {};
  const navigated: string[] = [];
  const cacheNames = new Set(opts.marked ? [SW_MARK] : []);
  let claimed = false;
  const self = {
    addEventListener: (type: string, fn: (e: unknown) => void) => {
      listeners[type] = fn;
    },
    caches: {
      has: async (n: string) => cacheNames.has(n),
      open: async (n: string) => {
        cacheNames.add(n);
        return {};
      },
    },
    clients: {
      claim: async () => {
        claimed = true;
      },
      // as the platform does: before claim() only the windows the earlier worker controlled
      matchAll: async () =>
        windows
          .filter((w) => w.controlled || claimed)
          .map((w) => ({
            url: w.url,
            navigate: async (to: string) => {
              navigated.push(`${w.url} -> ${to}`);
            },
          })),
    },
  };
  runInNewContext(rescueScript(PUBLIC_PAGE_PREFIXES), { self, URL });
  let done: Promise<unknown> = Promise.resolve();
  listeners.activate!({ waitUntil: (p: Promise<unknown>) => (done = p) });
  // what workbox's own listener does right after this one
  void self.clients.claim();
  await done;
  return { navigated, marked: cacheNames.has(SW_MARK) };
}

const O = 'https://simpul.test';
const controlled = (path: string): Win => ({ url: `${O}${path}`, controlled: true });

describe('the service worker taking over from the one that answered public pages with the staff app', () => {
  it('sends each window that worker answered on a public page to the page asked for, and leaves its mark', async () => {
    const r = await activate([
      controlled('/lapor'),
      controlled('/lapor?lang=en'),
      controlled('/lapor/status'),
      controlled('/layanan?prov=36'),
      controlled('/gabung'),
      controlled('/verifikasi'),
      controlled('/masuk?next=%2Flapor'),
      controlled('/masuk?next=%2Fverifikasi%3Fkode%3DAB'),
    ]);
    expect(r.navigated).toEqual([
      `${O}/lapor -> ${O}/lapor`,
      `${O}/lapor?lang=en -> ${O}/lapor?lang=en`,
      `${O}/lapor/status -> ${O}/lapor/status`,
      `${O}/layanan?prov=36 -> ${O}/layanan?prov=36`,
      `${O}/gabung -> ${O}/gabung`,
      `${O}/verifikasi -> ${O}/verifikasi`,
      `${O}/masuk?next=%2Flapor -> ${O}/lapor`,
      `${O}/masuk?next=%2Fverifikasi%3Fkode%3DAB -> ${O}/verifikasi?kode=AB`,
    ]);
    expect(r.marked).toBe(true);
  });

  it('leaves staff screens alone, and public pages no worker answered (sent by the server)', async () => {
    const r = await activate([
      controlled('/'),
      controlled('/masuk'),
      controlled('/masuk?next=%2Fkasus'),
      controlled('/kasus/1'),
      controlled('/laporan'),
      { url: `${O}/lapor`, controlled: false },
    ]);
    expect(r.navigated).toEqual([]);
  });

  it('once a worker that leaves the public pages alone has run, never reloads a public page (a report may be being typed)', async () => {
    const r = await activate([controlled('/lapor'), controlled('/masuk?next=%2Flapor')], { marked: true });
    expect(r.navigated).toEqual([]);
  });

  it('never leaves the origin', async () => {
    const r = await activate([
      controlled('/masuk?next=%2F%2Fevil.example%2Flapor'),
      controlled('/masuk?next=https%3A%2F%2Fevil.example%2Flapor'),
      controlled('/masuk?next=%2F%5Cevil.example%2Flapor'),
    ]);
    expect(r.navigated).toEqual([]);
  });
});
