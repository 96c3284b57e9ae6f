/** Organisations (lembaga): admin everywhere, admin-dinas within its jurisdiction. */
import { randomUUID } from 'node:crypto';
import { getOrganisation, listOrganisations } from '../../db/admin.repository.ts';
import { insertOrganisation, updateOrganisationRow } from '../../db/organisation.repository.ts';
import { getRegion } from '../../db/region.repository.ts';
import type { OrgDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { adminScope, isWithin, jurisdictionOf } from '../../domain/policy.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
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
  version: number;
  region_name?: string | null;
};

export function orgDto(o: OrgRow): OrgDto {
  return {
    id: o.id,
    name: o.name,
    type: o.type,
    regionCode: o.region_code,
    regionName: o.region_name ?? null,
    jurisdiction: o.jurisdiction,
    address: o.address,
    phone: o.phone,
    email: o.email,
    version: o.version,
  };
}

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
  return rows.map(orgDto);
}

export async function listOrgsForAdmin(ctx: AuthedCtx) {
  const root = requireAdmin(ctx);
  return (await listOrganisations(ctx.conn.db, root)).map(orgDto);
}

export async function createOrganisation(
  ctx: AuthedCtx,
  input: {
    name: string;
    type: string;
    regionCode: string;
    address?: string | null;
    phone?: string | null;
    email?: string | null;
  },
) {
  const root = requireAdmin(ctx);
  const db = ctx.conn.db;
  await checkRegion(db, root, input.regionCode);
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
  return orgDto(row);
}

export async function updateOrganisation(
  ctx: AuthedCtx,
  id: string,
  input: {
    version: number;
    name?: string;
    type?: string;
    regionCode?: string;
    address?: string | null;
    phone?: string | null;
    email?: string | null;
  },
) {
  const root = requireAdmin(ctx);
  const db = ctx.conn.db;
  const existing = await getOrganisation(db, id);
  if (!existing || (root !== '' && !isWithin(existing.jurisdiction, root))) throw new AppError('NOT_FOUND');
  if (input.regionCode) await checkRegion(db, root, input.regionCode);
  const set: Record<string, unknown> = {};
  for (const k of ['name', 'type', 'address', 'phone', 'email'] as const)
    if (input[k] !== undefined) set[k] = input[k];
  if (input.regionCode) {
    set.region_code = input.regionCode;
    set.jurisdiction = jurisdictionOf(input.regionCode);
  }
  const row = await db.transaction().execute(async (trx) => {
    const r = await updateOrganisationRow(trx, id, input.version, set, ctx.clock());
    if (!r) throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action: 'organisation.update',
      entity: 'organisation',
      entityId: id,
      outcome: 'ok',
    });
    return r;
  });
  return orgDto(row);
}
