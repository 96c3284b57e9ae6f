/**
 * Requests to join: an organisation not yet in Simpul asks from the public page (/gabung); the
 * Dinas administrator of its kab/kota accepts (creating the organisation, verified, and its first
 * user with a temporary password shown once) or declines with a note.
 */
import { randomUUID } from 'node:crypto';
import {
  decideJoinRequest,
  getJoinRequest,
  insertJoinRequest,
  type JoinRequestRow,
  listJoinRequests as listJoinRequestRows,
  lockJoinRequest,
} from '../../db/directory.repository.ts';
import { activeUsersInJurisdiction } from '../../db/notification.repository.ts';
import { insertOrganisation } from '../../db/organisation.repository.ts';
import { getRegion } from '../../db/region.repository.ts';
import { findUserByEmail, insertUser } from '../../db/user.repository.ts';
import type { JoinRequestInput } from '../../domain/directory.ts';
import type { JoinRequestDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { type Actor, canGrantRole, jurisdictionOf, mayLocate } from '../../domain/policy.ts';
import { RESTRICTED_LOCATION_FIELDS } from '../../domain/taxonomies.ts';
import { temporaryPassword } from '../admin/manage-users.ts';
import { requireAdmin } from '../admin/require-admin.ts';
import { type AuthedCtx, audit, type Ctx } from '../context.ts';
import type { Keyring } from '../crypto.ts';
import { countHit } from '../intake/shared.ts';
import { notify } from '../notifications/notify.ts';
import { hashPassword } from '../passwords.ts';

/** More requests than this from one address in 10 minutes are refused for a while. */
export const JOIN_REQUESTS_PER_SOURCE_PER_10_MIN = 5;

export function joinRequestDto(actor: Actor, k: Keyring, j: JoinRequestRow): JoinRequestDto {
  // a safe house asking to join: its place is for its own kab/kota's Dinas only
  const located = mayLocate(actor, { type: j.org_type, jurisdiction: j.jurisdiction });
  return {
    id: j.id,
    jurisdiction: j.jurisdiction,
    orgName: j.org_name,
    orgType: j.org_type,
    regionCode: located ? j.region_code : j.jurisdiction,
    regionName: located ? (j.region_name ?? null) : null,
    services: j.services,
    address: located ? j.address : null,
    phone: located ? j.phone : null,
    restrictedFields: located ? [] : [...RESTRICTED_LOCATION_FIELDS],
    email: j.email,
    contactName: k.decrypt(j.contact_name_enc),
    contactPosition: j.contact_position,
    message: k.decrypt(j.message_enc),
    status: j.status as JoinRequestDto['status'],
    decidedAt: j.decided_at ? new Date(j.decided_at).toISOString() : null,
    decidedByName: j.decided_by_name ?? null,
    decisionNote: k.decrypt(j.decision_note_enc),
    orgId: j.org_id,
    version: j.version,
    createdAt: new Date(j.created_at).toISOString(),
  };
}

/**
 * Stores a request from the public form and tells the Dinas administrators of its kab/kota.
 * A filled honeypot is answered as if stored (a bot learns nothing) and nobody is told.
 */
/** Organisations join rarely; more than this per kab/kota and hour is a flood. */
const JOIN_REQUESTS_PER_REGION_PER_HOUR = 20;

export async function submitJoinRequest(ctx: Ctx, input: JoinRequestInput): Promise<{ stored: boolean }> {
  const db = ctx.conn.db;
  const now = ctx.clock();
  if (!(await getRegion(db, input.regionCode)))
    throw new AppError('UNKNOWN_REGION', { regionCode: 'unknown_region' });
  const source = ctx.meta.ip ? ctx.keys.blindIndex('join-source', ctx.meta.ip) : null;
  if (
    source &&
    (await countHit(db, `join:${source}`, now, 10 * 60_000)) > JOIN_REQUESTS_PER_SOURCE_PER_10_MIN
  )
    throw new AppError('RATE_LIMITED');
  if (input.website && input.website.trim() !== '') return { stored: false };
  const jurisdiction = jurisdictionOf(input.regionCode);
  // each stored request e-mails the Dinas admins: a flood aimed at one kab/kota is cut off too
  if (
    (await countHit(db, `join-region:${jurisdiction}`, now, 60 * 60_000)) > JOIN_REQUESTS_PER_REGION_PER_HOUR
  )
    throw new AppError('RATE_LIMITED');
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    await insertJoinRequest(trx, {
      id,
      jurisdiction,
      org_name: input.orgName,
      org_type: input.orgType,
      region_code: input.regionCode,
      services: [...new Set(input.services)],
      address: input.address,
      phone: input.phone,
      email: input.email,
      contact_name_enc: ctx.keys.encrypt(input.contactName),
      contact_position: input.contactPosition ?? null,
      message_enc: ctx.keys.encrypt(input.message ?? null),
      source_hash: source,
      created_at: now,
      updated_at: now,
    });
    const admins = await activeUsersInJurisdiction(trx, jurisdiction, ['admin-dinas']);
    await notify(
      trx,
      admins,
      { kind: 'permohonan_bergabung', link: '/direktori/permohonan', ref: null },
      now,
    );
    await audit(ctx, trx, {
      action: 'join_request.submit',
      entity: 'join_request',
      entityId: id,
      outcome: 'ok',
    });
  });
  return { stored: true };
}

