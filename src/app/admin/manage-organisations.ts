/** Organisations (lembaga): admin everywhere, admin-dinas within its jurisdiction. */

import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import { getOrganisation, listOrganisations } from '../../db/admin.repository.ts';
import { existingRegions } from '../../db/directory.repository.ts';
import {
  insertOrganisation,
  rolesInOrganisation,
  updateOrganisationRow,
} from '../../db/organisation.repository.ts';
import { getRegion } from '../../db/region.repository.ts';
import type { OrganisationTable } from '../../db/schema.ts';
import { capacityProblem } from '../../domain/directory.ts';
import type { OrgDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import {
  type Actor,
  adminScope,
  isWithin,
  jurisdictionOf,
  mayLocate,
  type Role,
  roleFitsOrg,
} from '../../domain/policy.ts';
import { isWebAddress, type OrgInput, type OrgUpdate } from '../../domain/schemas.ts';
import { coarseLocation, RESTRICTED_LOCATION_FIELDS } from '../../domain/taxonomies.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { warnIfInboxEmptied } from '../intake/orphans.ts';
import { requireAdmin } from './require-admin.ts';

type OrgRow = {
  id: string;
  name: string;
  type: string;
  region_code: string;
  jurisdiction: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  services?: string[];
  areas?: string[];
  hours?: string | null;
  languages?: string[];
  accessibility?: string | null;
  website?: string | null;
  capacity_total?: number | null;
  capacity_free?: number | null;
  verified_at?: Date | null;
  active?: boolean;
  version: number;
  region_name?: string | null;
  jurisdiction_name?: string | null;
};

/** An organisation as `actor` may see it: a safe house's address and phone only for its own kab/kota. */
export function orgDto(actor: Actor, o: OrgRow): OrgDto {
  const located = mayLocate(actor, o);
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    regionCode: located ? o.region_code : o.jurisdiction,
    regionName: (located ? o.region_name : o.jurisdiction_name) ?? null,
    jurisdiction: o.jurisdiction,
    address: located ? o.address : null,
    phone: located ? o.phone : null,
    restrictedFields: located ? [] : [...RESTRICTED_LOCATION_FIELDS],
    email: o.email,
    services: o.services ?? [],
    areas: located
      ? (o.areas ?? [])
      : coarseLocation({ jurisdiction: o.jurisdiction, areas: o.areas ?? [] }).areas,
    hours: o.hours ?? null,
    languages: o.languages ?? [],
    accessibility: o.accessibility ?? null,
    // a value stored before only web addresses were accepted is not shown
    website: o.website && isWebAddress(o.website) ? o.website : null,
    capacityTotal: o.capacity_total ?? null,
    capacityFree: o.capacity_free ?? null,
    verifiedAt: o.verified_at ? new Date(o.verified_at).toISOString() : null,
    active: o.active ?? true,
    version: o.version,
  };
}

/** Areas must be Indonesian region codes that exist (checked against the loaded region list). */
async function checkAreas(db: Tx, areas: readonly string[] | undefined) {
  if (!areas || areas.length === 0) return;
  const found = await existingRegions(db, areas);
  const i = areas.findIndex((a) => !found.has(a));
  if (i >= 0) throw new AppError('VALIDATION_FAILED', { [`areas.${i}`]: 'outside_indonesia' });
}

/** The directory columns of an input, as table columns. */
function directoryColumns(input: OrgDirectoryInput): Updateable<OrganisationTable> {
  const set: Updateable<OrganisationTable> = {};
  if (input.services !== undefined) set.services = [...new Set(input.services)];
  if (input.areas !== undefined) set.areas = [...new Set(input.areas)];
  if (input.languages !== undefined) set.languages = input.languages;
  if (input.hours !== undefined) set.hours = input.hours;
  if (input.accessibility !== undefined) set.accessibility = input.accessibility;
  if (input.website !== undefined) set.website = input.website;
  if (input.capacityTotal !== undefined) set.capacity_total = input.capacityTotal;
  if (input.capacityFree !== undefined) set.capacity_free = input.capacityFree;
  if (input.active !== undefined) set.active = input.active;
  return set;
}

type OrgDirectoryInput = Pick<
  OrgInput,
  | 'services'
  | 'areas'
  | 'hours'
  | 'languages'
  | 'accessibility'
  | 'website'
  | 'capacityTotal'
  | 'capacityFree'
  | 'active'
>;

async function checkRegion(db: Tx, root: string, code: string) {
  if (!(await getRegion(db, code))) throw new AppError('UNKNOWN_REGION', { regionCode: 'unknown_region' });
  if (root !== '' && !isWithin(code, root))
    throw new AppError('REGION_OUT_OF_JURISDICTION', { regionCode: 'out_of_jurisdiction' });
}

