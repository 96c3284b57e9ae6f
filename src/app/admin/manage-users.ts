/**
 * User accounts: create, change role, disable, reset password — within the admin's scope. Nobody
 * changes their own role; a role is checked against its organisation's type with that row locked;
 * a password reset or a role change tells the account's owner and the auditors (decision 016).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { getOrganisation, listUsers, userInSubtree } from '../../db/admin.repository.ts';
import { activeUsersInJurisdiction } from '../../db/notification.repository.ts';
import { lockOrganisationType } from '../../db/organisation.repository.ts';
import {
  deleteGuessCounter,
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
import { canGrantRole, isWithin, mayChangeRoleOf, type Role, roleFitsOrg } from '../../domain/policy.ts';
import { occasional } from '../../occasional/pool.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { accountGuessKey } from '../guess-counter.ts';
import { warnIfInboxEmptied } from '../intake/orphans.ts';
import { notify } from '../notifications/notify.ts';
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

/**
 * Checks `role` against the organisation's type with its row locked until the transaction ends,
 * so a change of the type at the same moment cannot slip a case role into a partner organisation.
 */
async function requireRoleFits(trx: Tx, orgId: string, role: Role): Promise<void> {
  const type = await lockOrganisationType(trx, orgId);
  if (type === undefined || !roleFitsOrg(role, type))
    throw new AppError('VALIDATION_FAILED', { role: 'role_not_for_org' });
}

/**
 * A password reset or a role change: the account's owner is told (in the app and by e-mail, so a
 * reset they did not ask for is noticed even though their sessions have ended), and so are the
 * active auditors of the account's kab/kota and of its province, with a link to the account's
 * audit trail. No name or e-mail address is in the notice.
 */
async function tellOwnerAndAuditors(
  ctx: AuthedCtx,
  trx: Tx,
  user: { id: string; jurisdiction: string },
  what: 'reset' | 'role',
): Promise<void> {
  const now = ctx.clock();
  const province = user.jurisdiction.split('.')[0]!;
  const auditors = [
    ...(await activeUsersInJurisdiction(trx, user.jurisdiction, ['auditor'])),
    ...(province !== user.jurisdiction ? await activeUsersInJurisdiction(trx, province, ['auditor']) : []),
  ].filter((id) => id !== user.id);
  await notify(
    trx,
    [user.id],
    { kind: what === 'reset' ? 'akun_anda_diatur_ulang' : 'peran_anda_diubah', link: '/' },
    now,
  );
  await notify(
    trx,
    auditors,
    {
      kind: what === 'reset' ? 'akun_staf_diatur_ulang' : 'peran_staf_diubah',
      link: `/audit?entity=user&entityId=${user.id}`,
    },
    now,
  );
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
  const problem = await occasional('passwordProblem', {
    password: input.password,
    userInputs: [input.email, input.name],
  });
  if (problem) throw new AppError('WEAK_PASSWORD', { password: problem });
  if (await findUserByEmail(db, input.email)) throw new AppError('EMAIL_TAKEN', { email: 'taken' });
  const id = randomUUID();
  const now = ctx.clock();
  const hash = await hashPassword(input.password);
  await db.transaction().execute(async (trx) => {
    await requireRoleFits(trx, input.orgId, input.role);
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
  const roleChange = input.role !== undefined && input.role !== u.role;
  if (roleChange && !mayChangeRoleOf(ctx.actor, id))
    throw new AppError(
      'FORBIDDEN',
      { role: 'own_role' },
      { action: 'user.update', entity: 'user', entityId: id, outcome: 'denied' },
    );
  if (input.role && !roleFitsOrg(input.role, u.org_type))
    throw new AppError('VALIDATION_FAILED', { role: 'role_not_for_org' });
  const now = ctx.clock();
  await db.transaction().execute(async (trx) => {
    if (input.role) await requireRoleFits(trx, u.org_id, input.role);
    const fields = { name: input.name, role: input.role, disabled: input.disabled };
    if (!(await updateUserAccount(trx, id, input.version, fields, now)))
      throw new AppError('VERSION_CONFLICT');
    // a new role or a disabled account ends the sessions; the same role sent again (the edit form
    // sends it with a new name) does not
    if (input.disabled || roleChange) await revokeUserSessions(trx, id, now);
    if (roleChange) await tellOwnerAndAuditors(ctx, trx, u, 'role');
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
  // one's own password is changed with the current one (and two-factor kept), never reset here
  if (id === ctx.actor.userId)
    throw new AppError(
      'FORBIDDEN',
      { id: 'own_account' },
      { action: 'user.reset_password', entity: 'user', entityId: id, outcome: 'denied' },
    );
  const password = temporaryPassword();
  const now = ctx.clock();
  const hash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await resetUserCredentials(trx, id, { passwordHash: hash, now });
    await revokeUserSessions(trx, id, now);
    // a lock from earlier failures would refuse the temporary password too
    await deleteGuessCounter(trx, accountGuessKey(ctx, u.email));
    await tellOwnerAndAuditors(ctx, trx, u, 'reset');
    await audit(ctx, trx, { action: 'user.reset_password', entity: 'user', entityId: id, outcome: 'ok' });
  });
  return { temporaryPassword: password };
}
