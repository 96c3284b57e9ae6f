/**
 * `npm run bench`: measures the budgets of the architecture guide that exist so far, each next
 * to the limit measured in the same run.
 *   - bytes on the wire through a real server socket (bench/wire.ts), as a browser asks and as a
 *     gzip-only browser asks: the public pages with everything they load vs 14 KB, the staff
 *     app's sign-in + home vs 60 KB, and what its service worker precaches
 *   - lists and search at BENCH_CASES cases on PostgreSQL with fsync on (bench/lists.ts): each
 *     endpoint's p95 next to replaying the SQL it sent
 *   - public intake reports/s next to a bare INSERT of a same-size row, 8 at a time, on
 *     PostgreSQL with fsync on (bench/intake.ts: BENCH_DATABASE_URL or a throwaway cluster)
 *   - the server process's RSS under a stated load (bench/load.ts: signed-in staff without pause
 *     on the demo installation plus synthetic cases) next to the 300 MB budget, on the embedded
 *     database and, with BENCH_DATABASE_URL, on PostgreSQL
 * BENCH_CASES (default 20000; the list budgets are stated at 1000000) synthetic cases for bench/lists.ts;
 * BENCH_INTAKE (default 2000) reports; BENCH_PG_DIR where the throwaway cluster lives.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import type { Services } from '../src/app/context.ts';
import { Keyring } from '../src/app/crypto.ts';
import { checkKey } from '../src/app/key-check.ts';
import { seedDemo } from '../src/app/seed-demo.ts';
import { connect } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadRegions } from '../src/db/region.repository.ts';
import { createApp } from '../src/http/app.ts';
import { createLogger } from '../src/logger.ts';
import { intakeBench } from './intake.ts';
import { listsBench } from './lists.ts';
import { demoServer, describeLoad, runLoad, startCommand } from './load.ts';
import {
  BROWSER_ACCEPT_ENCODING,
  fetchOnWire,
  GZIP_ONLY,
  kb,
  loadPage,
  PUBLIC_PAGE_BUDGET,
  STAFF_APP_BUDGET,
} from './wire.ts';

const out = (s: string) => process.stdout.write(`${s}\n`);

const DIST = join(import.meta.dirname, '../web/dist');
const row = (what: string, bytes: number, budget: number, note = '') =>
  out(
    `${what}: ${kb(bytes)} on the wire${note} | budget ${kb(budget)} | ratio ${(bytes / budget).toFixed(2)}`,
  );

/** The files a screen's code needs (its chunk, the chunks it imports, their styles), from Vite's manifest. */
function screenFiles(manifest: Record<string, ViteChunk>, keys: string[]): string[] {
  const files: string[] = [];
  const add = (key: string) => {
    const c = manifest[key];
    if (!c || files.includes(`/${c.file}`)) return;
    files.push(`/${c.file}`);
    for (const css of c.css ?? []) if (!files.includes(`/${css}`)) files.push(`/${css}`);
    for (const i of c.imports ?? []) add(i);
  };
  for (const k of keys) add(k);
  return files;
}
type ViteChunk = { file: string; imports?: string[]; css?: string[] };

/**
 * Bytes on the wire through a real server socket, as Chromium asks (`gzip, deflate, br, zstd`)
 * and as a gzip-only browser asks: the public pages with everything they load, and the staff
 * app's sign-in + home (its HTML, what the HTML loads, the two screens' code) — the budgets of
 * the architecture guide. Regions of all of Indonesia are loaded so the lists are full size.
 */
