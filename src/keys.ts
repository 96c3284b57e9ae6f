/**
 * Where the master key comes from: SIMPUL_ENCRYPTION_KEY, SIMPUL_KEY_FILE, or (embedded mode
 * only) a key file kept OUTSIDE the data directory, so that copying DATA_DIR never copies the key
 * (decision 018): `<key folder>/<install id>.key`, where the key folder is
 * `$XDG_CONFIG_HOME/simpul/keys` (`~/.config/simpul/keys`; `%APPDATA%\simpul\keys` on Windows)
 * and the install id is a random id kept in `DATA_DIR/install-id`.
 *
 * First start creates the key (mode 0600). An installation whose key is still in the old place,
 * `DATA_DIR/keys/master.key`, has it moved out: written to the new place, flushed to disk and
 * read back before the old file is removed, so a crash at any point leaves a usable key. A data
 * directory that already holds a database but whose key is missing is refused instead of getting
 * a new key. Called with the data directory's lock held (src/db/data-dir-lock.ts).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Config } from './config.ts';
import { ConfigError } from './config.ts';

export type KeySource = {
  key: Buffer;
  origin: 'env' | 'file' | 'created' | 'moved';
  path?: string;
  /** origin 'moved': where the key was before (inside DATA_DIR) */
  movedFrom?: string;
};

const INSTALL_ID_FILE = 'install-id';

function parseKey(text: string, where: string): Buffer {
  const k = Buffer.from(text.trim(), 'base64');
  if (k.length !== 32)
    throw new ConfigError(`Configuration error: ${where} does not hold a 32-byte base64 key.`);
  return k;
}

/** The key file of the pre-018 layout, inside the data directory. */
export function legacyKeyPath(dataDir: string): string {
  return join(dataDir, 'keys', 'master.key');
}

/** DATA_DIR's install id (created on first use): names its key file in the key folder. */
export function installId(dataDir: string, opts: { create: boolean } = { create: true }): string | null {
  const path = join(dataDir, INSTALL_ID_FILE);
  if (existsSync(path)) {
    const id = readFileSync(path, 'utf8').trim();
    if (!/^[0-9a-f-]{36}$/.test(id))
      throw new ConfigError(`Configuration error: ${path} does not hold an install id (a UUID).`);
    return id;
  }
  if (!opts.create) return null;
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const id = randomUUID();
  writeDurably(path, `${id}\n`, 0o644);
  return id;
}

/** Where the embedded database's key lives (outside DATA_DIR). */
export function embeddedKeyPath(cfg: Pick<Config, 'dataDir' | 'keyDir'>): string {
  return join(cfg.keyDir, `${installId(cfg.dataDir)}.key`);
}

/** Does DATA_DIR already hold a database (so a new key would not open it)? */
function hasDatabase(dataDir: string): boolean {
  return existsSync(join(dataDir, 'pglite', 'PG_VERSION'));
}

export function loadMasterKey(cfg: Config): KeySource {
  if (cfg.encryptionKey) return { key: parseKey(cfg.encryptionKey, 'SIMPUL_ENCRYPTION_KEY'), origin: 'env' };
  if (cfg.keyFile) {
    if (!existsSync(cfg.keyFile))
      throw new ConfigError(
        `Configuration error: SIMPUL_KEY_FILE points to ${cfg.keyFile}, which does not exist.`,
      );
    return {
      key: parseKey(readFileSync(cfg.keyFile, 'utf8'), 'SIMPUL_KEY_FILE'),
      origin: 'file',
      path: cfg.keyFile,
    };
  }
  if (cfg.databaseUrl) {
    throw new ConfigError(
      'Configuration error: SIMPUL_ENCRYPTION_KEY (or SIMPUL_KEY_FILE) is required when DATABASE_URL is set.',
    );
  }
  const path = embeddedKeyPath(cfg);
  const legacy = legacyKeyPath(cfg.dataDir);
  if (existsSync(legacy)) return moveLegacyKey(legacy, path);
  if (existsSync(path)) return { key: parseKey(readFileSync(path, 'utf8'), path), origin: 'file', path };
  if (hasDatabase(cfg.dataDir))
    throw new ConfigError(
      `Kunci enkripsi folder data ${cfg.dataDir} tidak ada di ${path}; salin cadangan kunci ke sana (atau pakai SIMPUL_KEY_FILE) — Simpul tidak membuat kunci baru untuk data yang sudah ada. / The encryption key of the data directory ${cfg.dataDir} is not at ${path}; copy the backed-up key there (or set SIMPUL_KEY_FILE) — Simpul does not make a new key for existing data.`,
    );
  const key = randomBytes(32);
  writeKeyFile(path, key);
  return { key, origin: 'created', path };
}

/**
 * Moves DATA_DIR/keys/master.key to the key folder. The old file is removed only after the new
 * one is on disk and reads back the same key; a new file holding a different key stops the start.
 */
function moveLegacyKey(legacy: string, path: string): KeySource {
  const key = parseKey(readFileSync(legacy, 'utf8'), legacy);
  if (existsSync(path)) {
    const there = parseKey(readFileSync(path, 'utf8'), path);
    if (!there.equals(key))
      throw new ConfigError(
        `Configuration error: ${legacy} and ${path} hold different encryption keys; keep the one that opens this data (the older one, normally ${legacy}) and move the other away.`,
      );
  } else {
    writeKeyFile(path, key);
    const back = parseKey(readFileSync(path, 'utf8'), path);
    if (!back.equals(key))
      throw new ConfigError(`Configuration error: ${path} did not read back the key written.`);
  }
  unlinkSync(legacy);
  const keysDir = dirname(legacy);
  if (readdirSync(keysDir).length === 0) rmdirSync(keysDir);
  return { key, origin: 'moved', path, movedFrom: legacy };
}

/** Writes a key file 0600 without ever leaving a half-written one under its name. */
export function writeKeyFile(path: string, key: Buffer) {
  const dir = dirname(path);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw new ConfigError(
      `Configuration error: the key folder ${dir} cannot be created (${(e as NodeJS.ErrnoException).code}); set XDG_CONFIG_HOME to a writable folder or SIMPUL_KEY_FILE to a key file.`,
    );
  }
  const tmp = `${path}.${process.pid}.tmp`;
  writeDurably(tmp, `${key.toString('base64')}\n`, 0o600);
  try {
    linkSync(tmp, path); // fails if the name exists: never replaces a key
  } finally {
    unlinkSync(tmp);
  }
  syncDir(dir);
}

function writeDurably(path: string, text: string, mode: number) {
  const fd = openSync(path, 'wx', mode);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  syncDir(dirname(resolve(path)));
}

function syncDir(dir: string) {
  if (process.platform === 'win32') return;
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
