/** The `simpul` command: set up an installation without demo data, and back it up. */
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { verifyPassword } from '../../src/app/passwords.ts';
import { connect } from '../../src/db/connect.ts';

const dir = mkdtempSync(join(tmpdir(), 'simpul-cli-'));
const keyDir = join(mkdtempSync(join(tmpdir(), 'simpul-cli-config-')), 'simpul', 'keys');
const env = {
  ...process.env,
  DATA_DIR: dir,
  XDG_CONFIG_HOME: join(keyDir, '..', '..'),
  SIMPUL_REGIONS: '36',
  SIMPUL_DEMO: '0',
  LOG_LEVEL: 'silent',
};

function simpul(...args: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/simpul.ts', ...args], { env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

async function withDb<T>(
  fn: (db: Awaited<ReturnType<typeof connect>>['db']) => Promise<T>,
  dataDir = dir,
): Promise<T> {
  const conn = await connect({ dataDir });
  try {
    return await fn(conn.db);
  } finally {
    await conn.close();
  }
}

describe('simpul CLI', () => {
  let orgId = '';

  it('migrates and loads region codes into a new installation', () => {
    const m = simpul('migrate');
    expect(m.code, m.err).toBe(0);
    expect(m.out).toMatch(/0001_foundation\.sql/);
    expect(simpul('migrate').out).toMatch(/sudah mutakhir/);
    expect(simpul('seed').code).toBe(0);
  });

  it('creates an organisation, refusing unknown types and regions', () => {
    const bad = simpul('org', 'create', '--name', 'UPTD PPA Uji', '--type', 'kantor', '--region', '36.02');
    expect(bad.code).toBe(64);
    expect(bad.err).toMatch(/uptd_ppa/);
    expect(
      simpul('org', 'create', '--name', 'UPTD PPA Uji', '--type', 'uptd_ppa', '--region', '36.99').err,
    ).toMatch(/tidak dikenal/);
    const ok = simpul('org', 'create', '--name', 'UPTD PPA Uji', '--type', 'uptd_ppa', '--region', '36.02');
    expect(ok.code, ok.err).toBe(0);
    orgId = /Lembaga dibuat: ([0-9a-f-]{36})/.exec(ok.out)![1]!;
  });

  it('counts the dashboard figures again from the case tables', async () => {
    await withDb(async (db) => {
      await db
        .insertInto('case_file')
        .values({
          id: randomUUID(),
          number: 'PPA-3602-2026-000001',
          jurisdiction: '36.02',
          org_id: orgId,
          stage: 'penerimaan',
          channel: 'telepon',
          received_at: new Date('2026-03-10T03:00:00Z'),
          created_at: new Date(),
          updated_at: new Date(),
        })
        .execute();
      // as if the worker's marks were lost
      await db.deleteFrom('stat_dirty').execute();
    });
    const r = simpul('stats', 'rebuild');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/dihitung ulang: 1 bulan/);
    const rows = await withDb((db) =>
      db
        .selectFrom('stat_rollup')
        .select(['month', 'n'])
        .where('measure', '=', 'cases')
        .where('level', '=', 2)
        .execute(),
    );
    expect(rows.map((x) => [String(x.month).slice(0, 10), x.n])).toEqual([['2026-03-01', 1]]);
  });

  it('creates a user with a temporary password, refusing weak passwords and unknown roles', async () => {
    expect(
      simpul('user', 'create', '--email', 'a@uji.test', '--name', 'A', '--role', 'raja', '--org', orgId).err,
    ).toMatch(/manajer/);
    expect(
      simpul(
        'user',
        'create',
        '--email',
        'a@uji.test',
        '--name',
        'A',
        '--role',
        'manajer',
        '--org',
        orgId,
        '--password',
        'password1234',
      ).err,
    ).toMatch(/terlalu lemah/);
    const ok = simpul(
      'user',
      'create',
      '--email',
      'Petugas@Uji.test',
      '--name',
      'Petugas Uji',
      '--role',
      'manajer',
      '--org',
      orgId,
    );
    expect(ok.code, ok.err).toBe(0);
    const temp = /tampil sekali\): (\S+)/.exec(ok.out)![1]!;
    const row = await withDb((db) =>
      db.selectFrom('app_user').selectAll().where('email', '=', 'petugas@uji.test').executeTakeFirstOrThrow(),
    );
    expect(row).toMatchObject({
      role: 'manajer',
      org_id: orgId,
      demo: false,
      totp_enabled: false,
      disabled: false,
    });
    expect(await verifyPassword(row.password_hash, temp)).toBe(true);
  });

  it('resets a password (new temporary one, two-factor reset) and disables a user', async () => {
    const r = simpul('user', 'reset-password', '--email', 'petugas@uji.test');
    expect(r.code, r.err).toBe(0);
    const temp = /tampil sekali\): (\S+)/.exec(r.out)![1]!;
    const row = await withDb((db) =>
      db.selectFrom('app_user').selectAll().where('email', '=', 'petugas@uji.test').executeTakeFirstOrThrow(),
    );
    expect(await verifyPassword(row.password_hash, temp)).toBe(true);
    expect(simpul('user', 'disable', '--email', 'petugas@uji.test').code).toBe(0);
    expect(
      await withDb((db) =>
        db
          .selectFrom('app_user')
          .select('disabled')
          .where('email', '=', 'petugas@uji.test')
          .executeTakeFirstOrThrow(),
      ),
    ).toEqual({ disabled: true });
    expect(simpul('user', 'disable', '--email', 'tidak.ada@uji.test').err).toMatch(/tidak ditemukan/);
  });

  it('backs up the embedded database without its key and restores both into an empty data folder', async () => {
    const file = join(dir, 'cadangan.tar.gz');
    const b = simpul('backup', file);
    expect(b.code, b.err).toBe(0);
    expect(existsSync(file)).toBe(true);
    // the key is elsewhere (decision 018), and the backup is never written beside it
    const keyPath = join(keyDir, `${readFileSync(join(dir, 'install-id'), 'utf8').trim()}.key`);
    expect(b.out).toContain(keyPath);
    const key = readFileSync(keyPath, 'utf8');
    const gz = readFileSync(file);
    expect(gunzipSync(gz).includes(key.trim())).toBe(false);
    const beside = simpul('backup', join(keyDir, 'cadangan.tar.gz'));
    expect(beside.code).toBe(64);
    expect(beside.err).toMatch(/data dan kunci di tempat berbeda/);
    const target = mkdtempSync(join(tmpdir(), 'simpul-restore-'));
    const wrongKey = join(dir, 'salah.key');
    writeFileSync(wrongKey, `${randomBytes(32).toString('base64')}\n`);
    const wrong = spawnSync(process.execPath, ['src/cli/simpul.ts', 'restore', file, '--key', wrongKey], {
      env: { ...env, DATA_DIR: mkdtempSync(join(tmpdir(), 'simpul-restore-')) },
      encoding: 'utf8',
    });
    expect(wrong.status).toBe(64);
    expect(wrong.stderr).toMatch(/tidak cocok dengan cadangan ini/);
    const savedKey = join(dir, 'disimpan.key');
    writeFileSync(savedKey, key);
    const r = spawnSync(process.execPath, ['src/cli/simpul.ts', 'restore', file, '--key', savedKey], {
      env: { ...env, DATA_DIR: target },
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    // the restored folder has its own install id, and the same key installed under it
    const restoredKey = join(keyDir, `${readFileSync(join(target, 'install-id'), 'utf8').trim()}.key`);
    expect(r.stdout).toContain(`Kunci dipasang di ${restoredKey}`);
    expect(readFileSync(restoredKey, 'utf8')).toBe(key);
    const users = await withDb((db) => db.selectFrom('app_user').select('email').execute(), target);
    expect(users.map((u) => u.email)).toContain('petugas@uji.test');
    const again = spawnSync(process.execPath, ['src/cli/simpul.ts', 'restore', file], {
      env: { ...env, DATA_DIR: target },
      encoding: 'utf8',
    });
    expect(again.status).toBe(64);
    expect(again.stderr).toMatch(/tidak kosong/);
  });

  it('explains unknown commands', () => {
    const r = simpul('terbang');
    expect(r.code).toBe(64);
    expect(r.err).toMatch(/migrate/);
  });
}, 120_000);
