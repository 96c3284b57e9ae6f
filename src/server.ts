/**
 * `npm start`: open the database (embedded PGlite unless DATABASE_URL), migrate, load region
 * codes and demo data, and serve on PORT; run the background job worker unless SIMPUL_JOBS=0, and
 * the audit chainer always.
 * SIGTERM/SIGINT finish in-flight requests and the current job round, then close.
 */

import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { prepareAnchorDir } from './app/audit/anchor-file.ts';
import { startAuditChainer } from './app/audit/start-chainer.ts';
import { backgroundSettled } from './app/background.ts';
import { openServices } from './app/boot.ts';
import { startJobWorker } from './app/jobs/worker.ts';
import { KeyMismatchError } from './app/key-check.ts';
import { ConfigError, loadConfig } from './config.ts';
import { DataDirInUseError } from './db/data-dir-lock.ts';
import { MigrationError } from './db/migrate.ts';
import { createApp } from './http/app.ts';
import { describeTrustProxy } from './http/client-address.ts';
import { createLogger } from './logger.ts';
import { stopOccasional } from './occasional/pool.ts';

async function main() {
  let cfg: ReturnType<typeof loadConfig>;
  try {
    cfg = loadConfig();
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
  try {
    prepareAnchorDir(cfg.auditAnchorDir); // before anything is written: the checkpoints must have a place
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(1);
  }
  const log = createLogger(cfg.logLevel);
  let svc: Awaited<ReturnType<typeof openServices>>;
  try {
    svc = await openServices(cfg, log);
  } catch (e) {
    if (
      e instanceof ConfigError ||
      e instanceof KeyMismatchError ||
      e instanceof MigrationError ||
      e instanceof DataDirInUseError
    ) {
      process.stderr.write(`${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
  const app = createApp(svc, {
    publicUrl: cfg.publicUrl,
    trustProxy: cfg.trustProxy,
    quickExitUrl: cfg.quickExitUrl,
    clientIp: (c) => {
      try {
        return getConnInfo(c as never).remote.address ?? null;
      } catch {
        return null;
      }
    },
  });
  const server = serve({ fetch: app.fetch, port: cfg.port, hostname: cfg.host }, (info) => {
    log.info(
      { port: info.port, db: svc.conn.kind, trustProxy: describeTrustProxy(cfg.trustProxy) },
      `Simpul berjalan di http://${cfg.host === '0.0.0.0' ? 'localhost' : cfg.host}:${info.port}`,
    );
    if (cfg.demo)
      log.info(
        `Akun demo: manajer@lebak.demo (dan peran lain) — kata sandi dari SIMPUL_DEMO_PASSWORD (bawaan: lihat README)`,
      );
  });
  // background jobs (notification e-mail/WhatsApp, deadline scans); SIMPUL_JOBS=0 switches them off
  const worker = cfg.jobs ? startJobWorker(svc) : null;
  // the audit chain is extended in the background, never on a request's path (decision 017)
  const chainer = startAuditChainer(svc);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close(async () => {
      await worker?.stop();
      await backgroundSettled(svc);
      await chainer.stop();
      await stopOccasional();
      await svc.conn.close();
      log.info('stopped');
      process.exit(0);
    });
    (server as unknown as { closeIdleConnections?: () => void }).closeIdleConnections?.();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

await main();
