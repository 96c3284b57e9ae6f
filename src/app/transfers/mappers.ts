/** TransferDto from a transfer row, with what the actor may do on it. */
import type { TransferRow } from '../../db/transfer.repository.ts';
import type { TransferDto } from '../../domain/dto.ts';
import { canDecideTransfer, isTransferSender } from '../../domain/policy.ts';
import type { AuthedCtx } from '../context.ts';

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The sender's side: a case manager of the jurisdiction the transfer came from. */
export function isSender(ctx: AuthedCtx, t: { from_jurisdiction: string }): boolean {
  return isTransferSender(ctx.actor, t);
}

export function toTransferDto(ctx: AuthedCtx, t: TransferRow): TransferDto {
  const open = t.status === 'diajukan';
  const decide =
    open &&
    t.to_jurisdiction !== null &&
    canDecideTransfer(ctx.actor, { jurisdiction: t.to_jurisdiction, orgId: t.to_org_id });
  return {
    id: t.id,
    caseId: t.case_id,
    caseNumber: t.case_number,
    level: t.level as TransferDto['level'],
    fromJurisdiction: t.from_jurisdiction,
    fromJurisdictionName: t.from_jurisdiction_name,
    fromOrgName: t.from_org_name,
    toJurisdiction: t.to_jurisdiction,
    toJurisdictionName: t.to_jurisdiction_name,
    toOrgName: t.to_org_name,
    reason: ctx.keys.decrypt(t.reason_enc),
    status: t.status as TransferDto['status'],
    requestedAt: iso(t.requested_at)!,
    requestedByName: t.requested_by_name,
    decidedAt: iso(t.decided_at),
    decidedByName: t.decided_by_name,
    // the decline reason is free text written by staff: stored encrypted like every free text
    declineReason: t.decline_reason_enc ? ctx.keys.decrypt(t.decline_reason_enc) : null,
    version: t.version,
    permissions: { accept: decide, decline: decide, cancel: open && isSender(ctx, t) },
  };
}
