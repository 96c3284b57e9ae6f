/**
 * `npm test`: builds the web app if needed (browser tests use it), then runs every Vitest
 * project (unit, integration on PGlite and — with TEST_DATABASE_URL — PostgreSQL, browser).
 * The last line printed is `N passed, N failed`.
 */
import { spawnSync } from 'node:child_process';

const build = spawnSync(process.execPath, ['scripts/build-web.ts'], { stdio: 'inherit' });
if (build.status !== 0) {
  process.stdout.write('\n0 passed, 1 failed\n');
  process.exit(1);
}
const args = ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)];
const r = spawnSync(process.execPath, args, {
  stdio: 'inherit',
  env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'silent' },
});
process.exit(r.status ?? 1);
