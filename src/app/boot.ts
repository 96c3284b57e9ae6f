/**
 * Opening Simpul: configuration → key → database → migrations → key check → region codes →
 * demo data. Shared by the server and the CLI.
 */
import { type Config, ConfigError } from '../config.ts';
import { connect, type Db } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { getRegion, loadRegions, regionCount } from '../db/region.repository.ts';
import { loadMasterKey } from '../keys.ts';
import type { Logger } from '../logger.ts';
import type { Services } from './context.ts';
import { Keyring } from './crypto.ts';
import { checkKey } from './key-check.ts';
import { seedDemo } from './seed-demo.ts';

export async function openServices(
  cfg: Config,
  log: Logger,
  opts: { seed?: boolean } = {},
): Promise<Services> {
  const keySource = loadMasterKey(cfg);
  if (keySource.origin === 'created') {
    log.warn(
      { path: keySource.path },
      'Kunci enkripsi baru dibuat. CADANGKAN berkas ini di tempat aman: tanpa kunci ini data tidak dapat dibaca. / A new encryption key was created. BACK IT UP: without it the data cannot be read.',
    );
  }
  const keys = new Keyring(keySource.key);
  const conn: Db = await connect({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
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

export async function seedReference(svc: Services, cfg: Config) {
  const before = await regionCount(svc.conn.db);
  if (before === 0) {
    const t = Date.now();
    const n = await loadRegions(svc.conn.db, cfg.regions);
    svc.log.info({ regions: n, ms: Date.now() - t }, 'region codes loaded (idn-area-data, ODbL)');
  }
  if (cfg.demo) await seedDemo(svc, { password: cfg.demoPassword });
}
