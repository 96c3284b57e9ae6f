/**
 * Where the master key comes from: SIMPUL_ENCRYPTION_KEY, SIMPUL_KEY_FILE, or (embedded mode
 * only) DATA_DIR/keys/master.key, created with mode 0600 on first start.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';
import { ConfigError } from './config.ts';

export type KeySource = { key: Buffer; origin: 'env' | 'file' | 'created'; path?: string };

function parseKey(text: string, where: string): Buffer {
  const k = Buffer.from(text.trim(), 'base64');
  if (k.length !== 32)
    throw new ConfigError(`Configuration error: ${where} does not hold a 32-byte base64 key.`);
  return k;
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
  const dir = join(cfg.dataDir, 'keys');
  const path = join(dir, 'master.key');
  if (existsSync(path)) return { key: parseKey(readFileSync(path, 'utf8'), path), origin: 'file', path };
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  writeFileSync(path, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(path, 0o600);
  return { key, origin: 'created', path };
}
