/**
 * Transfer of a whole case (pelimpahan, product.md §3): the case manager of the holding
 * jurisdiction asks another kab/kota's UPTD PPA or the province UPTD PPA to take the case over;
 * it moves when they accept. 'nasional' only flags the case for KemenPPPA's final-referral
 * service: it is recorded as accepted at once and the holder does not change.
 */
import { randomUUID } from 'node:crypto';
import { addCaseEvent } from '../../db/case.repository.ts';
import { activeUsersInJurisdiction } from '../../db/notification.repository.ts';
import {
  flagCaseNational,
  getTransfer,
  insertTransfer,
  openTransferOfCase,
  transferTargetOrg,
} from '../../db/transfer.repository.ts';
import type { TransferDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { canTransfer } from '../../domain/policy.ts';
import { type TransferLevel, transferTargetOk } from '../../domain/referrals.ts';
import type { Stage } from '../../domain/stages.ts';
import { loadVisibleCase, requireOpen } from '../cases/access.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { createOnce, type IdempotencyKey } from '../idempotency.ts';
import { notify } from '../notifications/notify.ts';
import { toTransferDto } from './mappers.ts';

export type TransferRequest = { level: TransferLevel; toOrgId?: string | null | undefined; reason: string };

/** Postgres/PGlite unique violation (the one-open-transfer-per-case index). */
const isUniqueViolation = (e: unknown) => (e as { code?: unknown } | null)?.code === '23505';

export async function requestTransfer(
  ctx: AuthedCtx,
  caseId: string,
  input: TransferRequest,
  key?: IdempotencyKey,
): Promise<TransferDto> {
  const now = ctx.clock();
  const id = randomUUID();
  /** the holder's case manager, as things stand (also for a replayed answer) */
  const mayTransfer = async (trx: Tx) => {
    const c = await loadVisibleCase(ctx, trx, caseId, 'case.transfer.request');
    const ref = {
      stage: c.stage as Stage,
      jurisdiction: c.jurisdiction,
      managerId: c.manager_id,
      memberIds: c.memberIds,
    };
    if (!canTransfer(ctx.actor, ref))
      throw new AppError('FORBIDDEN', undefined, {
        action: 'case.transfer.request',
        entity: 'case',
        entityId: caseId,
        outcome: 'denied',
      });
    return c;
  };
  try {
    return await ctx.conn.db.transaction().execute((trx) =>
      createOnce(
        ctx,
        trx,
        key,
        {
          check: async () => void (await mayTransfer(trx)),
          audit: (t) => ({
            action: t.level === 'nasional' ? 'case.transfer.national' : 'case.transfer.request',
            entity: 'case_transfer',
            entityId: t.id,
            detail: { caseId },
          }),
        },
        async () => {
          const c = await mayTransfer(trx);
          requireOpen(c);

          let toJurisdiction: string | null = null;
          let toOrgId: string | null = null;
          if (input.level === 'nasional') {
            if (input.toOrgId) throw new AppError('TRANSFER_TARGET_INVALID', { toOrgId: 'not_allowed' });
            if (c.national_flagged_at) throw new AppError('NATIONAL_ALREADY_FLAGGED');
          } else {
            if (!input.toOrgId) throw new AppError('TRANSFER_TARGET_INVALID', { toOrgId: 'required' });
            const org = await transferTargetOrg(trx, input.toOrgId);
            if (!org) throw new AppError('TRANSFER_TARGET_INVALID', { toOrgId: 'unknown_organisation' });
            if (
              org.type !== 'uptd_ppa' ||
              !org.active ||
              !transferTargetOk(input.level, c.jurisdiction, org.jurisdiction)
            )
              throw new AppError('TRANSFER_TARGET_INVALID', { toOrgId: 'invalid_value' });
            if (await openTransferOfCase(trx, caseId)) throw new AppError('TRANSFER_PENDING');
            toJurisdiction = org.jurisdiction;
            toOrgId = org.id;
          }

          const national = input.level === 'nasional';
          await insertTransfer(trx, {
            id,
            case_id: caseId,
            case_number: c.number,
            level: input.level,
            from_jurisdiction: c.jurisdiction,
            from_org_id: c.org_id,
            to_jurisdiction: toJurisdiction,
            to_org_id: toOrgId,
            reason_enc: ctx.keys.encrypt(input.reason),
            status: national ? 'diterima' : 'diajukan',
            requested_by: ctx.actor.userId,
            requested_at: now,
            ...(national ? { decided_by: ctx.actor.userId, decided_at: now } : {}),
          });
          if (national) {
            await flagCaseNational(trx, caseId, now);
            await addCaseEvent(trx, caseId, ctx.actor.userId, 'case.national_flagged', now, {
              transferId: id,
            });
          } else {
            await addCaseEvent(trx, caseId, ctx.actor.userId, 'case.transfer_requested', now, {
              transferId: id,
              level: input.level,
              toJurisdiction,
            });
            const managers = await activeUsersInJurisdiction(trx, toJurisdiction!, ['manajer']);
            await notify(trx, managers, { kind: 'pelimpahan_baru', link: '/pelimpahan', ref: c.number }, now);
          }
          await audit(ctx, trx, {
            action: national ? 'case.transfer.national' : 'case.transfer.request',
            entity: 'case_transfer',
            entityId: id,
            outcome: 'ok',
            detail: { caseId, level: input.level, toJurisdiction },
          });
          return toTransferDto(ctx, (await getTransfer(trx, id))!);
        },
      ),
    );
  } catch (e) {
    if (isUniqueViolation(e)) throw new AppError('TRANSFER_PENDING');
    throw e;
  }
}
