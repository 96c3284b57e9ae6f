/**
 * Opening Simpul: configuration → key → database → migrations → key check → region codes →
 * demo data. Shared by the server and the CLI.
 */
import { type Config, ConfigError } from '../config.ts';
import { connect, type Db } from '../db/connect.ts';
import { type DataDirLock, lockDataDir } from '../db/data-dir-lock.ts';
import { migrate } from '../db/migrate.ts';
import { getRegion, loadRegions, regionCount } from '../db/region.repository.ts';
import { type KeySource, loadMasterKey } from '../keys.ts';
import type { Logger } from '../logger.ts';
import type { Services } from './context.ts';
import { Keyring } from './crypto.ts';
import { checkKey } from './key-check.ts';
import { seedDemo } from './seed-demo.ts';

export async function openServices(
  cfg: Config,
  log: Logger,
  /** lock: the data directory's lock when the caller (the CLI) already holds it */
  opts: { seed?: boolean; lock?: DataDirLock } = {},
): Promise<Services> {
  // the embedded database's folder is locked before anything in it (key, install id) is touched
  const lock = cfg.databaseUrl ? undefined : (opts.lock ?? lockDataDir(cfg.dataDir));
  let conn: Db;
  let keys: Keyring;
  try {
    const keySource = loadMasterKey(cfg);
    logKeySource(log, keySource);
    keys = new Keyring(keySource.key);
    conn = await connect({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir, lock });
  } catch (e) {
    lock?.release();
    throw e;
  }
  try {
    const m = await migrate(conn);
    if (m.applied.length > 0) log.info({ applied: m.applied }, 'migrations applied');
    await checkKey(conn.db, keys);
    const svc: Services = {
      conn,
      keys,
      clock: () => new Date(),
      log,
      whatsapp: cfg.whatsapp,
      mail: cfg.mail,
      publicUrl: cfg.publicUrl ?? `http://${cfg.host === '0.0.0.0' ? 'localhost' : cfg.host}:${cfg.port}`,
      auditAnchorDir: cfg.auditAnchorDir,
    };
    if (opts.seed !== false) await seedReference(svc, cfg);
    const wa = cfg.whatsapp;
    if (wa && (await regionCount(conn.db)) > 0 && !(await getRegion(conn.db, wa.defaultRegion)))
      throw new ConfigError(
        `Configuration error: WHATSAPP_DEFAULT_REGION ${wa.defaultRegion} is not a kab/kota code known to this installation.`,
      );
    return svc;
  } catch (e) {
    await conn.close();
    throw e;
  }
}

/** The log line of a key created or moved out of DATA_DIR (the operator must back it up). */
export function logKeySource(log: Logger, keySource: KeySource) {
  if (keySource.origin === 'created')
    log.warn(
      { path: keySource.path },
      `Kunci enkripsi baru dibuat di ${keySource.path} (di luar folder data). CADANGKAN berkas ini terpisah dari data: tanpa kunci ini data tidak dapat dibaca. / A new encryption key was created at ${keySource.path} (outside the data directory). BACK IT UP separately from the data: without it the data cannot be read.`,
    );
  if (keySource.origin === 'moved')
    log.warn(
      { from: keySource.movedFrom, to: keySource.path },
      `Kunci enkripsi dipindahkan dari ${keySource.movedFrom} ke ${keySource.path}, agar salinan folder data tidak ikut membawa kunci; cadangan folder data yang lama masih memuat kunci. / The encryption key was moved from ${keySource.movedFrom} to ${keySource.path}, so that a copy of the data directory no longer carries the key; older copies of the data directory still hold it.`,
    );
}

export async function seedReference(svc: Services, cfg: Config) {
  const before = await regionCount(svc.conn.db);
  if (before === 0) {
    const t = Date.now();
    const n = await loadRegions(svc.conn.db, cfg.regions);
    svc.log.info({ regions: n, ms: Date.now() - t }, 'region codes loaded (idn-area-data, ODbL)');
  }
  if (cfg.demo) await seedDemo(svc, { password: cfg.demoPassword });
}
