/**
 * The referral letter (surat rujukan), with what the letterhead and signature need. Printed from
 * the side's own view of the referral: the referring side's letter carries the shared sections;
 * the recipient (to whom it is addressed) downloads the same letter while the referral is open,
 * and afterwards a copy for its files without the purpose and the victim's data, whose view has
 * closed (decision 010). Every print is audited with what it carried and noted in the history.
 */
import { letterFacts } from '../../db/letter-verification.repository.ts';
import { addReferralEvent } from '../../db/referral.repository.ts';
import type { ReferralDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { CLOSED_REASON_LABELS } from '../../domain/referrals.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { getReferral } from '../referrals/get-referral.ts';

export type ReferralLetter = {
  referral: ReferralDto;
  issuedAt: Date;
  fromOrgAddress: string | null;
  cityName: string;
  signerName: string;
  /** on the recipient's copy after its view closed: why the victim's data is not in it */
  archiveNote: string | null;
};

/** "KABUPATEN LEBAK" / "Kabupaten Lebak" / "Kota Serang" → "Lebak" / "Serang". */
export function placeName(region: string | null): string {
  if (!region) return '';
  const bare = region.replace(/^(kabupaten|kab\.|kota|provinsi)\s+/i, '').trim();
  return bare === bare.toUpperCase()
    ? bare.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase())
    : bare;
}

export async function referralLetter(ctx: AuthedCtx, id: string): Promise<ReferralLetter> {
  const referral = await getReferral(ctx, id);
  if (!referral.permissions.letter)
    throw new AppError('FORBIDDEN', undefined, {
      action: 'referral.letter',
      entity: 'referral',
      entityId: id,
      outcome: 'denied',
    });
  const now = ctx.clock();
  const facts = await ctx.conn.db.transaction().execute(async (trx) => {
    const f = await letterFacts(trx, id);
    await addReferralEvent(trx, {
      type: 'letter',
      referralId: id,
      at: now,
      actorId: ctx.actor.userId,
      actorOrgId: ctx.actor.orgId,
    });
    await audit(ctx, trx, {
      action: 'referral.letter',
      entity: 'referral',
      entityId: id,
      outcome: 'ok',
      detail: {
        side: referral.side,
        caseId: referral.caseId,
        sections: referral.sections,
        printed: Object.keys(referral.shared ?? {}).filter((x) => referral.sections.includes(x)),
      },
    });
    return f;
  });
  const contact = [
    facts?.from_address,
    facts?.from_phone ? `Telp. ${facts.from_phone}` : null,
    facts?.from_email,
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    referral,
    issuedAt: now,
    fromOrgAddress: contact || null,
    cityName: placeName(facts?.from_region_name ?? facts?.jurisdiction_name ?? null),
    signerName: facts?.created_by_name ?? '',
    archiveNote:
      referral.side === 'penerima' && referral.closedReason
        ? `Salinan arsip ${referral.toOrg.name}. ${CLOSED_REASON_LABELS[referral.closedReason].id}: tujuan rujukan dan data korban tidak lagi dicantumkan.`
        : null,
  };
}
