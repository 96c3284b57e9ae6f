/**
 * Which paths of the origin belong to whom. The public pages (src/portal) and the machine
 * endpoints are answered by the server only; the staff app (web/) owns every other path.
 * The server uses this list for the public pages' own headers, and the staff app's service
 * worker for the paths it must never answer (web/vite.config.ts), so the two cannot drift.
 */

/** The public pages: reporting, follow-up, service points, joining the network, letter check, statistics. */
export const PUBLIC_PAGE_PREFIXES = [
  '/lapor',
  '/layanan',
  '/gabung',
  '/verifikasi',
  '/keluar',
  '/statistik',
  '/statistik.csv',
] as const;

/** Paths that are not pages of the staff app at all. */
export const SERVER_ONLY_PREFIXES = [...PUBLIC_PAGE_PREFIXES, '/api', '/webhooks', '/healthz'] as const;

/** `prefix` itself or anything below it (`/lapor`, `/lapor/status`), not `/laporan`. */
export function underPrefix(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}/`);
}

export function isPublicPage(path: string): boolean {
  return PUBLIC_PAGE_PREFIXES.some((p) => underPrefix(path, p));
}

/**
 * The same path with a public page's first segment in lower case (`/Lapor/terkirim/AbC` →
 * `/lapor/terkirim/AbC`; the rest, e.g. a token, is kept), or null when it is not one or already
 * is. An address typed or autocorrected with capitals must reach the public page, never the staff
 * app.
 */
export function publicPageCased(path: string): string | null {
  const m = /^(\/[^/]*)(.*)$/.exec(path);
  if (!m) return null;
  const first = m[1]!.toLowerCase();
  if (first === m[1] || !(PUBLIC_PAGE_PREFIXES as readonly string[]).includes(first)) return null;
  return `${first}${m[2]}`;
}

/**
 * Patterns for the service worker's navigation fallback denylist. Workbox tests them against
 * the path AND the query string (`/lapor?lang=en`), so a prefix ends at `/`, `?` or the end.
 */
export function serverOnlyPatterns(): RegExp[] {
  // in any case: /Lapor is the server's too (it sends it on to /lapor)
  return SERVER_ONLY_PREFIXES.map((p) => new RegExp(`^${p.replaceAll('/', '\\/')}(?:[/?]|$)`, 'i'));
}
