/**
 * What a printed poster or card of the actor's Dinas says (issue 12 §6, decision 034): its
 * letterhead (report_settings, or the default from the region's name), the UPTD PPA of the
 * jurisdiction from the organisation directory (its address only when its location is not
 * secret), and the /lapor address with the poster code when one is asked for. The actor's own
 * jurisdiction only, managers only (coord:manage); another region's code is NOT_FOUND.
 */
import { getPosterCode, uptdOf } from '../../db/poster.repository.ts';
import { getRegion } from '../../db/region.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { canManagePosters } from '../../domain/policy.ts';
import { type PosterSheet, type PosterSize, posterUrl } from '../../domain/posters.ts';
import { locationIsSecret } from '../../domain/taxonomies.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { letterhead } from '../stats/periodic-report.ts';
import { posterRegion } from './list-poster-codes.ts';

/** "KABUPATEN LEBAK" → "Kabupaten Lebak" (region names are stored in capitals). */
export function regionTitle(name: string): string {
  if (name !== name.toUpperCase()) return name;
  return name
    .toLowerCase()
    .replace(/(^|[\s(/-])(\p{L})/gu, (_m, a: string, b: string) => a + b.toUpperCase());
}

export async function posterSheet(
  ctx: AuthedCtx,
  o: { size: PosterSize; codeId: string | null; baseUrl: string },
): Promise<{ sheet: PosterSheet; filename: string }> {
  const within = posterRegion(ctx);
  const jurisdiction = ctx.actor.jurisdiction;
  const db = ctx.conn.db;
  let code: { id: string; code: string; campaign: string | null } | null = null;
  if (o.codeId) {
    const row = await getPosterCode(db, o.codeId, within);
    if (!row) throw new AppError('NOT_FOUND');
    // a province reads its kab/kota's codes but prints only its own
    if (!canManagePosters(ctx.actor, row.jurisdiction)) throw new AppError('FORBIDDEN');
    code = { id: row.id, code: row.code, campaign: row.campaign };
  } else if (!canManagePosters(ctx.actor, jurisdiction)) throw new AppError('FORBIDDEN');

  const [head, region, uptd] = await Promise.all([
    letterhead(ctx, jurisdiction),
    getRegion(db, jurisdiction),
    uptdOf(db, jurisdiction),
  ]);
  const name = regionTitle(region?.name ?? jurisdiction);
  const regionName = jurisdiction.length === 2 && !/^provinsi/i.test(name) ? `Provinsi ${name}` : name;
  await audit(ctx, db, {
    action: 'poster.print',
    entity: 'poster_code',
    entityId: code?.id ?? null,
    outcome: 'ok',
    detail: { size: o.size },
  });
  const sheet: PosterSheet = {
    size: o.size,
    regionName,
    dinasName: head.dinasName,
    dinasAddress: head.address,
    logo: head.logo,
    uptd: uptd
      ? {
          name: uptd.name,
          phone: uptd.phone,
          address: locationIsSecret(uptd.type) ? null : uptd.address,
        }
      : null,
    campaign: code?.campaign ?? null,
    url: posterUrl(o.baseUrl, code?.code ?? null),
  };
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const kind = o.size === 'a4' ? 'poster-a4' : o.size === 'a5' ? 'kartu-a5' : 'kartu-saku';
  return { sheet, filename: `${kind}-${slug}${code ? `-${code.code}` : ''}.pdf` };
}
