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

/**
 * Adds one view or one report to the code's month; answers whether it counted. Never throws: the
 * counter is a by-product, and its failure is logged without the code.
 */
export async function countPosterUse(
  svc: Services,
  raw: unknown,
  what: 'views' | 'reports',
): Promise<boolean> {
  const code = posterCodeFrom(raw);
  if (!code) return false;
  try {
    const found = await findPosterCode(svc.conn.db, code);
    if (!found) return false;
    await bumpPosterCount(svc.conn.db, found.id, localMonth(svc.clock(), found.jurisdiction), what);
    return true;
  } catch (e) {
    svc.log.warn({ err: (e as Error).message }, 'poster count not added');
    return false;
  }
}