/** Every signed-in user may look organisations up (to pick a provider or a responsible office). */
export async function searchOrganisations(ctx: AuthedCtx, q?: string) {
  const rows = await listOrganisations(
    ctx.conn.db,
    adminScope(ctx.actor) ?? jurisdictionOf(ctx.actor.jurisdiction).slice(0, 2),
    q,
  );
  return rows.map((o) => orgDto(ctx.actor, o));
}

export async function listOrgsForAdmin(ctx: AuthedCtx) {
  const root = requireAdmin(ctx);
  return (await listOrganisations(ctx.conn.db, root)).map((o) => orgDto(ctx.actor, o));
}

export async function createOrganisation(ctx: AuthedCtx, input: OrgInput) {
  const root = requireAdmin(ctx);
  const db = ctx.conn.db;
  await checkRegion(db, root, input.regionCode);
  await checkAreas(db, input.areas);
  const capacity = capacityProblem(input.capacityTotal, input.capacityFree);
  if (capacity) throw new AppError('VALIDATION_FAILED', capacity);
  const id = randomUUID();
  const now = ctx.clock();
  const row = await db.transaction().execute(async (trx) => {
    const r = await insertOrganisation(trx, {
      id,
      name: input.name,
      type: input.type,
      region_code: input.regionCode,
      jurisdiction: jurisdictionOf(input.regionCode),
      address: input.address ?? null,
      phone: input.phone ?? null,
      email: input.email ?? null,
      ...directoryColumns(input),
      ...(input.capacityFree != null || input.capacityTotal != null ? { capacity_updated_at: now } : {}),
      created_at: now,
      updated_at: now,
    });
    await audit(ctx, trx, {
      action: 'organisation.create',
      entity: 'organisation',
      entityId: id,
      outcome: 'ok',
    });
    return r;
  });
  return orgDto(ctx.actor, row);
}

export async function updateOrganisation(ctx: AuthedCtx, id: string, input: OrgUpdate) {
  const root = requireAdmin(ctx);
  const db = ctx.conn.db;
  const existing = await getOrganisation(db, id);
  if (!existing || (root !== '' && !isWithin(existing.jurisdiction, root))) throw new AppError('NOT_FOUND');
  if (input.regionCode) await checkRegion(db, root, input.regionCode);
  await checkAreas(db, input.areas);
  const total = input.capacityTotal !== undefined ? input.capacityTotal : existing.capacity_total;
  const free = input.capacityFree !== undefined ? input.capacityFree : existing.capacity_free;
  const capacity = capacityProblem(total, free);
  if (capacity) throw new AppError('VALIDATION_FAILED', capacity);
  const set: Updateable<OrganisationTable> = directoryColumns(input);
  if (input.capacityFree !== undefined || input.capacityTotal !== undefined)
    set.capacity_updated_at = ctx.clock();
  if (input.name !== undefined) set.name = input.name;
  if (input.type !== undefined) set.type = input.type;
  if (input.address !== undefined) set.address = input.address;
  if (input.phone !== undefined) set.phone = input.phone;
  if (input.email !== undefined) set.email = input.email;
  if (input.regionCode) {
    set.region_code = input.regionCode;
    set.jurisdiction = jurisdictionOf(input.regionCode);
  }
  const row = await db.transaction().execute(async (trx) => {
    const r = await updateOrganisationRow(trx, id, input.version, set, ctx.clock());
    if (!r) throw new AppError('VERSION_CONFLICT');
    // a new type must fit every role its staff hold (disabled accounts too: they can be enabled
    // again). Read after the update has locked the row, so a role given at the same moment is
    // either seen here or checked against the new type (manage-users.ts).
    if (input.type !== undefined && input.type !== existing.type) {
      const roles = await rolesInOrganisation(trx, id);
      if (roles.some((role) => !roleFitsOrg(role as Role, input.type!)))
        throw new AppError(
          'VALIDATION_FAILED',
          { type: 'roles_not_for_type' },
          { action: 'organisation.update', entity: 'organisation', entityId: id, outcome: 'denied' },
        );
    }
    // an organisation switched off or moved may leave its inbox without a reader
    if (set.active === false || set.jurisdiction) await warnIfInboxEmptied(ctx, trx, existing.jurisdiction);
    await audit(ctx, trx, {
      action: 'organisation.update',
      entity: 'organisation',
      entityId: id,
      outcome: 'ok',
    });
    return r;
  });
  return orgDto(ctx.actor, row);
}
