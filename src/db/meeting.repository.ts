/**
 * Coordination meetings, decisions, follow-ups and their reminders (migration 0026, decision 031).
 * Every read takes the actor's CoordinationScope and turns it into SQL, so an out-of-scope record is
 * never loaded (404).
 */
import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { CoordinationScope } from '../domain/policy.ts';
import { cappedCount, pageOfRows } from './capped-count.ts';
import type { Tx } from './connect.ts';
import type {
  Database,
  FollowupTable,
  MeetingCaseTable,
  MeetingDecisionTable,
  MeetingParticipantTable,
  MeetingTable,
} from './schema.ts';
import { versionedUpdate } from './versioned.ts';

type MeetingEB = ExpressionBuilder<Database, 'meeting'>;
type FollowupEB = ExpressionBuilder<Database, 'followup'>;

function within(col: string, root: string) {
  return sql<boolean>`(${sql.ref(col)} = ${root} OR ${sql.ref(col)} LIKE ${`${root}.%`})`;
}

/** The meetings a scope reads: its region's, or (a partner) those its organisation organises, is invited to or took part in. */
export function meetingScope(eb: MeetingEB, scope: CoordinationScope) {
  if (scope.kind === 'region') return within('meeting.jurisdiction', scope.within);
  if (scope.kind === 'org')
    return eb.or([
      eb('meeting.organiser_org_id', '=', scope.orgId),
      eb.exists(
        eb
          .selectFrom('meeting_org')
          .select(sql`1`.as('x'))
          .whereRef('meeting_org.meeting_id', '=', 'meeting.id')
          .where('meeting_org.org_id', '=', scope.orgId),
      ),
      eb.exists(
        eb
          .selectFrom('meeting_participant')
          .select(sql`1`.as('x'))
          .whereRef('meeting_participant.meeting_id', '=', 'meeting.id')
          .where('meeting_participant.org_id', '=', scope.orgId),
      ),
    ]);
  return sql<boolean>`false`;
}

/** The follow-ups a scope reads: its region's, or (a partner) those its organisation owns. */
export function followupScope(eb: FollowupEB, scope: CoordinationScope) {
  if (scope.kind === 'region') return within('followup.jurisdiction', scope.within);
  if (scope.kind === 'org') return eb('followup.owner_org_id', '=', scope.orgId);
  return sql<boolean>`false`;
}

const meetingColumns = [
  'meeting.id',
  'meeting.jurisdiction',
  'meeting.kind',
  'meeting.title',
  'meeting.starts_at',
  'meeting.ends_at',
  'meeting.place',
  'meeting.online_link',
  'meeting.organiser_org_id',
  'meeting.status',
  'meeting.cancel_reason',
  'meeting.agenda',
  'meeting.minutes_enc',
  'meeting.minutes_final_at',
  'meeting.version',
  'organisation.name as organiser_name',
] as const;

function summaryCounts(today: string) {
  return [
    sql<number>`(SELECT count(*)::int FROM meeting_decision d WHERE d.meeting_id = meeting.id)`.as(
      'decisions',
    ),
    sql<number>`(SELECT count(*)::int FROM followup f WHERE f.meeting_id = meeting.id AND f.status IN ('belum','berjalan'))`.as(
      'open_followups',
    ),
    sql<number>`(SELECT count(*)::int FROM followup f WHERE f.meeting_id = meeting.id AND f.status IN ('belum','berjalan') AND f.due_on < ${today})`.as(
      'overdue_followups',
    ),
  ];
}

export async function getScopedMeeting(db: Tx, scope: CoordinationScope, id: string, today: string) {
  return db
    .selectFrom('meeting')
    .innerJoin('organisation', 'organisation.id', 'meeting.organiser_org_id')
    .select(meetingColumns)
    .select(summaryCounts(today))
    .where('meeting.id', '=', id)
    .where((eb) => meetingScope(eb, scope))
    .executeTakeFirst();
}
export type MeetingRow = NonNullable<Awaited<ReturnType<typeof getScopedMeeting>>>;

export async function listMeetings(
  db: Tx,
  scope: CoordinationScope,
  f: { status?: string | undefined; kind?: string | undefined; from?: Date; to?: Date },
  today: string,
  page: number,
  pageSize: number,
) {
  let q = db
    .selectFrom('meeting')
    .innerJoin('organisation', 'organisation.id', 'meeting.organiser_org_id')
    .where((eb) => meetingScope(eb, scope));
  if (f.status) q = q.where('meeting.status', '=', f.status);
  if (f.kind) q = q.where('meeting.kind', '=', f.kind);
  if (f.from) q = q.where('meeting.starts_at', '>=', f.from);
  if (f.to) q = q.where('meeting.starts_at', '<', f.to);
  const all = await q
    .select(meetingColumns)
    .select(summaryCounts(today))
    .orderBy('meeting.starts_at', 'desc')
    .orderBy('meeting.id')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  const count = await cappedCount(db, q.select('meeting.id'));
  return { ...pageOfRows(all, pageSize), count };
}

