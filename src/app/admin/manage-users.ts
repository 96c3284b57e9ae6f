/** User accounts: create, change role, disable, reset password — within the admin's scope. */
import { randomBytes, randomUUID } from 'node:crypto';
import { getOrganisation, listUsers, userInSubtree } from '../../db/admin.repository.ts';
import {
  findUserByEmail,
  insertUser,
  resetUserCredentials,
  revokeUserSessions,
  type UserWithOrgRow,
  updateUserAccount,
  userWithOrg,
} from '../../db/user.repository.ts';
import type { UserDto } from '../../domain/dto.ts';
import { AppError } from '../../domain/errors.ts';
import { passwordProblem } from '../../domain/password.ts';
import { canGrantRole, isWithin, type Role, roleFitsOrg } from '../../domain/policy.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { warnIfInboxEmptied } from '../intake/orphans.ts';
import { hashPassword } from '../passwords.ts';
import { mfaEnrolmentRequired } from '../sign-in.ts';
import { requireAdmin } from './require-admin.ts';

type UserRow = UserWithOrgRow;

export function userDto(u: UserRow): UserDto {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role as Role,
    orgId: u.org_id,
    orgName: u.org_name,
    jurisdiction: u.jurisdiction,
    jurisdictionName: u.jurisdiction_name ?? u.jurisdiction,
    mfaEnabled: u.totp_enabled,
    mfaEnrolmentRequired: mfaEnrolmentRequired(u.role as Role, u.demo, u.totp_enabled),
    demo: u.demo,
    disabled: u.disabled,
    version: u.version,
  };
}

export async function listUsersForAdmin(ctx: AuthedCtx) {
  const root = requireAdmin(ctx);
  const rows = await listUsers(ctx.conn.db, root);
  await audit(ctx, ctx.conn.db, { action: 'user.list', entity: 'user', entityId: null, outcome: 'ok' });
  return rows.map(userDto);
}

export async function createUser(
  ctx: AuthedCtx,
  input: { email: string; name: string; role: Role; orgId: string; password: string },
) {
  const root = requireAdmin(ctx);
  const db = ctx.conn.db;
  if (!canGrantRole(ctx.actor, input.role)) throw new AppError('FORBIDDEN', { role: 'not_allowed' });
  const org = await getOrganisation(db, input.orgId);
  if (!org || (root !== '' && !isWithin(org.jurisdiction, root)))
    throw new AppError('VALIDATION_FAILED', { orgId: 'unknown_organisation' });
  if (!roleFitsOrg(input.role, org.type))
    throw new AppError('VALIDATION_FAILED', { role: 'role_not_for_org' });
  const problem = passwordProblem(input.password, [input.email, input.name]);
  if (problem) throw new AppError('WEAK_PASSWORD', { password: problem });
  if (await findUserByEmail(db, input.email)) throw new AppError('EMAIL_TAKEN', { email: 'taken' });
  const id = randomUUID();
  const now = ctx.clock();
  const hash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await insertUser(trx, {
      id,
      email: input.email,
      name: input.name,
      role: input.role,
      org_id: input.orgId,
      password_hash: hash,
      password_changed_at: now,
      created_at: now,
      updated_at: now,
    });
    await audit(ctx, trx, {
      action: 'user.create',
      entity: 'user',
      entityId: id,
      outcome: 'ok',
      detail: { role: input.role },
    });
  });
  const u = (await userWithOrg(db, id))!;
  return userDto(u);
}

export async function updateUser(
  ctx: AuthedCtx,
  id: string,
  input: {
    version: number;
    name?: string | undefined;
    role?: Role | undefined;
    disabled?: boolean | undefined;
  },
) {
  const root = requireAdmin(ctx);
  const db = ctx.conn.db;
  const u = await userInSubtree(db, root, id);
  if (!u) throw new AppError('NOT_FOUND');
  if (input.role && !canGrantRole(ctx.actor, input.role))
    throw new AppError('FORBIDDEN', { role: 'not_allowed' });
  if (!canGrantRole(ctx.actor, u.role as Role)) throw new AppError('FORBIDDEN');
  if (input.role && !roleFitsOrg(input.role, u.org_type))
    throw new AppError('VALIDATION_FAILED', { role: 'role_not_for_org' });
  const now = ctx.clock();
  await db.transaction().execute(async (trx) => {
    const fields = { name: input.name, role: input.role, disabled: input.disabled };
    if (!(await updateUserAccount(trx, id, input.version, fields, now)))
      throw new AppError('VERSION_CONFLICT');
    if (input.disabled || input.role) await revokeUserSessions(trx, id, now);
    // the last intake officer or case manager of an inbox with open reports: the admins are told
    if (input.disabled || (input.role && input.role !== u.role))
      await warnIfInboxEmptied(ctx, trx, u.jurisdiction);
    await audit(ctx, trx, {
      action: 'user.update',
      entity: 'user',
      entityId: id,
      outcome: 'ok',
      detail: { role: input.role ?? null, disabled: input.disabled ?? null },
    });
  });
  return userDto((await userWithOrg(db, id))!);
}

/** A random temporary password, shown once to the administrator who hands it over. */
export function temporaryPassword(): string {
  return randomBytes(12).toString('base64url');
}

/** Sets a random temporary password (shown once), ends the user's sessions, removes two-factor. */
export async function resetPassword(ctx: AuthedCtx, id: string) {
  const root = requireAdmin(ctx);
  const db = ctx.conn.db;
  const u = await userInSubtree(db, root, id);
  if (!u || !canGrantRole(ctx.actor, u.role as Role)) throw new AppError('NOT_FOUND');
  const password = temporaryPassword();
  const now = ctx.clock();
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await resetUserCredentials(trx, id, { passwordHash: hash, now });
    await revokeUserSessions(trx, id, now);
    await audit(ctx, trx, { action: 'user.reset_password', entity: 'user', entityId: id, outcome: 'ok' });
  });
  return { temporaryPassword: password };
}
