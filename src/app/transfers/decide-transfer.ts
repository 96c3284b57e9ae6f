/**
 * Deciding a transfer: the receiving case manager accepts (the case moves in the same
 * transaction) or declines; the sender may cancel while it waits. Of two decisions at once only
 * one applies: the update is conditional on the status and version read.
 */
import { addCaseEvent } from '../../db/case.repository.ts';
import { activeUsersInJurisdiction } from '../../db/notification.repository.ts';
import {
  caseForTransfer,
  decideTransfer,
  getTransfer,
  moveCase,
  type TransferRow,
} from '../../db/transfer.repository.ts';
import type { TransferDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { canDecideTransfer } from '../../domain/policy.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { notify } from '../notifications/notify.ts';
import { isSender, toTransferDto } from './mappers.ts';

type Decision = 'accept' | 'decline' | 'cancel';
const AUDIT: Record<Decision, string> = {
  accept: 'case.transfer.accept',
  decline: 'case.transfer.decline',
  cancel: 'case.transfer.cancel',
};

/**
 * Loads a transfer the actor is a party to: the offices it comes from or goes to. Anyone else
 * gets 404, like a case outside their scope.
 */
async function loadForDecision(ctx: AuthedCtx, db: Tx, id: string, d: Decision): Promise<TransferRow> {
  const t = await getTransfer(db, id);
  const party =
    t !== undefined &&
    (ctx.actor.jurisdiction === t.from_jurisdiction || ctx.actor.jurisdiction === t.to_jurisdiction);
  if (!t || !party)
    throw new AppError('NOT_FOUND', undefined, {
      action: AUDIT[d],
      entity: 'case_transfer',
      entityId: id,
      outcome: 'not_found',
    });
  const allowed =
    d === 'cancel'
      ? isSender(ctx, t)
      : t.to_jurisdiction !== null && canDecideTransfer(ctx.actor, t.to_jurisdiction);
  if (!allowed)
    throw new AppError('FORBIDDEN', undefined, {
      action: AUDIT[d],
      entity: 'case_transfer',
      entityId: id,
      outcome: 'denied',
    });
  if (t.status !== 'diajukan') throw new AppError('TRANSFER_STATE');
  return t;
}

/** Applies the status change; explains a lost race as state or version conflict. */
async function apply(
  db: Tx,
  t: TransferRow,
  version: number,
  set: Parameters<typeof decideTransfer>[3],
): Promise<void> {
  if (t.version !== version) throw new AppError('VERSION_CONFLICT');
  if (await decideTransfer(db, t.id, version, set)) return;
  const now = await getTransfer(db, t.id);
  throw new AppError(now && now.status !== 'diajukan' ? 'TRANSFER_STATE' : 'VERSION_CONFLICT');
}

async function result(ctx: AuthedCtx, id: string): Promise<TransferDto> {
  const row = await getTransfer(ctx.conn.db, id);
  return toTransferDto(ctx, row!);
}

export async function acceptTransfer(
  ctx: AuthedCtx,
  id: string,
  input: { version: number },
): Promise<TransferDto> {
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    const t = await loadForDecision(ctx, trx, id, 'accept');
    const c = await caseForTransfer(trx, t.case_id);
    if (!c) throw new AppError('NOT_FOUND');
    if (c.stage === 'terminasi') throw new AppError('CASE_CLOSED');
    await apply(trx, t, input.version, { status: 'diterima', decided_by: ctx.actor.userId, decided_at: now });
    // the receiving UPTD becomes the holder; its accepting manager manages the case
    await moveCase(
      trx,
      t.case_id,
      {
        jurisdiction: t.to_jurisdiction!,
        orgId: t.to_org_id ?? ctx.actor.orgId,
        managerId: ctx.actor.userId,
      },
      now,
    );
    await addCaseEvent(trx, t.case_id, ctx.actor.userId, 'case.transferred', now, {
      transferId: t.id,
      level: t.level,
      from: t.from_jurisdiction,
      to: t.to_jurisdiction,
    });
    await notify(
      trx,
      [t.requested_by],
      { kind: 'pelimpahan_diterima', link: '/pelimpahan', ref: t.case_number },
      now,
    );
    await audit(ctx, trx, {
      action: 'case.transfer.accept',
      entity: 'case_transfer',
      entityId: t.id,
      outcome: 'ok',
      detail: { caseId: t.case_id, from: t.from_jurisdiction, to: t.to_jurisdiction },
    });
  });
  return result(ctx, id);
}

export async function declineTransfer(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; reason?: string | null | undefined },
): Promise<TransferDto> {
  if (!input.reason) throw new AppError('VALIDATION_FAILED', { reason: 'required' });
  const reason = input.reason;
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    const t = await loadForDecision(ctx, trx, id, 'decline');
    await apply(trx, t, input.version, {
      status: 'ditolak',
      decided_by: ctx.actor.userId,
      decided_at: now,
      decline_reason_enc: ctx.keys.encrypt(reason),
    });
    await addCaseEvent(trx, t.case_id, ctx.actor.userId, 'case.transfer_declined', now, { transferId: t.id });
    await notify(
      trx,
      [t.requested_by],
      { kind: 'pelimpahan_ditolak', link: '/pelimpahan', ref: t.case_number },
      now,
    );
    await audit(ctx, trx, {
      action: 'case.transfer.decline',
      entity: 'case_transfer',
      entityId: t.id,
      outcome: 'ok',
      detail: { caseId: t.case_id },
    });
  });
  return result(ctx, id);
}

export async function cancelTransfer(
  ctx: AuthedCtx,
  id: string,
  input: { version: number },
): Promise<TransferDto> {
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    const t = await loadForDecision(ctx, trx, id, 'cancel');
    await apply(trx, t, input.version, {
      status: 'dibatalkan',
      decided_by: ctx.actor.userId,
      decided_at: now,
    });
    await addCaseEvent(trx, t.case_id, ctx.actor.userId, 'case.transfer_cancelled', now, {
      transferId: t.id,
    });
    if (t.to_jurisdiction) {
      const managers = await activeUsersInJurisdiction(trx, t.to_jurisdiction, ['manajer']);
      await notify(
        trx,
        managers,
        { kind: 'pelimpahan_dibatalkan', link: '/pelimpahan', ref: t.case_number },
        now,
      );
    }
    await audit(ctx, trx, {
      action: 'case.transfer.cancel',
      entity: 'case_transfer',
      entityId: t.id,
      outcome: 'ok',
      detail: { caseId: t.case_id },
    });
  });
  return result(ctx, id);
}
