/**
 * Works around npm's optional-dependency lockfile bug (npm/cli#4828): npm omits the
 * other-platform binaries of packages such as rollup and @biomejs/biome from package-lock.json,
 * and `npm ci` then refuses the lockfile. This adds the missing entries, marked optional for the
 * platform named in the package name (the registry reachable from our machines does not serve
 * other platforms' binaries, so their metadata cannot be looked up). `npm ci` skips them because
 * their os/cpu/libc do not match. Run after changing dependencies: `node scripts/complete-lockfile.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

type Entry = { version?: string; optionalDependencies?: Record<string, string>; [k: string]: unknown };
const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8')) as { packages: Record<string, Entry> };
let added = 0;

const OS = [
  'android',
  'darwin',
  'freebsd',
  'linux',
  'openbsd',
  'openharmony',
  'win32',
  'netbsd',
  'sunos',
  'aix',
];
const CPU = ['arm64', 'x64', 'arm', 'ia32', 'loong64', 'ppc64', 'riscv64', 's390x'];

function platformEntry(name: string, range: string): Entry {
  const parts = name.split('/').pop()!.split('-');
  const os = parts.find((p) => OS.includes(p));
  const cpu = parts.find((p) => CPU.includes(p));
  const tail = parts[parts.length - 1] ?? '';
  const libc = tail.startsWith('musl')
    ? 'musl'
    : tail.startsWith('gnu') && os === 'linux'
      ? 'glibc'
      : undefined;
  if (!os || !cpu) throw new Error(`cannot tell the platform of ${name}`);
  return {
    version: range.replace(/^[\^~=]/, ''),
    optional: true,
    os: [os],
    cpu: [cpu],
    ...(libc ? { libc: [libc] } : {}),
  };
}
for (const [key, entry] of Object.entries(lock.packages)) {
  for (const [name, range] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${key}/node_modules/${name}`;
    const top = `node_modules/${name}`;
    if (lock.packages[nested] || lock.packages[top]) continue;
    lock.packages[top] = { ...platformEntry(name, range), ...(entry.dev ? { dev: true } : {}) };
    added++;
  }
}
lock.packages = Object.fromEntries(
  Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
process.stdout.write(`package-lock.json: ${added} missing optional entries added\n`);
