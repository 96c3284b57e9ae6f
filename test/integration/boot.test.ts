import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { connect } from '../../src/db/connect.ts';
import { MigrationError, migrate } from '../../src/db/migrate.ts';
import { loadRegions } from '../../src/db/region.repository.ts';
import { createHarness } from '../helpers/harness.ts';

describe('configuration', () => {
  it('stops with one sentence naming the variable that is wrong', () => {
    const msg = (env: Record<string, string>) => {
      try {
        loadConfig(env);
        return '';
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
    };
    expect(msg({ PORT: 'delapan' })).toMatch(/^Configuration error: PORT .*\.$/);
    expect(msg({ DATABASE_URL: 'mysql://x' })).toMatch(/DATABASE_URL must start with postgres/);
    expect(msg({ SIMPUL_ENCRYPTION_KEY: 'pendek' })).toMatch(/SIMPUL_ENCRYPTION_KEY must be 32 bytes/);
    expect(msg({ SIMPUL_DEMO_PASSWORD: 'pendek' })).toMatch(/SIMPUL_DEMO_PASSWORD/);
    expect(loadConfig({}).port).toBe(8080);
    expect(loadConfig({}).dataDir).toBe('./data');
  });
});

describe('database', () => {
  it('loads every province, kab/kota, kecamatan and desa/kelurahan of idn-area-data 4', async () => {
    const conn = await connect({ memory: true });
    await migrate(conn);
    expect(await loadRegions(conn.db)).toBe(38 + 514 + 7285 + 83762);
    expect(await loadRegions(conn.db)).toBe(0); // once
    const lebak = await conn.db
      .selectFrom('region')
      .selectAll()
      .where('code', '=', '36.02')
      .executeTakeFirstOrThrow();
    expect(lebak).toMatchObject({ name: 'Kabupaten Lebak', parent_code: '36', level: 2 });
    await conn.close();
  });

  it('refuses a migration that was edited after it was applied', async () => {
    const conn = await connect({ memory: true });
    expect((await migrate(conn)).applied).toContain('0001_foundation.sql');
    expect((await migrate(conn)).applied).toEqual([]);
    await sql`UPDATE schema_migration SET checksum = 'x' WHERE name = '0001_foundation.sql'`.execute(conn.db);
    await expect(migrate(conn)).rejects.toBeInstanceOf(MigrationError);
    await conn.close();
  });

  it('answers /healthz 503 when the database is unreachable', async () => {
    const h = await createHarness('pglite');
    expect((await h.app.request('/healthz')).status).toBe(200);
    expect(await (await h.app.request('/healthz')).json()).toEqual({ status: 'ok', db: 'pglite' });
    await h.svc.conn.close();
    const r = await h.app.request('/healthz');
    expect(r.status).toBe(503);
  });
});

describe('the server process', () => {
  const dir = mkdtempSync(join(tmpdir(), 'simpul-boot-'));
  const port = 20000 + Math.floor(Math.random() * 20000);
  let child: ChildProcess | undefined;
  afterAll(() => child?.kill('SIGKILL'));

  function start(env: Record<string, string>) {
    const p = spawn(process.execPath, ['src/server.ts'], {
      env: {
        ...process.env,
        DATA_DIR: dir,
        PORT: String(port),
        SIMPUL_REGIONS: '36',
        SIMPUL_DEMO: '0',
        LOG_LEVEL: 'info',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout!.on('data', (d) => {
      out += d;
    });
    p.stderr!.on('data', (d) => {
      out += d;
    });
    const exited = new Promise<number | null>((res) => p.on('exit', (code) => res(code)));
    return { p, exited, output: () => out };
  }

  it('starts on the embedded database, creates a 0600 key outside it, serves /healthz and stops cleanly on SIGTERM', async () => {
    const s = start({});
    child = s.p;
    let health: unknown;
    for (let i = 0; i < 120 && !health; i++) {
      await new Promise((r) => setTimeout(r, 250));
      health = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.json(),
        () => undefined,
      );
    }
    expect(health).toEqual({ status: 'ok', db: 'pglite' });
    // the key is created outside DATA_DIR (decision 018), named by the folder's install id
    const id = readFileSync(join(dir, 'install-id'), 'utf8').trim();
    const keyPath = join(process.env.XDG_CONFIG_HOME!, 'simpul', 'keys', `${id}.key`);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dir, 'keys'))).toBe(false);
    expect(s.output()).toMatch(/CADANGKAN/);
    s.p.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  }, 90_000);

  it('refuses to start when the key does not decrypt the existing data', async () => {
    const s = start({ SIMPUL_ENCRYPTION_KEY: randomBytes(32).toString('base64') });
    child = s.p;
    expect(await s.exited).not.toBe(0);
    expect(s.output()).toMatch(/encryption key does not match/);
  }, 60_000);

  it('refuses to start with a wrong setting and names it', async () => {
    const s = start({ PORT: '99999' });
    child = s.p;
    expect(await s.exited).toBe(1);
    expect(s.output().trim()).toMatch(/^Configuration error: PORT/);
  }, 30_000);
});
