/**
 * What the referral letter and its public check need beyond the referral itself: the sending
 * office's letterhead, its place, the referring officer; and, for the public page, the few facts
 * a verification shows (number, date, organisations, status) — nothing about the person.
 */
import type { Tx } from './connect.ts';

export function letterFacts(db: Tx, referralId: string) {
  return db
    .selectFrom('referral as r')
    .innerJoin('organisation as fo', 'fo.id', 'r.from_org_id')
    .leftJoin('region as g', 'g.code', 'fo.region_code')
    .leftJoin('region as j', 'j.code', 'r.from_jurisdiction')
    .innerJoin('app_user as u', 'u.id', 'r.created_by')
    .select([
      'fo.address as from_address',
      'fo.phone as from_phone',
      'fo.email as from_email',
      'g.name as from_region_name',
      'j.name as jurisdiction_name',
      'u.name as created_by_name',
    ])
    .where('r.id', '=', referralId)
    .executeTakeFirst();
}

/** The public check of a printed letter by its verification code (normalised, without dashes). */
export function findLetterByCode(db: Tx, code: string) {
  return db
    .selectFrom('referral as r')
    .innerJoin('organisation as fo', 'fo.id', 'r.from_org_id')
    .innerJoin('organisation as tor', 'tor.id', 'r.to_org_id')
    .select([
      'r.id',
      'r.number',
      'r.sent_at',
      'r.status',
      'fo.name as from_org_name',
      'tor.name as to_org_name',
    ])
    .where('r.verification_code', '=', code)
    .executeTakeFirst();
}
