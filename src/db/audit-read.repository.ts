/**
 * Reading the audit log: the auditor's filtered list and export, and a case's access log grouped
 * by person and local day. Read-only: writing and chaining stay in audit.repository.ts.
 */
import { type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import { likeEscape } from './admin.repository.ts';
import { type CappedCount, cappedCount, pageOfRows } from './capped-count.ts';
import type { Tx } from './connect.ts';
import type { Database } from './schema.ts';

type From = Database & {
  a: Database['audit_event'];
  u: Database['app_user'];
  ao: Database['organisation'];
};
type EB = ExpressionBuilder<From, 'a' | 'u' | 'ao'>;

const within = (col: string, root: string) =>
  root === ''
    ? sql<boolean>`true`
    : sql<boolean>`(${sql.ref(col)} = ${root} OR ${sql.ref(col)} LIKE ${`${root}.%`})`;

/**
 * What an auditor of `root` sees (docs/security.md, unchanged): what staff of its jurisdiction
 * did, what anyone did to its cases and users, and unattributed security events.
 */
function auditorScope(eb: EB, root: string) {
  return eb.or([
    within('ao.jurisdiction', root),
    eb.and([eb('a.actor_id', 'is', null), eb('a.entity_id', 'is', null)]),
    eb.and([
      eb('a.entity', '=', 'case'),
      eb.exists(
        eb
          .selectFrom('case_file as c')
          .select('c.id')
          .whereRef(sql`c.id::text`, '=', 'a.entity_id')
          .where(within('c.jurisdiction', root)),
      ),
    ]),
    eb.and([
      eb('a.entity', '=', 'user'),
      eb.exists(
        eb
          .selectFrom('app_user as tu')
          .innerJoin('organisation as to', 'to.id', 'tu.org_id')
          .select('tu.id')
          .whereRef(sql`tu.id::text`, '=', 'a.entity_id')
          .where(within('to.jurisdiction', root)),
      ),
    ]),
  ]);
}

export type AuditFilters = {
  actorId?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  /** action code prefix */
  action?: string | undefined;
  /** any of these actions (a category) */
  actions?: string[] | undefined;
  /** part of the acting user's name */
  name?: string | undefined;
  /** the actor's role when it acted */
  role?: string | undefined;
  /** the acting user's organisation */
  orgId?: string | undefined;
  outcome?: string | undefined;
  fromUtc?: Date | undefined;
  /** exclusive */
  toUtc?: Date | undefined;
  /** events recorded up to this one only (an export's snapshot) */
  upToId?: string | undefined;
};

function filtered(db: Tx, root: string, f: AuditFilters) {
  let q = db
    .selectFrom('audit_event as a')
    .leftJoin('app_user as u', 'u.id', 'a.actor_id')
    .leftJoin('organisation as ao', 'ao.id', 'u.org_id')
    .where((eb) => auditorScope(eb as unknown as EB, root));
  if (f.actorId) q = q.where('a.actor_id', '=', f.actorId);
  if (f.entity) q = q.where('a.entity', '=', f.entity);
  if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
  if (f.action) q = q.where('a.action', 'like', `${likeEscape(f.action)}%`);
  if (f.actions)
    q = f.actions.length > 0 ? q.where('a.action', 'in', f.actions) : q.where(sql<boolean>`false`);
  if (f.name) q = q.where('u.name', 'ilike', `%${likeEscape(f.name)}%`);
  if (f.role) q = q.where('a.actor_role', '=', f.role);
  if (f.orgId) q = q.where('u.org_id', '=', f.orgId);
  if (f.outcome) q = q.where('a.outcome', '=', f.outcome);
  if (f.fromUtc) q = q.where('a.at', '>=', f.fromUtc);
  if (f.toUtc) q = q.where('a.at', '<', f.toUtc);
  if (f.upToId) q = q.where(sql<boolean>`a.id <= ${f.upToId}::bigint`);
  return q;
}

const COLUMNS = [
  'a.id',
  'a.at',
  'a.actor_id',
  'u.name as actor_name',
  'a.actor_role',
  'a.action',
  'a.entity',
  'a.entity_id',
  'a.ip',
  'a.user_agent',
  'a.request_id',
  'a.outcome',
  'a.detail',
  'ao.id as actor_org_id',
  'ao.name as actor_org_name',
  'ao.type as actor_org_type',
] as const;

/** One page, newest first; one row more than asked tells whether there is a next page. */
export function listAudit(db: Tx, root: string, f: AuditFilters, page: number, pageSize: number) {
  return filtered(db, root, f)
    .select(COLUMNS)
    .orderBy('a.id', 'desc')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
}
export type AuditRow = Awaited<ReturnType<typeof listAudit>>[number];

/** A batch of the export, newest first, below `beforeId` (keyset: no offset scan). */
export function exportAuditBatch(
  db: Tx,
  root: string,
  f: AuditFilters,
  beforeId: string | null,
  limit: number,
): Promise<AuditRow[]> {
  let q = filtered(db, root, f);
  if (beforeId !== null) q = q.where(sql<boolean>`a.id < ${beforeId}::bigint`);
  return q.select(COLUMNS).orderBy('a.id', 'desc').limit(limit).execute();
}

/** The newest event's id ('0' for an empty log). */
export async function auditHeadId(db: Tx): Promise<string> {
  const r = await db
    .selectFrom('audit_event')
    .select(sql<string>`coalesce(max(id), 0)::text`.as('id'))
    .executeTakeFirstOrThrow();
  return r.id;
}

/** How many events match, counting no further than `cap`. */
export async function countAuditCapped(db: Tx, root: string, f: AuditFilters, cap: number): Promise<number> {
  const r = await db
    .selectFrom(filtered(db, root, f).select('a.id').limit(cap).as('x'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Organisations whose staff an auditor of `root` oversees (the organisation filter). */
export function auditOrganisations(db: Tx, root: string) {
  return db
    .selectFrom('organisation as o')
    .select(['o.id', 'o.name', 'o.type'])
    .where(within('o.jurisdiction', root))
    .orderBy('o.name')
    .limit(1000)
    .execute();
}

/* ---- a case's access log ---- */

/** Events about one case: on the case, on its parts (`detail.caseId`), on its referrals and on the reports it came from. */
function aboutCase(caseId: string) {
  return (eb: ExpressionBuilder<Database & { a: Database['audit_event'] }, 'a'>) =>
    eb.or([
      eb.and([eb('a.entity', '=', 'case'), eb('a.entity_id', '=', caseId)]),
      sql<SqlBool>`a.detail->>'caseId' = ${caseId}`,
      eb.and([
        eb('a.entity', '=', 'referral'),
        eb(
          'a.entity_id',
          'in',
          eb
            .selectFrom('referral as r')
            .select(sql<string>`r.id::text`.as('id'))
            .where('r.case_id', '=', caseId),
        ),
      ]),
      // the report(s) the case came from: whoever opened the story and the reporter's number there
      // saw this person's data too
      eb.and([
        eb('a.entity', '=', 'intake'),
        eb(
          'a.entity_id',
          'in',
          eb
            .selectFrom('intake as i')
            .select(sql<string>`i.id::text`.as('id'))
            .where('i.case_id', '=', caseId),
        ),
      ]),
    ]);
}

/**
 * The local calendar day of `a.at` at `offsetHours` from UTC (from src/domain/time.ts). The offset
 * is written as a literal so the same expression can be grouped by (a parameter would not match).
 */
const localDay = (offsetHours: number) =>
  sql<string>`to_char((a.at AT TIME ZONE 'UTC') + make_interval(hours => ${sql.lit(Math.trunc(offsetHours))}), 'YYYY-MM-DD')`;

export type AccessGroupRow = {
  actor_id: string | null;
  actor_role: string | null;
  day: string;
  n: string | number;
  first_at: Date;
  last_at: Date;
};

/** Person-days of a case's log, latest first, with their count; and how many there are. */
export async function caseAccessGroups(
  db: Tx,
  caseId: string,
  offsetHours: number,
  actorId: string | undefined,
  page: number,
  pageSize: number,
): Promise<{ rows: AccessGroupRow[]; hasMore: boolean } & CappedCount> {
  const day = localDay(offsetHours);
  let base = db.selectFrom('audit_event as a').where(aboutCase(caseId));
  if (actorId) base = base.where('a.actor_id', '=', actorId);
  const grouped = base
    .select([
      'a.actor_id',
      day.as('day'),
      (eb) => eb.fn.max('a.actor_role').as('actor_role'),
      (eb) => eb.fn.countAll<string>().as('n'),
      (eb) => eb.fn.min('a.at').as('first_at'),
      (eb) => eb.fn.max('a.at').as('last_at'),
    ])
    .groupBy(['a.actor_id', day]);
  const rows = (await db
    .selectFrom(grouped.as('g'))
    .selectAll()
    .orderBy('g.last_at', 'desc')
    .orderBy('g.actor_id')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute()) as AccessGroupRow[];
  // never count every person-day (src/db/capped-count.ts)
  const count = await cappedCount(db, db.selectFrom(grouped.as('g')).select('g.actor_id'));
  return { ...pageOfRows(rows, pageSize), ...count };
}

export type AccessItemRow = {
  actor_id: string | null;
  day: string;
  action: string;
  entity: string | null;
  entity_id: string | null;
  outcome: string;
  side: string | null;
  sections: unknown;
  user_agent: string | null;
  n: string | number;
  first_at: Date;
  last_at: Date;
};

/**
 * What each person did on each day between `from` and `to` (inclusive instants), counted per
 * action, record and outcome. Bounded: a page of groups never loads more than `limit` lines.
 */
export function caseAccessItems(
  db: Tx,
  caseId: string,
  offsetHours: number,
  actorIds: string[],
  withUnattributed: boolean,
  from: Date,
  to: Date,
  limit: number,
): Promise<AccessItemRow[]> {
  const day = localDay(offsetHours);
  const side = sql<string | null>`a.detail->>'side'`;
  const sections = sql<unknown>`a.detail->'sections'`;
  return db
    .selectFrom('audit_event as a')
    .where(aboutCase(caseId))
    .where('a.at', '>=', from)
    .where('a.at', '<=', to)
    .where((eb) =>
      eb.or([
        ...(actorIds.length > 0 ? [eb('a.actor_id', 'in', actorIds)] : []),
        ...(withUnattributed ? [eb('a.actor_id', 'is', null)] : []),
        sql<SqlBool>`false`,
      ]),
    )
    .select([
      'a.actor_id',
      day.as('day'),
      'a.action',
      'a.entity',
      'a.entity_id',
      'a.outcome',
      side.as('side'),
      sections.as('sections'),
      (eb) => eb.fn.max('a.user_agent').as('user_agent'),
      (eb) => eb.fn.countAll<string>().as('n'),
      (eb) => eb.fn.min('a.at').as('first_at'),
      (eb) => eb.fn.max('a.at').as('last_at'),
    ])
    .groupBy(['a.actor_id', day, 'a.action', 'a.entity', 'a.entity_id', 'a.outcome', side, sections])
    .orderBy(sql`max(a.at)`, 'desc')
    .orderBy('a.action')
    .orderBy('a.entity_id')
    .limit(limit)
    .execute() as Promise<AccessItemRow[]>;
}

/** Everyone who appears in a case's log (the person filter), with organisation. */
export function caseAccessPeople(db: Tx, caseId: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.org_id')
    .select([
      'u.id',
      'u.name',
      'u.role',
      'o.id as org_id',
      'o.name as org_name',
      'o.type as org_type',
      'o.jurisdiction as org_jurisdiction',
    ])
    .where(
      'u.id',
      'in',
      (eb) =>
        eb
          .selectFrom('audit_event as a')
          .select('a.actor_id')
          .where(aboutCase(caseId))
          .where('a.actor_id', 'is not', null)
          .distinct() as never,
    )
    .orderBy('u.name')
    .limit(500)
    .execute();
}

/* ---- what records are, for the words ---- */

export type RefIds = {
  cases: string[];
  persons: string[];
  incidents: string[];
  records: string[];
  attachments: string[];
  referrals: string[];
  transfers: string[];
  users: string[];
  orgs: string[];
  agreements: string[];
  joinRequests: string[];
  regions: string[];
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuids = (xs: string[]) => [...new Set(xs.filter((x) => UUID.test(x)))];

/**
 * Loads what the words need about the records named in audit rows; ids that are not UUIDs are
 * skipped. With `root` (an auditor's jurisdiction), only records of that region subtree are
 * described: an attempt on another kab/kota's case stays "kasus", without its number.
 */
export async function loadRefs(db: Tx, ids: RefIds, root: string | null) {
  const run = <T>(xs: string[], q: (xs: string[]) => Promise<T[]>): Promise<T[]> =>
    xs.length === 0 ? Promise.resolve([]) : q(xs);
  const inRoot = (col: string) => (root === null ? sql<boolean>`true` : within(col, root));
  const caseOk = (col: string) =>
    root === null
      ? sql<boolean>`true`
      : sql<boolean>`EXISTS (SELECT 1 FROM case_file cf WHERE cf.id = ${sql.ref(col)} AND ${within('cf.jurisdiction', root)})`;
  // persons and incidents: every one of the cases involved, so "korban 2" counts the same way everywhere
  const casesOf = async (table: 'person' | 'incident', xs: string[]) => [
    ...new Set(
      (await db.selectFrom(table).select('case_id').where('id', 'in', xs).execute()).map((r) => r.case_id),
    ),
  ];
  const persons = await run(uuids(ids.persons), async (xs) =>
    db
      .selectFrom('person as p')
      .select(['p.id', 'p.case_id', 'p.role', 'p.name_enc', 'p.created_at'])
      .where('p.case_id', 'in', await casesOf('person', xs))
      .where(caseOk('p.case_id'))
      .orderBy('p.case_id')
      .orderBy('p.created_at')
      .orderBy('p.id')
      .execute(),
  );
  const incidents = await run(uuids(ids.incidents), async (xs) =>
    db
      .selectFrom('incident as i')
      .select(['i.id', 'i.case_id', 'i.created_at'])
      .where('i.case_id', 'in', await casesOf('incident', xs))
      .where(caseOk('i.case_id'))
      .orderBy('i.case_id')
      .orderBy('i.created_at')
      .orderBy('i.id')
      .execute(),
  );
  const records = await run(uuids(ids.records), (xs) =>
    db
      .selectFrom('case_record as r')
      .select(['r.id', 'r.case_id', 'r.kind'])
      .where('r.id', 'in', xs)
      .where(caseOk('r.case_id'))
      .execute(),
  );
  const attachments = await run(uuids(ids.attachments), (xs) =>
    db
      .selectFrom('attachment as t')
      .select(['t.id', 't.case_id'])
      .where('t.id', 'in', xs)
      .where(caseOk('t.case_id'))
      .execute(),
  );
  const referrals = await run(uuids(ids.referrals), (xs) =>
    db
      .selectFrom('referral as r')
      .innerJoin('organisation as o', 'o.id', 'r.to_org_id')
      .select(['r.id', 'r.case_id', 'r.number', 'o.name as to_org_name'])
      .where('r.id', 'in', xs)
      .where((eb) => eb.or([caseOk('r.case_id'), inRoot('r.from_jurisdiction'), inRoot('o.jurisdiction')]))
      .execute(),
  );
  const transfers = await run(uuids(ids.transfers), (xs) =>
    db
      .selectFrom('case_transfer as t')
      .select(['t.id', 't.case_id', 't.case_number'])
      .where('t.id', 'in', xs)
      .where((eb) => eb.or([inRoot('t.from_jurisdiction'), inRoot('t.to_jurisdiction')]))
      .execute(),
  );
  const cases = await run(
    uuids([
      ...ids.cases,
      ...persons.map((r) => r.case_id),
      ...incidents.map((r) => r.case_id),
      ...records.map((r) => r.case_id),
      ...attachments.map((r) => r.case_id),
    ]),
    (xs) =>
      db
        .selectFrom('case_file as c')
        .select(['c.id', 'c.number'])
        .where('c.id', 'in', xs)
        .where(inRoot('c.jurisdiction'))
        .execute(),
  );
  const users = await run(uuids(ids.users), (xs) =>
    db
      .selectFrom('app_user as u')
      .innerJoin('organisation as o', 'o.id', 'u.org_id')
      .select(['u.id', 'u.name'])
      .where('u.id', 'in', xs)
      .where(inRoot('o.jurisdiction'))
      .execute(),
  );
  const orgs = await run(uuids(ids.orgs), (xs) =>
    db
      .selectFrom('organisation as o')
      .select(['o.id', 'o.name'])
      .where('o.id', 'in', xs)
      .where(inRoot('o.jurisdiction'))
      .execute(),
  );
  const agreements = await run(uuids(ids.agreements), (xs) =>
    db
      .selectFrom('agreement as g')
      .select(['g.id', 'g.number'])
      .where('g.id', 'in', xs)
      .where(inRoot('g.jurisdiction'))
      .execute(),
  );
  const joinRequests = await run(uuids(ids.joinRequests), (xs) =>
    db
      .selectFrom('join_request as j')
      .select(['j.id', 'j.org_name'])
      .where('j.id', 'in', xs)
      .where(inRoot('j.jurisdiction'))
      .execute(),
  );
  const regionCodes = [...new Set(ids.regions.filter((x) => /^[0-9.]{1,13}$/.test(x)))];
  const regions = await run(regionCodes, (xs) =>
    db.selectFrom('region').select(['code', 'name']).where('code', 'in', xs).execute(),
  );
  return {
    cases,
    persons,
    incidents,
    records,
    attachments,
    referrals,
    transfers,
    users,
    orgs,
    agreements,
    joinRequests,
    regions,
  };
}
export type Refs = Awaited<ReturnType<typeof loadRefs>>;
