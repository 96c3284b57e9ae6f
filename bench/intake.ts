/**
 * Public intake throughput next to a bare INSERT of a row of the same size, both 8 at a time, each
 * its own commit, on PostgreSQL with fsync on (bench/postgres.ts), with the audit chainer running
 * as in the server (decision 017). Budget (architecture guide): ≥ 500 reports/s and ≥ 0.5× the
 * bare INSERT. On PostgreSQL it also says how much WAL each writes (what a commit must get to
 * disk) and what the backends waited on while the reports came in (a lock convoy would show as
 * `Lock:advisory`).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { sql } from 'kysely';
import pg from 'pg';
import { startAuditChainer } from '../src/app/audit/start-chainer.ts';
import { verifyAudit } from '../src/app/audit/verify-audit.ts';
import type { Services } from '../src/app/context.ts';
import { Keyring } from '../src/app/crypto.ts';
import { submitPublicReport } from '../src/app/intake/submit-public-report.ts';
import { checkKey } from '../src/app/key-check.ts';
import { seedDemo } from '../src/app/seed-demo.ts';
import { connect, type Db } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { loadRegions } from '../src/db/region.repository.ts';
import { createLogger } from '../src/logger.ts';
import { benchPostgres } from './postgres.ts';

const CONC = 8;

/** This process's CPU time since `from`, per item, in ms. */
function cpuMsPer(from: NodeJS.CpuUsage, n: number): number {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000 / n;
}

async function inParallel(n: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: CONC }, async () => {
      for (let i = next++; i < n; i = next++) await fn(i);
    }),
  );
  return n / ((performance.now() - t) / 1000);
}

/** WAL written while `fn` runs, in bytes (PostgreSQL only). */
async function walOf(conn: Db, fn: () => Promise<number>): Promise<{ result: number; wal: number }> {
  const lsn = async () =>
    (await sql<{ l: string }>`SELECT pg_current_wal_lsn()::text AS l`.execute(conn.db)).rows[0]!.l;
  const from = await lsn();
  const result = await fn();
  const to = await lsn();
  const d = await sql<{
    d: string;
  }>`SELECT pg_wal_lsn_diff(${to}::pg_lsn, ${from}::pg_lsn)::bigint AS d`.execute(conn.db);
  return { result, wal: Number(d.rows[0]!.d) };
}

