/** Users, organisations, sessions and sign-in throttling. */
import type { Tx } from '../app/context.ts';

export function findUserByEmail(db: Tx, email: string) {
  return db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst();
}

export function findUserById(db: Tx, id: string) {
  return db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
}

export function userWithOrg(db: Tx, id: string) {
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
    ])
    .where('u.id', '=', id)
    .executeTakeFirst();
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

export function getThrottle(db: Tx, key: string) {
  return db.selectFrom('login_throttle').selectAll().where('key', '=', key).executeTakeFirst();
}

export async function recordFailure(
  db: Tx,
  key: string,
  now: Date,
  lockAfter: number,
  lockMs: number,
  windowMs: number,
) {
  const row = await getThrottle(db, key);
  const fresh = !row || now.getTime() - new Date(row.last_failure_at).getTime() > windowMs;
  const failures = fresh ? 1 : row.failures + 1;
  const locked_until = failures >= lockAfter ? new Date(now.getTime() + lockMs) : null;
  await db
    .insertInto('login_throttle')
    .values({ key, failures, last_failure_at: now, locked_until })
    .onConflict((oc) => oc.column('key').doUpdateSet({ failures, last_failure_at: now, locked_until }))
    .execute();
  return failures;
}

export async function clearThrottle(db: Tx, key: string) {
  await db.deleteFrom('login_throttle').where('key', '=', key).execute();
}
