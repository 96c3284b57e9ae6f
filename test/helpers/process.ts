/**
 * Real Simpul processes for tests that are about processes: the server (`src/server.ts`) and the
 * `simpul` command, started with their own environment, their output collected.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';

export type ServerProcess = {
  p: ChildProcess;
  port: number;
  baseUrl: string;
  exited: Promise<number | null>;
  output(): string;
  /** resolves once /healthz answers 200 (rejects if the process exits first or after timeoutMs) */
  ready(timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): void;
};

/**
 * The environment of a test process: this one's, without the database and key settings, and at log
 * level info (its output is collected, not printed; `npm test` silences its own log level).
 */
export function cleanEnv(extra: Record<string, string>): Record<string, string> {
  const e: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) e[k] = v;
  for (const k of ['DATABASE_URL', 'SIMPUL_ENCRYPTION_KEY', 'SIMPUL_KEY_FILE', 'NODE_OPTIONS', 'LOG_LEVEL'])
    delete e[k];
  return { SIMPUL_REGIONS: '36', SIMPUL_DEMO: '0', LOG_LEVEL: 'info', SIMPUL_JOBS: '0', ...e, ...extra };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startServer(
  env: Record<string, string>,
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const port = await freePort();
  const p = spawn(process.execPath, [...nodeArgs, 'src/server.ts'], {
    env: cleanEnv({ ...env, PORT: String(port) }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  p.stdout!.on('data', (d) => {
    out += d;
  });
  p.stderr!.on('data', (d) => {
    out += d;
  });
  let done = false;
  const exited = new Promise<number | null>((res) =>
    p.on('exit', (code) => {
      done = true;
      res(code);
    }),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    p,
    port,
    baseUrl,
    exited,
    output: () => out,
    async ready(timeoutMs = 90_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        if (done) throw new Error(`server exited before it was ready:\n${out}`);
        const ok = await fetch(`${baseUrl}/healthz`).then(
          (r) => r.status === 200,
          () => false,
        );
        if (ok) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`server not ready after ${timeoutMs} ms:\n${out}`);
    },
    kill(signal = 'SIGTERM') {
      if (!done) p.kill(signal);
    },
  };
}

export function simpulCli(env: Record<string, string>, ...args: string[]) {
  const r = spawnSync(process.execPath, ['src/cli/simpul.ts', ...args], {
    env: cleanEnv({ LOG_LEVEL: 'warn', ...env }),
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