export async function insertMeeting(db: Tx, row: Insertable<MeetingTable>) {
  await db.insertInto('meeting').values(row).execute();
}

export function updateMeetingRow(db: Tx, id: string, v: number, set: Updateable<MeetingTable>, now: Date) {
  return versionedUpdate(db, 'meeting', id, v, set, now)
    .returning('version')
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

/** Locks the meeting row (decision numbers, participant lists are written one writer at a time). */
export async function lockMeeting(db: Tx, id: string) {
  return db
    .selectFrom('meeting')
    .select(['id', 'version', 'status'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export async function setMeetingOrgs(db: Tx, meetingId: string, orgIds: readonly string[]) {
  await db.deleteFrom('meeting_org').where('meeting_id', '=', meetingId).execute();
  const unique = [...new Set(orgIds)];
  if (unique.length)
    await db
      .insertInto('meeting_org')
      .values(unique.map((org_id) => ({ meeting_id: meetingId, org_id })))
      .execute();
}

export function meetingOrgs(db: Tx, meetingId: string) {
  return db
    .selectFrom('meeting_org')
    .innerJoin('organisation', 'organisation.id', 'meeting_org.org_id')
    .select(['organisation.id', 'organisation.name'])
    .where('meeting_org.meeting_id', '=', meetingId)
    .orderBy('organisation.name')
    .execute();
}

export async function replaceParticipants(
  db: Tx,
  meetingId: string,
  rows: ReadonlyArray<Insertable<MeetingParticipantTable>>,
) {
  await db.deleteFrom('meeting_participant').where('meeting_id', '=', meetingId).execute();
  if (rows.length) await db.insertInto('meeting_participant').values(rows).execute();
}

export function participantsOf(db: Tx, meetingId: string) {
  return db
    .selectFrom('meeting_participant as p')
    .leftJoin('app_user as u', 'u.id', 'p.user_id')
    .leftJoin('organisation as o', (j) => j.on(sql<boolean>`o.id = coalesce(p.org_id, u.org_id)`))
    .select([
      'p.id',
      'p.user_id',
      'p.name_enc',
      'u.name as user_name',
      sql<string | null>`coalesce(p.org_id, u.org_id)`.as('org_id'),
      sql<string | null>`coalesce(o.name, p.org_name)`.as('org_name'),
      'p.invited',
      'p.attended',
    ])
    .where('p.meeting_id', '=', meetingId)
    .orderBy('p.position')
    .execute();
}

/** Organisations of a jurisdiction (ids that must belong to it) and their active users. */
export function orgsIn(db: Tx, jurisdiction: string, ids?: readonly string[]) {
  let q = db
    .selectFrom('organisation')
    .select(['id', 'name', 'type', 'jurisdiction'])
    .where(within('organisation.jurisdiction', jurisdiction));
  if (ids) {
    if (ids.length === 0) return Promise.resolve([]);
    q = q.where('id', 'in', [...new Set(ids)]);
  }
  return q.orderBy('name').limit(2000).execute();
}

export function usersIn(db: Tx, jurisdiction: string, ids?: readonly string[]) {
  let q = db
    .selectFrom('app_user')
    .innerJoin('organisation', 'organisation.id', 'app_user.org_id')
    .select(['app_user.id', 'app_user.name', 'app_user.org_id'])
    .where('app_user.disabled', '=', false)
    .where(within('organisation.jurisdiction', jurisdiction));
  if (ids) {
    if (ids.length === 0) return Promise.resolve([]);
    q = q.where('app_user.id', 'in', [...new Set(ids)]);
  }
  return q.orderBy('app_user.name').limit(5000).execute();
}

/* ---- decisions ---- */

export function decisionsOf(db: Tx, meetingId: string) {
  return db
    .selectFrom('meeting_decision')
    .select(['id', 'number', 'body', 'version'])
    .where('meeting_id', '=', meetingId)
    .orderBy('number')
    .execute();
}

export async function nextDecisionNumber(db: Tx, meetingId: string): Promise<number> {
  const r = await db
    .selectFrom('meeting_decision')
    .select(sql<number>`coalesce(max(number), 0)::int`.as('n'))
    .where('meeting_id', '=', meetingId)
    .executeTakeFirst();
  return (r?.n ?? 0) + 1;
}

export async function insertDecision(db: Tx, row: Insertable<MeetingDecisionTable>) {
  await db.insertInto('meeting_decision').values(row).execute();
}

export function findDecision(db: Tx, meetingId: string, id: string) {
  return db
    .selectFrom('meeting_decision')
    .select(['id', 'number', 'body', 'version'])
    .where('meeting_id', '=', meetingId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function updateDecisionRow(db: Tx, id: string, v: number, body: string, now: Date) {
  return versionedUpdate(db, 'meeting_decision', id, v, { body }, now)
    .returning('version')
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

/* ---- follow-ups ---- */

const followupColumns = [
  'followup.id',
  'followup.meeting_id',
  'followup.decision_id',
  'followup.jurisdiction',
  'followup.action',
  'followup.owner_org_id',
  'followup.owner_user_id',
  'followup.due_on',
  'followup.status',
  'followup.status_note',
  'followup.done_on',
  'followup.version',
  'meeting.title as meeting_title',
  'meeting.starts_at as meeting_starts_at',
  'meeting.organiser_org_id',
  'meeting_decision.number as decision_number',
  'meeting_decision.body as decision_body',
  'owner.name as owner_org_name',
  'owner_user.name as owner_user_name',
] as const;

function followupBase(db: Tx) {
  return db
    .selectFrom('followup')
    .innerJoin('meeting', 'meeting.id', 'followup.meeting_id')
    .innerJoin('meeting_decision', 'meeting_decision.id', 'followup.decision_id')
    .innerJoin('organisation as owner', 'owner.id', 'followup.owner_org_id')
    .leftJoin('app_user as owner_user', 'owner_user.id', 'followup.owner_user_id');
}

export function getScopedFollowup(db: Tx, scope: CoordinationScope, id: string) {
  return followupBase(db)
    .select(followupColumns)
    .where('followup.id', '=', id)
    .where((eb) => followupScope(eb, scope))
    .executeTakeFirst();
}
export type FollowupRow = NonNullable<Awaited<ReturnType<typeof getScopedFollowup>>>;

export function followupsOfMeeting(db: Tx, meetingId: string) {
  return followupBase(db)
    .select(followupColumns)
    .where('followup.meeting_id', '=', meetingId)
    .orderBy('meeting_decision.number')
    .orderBy('followup.created_at')
    .orderBy('followup.id')
    .execute();
}

export async function listFollowups(
  db: Tx,
  scope: CoordinationScope,
  f: {
    status?: string | undefined;
    ownerOrgId?: string | undefined;
    overdue?: boolean | undefined;
    meetingId?: string | undefined;
  },
  today: string,
  page: number,
  pageSize: number,
) {
  let q = followupBase(db).where((eb) => followupScope(eb, scope));
  if (f.status) q = q.where('followup.status', '=', f.status);
  if (f.ownerOrgId) q = q.where('followup.owner_org_id', '=', f.ownerOrgId);
  if (f.meetingId) q = q.where('followup.meeting_id', '=', f.meetingId);
  if (f.overdue === true)
    q = q.where('followup.status', 'in', ['belum', 'berjalan']).where('followup.due_on', '<', today);
  if (f.overdue === false)
    q = q.where((eb) =>
      eb.or([eb('followup.status', 'not in', ['belum', 'berjalan']), eb('followup.due_on', '>=', today)]),
    );
  const all = await q
    .select(followupColumns)
    // open ones first, the most overdue on top
    .orderBy(sql`CASE WHEN followup.status IN ('belum','berjalan') THEN 0 ELSE 1 END`)
    .orderBy('followup.due_on')
    .orderBy('followup.id')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  const count = await cappedCount(db, q.select('followup.id'));
  return { ...pageOfRows(all, pageSize), count };
}

export async function insertFollowup(db: Tx, row: Insertable<FollowupTable>) {
  await db.insertInto('followup').values(row).execute();
}

export function updateFollowupRow(db: Tx, id: string, v: number, set: Updateable<FollowupTable>, now: Date) {
  return versionedUpdate(db, 'followup', id, v, set, now)
    .returning('version')
    .executeTakeFirst()
    .then((r) => r !== undefined);
}

export async function insertFollowupNote(
  db: Tx,
  row: {
    id: string;
    followup_id: string;
    body: string;
    status: string | null;
    created_by: string;
    created_at: Date;
  },
) {
  await db.insertInto('followup_note').values(row).execute();
}

export function followupNotes(db: Tx, followupId: string) {
  return db
    .selectFrom('followup_note as n')
    .leftJoin('app_user as u', 'u.id', 'n.created_by')
    .select(['n.id', 'n.body', 'n.status', 'u.name as by', 'n.created_at'])
    .where('n.followup_id', '=', followupId)
    .orderBy('n.created_at')
    .orderBy('n.id')
    .execute();
}

/* ---- case parts ---- */

export function casePartsOf(db: Tx, meetingId: string) {
  return db
    .selectFrom('meeting_case')
    .select(['case_id', 'discussion_enc', 'version', 'updated_at'])
    .where('meeting_id', '=', meetingId)
    .orderBy('created_at')
    .orderBy('case_id')
    .execute();
}

export function countCaseParts(db: Tx, meetingId: string) {
  return db
    .selectFrom('meeting_case')
    .select(['case_id'])
    .where('meeting_id', '=', meetingId)
    .execute()
    .then((r) => r.map((x) => x.case_id));
}

/** Writes a case part: a new one (version absent) or a change of the stored version; false on a stale version or a duplicate. */
export async function putCasePart(
  db: Tx,
  row: Insertable<MeetingCaseTable>,
  version: number | undefined,
  now: Date,
): Promise<boolean> {
  if (version === undefined) {
    const r = await db
      .insertInto('meeting_case')
      .values(row)
      .onConflict((oc) => oc.columns(['meeting_id', 'case_id']).doNothing())
      .returning('case_id')
      .executeTakeFirst();
    return r !== undefined;
  }
  const r = await db
    .updateTable('meeting_case')
    .set({ discussion_enc: row.discussion_enc, updated_at: now, version: sql<number>`version + 1` })
    .where('meeting_id', '=', row.meeting_id)
    .where('case_id', '=', row.case_id)
    .where('version', '=', version)
    .returning('case_id')
    .executeTakeFirst();
  return r !== undefined;
}

/* ---- reminders (claimed once per follow-up, phase and due date) ---- */

/**
 * Open follow-ups that may have a reminder due and not yet claimed, for local days between
 * `earliest` and `latest` (today in the zones behind and ahead): near its due date, past it, or
 * past it by `escalateDays`. The caller decides exactly per follow-up in its own zone.
 */
export async function followupReminderCandidates(
  db: Tx,
  d: { earliest: string; latest: string; nearUntil: string; escalateBy: string },
  limit: number,
) {
  const notSent = (phase: string) =>
    sql<boolean>`NOT EXISTS (SELECT 1 FROM followup_notice n WHERE n.followup_id = followup.id
      AND n.due_on = followup.due_on AND n.phase = ${phase})`;
  return db
    .selectFrom('followup')
    .select(['id', 'jurisdiction', 'due_on', 'status'])
    .where('status', 'in', ['belum', 'berjalan'])
    .where(
      sql<boolean>`((followup.due_on >= ${d.earliest} AND followup.due_on <= ${d.nearUntil} AND ${notSent('dekat')})
        OR (followup.due_on < ${d.latest} AND ${notSent('terlambat')})
        OR (followup.due_on <= ${d.escalateBy} AND ${notSent('eskalasi')}))`,
    )
    .orderBy('due_on')
    .orderBy('id')
    .limit(limit)
    .execute();
}

/**
 * Claims one reminder of a follow-up that is still open with this due date; false when it was
 * already claimed (the second INSERT of a concurrent pair waits for the first and finds the key
 * taken) or the follow-up moved on.
 */
export async function claimFollowupNotice(
  db: Tx,
  n: { followupId: string; phase: string; dueOn: string },
  now: Date,
): Promise<boolean> {
  const still = await db
    .selectFrom('followup')
    .select('id')
    .where('id', '=', n.followupId)
    .where('due_on', '=', n.dueOn)
    .where('status', 'in', ['belum', 'berjalan'])
    .executeTakeFirst();
  if (!still) return false;
  const r = await db
    .insertInto('followup_notice')
    .values({ followup_id: n.followupId, phase: n.phase, due_on: n.dueOn, notified_at: now })
    .onConflict((oc) => oc.doNothing())
    .returning('followup_id')
    .executeTakeFirst();
  return r !== undefined;
}

export function followupNoticeTarget(db: Tx, id: string) {
  return db
    .selectFrom('followup')
    .innerJoin('meeting', 'meeting.id', 'followup.meeting_id')
    .select([
      'followup.id',
      'followup.jurisdiction',
      'followup.owner_org_id',
      'followup.owner_user_id',
      'meeting.organiser_org_id',
    ])
    .where('followup.id', '=', id)
    .executeTakeFirst();
}

/** The demo's case conference: the earliest case of a jurisdiction (none: undefined). */
export function firstCaseOf(db: Tx, jurisdiction: string) {
  return db
    .selectFrom('case_file')
    .select(['id'])
    .where('jurisdiction', '=', jurisdiction)
    .orderBy('received_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
}

/** The demo's reminders that went out in the past (claimed as sent). */
export async function insertFollowupNotices(
  db: Tx,
  rows: ReadonlyArray<{ followupId: string; phase: string; dueOn: string; at: Date }>,
) {
  if (rows.length === 0) return;
  await db
    .insertInto('followup_notice')
    .values(
      rows.map((r) => ({ followup_id: r.followupId, phase: r.phase, due_on: r.dueOn, notified_at: r.at })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
}
