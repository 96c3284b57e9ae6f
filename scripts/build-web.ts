/**
 * Builds the staff web app (web/ → web/dist) when its sources changed since the last build,
 * so `npm start` is fast after the first time, then pre-compresses every text file of the build
 * (`x.js.br` and `x.js.gz` next to `x.js`, scripts/precompress.ts) for the server to send to
 * browsers that accept them.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { precompressDir } from './precompress.ts';

const root = new URL('..', import.meta.url).pathname;
const inputs = [
  'web/src',
  'web/index.html',
  'web/vite.config.ts',
  'web/public',
  'src/domain',
  'scripts/build-web.ts',
  'scripts/precompress.ts',
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

precompressDir(join(root, 'web/dist'));
writeFileSync(stamp, digest);
