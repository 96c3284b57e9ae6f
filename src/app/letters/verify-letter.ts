/**
 * Public check of a printed referral letter (/verifikasi): with the code printed on it, whether
 * the letter is genuine — its number, date, the two organisations and the current status, nothing
 * about the person or the services. Attempts are counted per address so codes cannot be guessed.
 * A training certificate's code (issue 12 §2) is checked on the same page with the same counter:
 * a code that is no letter's is looked up among the certificates.
 */
import { findLetterByCode } from '../../db/letter-verification.repository.ts';
import { AppError } from '../../domain/errors.ts';
import {
  normaliseVerificationCode,
  REFERRAL_STATUS_LABELS,
  type ReferralStatus,
  VERIFICATION_ALPHABET,
} from '../../domain/referrals.ts';
import { audit, type Ctx } from '../context.ts';
import { countHit } from '../intake/shared.ts';
import { type CertificateCheck, findCertificate } from '../training/verify-certificate.ts';

/** verification attempts per source address per 10 minutes */
export const VERIFY_PER_10_MIN = 20;

export type LetterCheck = {
  kind?: 'letter';
  number: string;
  sentAt: string;
  fromOrgName: string;
  toOrgName: string;
  status: ReferralStatus;
  statusLabel: { id: string; en: string };
};

const VALID = new RegExp(`^[${VERIFICATION_ALPHABET}]{12}$`);

export async function verifyLetter(ctx: Ctx, typed: string): Promise<LetterCheck | CertificateCheck> {
  const now = ctx.clock();
  if (ctx.meta.ip) {
    const n = await countHit(
      ctx.conn.db,
      `verify:${ctx.keys.blindIndex('intake-source', ctx.meta.ip)}`,
      now,
      10 * 60_000,
    );
    if (n > VERIFY_PER_10_MIN) throw new AppError('RATE_LIMITED');
  }
  const code = normaliseVerificationCode(typed.slice(0, 64));
  const row = VALID.test(code) ? await findLetterByCode(ctx.conn.db, code) : undefined;
  if (!row && VALID.test(code)) {
    const cert = await findCertificate(ctx, code);
    if (cert) {
      await audit(ctx, ctx.conn.db, {
        action: 'training.certificate_verify',
        entity: 'training_attendance',
        entityId: cert.id,
        outcome: 'ok',
      });
      const { id: _id, ...check } = cert;
      return check;
    }
  }
  await audit(ctx, ctx.conn.db, {
    action: 'referral.verify',
    entity: 'referral',
    entityId: row?.id ?? null,
    outcome: row ? 'ok' : 'failed',
  });
  if (!row) throw new AppError('INVALID_VERIFICATION_CODE');
  const status = row.status as ReferralStatus;
  return {
    kind: 'letter',
    number: row.number,
    sentAt: new Date(row.sent_at).toISOString(),
    fromOrgName: row.from_org_name,
    toOrgName: row.to_org_name,
    status,
    statusLabel: REFERRAL_STATUS_LABELS[status],
  };
}
