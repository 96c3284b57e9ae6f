/** Users, organisations, sessions and sign-in throttling. */

import { type Insertable, sql } from 'kysely';
import type { Role } from '../domain/policy.ts';
import type { Tx } from './connect.ts';
import type { AppUserTable } from './schema.ts';

export function findUserByEmail(db: Tx, email: string) {
  return db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Tx, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Users with their organisation and jurisdiction name: the shape the API shows. */
export function usersWithOrg(db: Tx) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.org_id')
    .leftJoin('region as r', 'r.code', 'o.jurisdiction')
    .select([
      'u.id',
      'u.email',
      'u.name',
      'u.role',
      'u.org_id',
      'u.disabled',
      'u.demo',
      'u.totp_enabled',
      'u.version',
      'o.name as org_name',
      'o.jurisdiction',
      'r.name as jurisdiction_name',
    ]);
}
export type UserWithOrgRow = NonNullable<Awaited<ReturnType<typeof userWithOrg>>>;

export function userWithOrg(db: Tx, id: string) {
  return usersWithOrg(db).where('u.id', '=', id).executeTakeFirst();
}

export async function insertUser(db: Tx, row: Insertable<AppUserTable>) {
  await db.insertInto('app_user').values(row).execute();
}

/**
 * Optimistic update of name, role and disabled flag: applies only when `version` matches; the
 * version goes up by one. Returns false on a version conflict.
 */
