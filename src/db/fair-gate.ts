/**
 * Fair, bounded turns on the embedded database's single connection (decision 018).
 *
 * Kysely serialises PGlite queries behind a mutex in which every query — and every transaction —
 * queues at the back. A request making ten queries among two hundred others therefore waits
 * behind the whole crowd ten times over: under 200 concurrent users p99 was 42 s. Here the
 * single connection is handed out in the order the *requests* arrived (a request already served
 * once goes before requests that came after it), so a request, once started, finishes; a public
 * report goes before staff work. The wait is bounded: a request that cannot get its first turn
 * within `maxWaitMs`, or arrives while `maxRequests` are already inside or while those inside
 * would take longer than `maxWaitMs` to serve (from a moving average of how long one request
 * holds the connection), is refused (503 with Retry-After, src/http/admission.ts) instead of
 * waiting tens of seconds.
 *
 * The order is a priority queue (`p-queue`, concurrency 1); the request's place comes from an
 * AsyncLocalStorage set by the HTTP admission middleware. Work outside a request (jobs, boot)
 * takes its place at the moment it asks.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import {
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  PGliteAdapter,
  PGliteDialect,
  type PGliteDialectConfig,
  type QueryCompiler,
  type TransactionSettings,
} from 'kysely';
import PQueue from 'p-queue';

/** A request could not get the database in time: answered 503 + Retry-After, never run. */
export class DbBusyError extends Error {
  constructor() {
    super('database busy');
  }
}

export type Turn = {
  /** performance.now() when the request was admitted */
  admittedAt: number;
  /** a reporter's submission: served before staff work that arrived up to a minute earlier */
  urgent: boolean;
  /** has this request had the connection yet? (only the first turn can be refused) */
  started: boolean;
  /** set when its first turn was refused; the admission middleware answers 503 */
  refused: boolean;
  /** milliseconds it has held the connection so far */
  held: number;
};

const turns = new AsyncLocalStorage<Turn>();
const URGENT_LEAD_MS = 60_000;

export type GateLimits = {
  /** requests inside at once (waiting or running); more are refused at the door */
  maxRequests: number;
  /**
   * The longest a request should wait: one whose first turn does not come within it is refused,
   * and so is one arriving when the requests inside would take longer than it to serve.
   */
  maxWaitMs: number;
};

/** Defaults for a small office machine; measured by `npm run soak -- load` (README). */
export const DEFAULT_GATE_LIMITS: GateLimits = { maxRequests: 200, maxWaitMs: 5_000 };

export class ConnectionGate {
  readonly limits: GateLimits;
  #queue = new PQueue({ concurrency: 1 });
  #release: (() => void) | null = null;
  #inside = 0;
  #urgentInside = 0;
  #holder: Turn | null = null;
  #heldSince = 0;
  /** moving average of how long one request holds the connection in all (ms) */
  #serviceMs = 0;
  /** requests refused since start (door or wait), for the bench and logs */
  refused = 0;

  constructor(limits: GateLimits = DEFAULT_GATE_LIMITS) {
    this.limits = limits;
  }

  /** Requests admitted and not finished. */
  get inside() {
    return this.#inside;
  }
  /** Turns waiting for the connection. */
  get waiting() {
    return this.#queue.size;
  }
  /** About how long the requests inside will take to serve (ms). */
  get backlogMs() {
    return this.#inside * this.#serviceMs;
  }

  /**
   * Runs one request inside the gate, or returns null at once when it is full. A reporter's
   * submission (urgent) may use twice the room, so a crowd of staff never turns a report away.
   */
  async admit<T>(urgent: boolean, fn: (turn: Turn) => Promise<T>): Promise<T | null> {
    const room = urgent ? this.limits.maxRequests * 2 : this.limits.maxRequests;
    const backlog = urgent ? this.limits.maxWaitMs * 2 : this.limits.maxWaitMs;
    if (this.#inside - (urgent ? 0 : this.#urgentInside) >= room || this.backlogMs > backlog) {
      this.refused++;
      return null;
    }
    const turn: Turn = { admittedAt: performance.now(), urgent, started: false, refused: false, held: 0 };
    this.#inside++;
    if (urgent) this.#urgentInside++;
    try {
      return await turns.run(turn, () => fn(turn));
    } finally {
      this.#inside--;
      if (urgent) this.#urgentInside--;
      if (turn.held > 0)
        this.#serviceMs = this.#serviceMs === 0 ? turn.held : this.#serviceMs * 0.95 + turn.held * 0.05;
    }
  }

