/**
 * Builds the staff web app (web/ → web/dist) when its sources changed since the last build,
 * so `npm start` is fast after the first time.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const inputs = [
  'web/src',
  'web/index.html',
  'web/vite.config.ts',
  'web/public',
  'src/domain',
  'package-lock.json',
];

function walk(p: string, out: string[]) {
  if (!existsSync(p)) return;
  if (statSync(p).isDirectory()) for (const f of readdirSync(p).sort()) walk(join(p, f), out);
  else out.push(p);
}

const files: string[] = [];
for (const i of inputs) walk(join(root, i), files);
const h = createHash('sha256');
for (const f of files) h.update(f).update(readFileSync(f));
const digest = h.digest('hex');
const stamp = join(root, 'web/dist/.build-hash');
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === digest && !process.argv.includes('--force'))
  process.exit(0);

const r = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules/vite/bin/vite.js'),
    'build',
    '--config',
    'web/vite.config.ts',
    '--logLevel',
    'warn',
  ],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (r.status !== 0) process.exit(r.status ?? 1);
writeFileSync(stamp, digest);
