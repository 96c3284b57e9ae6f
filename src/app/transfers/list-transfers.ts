/**
 * Transfer lists. Incoming: what other offices ask this jurisdiction to take over. Outgoing: what
 * this jurisdiction handed on — the sender keeps this record (case number, dates, status, target)
 * after the case has moved, but no longer the case itself.
 */
import { transfersOfCase, transfersOfJurisdiction } from '../../db/transfer.repository.ts';
import type { TransferDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { loadVisibleCase } from '../cases/access.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { toTransferDto } from './mappers.ts';

export async function listTransfers(
  ctx: AuthedCtx,
  q: { box: 'masuk' | 'keluar' },
): Promise<{ items: TransferDto[] }> {
  if (ctx.actor.role !== 'manajer')
    throw new AppError('FORBIDDEN', undefined, {
      action: 'case.transfer.list',
      entity: 'case_transfer',
      entityId: null,
      outcome: 'denied',
    });
  return ctx.conn.db.transaction().execute(async (trx) => {
    const rows = await transfersOfJurisdiction(trx, q.box, ctx.actor.jurisdiction);
    await audit(ctx, trx, {
      action: 'case.transfer.list',
      entity: 'case_transfer',
      entityId: null,
      outcome: 'ok',
      detail: { box: q.box, ids: rows.map((r) => r.id) },
    });
    return { items: rows.map((r) => toTransferDto(ctx, r)) };
  });
}

/** The transfers of one case, for those who can read the case. */
export async function caseTransfers(ctx: AuthedCtx, caseId: string): Promise<{ items: TransferDto[] }> {
  return ctx.conn.db.transaction().execute(async (trx) => {
    await loadVisibleCase(ctx, trx, caseId, 'case.transfer.list');
    const rows = await transfersOfCase(trx, caseId);
    await audit(ctx, trx, {
      action: 'case.transfer.list',
      entity: 'case',
      entityId: caseId,
      outcome: 'ok',
    });
    return { items: rows.map((r) => toTransferDto(ctx, r)) };
  });
}