export async function listJoinRequests(ctx: AuthedCtx, status?: string): Promise<JoinRequestDto[]> {
  const root = requireAdmin(ctx);
  const rows = await listJoinRequestRows(ctx.conn.db, root, status);
  // the contact person's name, phone and e-mail are personal data
  await audit(ctx, ctx.conn.db, {
    action: 'join_request.list',
    entity: 'join_request',
    entityId: null,
    outcome: 'ok',
    detail: { returned: rows.map((r) => r.id) },
  });
  return rows.map((r) => joinRequestDto(ctx.actor, ctx.keys, r));
}

async function loadOpen(ctx: AuthedCtx, root: string, id: string, version: number) {
  const j = await getJoinRequest(ctx.conn.db, root, id);
  if (!j)
    throw new AppError('NOT_FOUND', undefined, {
      action: 'join_request.decide',
      entity: 'join_request',
      entityId: id,
      outcome: 'not_found',
    });
  if (j.status !== 'baru') throw new AppError('JOIN_REQUEST_STATE');
  if (j.version !== version) throw new AppError('VERSION_CONFLICT');
  return j;
}

/** After a failed conditional update: somebody decided first, or changed it. */
async function lostRace(ctx: AuthedCtx, root: string, id: string): Promise<never> {
  const now = await getJoinRequest(ctx.conn.db, root, id);
  throw new AppError(now && now.status !== 'baru' ? 'JOIN_REQUEST_STATE' : 'VERSION_CONFLICT');
}

export async function approveJoinRequest(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; firstUser: { name: string; email: string; role: 'mitra' } },
) {
  const root = requireAdmin(ctx);
  const db = ctx.conn.db;
  const j = await loadOpen(ctx, root, id, input.version);
  if (!canGrantRole(ctx.actor, input.firstUser.role))
    throw new AppError('FORBIDDEN', { 'firstUser.role': 'not_allowed' });
  if (await findUserByEmail(db, input.firstUser.email))
    throw new AppError('EMAIL_TAKEN', { 'firstUser.email': 'taken' });
  const orgId = randomUUID();
  const userId = randomUUID();
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  const now = ctx.clock();
  let decided = true;
  await db
    .transaction()
    .execute(async (trx) => {
      // whoever locks the request first decides it; the other sees it decided and creates nothing
      const cur = await lockJoinRequest(trx, id);
      if (cur?.status !== 'baru' || cur.version !== input.version) {
        decided = false;
        throw new AppError('JOIN_REQUEST_STATE');
      }
      await insertOrganisation(trx, {
        id: orgId,
        name: j.org_name,
        type: j.org_type,
        region_code: j.region_code,
        jurisdiction: j.jurisdiction,
        address: j.address,
        phone: j.phone,
        email: j.email,
        services: j.services,
        areas: [j.jurisdiction],
        verified_at: now,
        created_at: now,
        updated_at: now,
      });
      await insertUser(trx, {
        id: userId,
        email: input.firstUser.email,
        name: input.firstUser.name,
        role: input.firstUser.role,
        org_id: orgId,
        password_hash: hash,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      });
      const ok = await decideJoinRequest(
        trx,
        id,
        input.version,
        { status: 'diterima', decided_by: ctx.actor.userId, decision_note_enc: null, org_id: orgId },
        now,
      );
      if (!ok) {
        decided = false;
        // roll back the organisation and the user: someone else decided first
        throw new AppError('JOIN_REQUEST_STATE');
      }
      await audit(
        ctx,
        trx,
        { action: 'join_request.approve', entity: 'join_request', entityId: id, outcome: 'ok' },
        {
          action: 'organisation.create',
          entity: 'organisation',
          entityId: orgId,
          outcome: 'ok',
          detail: { joinRequestId: id },
        },
        { action: 'user.create', entity: 'user', entityId: userId, outcome: 'ok', detail: { role: 'mitra' } },
      );
    })
    .catch(async (e) => {
      if (!decided) await lostRace(ctx, root, id);
      throw e;
    });
  const after = (await getJoinRequest(db, root, id))!;
  return {
    request: joinRequestDto(ctx.actor, ctx.keys, after),
    orgId,
    user: {
      id: userId,
      email: input.firstUser.email,
      name: input.firstUser.name,
      role: input.firstUser.role,
    },
    temporaryPassword: password,
  };
}

export async function rejectJoinRequest(
  ctx: AuthedCtx,
  id: string,
  input: { version: number; note: string },
) {
  const root = requireAdmin(ctx);
  await loadOpen(ctx, root, id, input.version);
  const now = ctx.clock();
  let decided = true;
  await ctx.conn.db
    .transaction()
    .execute(async (trx) => {
      const ok = await decideJoinRequest(
        trx,
        id,
        input.version,
        {
          status: 'ditolak',
          decided_by: ctx.actor.userId,
          decision_note_enc: ctx.keys.encrypt(input.note),
          org_id: null,
        },
        now,
      );
      if (!ok) {
        decided = false;
        throw new AppError('JOIN_REQUEST_STATE');
      }
      await audit(ctx, trx, {
        action: 'join_request.reject',
        entity: 'join_request',
        entityId: id,
        outcome: 'ok',
      });
    })
    .catch(async (e) => {
      if (!decided) await lostRace(ctx, root, id);
      throw e;
    });
  return joinRequestDto(ctx.actor, ctx.keys, (await getJoinRequest(ctx.conn.db, root, id))!);
}
