/**
 * Two facts about an organisation that the directory, the referral form and its suggestions all
 * show, written once: whether it uses Simpul (it has an active user) and whether an agreement with
 * one of the given Dinas covers a day.
 */
import { type RawBuilder, sql } from 'kysely';

/** `EXISTS` an active user of the organisation whose id is the column `orgIdColumn`. */
export function onSimpul(orgIdColumn: string): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from app_user u where u.org_id = ${sql.ref(orgIdColumn)} and not u.disabled)`;
}

/** Condition on an `agreement` (alias `alias`): with one of `jurisdictions`, in force on `today`. */
export function agreementInForce(
  alias: string,
  jurisdictions: readonly string[],
  today: string,
): RawBuilder<boolean> {
  const a = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<boolean>`(${a('jurisdiction')} in (${sql.join(jurisdictions.length > 0 ? jurisdictions : [''])}) and ${a('starts_on')} <= ${today} and ${a('ends_on')} >= ${today})`;
}

/**
 * Condition on a party (`agreement_party`, alias `party`) of an agreement (alias `agreement`): the
 * party is a partner, not the Dinas that signs (its own dinas_pppa organisation, pihak pertama
 * since migration 0028), so "has an agreement with the Dinas" never holds for the Dinas itself.
 */
export function partnerParty(party: string, agreement: string): RawBuilder<boolean> {
  return sql<boolean>`not exists (select 1 from organisation d where d.id = ${sql.ref(`${party}.org_id`)}
    and d.type = 'dinas_pppa' and d.jurisdiction = ${sql.ref(`${agreement}.jurisdiction`)})`;
}
