/**
 * One worker thread for occasional heavy work (decision 020), started when a job comes and ended
 * after 30 s without one, so the libraries it loads leave the server's memory with it. Jobs
 * run concurrently in it; a worker that dies fails only the jobs it held, and the next job starts
 * a new one.
 */
import { Worker } from 'node:worker_threads';
import type { JobName, Jobs } from './jobs.ts';

let idleMs = 30_000;

/** How long the worker waits for another job before it ends (tests shorten it). */
export function setOccasionalIdle(ms: number) {
  idleMs = ms;
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
let idle: NodeJS.Timeout | null = null;

function settleAll(w: Worker, e: Error) {
  if (worker !== w) return;
  worker = null;
  for (const p of pending.values()) p.reject(e);
  pending.clear();
}

function start(): Worker {
  const w = new Worker(new URL('./worker.ts', import.meta.url));
  w.unref(); // never keeps the process alive
  w.on('message', (m: { id: number; ok: boolean; output?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    if (m.ok) p.resolve(m.output);
    else p.reject(new Error(m.error));
    if (pending.size === 0) armIdle();
  });
  w.on('error', (e) => settleAll(w, e instanceof Error ? e : new Error(String(e))));
  w.on('exit', (code) => settleAll(w, new Error(`occasional worker exited (${code})`)));
  return w;
}

function armIdle() {
  if (idle) clearTimeout(idle);
  idle = setTimeout(() => {
    idle = null;
    if (worker && pending.size === 0) {
      const w = worker;
      worker = null;
      void w.terminate();
    }
  }, idleMs);
  idle.unref();
}

/** Runs `job` in the occasional worker. */
export function occasional<K extends JobName>(
  job: K,
  input: Parameters<Jobs[K]>[0],
): Promise<Awaited<ReturnType<Jobs[K]>>> {
  if (idle) {
    clearTimeout(idle);
    idle = null;
  }
  worker ??= start();
  const id = nextId++;
  const w = worker;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    w.postMessage({ id, job, input });
  });
}

/** Whether the worker is running now (tests and the bench). */
export function occasionalRunning(): boolean {
  return worker !== null;
}

/** Ends the worker at once (shutdown, tests). */
export async function stopOccasional(): Promise<void> {
  if (idle) clearTimeout(idle);
  idle = null;
  const w = worker;
  if (w) settleAll(w, new Error('occasional worker stopped'));
  if (w) await w.terminate();
}
