/**
 * The public list of service points of a kab/kota (/layanan): organisations only, no personal
 * data. A place whose location is secret (a safe house) shows its name and what it helps with;
 * instead of an address, phone and hours, the UPTD PPA (or Dinas PPPA) to contact.
 */
import { servicePoints } from '../../db/intake.repository.ts';
import { childRegions, getRegion } from '../../db/region.repository.ts';
import { jurisdictionOf } from '../../domain/policy.ts';
import { locationIsSecret } from '../../domain/taxonomies.ts';
import type { Services } from '../context.ts';

/** The organisation a person is sent to for a place whose location is secret. */
const CONTACT_TYPES = ['uptd_ppa', 'dinas_pppa'];

export async function listServicePoints(svc: Services, regionCode: string) {
  const j = jurisdictionOf(regionCode);
  const region = await getRegion(svc.conn.db, j);
  if (!region) return null;
  const rows = await servicePoints(svc.conn.db, j);
  const organisations = rows.map((o) => {
    const secret = locationIsSecret(o.type);
    return {
      name: o.name,
      type: o.type,
      services: o.services,
      locationSecret: secret,
      address: secret ? null : o.address,
      phone: secret ? null : o.phone,
      hours: secret ? null : o.hours,
    };
  });
  const contactRow =
    CONTACT_TYPES.map((t) => rows.find((o) => o.type === t)).find((o) => o !== undefined) ?? null;
  return {
    region: { code: region.code, name: region.name },
    organisations,
    contact: contactRow ? { name: contactRow.name, phone: contactRow.phone } : null,
  };
}

/** Region choices for the step-by-step pickers of the public pages. */
export function regionChoices(svc: Services, parent: string | null) {
  return childRegions(svc.conn.db, parent);
}
