/**
 * `npm run load`: concurrent signed-in staff against a real Simpul server process (the demo
 * installation: Banten, 60 demo cases per kab/kota), on the embedded database or PostgreSQL.
 * Each virtual user signs in once, then — without pausing, the worst case — loops over what the
 * staff app asks most: the case list, a case, a name search, the work queue, the notification
 * count. Prints latency percentiles, refusals (503) and errors per run, and the server's peak
 * RSS next to the 300 MB budget.
 *
 *   node bench/load.ts [users ...]        e.g. node bench/load.ts 25 50 100 200 (default 200)
 *   LOAD_SECONDS=20                       seconds per run after sign-in
 *   LOAD_CASES=20000                      synthetic cases added to the demo data (Lebak and Kota Serang)
 *   LOAD_DATABASE_URL=postgres://…        use PostgreSQL (a fresh database per run) instead of PGlite
 *   LOAD_SERVER_ENV="A=1 B=2"             extra environment for the server process (experiments)
 *   LOAD_NODE_ARGS="--flag"               Node options of the measured server (default: those of `npm start`)
 */

import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Insertable } from 'kysely';
import { sql } from 'kysely';
import { Keyring } from '../src/app/crypto.ts';
import { loadConfig } from '../src/config.ts';
import { connect } from '../src/db/connect.ts';
import type { CaseFileTable, PersonTable } from '../src/db/schema.ts';
import { embeddedKeyPath } from '../src/keys.ts';
import { newPgDatabase } from '../test/helpers/pg.ts';
import { type ServerProcess, startServer } from '../test/helpers/process.ts';

export const RSS_BUDGET_MB = 300;
/** case managers of both demo kab/kota (the work queue is theirs) */
const ACCOUNTS = ['manajer@lebak.demo', 'manajer@serang.demo'];
const PASSWORD = 'Simpul-Demo-2026';
/** as Chromium asks (LOAD_ACCEPT_ENCODING to change) */
const ACCEPT_ENCODING = process.env.LOAD_ACCEPT_ENCODING ?? 'gzip, deflate, br, zstd';

export type LoadResult = {
  engine: 'pglite' | 'postgres';
  users: number;
  seconds: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  refused: number;
  errors: number;
  rssIdleMb: number;
  rssPeakMb: number;
};

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(xs.length * p))] ?? 0;