async function wire() {
  const manifestPath = join(DIST, '.vite/manifest.json');
  if (!existsSync(manifestPath)) return out('web/dist missing: run npm run build first');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ViteChunk>;
  const conn = await connect({ memory: true });
  const keys = new Keyring(randomBytes(32));
  const svc: Services = { conn, keys, clock: () => new Date(), log: createLogger('silent') };
  await migrate(conn);
  await checkKey(conn.db, keys);
  await loadRegions(conn.db);
  await seedDemo(svc, { password: 'Simpul-Demo-2026', casesPerRegion: 3 });
  const app = createApp(svc, { sleep: async () => {} });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s as Server));
  });
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // the longest lists the form can show: the province with most kab/kota, the kab/kota with most kecamatan
  const most = async (level: number) =>
    (
      await conn.db
        .selectFrom('region')
        .select(['parent_code', conn.db.fn.countAll<number>().as('n')])
        .where('level', '=', level)
        .groupBy('parent_code')
        .orderBy('n', 'desc')
        .executeTakeFirstOrThrow()
    ).parent_code!;
  const bigProv = await most(2);
  const bigKab = await most(3);
  const staffFiles = screenFiles(manifest, ['src/features/auth/SignIn.tsx', 'src/features/home/Home.tsx']);
  try {
    for (const [label, ae] of [
      ['browser', BROWSER_ACCEPT_ENCODING],
      ['gzip only', GZIP_ONLY],
    ] as const) {
      out(`-- on the wire, Accept-Encoding: ${ae} (${label})`);
      for (const path of ['/lapor', '/lapor/status', '/layanan', '/gabung', '/verifikasi']) {
        const l = await loadPage(base, path, ae);
        const page = l.responses[0]!;
        row(
          `${path} with everything it loads`,
          l.total,
          PUBLIC_PAGE_BUDGET,
          ` (${l.responses.length} file${l.responses.length > 1 ? 's' : ''}, ${page.headers['content-encoding'] ?? 'uncompressed'}, HTML ${kb(page.body.length)} unpacked)`,
        );
      }
      // without JavaScript the form comes back with the next list; the longest lists there are
      const form = new URLSearchParams({ prov: bigProv.slice(0, 2), kab: bigKab, _pilih: 'kab' }).toString();
      const lists = await fetchOnWire(base, '/lapor', {
        acceptEncoding: ae,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form,
      });
      row(
        `/lapor with the longest kab/kota and kecamatan lists (no-JS step)`,
        lists.wireBytes,
        PUBLIC_PAGE_BUDGET,
      );
      const w1 = await fetchOnWire(base, `/lapor/wilayah?parent=${bigProv}`, { acceptEncoding: ae });
      const w2 = await fetchOnWire(base, `/lapor/wilayah?parent=${bigKab}`, { acceptEncoding: ae });
      out(
        `  not counted above: the region lists the form's script fetches when a province / kab/kota is picked: ${kb(w1.wireBytes)} (${bigProv}) / ${kb(w2.wireBytes)} (${bigKab})`,
      );
      const staff = await loadPage(base, '/masuk', ae, staffFiles);
      row(
        'staff app sign-in + home (HTML, scripts, styles, manifest, icon, both screens)',
        staff.total,
        STAFF_APP_BUDGET,
        ` (${staff.responses.length} files)`,
      );
      // what the two screens ask the API, for the demo case manager
      const login = await fetchOnWire(base, '/api/v1/auth/login', {
        acceptEncoding: ae,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-requested-with': 'simpul' },
        body: JSON.stringify({ email: 'manajer@lebak.demo', password: 'Simpul-Demo-2026' }),
      });
      const cookie = (login.headers['set-cookie'] ?? '').split(';')[0]!;
      let apiTotal = login.wireBytes;
      for (const p of [
        '/auth/me',
        '/taxonomies',
        '/notifications/count',
        '/tasks',
        '/work-queue',
        '/cases?mine=1&pageSize=50',
        '/intake/counts',
      ])
        apiTotal += (
          await fetchOnWire(base, `/api/v1${p}`, {
            acceptEncoding: ae,
            headers: { cookie, 'x-requested-with': 'simpul' },
          })
        ).wireBytes;
      row(
        '  the same with the API answers for the demo case manager',
        staff.total + apiTotal,
        STAFF_APP_BUDGET,
      );
      // the service worker, once installed, fetches its precache list: files with a revision always
      // (workbox adds ?__WB_REVISION__), hashed files only if the page has not loaded them already
      const sw = await fetchOnWire(base, '/sw.js', { acceptEncoding: ae });
      const swText = sw.body.toString('utf8');
      const precached = [...swText.matchAll(/\{url:"([^"]+)",revision:(null|"[^"]*")\}/g)].map((m) => ({
        path: `/${m[1]}`,
        revisioned: m[2] !== 'null',
      }));
      // the scripts the worker loads: workbox's runtime and its own addition (importScripts)
      const workerScripts = [
        ...swText.matchAll(/define\(\["\.\/(workbox-[\w-]+)"\]|importScripts\("([\w.-]+)\.js"\)/g),
      ].map((m) => `/${m[1] ?? m[2]}.js`);
      let swTotal = sw.wireBytes;
      for (const p of workerScripts)
        swTotal += (await fetchOnWire(base, p, { acceptEncoding: ae })).wireBytes;
      const loaded = new Set(staff.responses.map((r) => r.path));
      let more = 0;
      for (const p of precached)
        if (p.revisioned || !loaded.has(p.path))
          more += (await fetchOnWire(base, p.path, { acceptEncoding: ae })).wireBytes;
      out(
        `  then the service worker: sw.js + ${workerScripts.map((p) => p.slice(1)).join(' + ')} ${kb(swTotal)}, precache of ${precached.length} files, ${kb(more)} of them fetched again`,
      );
    }
  } finally {
    await new Promise((r) => server.close(r));
    await conn.close();
  }
}

/** Server RSS under load next to the budget (a real server process, as `npm start` runs it). */
async function memory() {
  const users = Number(process.env.BENCH_LOAD_USERS ?? 100);
  const seconds = Number(process.env.BENCH_LOAD_SECONDS ?? 15);
  const start = startCommand();
  out(
    `-- server RSS under load (${Object.entries(start.env)
      .map(([k, v]) => `${k}=${v} `)
      .join('')}node ${start.args.join(' ')} src/server.ts)`,
  );
  for (const url of process.env.BENCH_DATABASE_URL
    ? [undefined, process.env.BENCH_DATABASE_URL]
    : [undefined]) {
    const s = await demoServer(url);
    try {
      out(describeLoad(await runLoad(s.server, url ? 'postgres' : 'pglite', users, seconds)));
    } finally {
      await s.stop();
    }
  }
}

await wire();
await listsBench(out);
await intakeBench(out);
await memory();
