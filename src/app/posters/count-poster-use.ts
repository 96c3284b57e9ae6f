/**
 * The public side of poster codes (issue 12 §6, decision 034): /lapor opened with a code, and a
 * public report sent from a form that carried one, each add one to the code's count for the
 * local month. Nothing else is kept: not the report, not the request, not the day, not who. A
 * code that is malformed or unknown is ignored without a word (the reporter never sees an error
 * for it), and a failure to count never fails the page or the report.
 */
import { bumpPosterCount, findPosterCode } from '../../db/poster.repository.ts';
import { localMonth, posterCodeFrom } from '../../domain/posters.ts';
import type { Services } from '../context.ts';

/** The code a link or a form carried, if it is one of the Dinas's (null otherwise). */
export async function knownPosterCode(svc: Services, raw: unknown): Promise<string | null> {
  const code = posterCodeFrom(raw);
  if (!code) return null;
  return (await findPosterCode(svc.conn.db, code)) ? code : null;
}

/** One address opening one code counts as one visit per hour (decision 034). */
export const VIEW_REPEAT_MS = 60 * 60 * 1000;
const MAX_REMEMBERED = 20_000;
/**
 * Visits counted in the last hour, by a keyed hash of (address, code) → until when. Kept in this
 * process's memory only, never stored or logged, and forgotten after the hour: enough to stop one
 * address reloading a poster's link to inflate its count, without keeping who opened what.
 */
const recentViews = new Map<string, number>();

function seenRecently(svc: Services, viewer: string, code: string): boolean {
  const now = svc.clock().getTime();
  const key = svc.keys.blindIndex('poster-view', `${viewer}|${code}`);
  const until = recentViews.get(key);
  if (until !== undefined && until > now) return true;
  recentViews.delete(key);
  recentViews.set(key, now + VIEW_REPEAT_MS);
  // the oldest first: a Map keeps insertion order
  for (const [k, t] of recentViews) {
    if (recentViews.size <= MAX_REMEMBERED && t > now) break;
    recentViews.delete(k);
  }
  return false;
}

/**
 * Adds one view or one report to the code's month; answers whether the code is one of the
 * Dinas's. A view from an address that opened the same code within the hour adds nothing
 * (`viewer`: the request's address; null when unknown). Never throws: the counter is a
 * by-product, and its failure is logged without the code.
 */
export async function countPosterUse(
  svc: Services,
  raw: unknown,
  what: 'views' | 'reports',
  viewer: string | null = null,
): Promise<boolean> {
  const code = posterCodeFrom(raw);
  if (!code) return false;
  try {
    const found = await findPosterCode(svc.conn.db, code);
    if (!found) return false;
    if (what === 'views' && viewer && seenRecently(svc, viewer, code)) return true;
    await bumpPosterCount(svc.conn.db, found.id, localMonth(svc.clock(), found.jurisdiction), what);
    return true;
  } catch (e) {
    svc.log.warn({ err: (e as Error).message }, 'poster count not added');
    return false;
  }
}