  /** Waits for the connection in the caller's request order; throws DbBusyError if refused. */
  acquire(): Promise<void> {
    const turn = turns.getStore();
    const at = turn ? turn.admittedAt - (turn.urgent ? URGENT_LEAD_MS : 0) : performance.now();
    return new Promise<void>((granted, refuse) => {
      // only a request's first turn has a deadline: once it has started, it is finished
      const wait = turn && !turn.started ? new AbortController() : null;
      const timer = wait
        ? setTimeout(
            () => wait.abort(new DbBusyError()),
            Math.max(0, this.limits.maxWaitMs - (performance.now() - turn!.admittedAt)),
          )
        : null;
      this.#queue
        .add(
          () =>
            new Promise<void>((done) => {
              if (timer) clearTimeout(timer); // never aborts a running turn
              if (turn) turn.started = true;
              this.#holder = turn ?? null;
              this.#heldSince = performance.now();
              this.#release = done;
              granted();
            }),
          { priority: -at, ...(wait ? { signal: wait.signal } : {}) },
        )
        .catch(() => {
          if (timer) clearTimeout(timer);
          if (turn) turn.refused = true;
          this.refused++;
          refuse(new DbBusyError());
        });
    });
  }

  release() {
    const r = this.#release;
    this.#release = null;
    if (this.#holder) this.#holder.held += performance.now() - this.#heldSince;
    this.#holder = null;
    // hand over on the next turn of the event loop: PGlite works synchronously, and a chain of
    // turns passed from promise to promise would keep sockets (new requests, answers) unread
    if (r) setImmediate(r);
  }
}

/**
 * Kysely's PGlite dialect with the gate in place of Kysely's own single-connection mutex: the
 * adapter says "multiple connections" so Kysely adds no mutex, and the driver takes a turn at
 * the gate for every connection it hands out (one query, or one whole transaction).
 */
export class FairPGliteDialect extends PGliteDialect {
  readonly #gate: ConnectionGate;
  constructor(config: PGliteDialectConfig, gate: ConnectionGate) {
    super(config);
    this.#gate = gate;
  }
  override createAdapter(): DialectAdapter {
    return new GatedAdapter();
  }
  override createDriver(): Driver {
    return new GatedDriver(super.createDriver(), this.#gate);
  }
}

class GatedAdapter extends PGliteAdapter {
  override get supportsMultipleConnections() {
    return true; // the gate serialises; Kysely's mutex would queue unfairly in front of it
  }
}

class GatedDriver implements Driver {
  readonly #inner: Driver;
  readonly #gate: ConnectionGate;
  constructor(inner: Driver, gate: ConnectionGate) {
    this.#inner = inner;
    this.#gate = gate;
  }
  init() {
    return this.#inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    await this.#gate.acquire();
    try {
      return await this.#inner.acquireConnection();
    } catch (e) {
      this.#gate.release();
      throw e;
    }
  }
  async releaseConnection(connection: DatabaseConnection) {
    try {
      await this.#inner.releaseConnection(connection);
    } finally {
      this.#gate.release();
    }
  }
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.#inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.#inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.#inner.rollbackTransaction(connection);
  }
  savepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.#inner.savepoint!(c, name, compile);
  }
  rollbackToSavepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.#inner.rollbackToSavepoint!(c, name, compile);
  }
  releaseSavepoint(c: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.#inner.releaseSavepoint!(c, name, compile);
  }
  destroy() {
    return this.#inner.destroy();
  }
}