export async function updateUserAccount(
  db: Tx,
  id: string,
  version: number,
  fields: { name?: string | undefined; role?: Role | undefined; disabled?: boolean | undefined },
  now: Date,
): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set({
      ...(fields.name !== undefined ? { name: fields.name } : {}),
      ...(fields.role !== undefined ? { role: fields.role } : {}),
      ...(fields.disabled !== undefined ? { disabled: fields.disabled } : {}),
      version: (eb) => eb('version', '+', 1),
      updated_at: now,
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * New password, two-factor removed (secret and recovery codes cleared); the version goes up.
 */
export async function resetUserCredentials(db: Tx, id: string, c: { passwordHash: string; now: Date }) {
  await db
    .updateTable('app_user')
    .set({
      password_hash: c.passwordHash,
      password_changed_at: c.now,
      totp_enabled: false,
      totp_secret_enc: null,
      recovery_codes: [],
      version: (eb) => eb('version', '+', 1),
      updated_at: c.now,
    })
    .where('id', '=', id)
    .execute();
}

export async function disableUser(db: Tx, id: string, now: Date) {
  await db
    .updateTable('app_user')
    .set({ disabled: true, updated_at: now, version: (eb) => eb('version', '+', 1) })
    .where('id', '=', id)
    .execute();
}

/** The user's own password change (the version goes up by one). */
export async function updatePasswordHash(db: Tx, id: string, passwordHash: string, now: Date) {
  await db
    .updateTable('app_user')
    .set({
      password_hash: passwordHash,
      password_changed_at: now,
      updated_at: now,
      version: (eb) => eb('version', '+', 1),
    })
    .where('id', '=', id)
    .execute();
}

/** Stores a pending TOTP secret (enrolment not confirmed yet). */
export async function setTotpSecret(db: Tx, id: string, secretEnc: string) {
  await db.updateTable('app_user').set({ totp_secret_enc: secretEnc }).where('id', '=', id).execute();
}

/** Turns two-factor on with its first accepted time step and the recovery codes' blind indexes. */
export async function enableTotp(
  db: Tx,
  id: string,
  t: { lastStep: number; recoveryCodes: string[]; now: Date },
) {
  await db
    .updateTable('app_user')
    .set({
      totp_enabled: true,
      totp_last_step: t.lastStep,
      recovery_codes: t.recoveryCodes,
      version: (eb) => eb('version', '+', 1),
      updated_at: t.now,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * Records the time step of a used TOTP code, only if it is newer than the last one: two
 * concurrent sign-ins with the same code cannot both win. Returns false for a replay.
 */
export async function claimTotpStep(db: Tx, id: string, step: number): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set({ totp_last_step: step })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('totp_last_step', 'is', null), eb('totp_last_step', '<', String(step))]))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Removes a recovery code in one statement; false when it was already used (or never existed). */
export async function consumeRecoveryCode(db: Tx, id: string, codeHash: string): Promise<boolean> {
  const r = await db
    .updateTable('app_user')
    .set({ recovery_codes: sql`array_remove(recovery_codes, ${codeHash})` })
    .where('id', '=', id)
    .where(sql<boolean>`${codeHash} = ANY(recovery_codes)`)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The given users with their role and organisation's jurisdiction (for assignment checks). */
export async function findStaffByIds(db: Tx, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.role', 'u.disabled', 'o.jurisdiction'])
    .where('u.id', 'in', [...ids])
    .execute();
}

/** Enabled managers and companions of organisations in a jurisdiction. */
export function listAssignableStaff(
  db: Tx,
  jurisdiction: string,
  roles: readonly Role[] = ['manajer', 'pendamping'],
) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.name', 'u.role', 'o.name as orgName'])
    .where('o.jurisdiction', '=', jurisdiction)
    .where('u.role', 'in', [...roles])
    .where('u.disabled', '=', false)
    .orderBy('u.name')
    .execute();
}

export async function insertSession(
  db: Tx,
  s: {
    id: string;
    userId: string;
    now: Date;
    expiresAt: Date;
    mfaVerified: boolean;
    ip: string | null;
    userAgent: string | null;
  },
) {
  await db
    .insertInto('session')
    .values({
      id: s.id,
      user_id: s.userId,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      mfa_verified: s.mfaVerified,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

export function findSession(db: Tx, id: string) {
  return db
    .selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('organisation as o', 'o.id', 'u.org_id')
    .select([
      's.id',
      's.user_id',
      's.created_at',
      's.last_seen_at',
      's.expires_at',
      's.revoked_at',
      's.mfa_verified',
      'u.role',
      'u.org_id',
      'u.disabled',
      'u.demo',
      'u.totp_enabled',
      'u.password_changed_at',
      'o.jurisdiction',
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
}

export async function touchSession(db: Tx, id: string, now: Date) {
  await db.updateTable('session').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function revokeSession(db: Tx, id: string, now: Date) {
  await db
    .updateTable('session')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function revokeUserSessions(db: Tx, userId: string, now: Date, exceptId?: string) {
  let q = db
    .updateTable('session')
    .set({ revoked_at: now })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

export async function markSessionMfa(db: Tx, id: string) {
  await db.updateTable('session').set({ mfa_verified: true }).where('id', '=', id).execute();
}

/**
 * The guess counter under `key`, created empty if there is none, locked (FOR UPDATE) until the
 * transaction ends: concurrent guesses on one key are counted one after another.
 */
export async function lockGuessCounter(db: Tx, key: string, now: Date) {
  await db
    .insertInto('login_throttle')
    .values({ key, failures: 0, last_failure_at: now, locked_until: null })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  return db
    .selectFrom('login_throttle')
    .select(['failures', 'last_failure_at', 'locked_until'])
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/**
 * Guess counters that no longer count anything: no failure since `before` and no lock still
 * running (a counter like that reads as zero, see `reserveGuess`). A counter a guess holds at the
 * moment is re-checked after it commits and kept.
 */
export async function pruneGuessCounters(db: Tx, before: Date, now: Date) {
  const r = await db
    .deleteFrom('login_throttle')
    .where('last_failure_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', now)]))
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function deleteGuessCounter(db: Tx, key: string) {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}

export async function saveGuessCounter(
  db: Tx,
  key: string,
  c: { failures: number; last_failure_at: Date; locked_until: Date | null },
) {
  await db
    .updateTable('login_throttle')
    .set({ failures: c.failures, last_failure_at: c.last_failure_at, locked_until: c.locked_until })
    .where('key', '=', key)
    .execute();
}
