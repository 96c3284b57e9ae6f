/**
 * One engine, two deployments: embedded PGlite (default, data in DATA_DIR) or PostgreSQL
 * (DATABASE_URL). Everything above this file sees a Kysely instance and does not care which.
 */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import { ConnectionGate, DbBusyError, FairPGliteDialect, type GateLimits } from './fair-gate.ts';
import type { Database } from './schema.ts';

export type DbKind = 'pglite' | 'postgres';

/** A connection or an open transaction: what every repository function takes first. */
export type Tx = Kysely<Database> | Transaction<Database>;

/** Liveness check for /healthz. */
export async function ping(db: Tx): Promise<void> {
  await sql`SELECT 1`.execute(db);
}

/** PostgreSQL: how long a request waits for a pooled connection before it is refused as busy. */
export const PG_POOL_WAIT_MS = 5_000;

export type Db = {
  kind: DbKind;
  db: Kysely<Database>;
  /** Runs SQL text that may hold several statements (migrations, seeds). */
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
  /** the embedded engine, for backup and restore (absent on PostgreSQL) */
  pglite?: PGlite;
  /** the embedded engine's single connection, handed out fairly and bounded (decision 018) */
  gate?: ConnectionGate;
};

// DATE columns come back as 'YYYY-MM-DD' strings, never as local-time Date objects.
pg.types.setTypeParser(1082, (v: string) => v);
// bigint (ids of audit rows, sequences) as strings
pg.types.setTypeParser(20, (v: string) => v);

export async function connect(opts: {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  memory?: boolean;
  /** restore: start the embedded engine from a backup tarball */
  loadDataDir?: Blob;
  /**
   * The lock on DATA_DIR taken by the caller before it touched the folder (boot takes it before
   * the key); without one, connect takes it. Either way close() releases it.
   */
  lock?: DataDirLock;
  /** the embedded engine's gate limits (tests make them small) */
  gateLimits?: GateLimits;
  /** PostgreSQL: connections, and how long a request waits for one before it is refused */
  pool?: { max?: number; waitMs?: number };
}): Promise<Db> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.pool?.max ?? 10,
      connectionTimeoutMillis: opts.pool?.waitMs ?? PG_POOL_WAIT_MS,
    });
    // a request that gets no connection within the bound is refused (503 + Retry-After), not
    // queued for tens of seconds behind the others (decision 018)
    const take = pool.connect.bind(pool) as (cb?: unknown) => Promise<pg.PoolClient> | undefined;
    (pool as unknown as { connect: (cb?: unknown) => unknown }).connect = (cb?: unknown) => {
      if (cb) return take(cb); // pool.query's own use, with a callback
      return (take() as Promise<pg.PoolClient>).catch((e: Error) => {
        throw /timeout exceeded when trying to connect/i.test(e.message) ? new DbBusyError() : e;
      });
    };
    pool.on('error', () => {
      /* idle client errors surface on the next query */
    });
    pool.on('connect', preparesNamedStatements);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return {
      kind: 'postgres',
      db,
      async exec(sqlText) {
        await pool.query(sqlText);
      },
      async close() {
        await db.destroy();
      },
    };
  }
  let pglite: PGlite;
  let lock: DataDirLock | undefined;
  if (opts.memory) {
    pglite = new PGlite({ parsers: PGLITE_PARSERS });
  } else {
    const dataDir = opts.dataDir ?? './data';
    // one process per data directory, from before the folder is opened (decision 018)
    lock = opts.lock ?? lockDataDir(dataDir);
    try {
      const dir = `${dataDir}/pglite`;
      mkdirSync(dir, { recursive: true });
      pglite = new PGlite(dir, {
        parsers: PGLITE_PARSERS,
        postgresqlconf: PGLITE_CONF,
        ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}),
      });
      await pglite.waitReady;
    } catch (e) {
      lock.release();
      throw e;
    }
  }
  await pglite.waitReady;
  const gate = new ConnectionGate(opts.gateLimits);
  const db = new Kysely<Database>({ dialect: new FairPGliteDialect({ pglite }, gate) });
  return {
    kind: 'pglite',
    db,
    pglite,
    gate,
    async exec(sqlText) {
      await pglite.exec(sqlText);
    },
    async close() {
      try {
        await db.destroy();
        if (!pglite.closed) await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}

/**
 * A statement on a hot path can be named with a leading comment, `/*prepared:<name>*\/`: on
 * PostgreSQL it is then parsed and planned once per connection and executed by name after that
 * (the public report's write, 3 KB of SQL: decision 017). PGlite reads the comment as a comment.
 * Only fixed SQL text may carry a name (a name stands for one text).
 */
const PREPARED = /^\s*\/\*prepared:([a-z0-9_-]{1,60})\*\//;
function preparesNamedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (
    text: unknown,
    ...rest: unknown[]
  ) => {
    const m = typeof text === 'string' ? PREPARED.exec(text) : null;
    return m ? query({ name: m[1], text, values: rest[0] }) : query(text, ...rest);
  };
}

/**
 * The embedded engine's settings. shared_buffers: PostgreSQL's 128 MB default is allocated inside
 * PGlite's WebAssembly memory and stays resident; 16 MB keeps the server near its 300 MB budget,
 * and pages beyond it are still served from the operating system's file cache (decision 018).
 */
const PGLITE_CONF = ['shared_buffers=16MB'];

const PGLITE_PARSERS = {
  1082: (v: string) => v,
  20: (v: string) => v,
};
