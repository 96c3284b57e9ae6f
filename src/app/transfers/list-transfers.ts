/**
 * Transfer lists. Incoming: what other offices ask this jurisdiction to take over. Outgoing: what
 * this jurisdiction handed on — the sender keeps this record (case number, dates, status, target)
 * after the case has moved, but no longer the case itself.
 */

import { transfersOfCase, transfersOfJurisdiction } from '../../db/transfer.repository.ts';
import { type List, pageOf, wholeList } from '../../domain/contract/define.ts';
import type { TransferDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { can } from '../../domain/policy.ts';
import { loadVisibleCase } from '../cases/access.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { toTransferDto } from './mappers.ts';

/** The most a transfer list shows: the newest ones (open incoming ones first). */
const LIST_MAX = 500;

export async function listTransfers(
  ctx: AuthedCtx,
  q: { box: 'masuk' | 'keluar' },
): Promise<List<TransferDto>> {
  if (!can(ctx.actor, 'case:transfer'))
    throw new AppError('FORBIDDEN', undefined, {
      action: 'case.transfer.list',
      entity: 'case_transfer',
      entityId: null,
      outcome: 'denied',
    });
  return ctx.conn.db.transaction().execute(async (trx) => {
    // one more than shown: whether there are more than the list shows
    const found = await transfersOfJurisdiction(trx, q.box, ctx.actor.jurisdiction, LIST_MAX + 1);
    const rows = found.slice(0, LIST_MAX);
    const more = found.length > LIST_MAX;
    await audit(ctx, trx, {
      action: 'case.transfer.list',
      entity: 'case_transfer',
      entityId: null,
      outcome: 'ok',
      detail: { box: q.box, ids: rows.map((r) => r.id) },
    });
    return pageOf(
      rows.map((r) => toTransferDto(ctx, r)),
      1,
      LIST_MAX,
      // the list has no further pages: with more than it shows, its count says "500+"
      { total: rows.length, totalCapped: more, hasMore: false },
    );
  });
}

/** The transfers of one case, for those who can read the case. */
export async function caseTransfers(ctx: AuthedCtx, caseId: string): Promise<List<TransferDto>> {
  return ctx.conn.db.transaction().execute(async (trx) => {
    await loadVisibleCase(ctx, trx, caseId, 'case.transfer.list');
    const rows = await transfersOfCase(trx, caseId);
    await audit(ctx, trx, {
      action: 'case.transfer.list',
      entity: 'case',
      entityId: caseId,
      outcome: 'ok',
    });
    return wholeList(rows.map((r) => toTransferDto(ctx, r)));
  });
}
