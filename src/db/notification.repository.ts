/** Notifications and the job queue (tables `notification`, `job`). */
import { randomUUID } from 'node:crypto';
import type { Tx } from './connect.ts';

export type NewNotification = { userId: string; kind: string; link: string; ref: string | null };

export async function insertNotifications(db: Tx, rows: readonly NewNotification[], at: Date) {
  if (rows.length === 0) return [];
  return db
    .insertInto('notification')
    .values(
      rows.map((r) => ({
        id: randomUUID(),
        user_id: r.userId,
        kind: r.kind,
        link: r.link,
        ref: r.ref,
        created_at: at,
      })),
    )
    .returning(['id', 'user_id'])
    .execute();
}

export async function enqueueJobs(
  db: Tx,
  jobs: ReadonlyArray<{ kind: string; payload: Record<string, unknown>; runAt: Date }>,
  at: Date,
) {
  if (jobs.length === 0) return;
  await db
    .insertInto('job')
    .values(
      jobs.map((j) => ({
        kind: j.kind,
        payload: JSON.stringify(j.payload),
        run_at: j.runAt,
        created_at: at,
      })),
    )
    .execute();
}

/** Active users of an organisation, optionally only some roles. */
export function activeUsersOfOrg(db: Tx, orgId: string, roles?: readonly string[]) {
  let q = db.selectFrom('app_user').select(['id']).where('org_id', '=', orgId).where('disabled', '=', false);
  if (roles && roles.length > 0) q = q.where('role', 'in', roles);
  return q.execute().then((r) => r.map((x) => x.id));
}

/** Active users of some roles whose organisation works in `jurisdiction`. */
export function activeUsersInJurisdiction(db: Tx, jurisdiction: string, roles: readonly string[]) {
  return db
    .selectFrom('app_user')
    .innerJoin('organisation', 'organisation.id', 'app_user.org_id')
    .select(['app_user.id'])
    .where('organisation.jurisdiction', '=', jurisdiction)
    .where('app_user.role', 'in', roles)
    .where('app_user.disabled', '=', false)
    .execute()
    .then((r) => r.map((x) => x.id));
}
