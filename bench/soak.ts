/**
 * `npm run soak`: kill -9 during a flood of public reports, on the embedded database and on
 * PostgreSQL, and check that every report the server acknowledged (303 to its receipt) is in
 * the database after the restart — "nothing acknowledged is lost" (invariant 4).
 *
 * Each cycle: a flood of reports from concurrent reporters, each report carrying a unique
 * marker in its account; kill -9 at a random moment; restart on the same data; stop the server
 * cleanly and read every stored account (decrypted with the installation's key). Acknowledged
 * but missing = lost. The short version runs in `npm test` (test/integration/crash.test.ts).
 *
 *   SOAK_CYCLES=5 (per engine)   SOAK_REPORTERS=16   SOAK_FLOOD_MS=4000
 *   SOAK_DATABASE_URL=postgres://… (or TEST_DATABASE_URL) to include PostgreSQL
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Keyring } from '../src/app/crypto.ts';
import { loadConfig } from '../src/config.ts';
import { connect } from '../src/db/connect.ts';
import { embeddedKeyPath } from '../src/keys.ts';
import { type ServerProcess, startServer } from '../test/helpers/process.ts';
import { freshPostgres } from './load.ts';

export type CycleResult = { acknowledged: number; stored: number; lost: string[]; killedAfterMs: number };

/** One installation (a data directory or a PostgreSQL database) that cycles can crash again and again. */
export async function crashInstallation(databaseUrl?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'simpul-soak-'));
  const env: Record<string, string> = {
    DATA_DIR: join(dir, 'data'),
    XDG_CONFIG_HOME: join(dir, 'config'),
    SIMPUL_DEMO: '1',
    SIMPUL_REGIONS: '36',
    LOG_LEVEL: 'error',
    SIMPUL_JOBS: '0',
    // every reporter its own address (a header only, RFC 2544's benchmark range), so the flood is
    // many senders and not one sender slowed down by the per-address limit
    SIMPUL_TRUST_PROXY: '1',
  };
  let drop: (() => Promise<void>) | undefined;
  if (databaseUrl) {
    const d = await freshPostgres(databaseUrl);
    drop = d.drop;
    env.DATABASE_URL = d.url;
    env.SIMPUL_ENCRYPTION_KEY = randomBytes(32).toString('base64');
  }
  const engine = databaseUrl ? 'postgres' : 'pglite';
  let run = 0;

  /** Every marker found in the stored accounts (the server must be stopped on the embedded database). */
  async function storedMarkers(prefix: string): Promise<Set<string>> {
    const key = env.SIMPUL_ENCRYPTION_KEY
      ? Buffer.from(env.SIMPUL_ENCRYPTION_KEY, 'base64')
      : Buffer.from(readFileSync(embeddedKeyPath(loadConfig(env)), 'utf8').trim(), 'base64');
    const keys = new Keyring(key);
    const conn = await connect(
      env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { dataDir: env.DATA_DIR! },
    );
    try {
      const rows = await conn.db.selectFrom('intake').select('description_enc').execute();
      const found = new Set<string>();
      for (const r of rows) {
        const text = r.description_enc ? keys.decrypt(r.description_enc) : '';
        const m = new RegExp(`${prefix}-\\d+`).exec(text ?? '');
        if (m) found.add(m[0]);
      }
      return found;
    } finally {
      await conn.close();
    }
  }

  return {
    engine,
    /** flood, kill -9 after `killAfterMs`, restart, check */
    async cycle(opts: { reporters: number; killAfterMs: number }): Promise<CycleResult> {
      const prefix = `SOAK${++run}x${randomBytes(3).toString('hex')}`;
      const server = await startServer(env);
      await server.ready(180_000);
      const acked = new Set<string>();
      let stop = false;
      let n = 0;
      const flood = Promise.all(
        Array.from({ length: opts.reporters }, async () => {
          while (!stop) {
            const marker = `${prefix}-${n++}`;
            try {
              const r = await fetch(`${server.baseUrl}/lapor`, {
                method: 'POST',
                redirect: 'manual',
                headers: {
                  'content-type': 'application/x-www-form-urlencoded',
                  'x-forwarded-for': `198.18.${(n >> 8) & 255}.${n & 255}`,
                },
                body: reportForm(marker),
              });
              await r.arrayBuffer();
              if (r.status === 303) acked.add(marker);
              else if (r.status === 503)
                await new Promise((res) => setTimeout(res, Number(r.headers.get('retry-after') ?? 1) * 1000));
            } catch {
              // the connection died with the server: not acknowledged
            }
          }
        }),
      );
      await new Promise((r) => setTimeout(r, opts.killAfterMs));
      server.kill('SIGKILL');
      await server.exited;
      stop = true;
      await flood;
      // restart on the same data (recovery), then stop cleanly and read what is stored
      const again: ServerProcess = await startServer(env);
      await again.ready(180_000);
      again.kill('SIGTERM');
      await again.exited;
      const stored = await storedMarkers(prefix);
      return {
        acknowledged: acked.size,
        stored: stored.size,
        lost: [...acked].filter((m) => !stored.has(m)),
        killedAfterMs: opts.killAfterMs,
      };
    },
    async dispose() {
      if (drop) await drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function reportForm(marker: string): URLSearchParams {
  return new URLSearchParams({
    reporterType: 'orang_lain',
    victimSex: 'perempuan',
    victimAgeGroup: 'dewasa',
    forms: 'fisik',
    description: `Laporan uji ketahanan ${marker}: tetangga dipukul suaminya.`,
    prov: '36',
    kab: '36.02',
    kec: '36.02.01',
    occurredWhen: 'minggu_ini',
    dangerNow: 'tidak',
    contactMethod: 'tidak',
    submissionToken: `soak-${marker}-${randomBytes(6).toString('hex')}`,
    website: '',
  });
}

if (import.meta.main) {
  const cycles = Number(process.env.SOAK_CYCLES ?? 5);
  const reporters = Number(process.env.SOAK_REPORTERS ?? 16);
  const floodMs = Number(process.env.SOAK_FLOOD_MS ?? 4000);
  const pgUrl = process.env.SOAK_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  let lostTotal = 0;
  for (const url of pgUrl ? [undefined, pgUrl] : [undefined]) {
    const inst = await crashInstallation(url);
    try {
      for (let i = 1; i <= cycles; i++) {
        const killAfterMs = Math.round(floodMs * (0.3 + 0.7 * Math.random()));
        const r = await inst.cycle({ reporters, killAfterMs });
        lostTotal += r.lost.length;
        process.stdout.write(
          `${inst.engine} cycle ${i}: kill -9 after ${r.killedAfterMs} ms of ${reporters} reporters | acknowledged (303) ${r.acknowledged} | stored ${r.stored} | lost ${r.lost.length}${r.lost.length ? ` (${r.lost.slice(0, 5).join(', ')})` : ''}\n`,
        );
      }
    } finally {
      await inst.dispose();
    }
  }
  process.stdout.write(`acknowledged reports lost: ${lostTotal} (must be 0)\n`);
  process.exit(lostTotal === 0 ? 0 : 1);
}
