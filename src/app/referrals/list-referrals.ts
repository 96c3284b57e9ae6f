/** Referral lists: incoming (to the actor's organisation) and outgoing (from cases the actor may read). */
import { listReferrals } from '../../db/referral.repository.ts';
import { type List, pageOf } from '../../domain/contract/define.ts';
import type { ReferralSummaryDto } from '../../domain/dto.ts';
import { caseScope, hasReferralBox, referralInboxOrg } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { summaryDto } from './get-referral.ts';

export async function listReferralBox(
  ctx: AuthedCtx,
  q: { box: 'masuk' | 'keluar'; status?: string | undefined; page: number; pageSize: number },
): Promise<List<ReferralSummaryDto>> {
  const empty = pageOf<ReferralSummaryDto>([], q.page, q.pageSize, {
    total: 0,
    totalCapped: false,
    hasMore: false,
  });
  const now = ctx.clock();
  const org = referralInboxOrg(ctx.actor);
  const scope = caseScope(ctx.actor);
  if (!hasReferralBox(ctx.actor, q.box) || (q.box === 'masuk' ? !org : scope.kind === 'none')) return empty;
  const side = q.box === 'masuk' ? 'penerima' : 'pengirim';
  // the audit row goes with the page's details (one round trip); the answer waits for both, so
  // no list is shown whose reading was not recorded. The list shows victims' sex and age group:
  // which referrals were listed is recorded.
  const { rows, ...count } = await listReferrals(
    ctx.conn.db,
    q.box === 'masuk' ? { toOrgId: org as string } : { scope },
    q.status,
    q.page,
    q.pageSize,
    (ids) =>
      audit(ctx, ctx.conn.db, {
        action: 'referral.list',
        entity: 'referral',
        entityId: null,
        outcome: 'ok',
        detail: { box: q.box, ids },
      }),
  );
  const items = rows.map((r) => summaryDto(r, side, now));
  return pageOf(items, q.page, q.pageSize, count);
}
