/** The public list of service points of a kab/kota (/layanan): organisations only, no personal data. */
import { servicePoints } from '../../db/intake.repository.ts';
import { childRegions, getRegion } from '../../db/region.repository.ts';
import { jurisdictionOf } from '../../domain/policy.ts';
import type { Services } from '../context.ts';

export async function listServicePoints(svc: Services, regionCode: string) {
  const j = jurisdictionOf(regionCode);
  const region = await getRegion(svc.conn.db, j);
  if (!region) return null;
  return {
    region: { code: region.code, name: region.name },
    organisations: await servicePoints(svc.conn.db, j),
  };
}

/** Region choices for the step-by-step pickers of the public pages. */
export function regionChoices(svc: Services, parent: string | null) {
  return childRegions(svc.conn.db, parent);
}
