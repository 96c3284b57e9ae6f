/**
 * Deciding a transfer: the receiving case manager accepts (the case moves in the same
 * transaction) or declines; the sender may cancel while it waits. Of two decisions at once only
 * one applies: the update is conditional on the status and version read.
 */
import { addCaseEvent, getScopedCase } from '../../db/case.repository.ts';
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
import { canDecideTransfer, canSeeTransfer, caseScope } from '../../domain/policy.ts';
import type { NotificationKind } from '../../domain/referrals.ts';
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
 * Loads a transfer the actor may see (`canSeeTransfer`); anyone else gets 404, like for a case
 * outside their scope, whether the id exists or not. Who sees it but may not decide gets 403.
 */
async function loadForDecision(ctx: AuthedCtx, db: Tx, id: string, d: Decision): Promise<TransferRow> {
  const t = await getTransfer(db, id);
  const visible =
    t !== undefined &&
    canSeeTransfer(
      ctx.actor,
      { fromJurisdiction: t.from_jurisdiction, toJurisdiction: t.to_jurisdiction },
      (await getScopedCase(db, caseScope(ctx.actor), t.case_id)) !== undefined,
    );
  if (!t || !visible)
    throw new AppError('NOT_FOUND', undefined, {
      action: AUDIT[d],
      entity: 'case_transfer',
      entityId: id,
      outcome: 'not_found',
    });
  const allowed =
    d === 'cancel'
      ? isSender(ctx, t)
      : t.to_jurisdiction !== null &&
        canDecideTransfer(ctx.actor, { jurisdiction: t.to_jurisdiction, orgId: t.to_org_id });
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

/**
 * One decision in one transaction: check and apply the status change, do what goes with it, record
 * it on the case's timeline, tell the other office, audit; then answer with the transfer.
 */
async function decide(
  ctx: AuthedCtx,
  id: string,
  d: Decision,
  version: number,
  how: {
    set: (now: Date) => Parameters<typeof decideTransfer>[3];
    /** extra checks before, and changes after, the status change */
    before?: (trx: Tx, t: TransferRow) => Promise<void>;
    after?: (trx: Tx, t: TransferRow, now: Date) => Promise<void>;
    event: string;
    eventData?: (t: TransferRow) => Record<string, unknown>;
    /** who is told, and of what */
    tell: (trx: Tx, t: TransferRow) => Promise<{ users: string[]; kind: NotificationKind }>;
    auditDetail?: (t: TransferRow) => Record<string, unknown>;
  },
): Promise<TransferDto> {
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    const t = await loadForDecision(ctx, trx, id, d);
    await how.before?.(trx, t);
    await apply(trx, t, version, how.set(now));
    await how.after?.(trx, t, now);
    await addCaseEvent(trx, t.case_id, ctx.actor.userId, how.event, now, {
      transferId: t.id,
      ...how.eventData?.(t),
    });
    const told = await how.tell(trx, t);
    await notify(trx, told.users, { kind: told.kind, link: '/pelimpahan', ref: t.case_number }, now);
    await audit(ctx, trx, {
      action: AUDIT[d],
      entity: 'case_transfer',
      entityId: t.id,
      outcome: 'ok',
      detail: { caseId: t.case_id, ...how.auditDetail?.(t) },
    });
  });
  const row = await getTransfer(ctx.conn.db, id);
  return toTransferDto(ctx, row!);
}

export function acceptTransfer(ctx: AuthedCtx, id: string, input: { version: number }): Promise<TransferDto> {
  return decide(ctx, id, 'accept', input.version, {
    before: async (trx, t) => {
      const c = await caseForTransfer(trx, t.case_id);
      if (!c) throw new AppError('NOT_FOUND');
      if (c.stage === 'terminasi') throw new AppError('CASE_CLOSED');
    },
    set: (now) => ({ status: 'diterima', decided_by: ctx.actor.userId, decided_at: now }),
    // the receiving UPTD becomes the holder; its accepting manager manages the case
    after: (trx, t, now) =>
      moveCase(
        trx,
        t.case_id,
        {
          jurisdiction: t.to_jurisdiction!,
          orgId: t.to_org_id ?? ctx.actor.orgId,
          managerId: ctx.actor.userId,
        },
        now,
      ),
    event: 'case.transferred',
    eventData: (t) => ({ level: t.level, from: t.from_jurisdiction, to: t.to_jurisdiction }),
    tell: async (_trx, t) => ({ users: [t.requested_by], kind: 'pelimpahan_diterima' }),
    auditDetail: (t) => ({ from: t.from_jurisdiction, to: t.to_jurisdiction }),
  });
}

export function declineTransfer(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; reason?: string | null | undefined },
): Promise<TransferDto> {
  const reason = input.reason;
  if (!reason) throw new AppError('VALIDATION_FAILED', { reason: 'required' });
  return decide(ctx, id, 'decline', input.version, {
    set: (now) => ({
      status: 'ditolak',
      decided_by: ctx.actor.userId,
      decided_at: now,
      decline_reason_enc: ctx.keys.encrypt(reason),
    }),
    event: 'case.transfer_declined',
    tell: async (_trx, t) => ({ users: [t.requested_by], kind: 'pelimpahan_ditolak' }),
  });
}

export function cancelTransfer(ctx: AuthedCtx, id: string, input: { version: number }): Promise<TransferDto> {
  return decide(ctx, id, 'cancel', input.version, {
    set: (now) => ({ status: 'dibatalkan', decided_by: ctx.actor.userId, decided_at: now }),
    event: 'case.transfer_cancelled',
    // the receiving managers stop waiting for it
    tell: async (trx, t) => ({
      users: t.to_jurisdiction ? await activeUsersInJurisdiction(trx, t.to_jurisdiction, ['manajer']) : [],
      kind: 'pelimpahan_dibatalkan',
    }),
  });
}
