/**
 * A PostgreSQL to measure against, with fsync ON (the durability the budgets are about): the
 * server named by BENCH_DATABASE_URL, or else a throwaway cluster started here from the local
 * PostgreSQL binaries (initdb/pg_ctl on PATH or in /usr/lib/postgresql/<version>/bin; run as the
 * `postgres` user when the bench runs as root), in a temporary folder on the disk of
 * BENCH_PG_DIR (default: the system temp folder), on a free loopback port, stopped afterwards.
 * The CI cluster runs with fsync=off, so the bench never relies on it.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type BenchPostgres = { url: string; origin: string; stop(): Promise<void> };

function pgBinDir(): string | null {
  const onPath = (() => {
    try {
      return execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  })();
  if (onPath && existsSync(join(onPath, 'initdb'))) return onPath;
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  const versions = readdirSync(base)
    .filter((v) => existsSync(join(base, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(base, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** BENCH_DATABASE_URL, a throwaway cluster with fsync on, or null when neither is available. */
export async function benchPostgres(): Promise<BenchPostgres | null> {
  if (process.env.BENCH_DATABASE_URL)
    return { url: process.env.BENCH_DATABASE_URL, origin: 'BENCH_DATABASE_URL', stop: async () => {} };
  const bin = pgBinDir();
  if (!bin) return null;
  const root = process.getuid?.() === 0;
  const as = (cmd: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { stdio: 'pipe' })
      : execFileSync(join(bin, cmd), args, { stdio: 'pipe' });
  const dir = mkdtempSync(join(process.env.BENCH_PG_DIR ?? tmpdir(), 'simpul-bench-pg-'));
  if (root) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  as('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8']);
  as('pg_ctl', [
    '-D',
    data,
    '-l',
    join(dir, 'log'),
    '-w',
    '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on -c max_connections=50`,
    'start',
  ]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    origin: `a throwaway cluster (${bin}, ${dir})`,
    async stop() {
      try {
        as('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
