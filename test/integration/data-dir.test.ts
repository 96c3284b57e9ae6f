/**
 * The embedded database's folder (decision 018): one process at a time — a second server and
 * every CLI command refuse with one sentence while the server runs, and a server killed with -9
 * leaves no stale lock — and the master key kept outside DATA_DIR (created there on first start,
 * moved out of an older installation's DATA_DIR without being lost, never replaced by a new one).
 */

import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { embeddedKeyPath, loadMasterKey } from '../../src/keys.ts';
import { type ServerProcess, simpulCli, startServer } from '../helpers/process.ts';

const root = mkdtempSync(join(tmpdir(), 'simpul-datadir-'));
const config = join(root, 'config'); // XDG_CONFIG_HOME: where keys are created
const keyDir = join(config, 'simpul', 'keys');
const running: ServerProcess[] = [];
afterAll(() => {
  for (const s of running) s.kill('SIGKILL');
  rmSync(root, { recursive: true, force: true });
});

async function server(dataDir: string) {
  const s = await startServer({ DATA_DIR: dataDir, XDG_CONFIG_HOME: config });
  running.push(s);
  return s;
}
const cli = (dataDir: string, ...args: string[]) =>
  simpulCli({ DATA_DIR: dataDir, XDG_CONFIG_HOME: config }, ...args);
const installId = (dataDir: string) => readFileSync(join(dataDir, 'install-id'), 'utf8').trim();
/** every file under a folder, recursively */
const filesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));

describe('one process per data directory', () => {
  const dataDir = join(root, 'data');

  it('a second server and every CLI command refuse in one sentence while the server runs', async () => {
    const first = await server(dataDir);
    await first.ready();

    const second = await server(dataDir);
    expect(await second.exited).toBe(1);
    const said = second.output().trim();
    expect(said.split('\n')).toHaveLength(1);
    expect(said).toMatch(
      new RegExp(
        `^Folder data ${dataDir} sedang dipakai proses Simpul lain \\(PID ${first.p.pid}\\).*is in use`,
      ),
    );
    // the first server is untouched
    expect((await fetch(`${first.baseUrl}/healthz`)).status).toBe(200);

    const backupFile = join(root, 'cadangan.tar.gz');
    for (const args of [
      ['audit', 'verify'],
      ['backup', backupFile],
      ['migrate'],
      ['seed'],
      ['user', 'disable', '--email', 'manajer@lebak.demo'],
      ['restore', backupFile],
    ]) {
      const r = cli(dataDir, ...args);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(75);
      expect(r.err.trim()).toMatch(/^Folder data .* sedang dipakai proses Simpul lain .* is in use .*\.$/);
    }
    expect(existsSync(backupFile)).toBe(false);
    expect((await fetch(`${first.baseUrl}/healthz`)).status).toBe(200);

    // kill -9: the kernel drops the lock with the process, so a new server starts at once
    first.kill('SIGKILL');
    await first.exited;
    const again = await server(dataDir);
    await again.ready();
    again.kill('SIGTERM');
    expect(await again.exited).toBe(0);
    // and once it has stopped, the CLI runs
    const m = cli(dataDir, 'migrate');
    expect(m.code, m.err).toBe(0);
    expect(m.out).toMatch(/sudah mutakhir/);
  }, 240_000);
});

