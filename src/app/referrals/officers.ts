/**
 * The officers a recipient may name when it accepts a referral or changes who handles it: the
 * active staff of the receiving organisation. Only for those who work the referral as recipient.
 */
import { activeStaffOf } from '../../db/referral.repository.ts';
import type { AuthedCtx } from '../context.ts';
import { actsAsRecipient, denied, loadReferral } from './access.ts';

export async function referralOfficers(
  ctx: AuthedCtx,
  id: string,
): Promise<Array<{ id: string; name: string }>> {
  const l = await loadReferral(ctx, ctx.conn.db, id, 'referral.officers');
  if (!actsAsRecipient(ctx, l)) throw denied(l, 'referral.officers');
  // a recipient outside Simpul has no accounts: the sender types a name
  if (l.r.external) return [];
  return (await activeStaffOf(ctx.conn.db, l.r.to_org_id)).map((u) => ({ id: u.id, name: u.name }));
}
