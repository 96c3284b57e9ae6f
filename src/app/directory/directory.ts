/**
 * The directory of organisations and services: read by every signed-in staff role (it holds no
 * personal data), verified by the Dinas administrators, capacity kept current by the
 * organisation itself.
 */

import type { Updateable } from 'kysely';
import { getOrganisation } from '../../db/admin.repository.ts';
import {
  type DirectoryRow,
  getDirectoryEntry,
  listDirectory as listDirectoryRows,
  markOrganisationVerified,
} from '../../db/directory.repository.ts';
import { updateOrganisationRow } from '../../db/organisation.repository.ts';
import type { OrganisationTable } from '../../db/schema.ts';
import { type List, pageOf } from '../../domain/contract/define.ts';
import { capacityProblem, type DirectoryQuery, daysBetween, localDate } from '../../domain/directory.ts';
import type { DirectoryEntryDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import {
  type Actor,
  adminScope,
  can,
  canReadDirectory,
  canUpdateOwnOrg,
  isWithin,
  mayLocate,
} from '../../domain/policy.ts';
import { AGREEMENT_WARN_DAYS, verificationStale } from '../../domain/referrals.ts';
import { isWebAddress } from '../../domain/schemas.ts';
import { coarseLocation, RESTRICTED_LOCATION_FIELDS } from '../../domain/taxonomies.ts';
import { type AuthedCtx, audit } from '../context.ts';

/** The Dinas whose agreements count for the reader: its kab/kota and its province. */
export function readerJurisdictions(actor: Actor): string[] {
  return [...new Set([actor.jurisdiction, actor.jurisdiction.split('.')[0]!])];
}

/** May the actor administer this organisation (admin everywhere, admin-dinas in its jurisdiction)? */
function administers(actor: Actor, orgJurisdiction: string): boolean {
  const root = adminScope(actor);
  return root !== null && can(actor, 'org:manage') && (root === '' || isWithin(orgJurisdiction, root));
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

export function entryDto(actor: Actor, r: DirectoryRow, now: Date, today: string): DirectoryEntryDto {
  const verifiedAt = r.verified_at ? new Date(r.verified_at) : null;
  const endsOn = r.agreement_ends_on ?? null;
  const located = mayLocate(actor, r);
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    regionCode: located ? r.region_code : coarseLocation(r).regionCode,
    regionName: (located ? r.region_name : r.jurisdiction_name) ?? null,
    jurisdiction: r.jurisdiction,
    address: located ? r.address : null,
    phone: located ? r.phone : null,
    restrictedFields: located ? [] : [...RESTRICTED_LOCATION_FIELDS],
    email: r.email,
    website: r.website && isWebAddress(r.website) ? r.website : null,
    services: r.services,
    areas: located ? r.areas : coarseLocation(r).areas,
    hours: r.hours,
    languages: r.languages,
    accessibility: r.accessibility,
    capacityTotal: r.capacity_total,
    capacityFree: r.capacity_free,
    capacityUpdatedAt: iso(r.capacity_updated_at),
    verifiedAt: iso(verifiedAt),
    verificationDue: verificationStale(verifiedAt, now),
    onSimpul: Boolean(r.on_simpul),
    activeAgreement: r.agreement_number && endsOn ? { number: r.agreement_number, endsOn } : null,
    agreementEndingSoon: endsOn !== null && daysBetween(today, endsOn) <= AGREEMENT_WARN_DAYS,
    version: r.version,
    permissions: {
      updateCapacity: canUpdateOwnOrg(actor, r.id) || administers(actor, r.jurisdiction),
      verify: administers(actor, r.jurisdiction),
    },
  };
}

export async function listDirectory(ctx: AuthedCtx, q: DirectoryQuery): Promise<List<DirectoryEntryDto>> {
  if (!canReadDirectory(ctx.actor)) throw new AppError('FORBIDDEN');
  const now = ctx.clock();
  const today = localDate(now, ctx.actor.jurisdiction);
  const { rows, ...count } = await listDirectoryRows(
    ctx.conn.db,
    { service: q.service, region: q.region, type: q.type, q: q.q },
    readerJurisdictions(ctx.actor),
    today,
    q.page,
    q.pageSize,
  );
  return pageOf(
    rows.map((r) => entryDto(ctx.actor, r, now, today)),
    q.page,
    q.pageSize,
    count,
  );
}

export async function getDirectory(ctx: AuthedCtx, id: string): Promise<DirectoryEntryDto> {
  if (!canReadDirectory(ctx.actor)) throw new AppError('FORBIDDEN');
  const now = ctx.clock();
  const today = localDate(now, ctx.actor.jurisdiction);
  const r = await getDirectoryEntry(ctx.conn.db, id, readerJurisdictions(ctx.actor), today);
  if (!r) throw new AppError('NOT_FOUND');
  return entryDto(ctx.actor, r, now, today);
}

/** The Dinas administrator confirms the entry is current (resets the six-month flag). */
export async function verifyOrganisation(ctx: AuthedCtx, id: string): Promise<DirectoryEntryDto> {
  const db = ctx.conn.db;
  const org = await getOrganisation(db, id);
  if (!org) throw new AppError('NOT_FOUND');
  if (!administers(ctx.actor, org.jurisdiction))
    throw new AppError('FORBIDDEN', undefined, {
      action: 'organisation.verify',
      entity: 'organisation',
      entityId: id,
      outcome: 'denied',
    });
  const now = ctx.clock();
  await db.transaction().execute(async (trx) => {
    await markOrganisationVerified(trx, id, now);
    await audit(ctx, trx, {
      action: 'organisation.verify',
      entity: 'organisation',
      entityId: id,
      outcome: 'ok',
    });
  });
  return getDirectory(ctx, id);
}

/** Free places (and optionally all places), kept current by the organisation or its administrator. */
export async function updateCapacity(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; capacityFree: number; capacityTotal?: number | undefined },
): Promise<DirectoryEntryDto> {
  const db = ctx.conn.db;
  const org = await getOrganisation(db, id);
  if (!org) throw new AppError('NOT_FOUND');
  if (!canUpdateOwnOrg(ctx.actor, id) && !administers(ctx.actor, org.jurisdiction))
    throw new AppError('FORBIDDEN', undefined, {
      action: 'organisation.capacity',
      entity: 'organisation',
      entityId: id,
      outcome: 'denied',
    });
  const total = input.capacityTotal ?? org.capacity_total;
  const problem = capacityProblem(total, input.capacityFree);
  if (problem) throw new AppError('VALIDATION_FAILED', problem);
  const now = ctx.clock();
  await db.transaction().execute(async (trx) => {
    const set: Updateable<OrganisationTable> = {
      capacity_free: input.capacityFree,
      capacity_updated_at: now,
    };
    if (input.capacityTotal !== undefined) set.capacity_total = input.capacityTotal;
    if (!(await updateOrganisationRow(trx, id, input.version, set, now)))
      throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action: 'organisation.capacity',
      entity: 'organisation',
      entityId: id,
      outcome: 'ok',
      detail: { capacityFree: input.capacityFree, capacityTotal: total },
    });
  });
  return getDirectory(ctx, id);
}
