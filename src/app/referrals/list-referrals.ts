/** Referral lists: incoming (to the actor's organisation) and outgoing (from cases the actor may read). */
import { listReferrals } from '../../db/referral.repository.ts';
import type { Page, ReferralSummaryDto } from '../../domain/dto.ts';
import { caseScope, referralInboxOrg } from '../../domain/policy.ts';
import type { AuthedCtx } from '../context.ts';
import { summaryDto } from './get-referral.ts';

const PAGE_SIZE = 50;

export async function listReferralBox(
  ctx: AuthedCtx,
  q: { box: 'masuk' | 'keluar'; status?: string | undefined; page: number },
): Promise<Page<ReferralSummaryDto>> {
  const empty = { items: [], total: 0, page: q.page, pageSize: PAGE_SIZE };
  const now = ctx.clock();
  if (q.box === 'masuk') {
    const org = referralInboxOrg(ctx.actor);
    if (!org) return empty;
    const { rows, total } = await listReferrals(ctx.conn.db, { toOrgId: org }, q.status, q.page, PAGE_SIZE);
    return {
      items: rows.map((r) => summaryDto(r, 'penerima', now)),
      total,
      page: q.page,
      pageSize: PAGE_SIZE,
    };
  }
  const scope = caseScope(ctx.actor);
  if (scope.kind === 'none') return empty;
  const { rows, total } = await listReferrals(ctx.conn.db, { scope }, q.status, q.page, PAGE_SIZE);
  return { items: rows.map((r) => summaryDto(r, 'pengirim', now)), total, page: q.page, pageSize: PAGE_SIZE };
}