describe('the master key lives outside the data directory', () => {
  it('is created in the configuration folder (0600) on first start, and nothing under DATA_DIR holds it', async () => {
    const dataDir = join(root, 'fresh');
    const s = await server(dataDir);
    await s.ready();
    s.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    const keyPath = join(keyDir, `${installId(dataDir)}.key`);
    expect(statSync(keyPath).mode & 0o777).toBe(0o600);
    expect(s.output()).toContain(`Kunci enkripsi baru dibuat di ${keyPath}`);
    const key = readFileSync(keyPath, 'utf8').trim();
    expect(existsSync(join(dataDir, 'keys'))).toBe(false);
    for (const f of filesUnder(dataDir)) expect(readFileSync(f).includes(key), f).toBe(false);

    // a copy of the data directory elsewhere (another machine: no key there) is refused, no key is made up
    const copy = join(root, 'copy');
    const otherConfig = join(root, 'other-config');
    const cp = simpulCli({ DATA_DIR: dataDir, XDG_CONFIG_HOME: config }, 'backup', join(root, 'b.tar.gz'));
    expect(cp.code, cp.err).toBe(0);
    expect(cp.out).toContain(`kunci: ${keyPath}`);
    const r = simpulCli({ DATA_DIR: copy, XDG_CONFIG_HOME: otherConfig }, 'restore', join(root, 'b.tar.gz'));
    expect(r.code, r.err).toBe(0);
    const refused = await startServer({ DATA_DIR: copy, XDG_CONFIG_HOME: otherConfig });
    running.push(refused);
    expect(await refused.exited).toBe(1);
    expect(refused.output()).toMatch(/tidak ada di .*salin cadangan kunci/);
    expect(existsSync(join(otherConfig, 'simpul', 'keys'))).toBe(false);
  }, 180_000);

  it('moves an older installation’s DATA_DIR/keys/master.key out, with a log line, keeping the same key', async () => {
    const dataDir = join(root, 'old');
    const seeded = cli(dataDir, 'seed'); // creates the database and its key check value
    expect(seeded.code, seeded.err).toBe(0);
    const newPlace = join(keyDir, `${installId(dataDir)}.key`);
    const key = readFileSync(newPlace, 'utf8');
    // the layout before decision 018: the key inside DATA_DIR, no install id
    mkdirSync(join(dataDir, 'keys'), { mode: 0o700 });
    renameSync(newPlace, join(dataDir, 'keys', 'master.key'));
    rmSync(join(dataDir, 'install-id'));

    const s = await server(dataDir);
    await s.ready(); // the key check passed: the key is the same one
    s.kill('SIGTERM');
    expect(await s.exited).toBe(0);
    const moved = join(keyDir, `${installId(dataDir)}.key`);
    expect(readFileSync(moved, 'utf8')).toBe(key);
    expect(statSync(moved).mode & 0o777).toBe(0o600);
    expect(existsSync(join(dataDir, 'keys'))).toBe(false);
    expect(s.output()).toContain(
      `Kunci enkripsi dipindahkan dari ${join(dataDir, 'keys', 'master.key')} ke ${moved}`,
    );
  }, 180_000);
});

describe('moving a key out of DATA_DIR never loses one', () => {
  const setup = (name: string) => {
    const dataDir = join(root, name);
    const cfg = loadConfig({ DATA_DIR: dataDir, XDG_CONFIG_HOME: join(root, `${name}-config`) });
    mkdirSync(join(dataDir, 'keys'), { recursive: true });
    const legacy = join(dataDir, 'keys', 'master.key');
    const k = randomBytes(32).toString('base64');
    writeFileSync(legacy, `${k}\n`);
    return { cfg, legacy, k };
  };

  it('stops, deleting nothing, when the old and the new place hold different keys', () => {
    const { cfg, legacy, k } = setup('two-keys');
    const other = `${randomBytes(32).toString('base64')}\n`;
    const newPlace = embeddedKeyPath(cfg);
    mkdirSync(cfg.keyDir, { recursive: true });
    writeFileSync(newPlace, other);
    expect(() => loadMasterKey(cfg)).toThrow(/hold different encryption keys/);
    expect(readFileSync(legacy, 'utf8').trim()).toBe(k);
    expect(readFileSync(newPlace, 'utf8')).toBe(other);
  });

  it('finishes a move that stopped after writing the new file (the same key in both places)', () => {
    const { cfg, legacy, k } = setup('half-moved');
    mkdirSync(cfg.keyDir, { recursive: true });
    writeFileSync(embeddedKeyPath(cfg), `${k}\n`);
    const got = loadMasterKey(cfg);
    expect(got.origin).toBe('moved');
    expect(got.key.toString('base64')).toBe(k);
    expect(existsSync(legacy)).toBe(false);
    // and the next start simply reads it
    expect(loadMasterKey(cfg)).toMatchObject({ origin: 'file', path: embeddedKeyPath(cfg) });
  });
});
