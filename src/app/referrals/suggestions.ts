/**
 * Suggested recipients for a service: organisations offering it, nearest to the victim first
 * (same desa, kecamatan, kab/kota, province), then with free capacity, an active agreement, on
 * Simpul, and quickest to accept in the past year.
 */
import { findCasePerson } from '../../db/person.repository.ts';
import { suggestionCandidates } from '../../db/referral.repository.ts';
import type { ReferralSuggestionDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { isWithin, mayLocate } from '../../domain/policy.ts';
import { coarseLocation } from '../../domain/taxonomies.ts';
import { localDate } from '../../domain/time.ts';
import { loadVisibleCase } from '../cases/access.ts';
import { type AuthedCtx, audit } from '../context.ts';

const LEVELS = ['provinsi', 'kabkota', 'kecamatan', 'desa'] as const;
const RANK: Record<ReferralSuggestionDto['proximity'], number> = {
  desa: 0,
  kecamatan: 1,
  kabkota: 2,
  provinsi: 3,
  lain: 4,
};

/** How close an organisation's coverage comes to `place`: the finest covering area wins. */
export function proximity(
  areas: readonly string[],
  regionCode: string,
  place: string,
): ReferralSuggestionDto['proximity'] {
  let best: ReferralSuggestionDto['proximity'] = 'lain';
  for (const a of areas.length > 0 ? areas : [regionCode]) {
    if (!isWithin(place, a) && !isWithin(a, place)) continue;
    // an area at or below the victim's place is as close as the place itself
    const depth = Math.min(a.split('.').length, place.split('.').length);
    const level = LEVELS[depth - 1] ?? 'lain';
    if (RANK[level] < RANK[best]) best = level;
  }
  return best;
}

export async function referralSuggestions(
  ctx: AuthedCtx,
  caseId: string,
  q: { personId: string; service: string },
) {
  const db = ctx.conn.db;
  const c = await loadVisibleCase(ctx, db, caseId, 'referral.suggest');
  const person = await findCasePerson(db, caseId, q.personId);
  if (!person) throw new AppError('VALIDATION_FAILED', { personId: 'not_a_victim' });
  const place = person.region_code ?? c.jurisdiction;
  const now = ctx.clock();
  const today = localDate(now, c.jurisdiction);
  const province = c.jurisdiction.split('.')[0] ?? c.jurisdiction;
  const yearAgo = new Date(now.getTime() - 365 * 86_400_000);
  const rows = await suggestionCandidates(db, q.service, [c.jurisdiction, province], today, yearAgo);
  const out: ReferralSuggestionDto[] = rows
    .filter((o) => o.id !== c.org_id)
    .map((o) => ({
      orgId: o.id,
      name: o.name,
      type: o.type,
      services: o.services,
      // a safe house of another kab/kota is placed by its kab/kota only (policy.mayLocate)
      proximity: mayLocate(ctx.actor, o)
        ? proximity(o.areas, o.region_code, place)
        : proximity(coarseLocation(o).areas, coarseLocation(o).regionCode, place),
      capacityFree: o.capacity_free,
      activeAgreement: Boolean(o.active_agreement),
      onSimpul: Boolean(o.on_simpul),
      medianAcceptHours:
        o.median_accept_hours === null ? null : Math.round(Number(o.median_accept_hours) * 10) / 10,
      referralsLastYear: Number(o.referrals_last_year ?? 0),
    }));
  const key = (s: ReferralSuggestionDto) => [
    RANK[s.proximity],
    s.capacityFree === 0 ? 1 : 0,
    s.activeAgreement ? 0 : 1,
    s.onSimpul ? 0 : 1,
    s.medianAcceptHours ?? 1e9,
  ];
  // the victim's place was read to rank the suggestions
  await audit(ctx, db, {
    action: 'referral.suggest',
    entity: 'case',
    entityId: caseId,
    outcome: 'ok',
    detail: { personId: q.personId, service: q.service },
  });
  out.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return (ka[i] as number) - (kb[i] as number);
    return a.name.localeCompare(b.name, 'id');
  });
  return out;
}