/** The server's resident set, from /proc (Linux). */
export function rssMb(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/** The Node options `npm start` gives the server (package.json), so the load measures what runs. */
/** The environment (`A=1 node …`) and Node options `npm start` runs the server with. */
export function startCommand(): { env: Record<string, string>; args: string[] } {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const m = /((?:\b[A-Z_]+=\S+ )*)node ((?:--[\w-]+(?:=\S+)? )*)src\/server\.ts/.exec(
    pkg.scripts.start ?? '',
  );
  const env = Object.fromEntries(
    (m?.[1] ?? '')
      .split(' ')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
  return { env, args: (m?.[2] ?? '').split(' ').filter(Boolean) };
}

/** A fresh PostgreSQL database on the server named by `base`, dropped by the returned function. */
export const freshPostgres = (base: string) => newPgDatabase(base, 'simpul_load');

/** A demo Simpul server process on a fresh embedded database or PostgreSQL database. */
export async function demoServer(databaseUrl?: string, extra: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'simpul-load-'));
  let drop: (() => Promise<void>) | undefined;
  const env: Record<string, string> = {
    DATA_DIR: join(dir, 'data'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    SIMPUL_DEMO: '1',
    SIMPUL_REGIONS: '36',
    LOG_LEVEL: 'error',
    SIMPUL_JOBS: '0',
    ...(process.env.LOAD_NODE_ARGS !== undefined ? {} : startCommand().env),
    ...Object.fromEntries(
      (process.env.LOAD_SERVER_ENV ?? '')
        .split(/\s+/)
        .filter(Boolean)
        .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
    ),
    ...extra,
  };
  if (databaseUrl) {
    const d = await freshPostgres(databaseUrl);
    drop = d.drop;
    env.DATABASE_URL = d.url;
    env.SIMPUL_ENCRYPTION_KEY = randomBytes(32).toString('base64');
  }
  // the first start creates the database (initdb, region codes, demo data); a server runs long
  // after that, so measure a restarted one, with the synthetic cases added while it was stopped
  const first = await startServer(env);
  await first.ready(180_000);
  first.kill('SIGTERM');
  await first.exited;
  const cases = Number(process.env.LOAD_CASES ?? 20000);
  if (cases > 0) {
    const key = env.SIMPUL_ENCRYPTION_KEY
      ? Buffer.from(env.SIMPUL_ENCRYPTION_KEY, 'base64')
      : Buffer.from(readFileSync(embeddedKeyPath(loadConfig(env)), 'utf8').trim(), 'base64');
    const conn = await connect(
      env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR! },
    );
    try {
      await syntheticCases(conn.db, new Keyring(key), cases);
    } finally {
      await conn.close();
    }
  }
  const server = await startServer(
    env,
    process.env.LOAD_NODE_ARGS !== undefined
      ? process.env.LOAD_NODE_ARGS.split(/\s+/).filter(Boolean)
      : startCommand().args,
  );
  await server.ready(180_000);
  // start-up work (migration and key checks, PGlite's own start) leaves garbage that V8 and the
  // allocator give back within seconds; measure the server as it runs, not as it boots
  await new Promise((r) => setTimeout(r, 8_000));
  return {
    server,
    env,
    async stop() {
      server.kill('SIGTERM');
      await Promise.race([server.exited, new Promise((r) => setTimeout(r, 15_000))]);
      server.kill('SIGKILL');
      if (drop) await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `n` cases of Lebak and Kota Serang, each with a victim whose name is searchable (`Bench<i>`). */
async function syntheticCases(db: Awaited<ReturnType<typeof connect>>['db'], keys: Keyring, n: number) {
  const orgs = await db
    .selectFrom('organisation')
    .select(['id', 'jurisdiction'])
    .where('type', '=', 'uptd_ppa')
    .execute();
  const orgOf = (jur: string) => orgs.find((o) => o.jurisdiction === jur)!.id;
  const names = ['Siti', 'Dewi', 'Nur', 'Rina', 'Ayu', 'Sari', 'Wati', 'Lestari', 'Rahma'];
  for (let b = 0; b < n; b += 1000) {
    const caseRows: Insertable<CaseFileTable>[] = [];
    const personRows: Insertable<PersonTable>[] = [];
    for (let i = b; i < Math.min(n, b + 1000); i++) {
      const id = randomUUID();
      const jur = i % 2 === 0 ? '36.02' : '36.73';
      caseRows.push({
        id,
        number: `PPA-${jur.replace('.', '')}-2025-${String(i + 1).padStart(6, '0')}`,
        jurisdiction: jur,
        org_id: orgOf(jur),
        stage: 'layanan',
        channel: 'telepon',
        received_at: new Date(Date.now() - (i + 1) * 600_000),
        risk: (['tinggi', 'sedang', 'rendah'] as const)[i % 3]!,
      });
      const name = `${names[i % names.length]} Bench${i}`;
      personRows.push({
        id: randomUUID(),
        case_id: id,
        jurisdiction: jur,
        role: 'korban',
        name_enc: keys.encrypt(name),
        name_tokens: keys.nameTokens(name),
        disability_types: [],
      });
    }
    await db.insertInto('case_file').values(caseRows).execute();
    await db.insertInto('person').values(personRows).execute();
  }
  await sql`ANALYZE`.execute(db);
}

async function signIn(base: string, email: string): Promise<string> {
  for (;;) {
    const r = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'simpul' },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (r.status === 200) return (r.headers.get('set-cookie') ?? '').split(';')[0]!;
    await r.body?.cancel();
    if (r.status !== 503) throw new Error(`sign-in ${email}: ${r.status}`);
    await new Promise((res) => setTimeout(res, Number(r.headers.get('retry-after') ?? 1) * 1000));
  }
}

/** Runs `users` closed-loop staff sessions for `seconds` against `server`. */
export async function runLoad(
  server: ServerProcess,
  engine: 'pglite' | 'postgres',
  users: number,
  seconds: number,
): Promise<LoadResult> {
  const base = server.baseUrl;
  const rssIdleMb = rssMb(server.p.pid!);
  const cookies: string[] = [];
  for (let i = 0; i < users; i += 10)
    cookies.push(
      ...(await Promise.all(
        Array.from({ length: Math.min(10, users - i) }, (_, j) =>
          signIn(base, ACCOUNTS[(i + j) % ACCOUNTS.length]!),
        ),
      )),
    );
  // each user's own cases (a kab/kota sees only its own)
  const caseIds = await Promise.all(
    cookies.map(async (cookie) => {
      for (;;) {
        const r = await fetch(`${base}/api/v1/cases?pageSize=50`, {
          headers: { cookie, 'x-requested-with': 'simpul' },
        });
        if (r.status === 200)
          return ((await r.json()) as { items: Array<{ id: string }> }).items.map((c) => c.id);
        await r.body?.cancel();
        await new Promise((res) => setTimeout(res, 1000));
      }
    }),
  );
  const paths = [
    () => '/api/v1/cases?pageSize=20',
    (u: number) => `/api/v1/cases/${caseIds[u]![Math.floor(Math.random() * caseIds[u]!.length)]}`,
    () => `/api/v1/cases?q=Bench${Math.floor(Math.random() * Number(process.env.LOAD_CASES ?? 20000))}`,
    () => '/api/v1/work-queue',
    () => '/api/v1/notifications/count',
  ];
  const latencies: number[] = [];
  let refused = 0;
  let errors = 0;
  let rssPeakMb = rssIdleMb;
  const sampler = setInterval(() => {
    rssPeakMb = Math.max(rssPeakMb, rssMb(server.p.pid!));
  }, 250);
  const until = performance.now() + seconds * 1000;
  const t0 = performance.now();
  await Promise.all(
    cookies.map(async (cookie, u) => {
      for (let k = u; performance.now() < until; k++) {
        const t = performance.now();
        try {
          const r = await fetch(`${base}${paths[k % paths.length]!(u)}`, {
            headers: { cookie, 'x-requested-with': 'simpul', 'accept-encoding': ACCEPT_ENCODING },
          });
          await r.arrayBuffer();
          if (r.status === 503) {
            // refused: a browser (the staff app) waits as long as Retry-After asks
            refused++;
            await new Promise((res) => setTimeout(res, Number(r.headers.get('retry-after') ?? 1) * 1000));
            continue;
          }
          latencies.push(performance.now() - t);
          if (r.status !== 200) {
            errors++;
            if (process.env.LOAD_DEBUG) process.stderr.write(`${r.status} ${paths[k % paths.length]!(u)}\n`);
          }
        } catch (e) {
          errors++;
          if (process.env.LOAD_DEBUG) process.stderr.write(`${(e as Error).message}\n`);
        }
      }
    }),
  );
  const elapsed = (performance.now() - t0) / 1000;
  clearInterval(sampler);
  rssPeakMb = Math.max(rssPeakMb, rssMb(server.p.pid!));
  latencies.sort((a, b) => a - b);
  return {
    engine,
    users,
    seconds: elapsed,
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: pct(latencies, 0.5),
    p95: pct(latencies, 0.95),
    p99: pct(latencies, 0.99),
    max: latencies.at(-1) ?? 0,
    refused,
    errors,
    rssIdleMb,
    rssPeakMb,
  };
}

export function describeLoad(r: LoadResult): string {
  const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
  return (
    `${r.engine}, ${r.users} signed-in users without pause for ${r.seconds.toFixed(0)} s: ${r.requests} answered (${r.perSecond.toFixed(0)}/s) | ` +
    `answered p50 ${ms(r.p50)} p95 ${ms(r.p95)} p99 ${ms(r.p99)} max ${ms(r.max)} | refused 503 (then waited Retry-After): ${r.refused} (${((100 * r.refused) / Math.max(1, r.requests + r.refused)).toFixed(1)}%) | errors: ${r.errors} | ` +
    `server RSS idle ${r.rssIdleMb.toFixed(0)} MB, peak ${r.rssPeakMb.toFixed(0)} MB | budget ${RSS_BUDGET_MB} MB | ratio ${(r.rssPeakMb / RSS_BUDGET_MB).toFixed(2)}`
  );
}

if (import.meta.main) {
  const counts = process.argv
    .slice(2)
    .map(Number)
    .filter((n) => n > 0);
  const seconds = Number(process.env.LOAD_SECONDS ?? 20);
  const url = process.env.LOAD_DATABASE_URL;
  for (const users of counts.length ? counts : [200]) {
    const s = await demoServer(url);
    try {
      process.stdout.write(
        `${describeLoad(await runLoad(s.server, url ? 'postgres' : 'pglite', users, seconds))}\n`,
      );
    } finally {
      await s.stop();
    }
  }
}
