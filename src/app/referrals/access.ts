/**
 * Which side of a referral the actor is on. The referring side is whoever may read the case
 * (the case scope decides; after a transfer that is the new holder). The recipient side is the
 * staff of the receiving organisation. Anyone else gets 404, recorded in the audit log.
 */
import { caseMembers, getScopedCase } from '../../db/case.repository.ts';
import { findReferral, type ReferralRow } from '../../db/referral.repository.ts';
import type { ReferralSide } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import {
  type CaseRef,
  canActOnIncoming,
  canRefer,
  caseScope,
  referralInboxOrg,
} from '../../domain/policy.ts';
import type { Stage } from '../../domain/stages.ts';
import type { AuthedCtx, Tx } from '../context.ts';

export type LoadedReferral = {
  r: ReferralRow;
  side: ReferralSide;
  /** the case as a policy reference (referring side only) */
  caseRef: CaseRef | null;
};

export async function loadReferral(
  ctx: AuthedCtx,
  db: Tx,
  id: string,
  action: string,
): Promise<LoadedReferral> {
  const notFound = () =>
    new AppError('NOT_FOUND', undefined, { action, entity: 'referral', entityId: id, outcome: 'not_found' });
  const r = await findReferral(db, id);
  if (!r) throw notFound();
  const c = await getScopedCase(db, caseScope(ctx.actor), r.case_id);
  if (c) {
    const members = await caseMembers(db, c.id);
    return {
      r,
      side: 'pengirim',
      caseRef: {
        stage: c.stage as Stage,
        jurisdiction: c.jurisdiction,
        managerId: c.manager_id,
        memberIds: members.map((m) => m.id),
      },
    };
  }
  if (referralInboxOrg(ctx.actor) === r.to_org_id) return { r, side: 'penerima', caseRef: null };
  throw notFound();
}

/** May the actor work the referral as its recipient (or, for a recipient outside Simpul, the sender by hand)? */
export function actsAsRecipient(ctx: AuthedCtx, l: LoadedReferral): boolean {
  if (l.side === 'penerima') return canActOnIncoming(ctx.actor, l.r.to_org_id);
  return l.r.external && l.caseRef !== null && canRefer(ctx.actor, l.caseRef);
}

export function actsAsSender(ctx: AuthedCtx, l: LoadedReferral): boolean {
  return l.side === 'pengirim' && l.caseRef !== null && canRefer(ctx.actor, l.caseRef);
}

export function denied(l: LoadedReferral, action: string): AppError {
  return new AppError('FORBIDDEN', undefined, {
    action,
    entity: 'referral',
    entityId: l.r.id,
    outcome: 'denied',
  });
}