/** Samples what the other backends of this database wait on, until stopped; shares in %. */
function sampleWaits(url: string) {
  const seen = new Map<string, number>();
  let on = true;
  const done = (async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      while (on) {
        const r = await c.query<{ w: string }>(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w FROM pg_stat_activity
           WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'active'`,
        );
        for (const x of r.rows) seen.set(x.w, (seen.get(x.w) ?? 0) + 1);
        await new Promise((res) => setTimeout(res, 5));
      }
    } finally {
      await c.end();
    }
  })();
  return async () => {
    on = false;
    await done;
    const total = [...seen.values()].reduce((a, b) => a + b, 0) || 1;
    return [...seen]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([w, n]) => `${w} ${Math.round((100 * n) / total)}%`)
      .join(', ');
  };
}

export async function intakeBench(out: (s: string) => void): Promise<void> {
  const INTAKE = Number(process.env.BENCH_INTAKE ?? 2000);
  const server = await benchPostgres();
  let conn: Db;
  let url: string | null = null;
  let drop = async () => {};
  if (server) {
    const name = `simpul_bench_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(server.url);
    u.pathname = `/${name}`;
    url = u.toString();
    conn = await connect({ databaseUrl: url });
    drop = async () => {
      await conn.close();
      const a = new pg.Client({ connectionString: server.url });
      await a.connect();
      await a.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await a.end();
      await server.stop();
    };
  } else {
    out('public intake: no PostgreSQL found (set BENCH_DATABASE_URL): measured on the embedded database');
    conn = await connect({ memory: true });
    drop = () => conn.close();
  }
  try {
    const keys = new Keyring(randomBytes(32));
    const svc: Services = { conn, keys, clock: () => new Date(), log: createLogger('silent') };
    await migrate(conn);
    await checkKey(conn.db, keys);
    await loadRegions(conn.db, ['36']);
    await seedDemo(svc, { password: 'Simpul-Demo-2026', casesPerRegion: 0 });
    const pgOn = conn.kind === 'postgres';
    const fsync = pgOn ? (await sql<{ fsync: string }>`SHOW fsync`.execute(conn.db)).rows[0]!.fsync : 'n/a';
    if (pgOn && fsync !== 'on')
      out('WARNING: fsync is off on this server: the ratio below says nothing about durable writes.');

    const report = (i: number, tag: string) =>
      submitPublicReport(
        {
          ...svc,
          actor: null,
          meta: {
            ip: `10.9.${i % 250}.${Math.floor(i / 250) % 250}`,
            userAgent: null,
            requestId: null,
            anonymous: true,
          },
        },
        {
          reporterType: 'anonim',
          forms: ['fisik'],
          description: `Laporan bench ${tag} ${i}: tetangga mendengar teriakan dan pukulan setiap malam.`,
          regionCode: i % 2 ? '36.02' : '36.73',
          dangerNow: false,
          contactMethod: 'tidak',
          consentContact: false,
          submissionToken: `bench-${tag}-${i}-${randomBytes(8).toString('hex')}`,
        } as never,
      );

    // the chainer runs as in the server: the reports' audit rows are chained while they come in
    const chainer = startAuditChainer(svc);
    await inParallel(100, (i) => report(i, 'warm'));
    const waits = url ? sampleWaits(url) : null;
    const cpu0 = process.cpuUsage();
    const run = pgOn
      ? await walOf(conn, () => inParallel(INTAKE, (i) => report(i, 'run')))
      : { result: await inParallel(INTAKE, (i) => report(i, 'run')), wal: 0 };
    const cpuIntake = cpuMsPer(cpu0, INTAKE);
    const waited = await waits?.();
    const tc = performance.now();
    await chainer.stop(); // the chaining of the last reports is in the WAL measured below
    const lag = performance.now() - tc;
    const verified = await verifyAudit(svc);

    // a bare INSERT of a row the size of an intake row, 8 at a time, each its own commit
    const size = Number(
      (await sql<{ n: string }>`SELECT avg(pg_column_size(i.*))::int AS n FROM intake i`.execute(conn.db))
        .rows[0]!.n,
    );
    await sql`CREATE TABLE bench_bare (id uuid PRIMARY KEY, at timestamptz NOT NULL, body text NOT NULL)`.execute(
      conn.db,
    );
    const body = randomBytes(Math.max(1, Math.floor((size - 24 - 16 - 8) / 2))).toString('hex');
    const bare = () =>
      inParallel(INTAKE, () =>
        sql`INSERT INTO bench_bare (id, at, body) VALUES (${randomUUID()}, now(), ${body})`.execute(conn.db),
      );
    await inParallel(100, () =>
      sql`INSERT INTO bench_bare (id, at, body) VALUES (${randomUUID()}, now(), ${body})`.execute(conn.db),
    );
    const cpu1 = process.cpuUsage();
    const bareRun = pgOn ? await walOf(conn, bare) : { result: await bare(), wal: 0 };
    const cpuBare = cpuMsPer(cpu1, INTAKE);
    const perSec = run.result;
    const ratio = perSec / bareRun.result;
    out(
      `public intake on ${conn.kind}${pgOn ? ` (fsync ${fsync}, ${server?.origin})` : ''}: ${perSec.toFixed(0)} reports/s (${INTAKE} reports, ${CONC} at a time) | bare INSERT of a ${size}-byte row ${bareRun.result.toFixed(0)}/s | ratio ${ratio.toFixed(2)} | budget ≥ 500/s and ≥ 0.5×`,
    );
    if (pgOn)
      out(
        `  WAL per report ${(run.wal / INTAKE).toFixed(0)} bytes (intake, receipt, event, audit row and marker, counter; chaining) vs ${(bareRun.wal / INTAKE).toFixed(0)} per bare INSERT | the backends waited on: ${waited}`,
      );
    out(
      `  application CPU per report ${cpuIntake.toFixed(2)} ms (encryption, keyed hashes, building and sending the statement) vs ${cpuBare.toFixed(2)} ms per bare INSERT, on ${availableParallelism()} cores shared with the database`,
    );
    out(
      `  audit chain after the run: ${verified.ok ? 'intact' : 'BROKEN'}, ${verified.checked} rows chained, ${verified.unchained.count} waiting; the last batch was chained ${lag.toFixed(0)} ms after the last report`,
    );
  } finally {
    await drop();
  }
}
