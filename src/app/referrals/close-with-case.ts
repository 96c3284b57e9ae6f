/** Closing a case (terminasi) cancels its open referrals and tells their recipients. */
import { activeUsersOfOrg } from '../../db/notification.repository.ts';
import { addReferralEvent, cancelOpenReferralsOfCase } from '../../db/referral.repository.ts';
import type { AuthedCtx, Tx } from '../context.ts';
import { notify } from '../notifications/notify.ts';

export async function cancelReferralsOfClosedCase(ctx: AuthedCtx, trx: Tx, caseId: string, now: Date) {
  const cancelled = await cancelOpenReferralsOfCase(trx, caseId, now);
  for (const r of cancelled) {
    await addReferralEvent(trx, {
      referralId: r.id,
      at: now,
      actorId: ctx.actor.userId,
      actorOrgId: ctx.actor.orgId,
      type: 'status',
      data: { to: 'dibatalkan', reason: 'kasus_ditutup' },
    });
    if (!r.external)
      await notify(
        trx,
        await activeUsersOfOrg(trx, r.to_org_id, ['mitra', 'manajer']),
        { kind: 'rujukan_dibatalkan', link: `/rujukan/${r.id}`, ref: r.number },
        now,
      );
  }
  return cancelled.length;
}
