/**
 * The directory of organisations and services, cooperation agreements, requests to join and
 * partner performance (issue 4 §1, §5). Organisations hold no personal data.
 */
import type { Insertable, Updateable } from 'kysely';
import { sql } from 'kysely';
import { kabKotaOf, LOCATION_SECRET_ORG_TYPES } from '../domain/taxonomies.ts';
import { likeEscape } from './admin.repository.ts';
import { cappedCount, pageOfRows } from './capped-count.ts';
import type { Tx } from './connect.ts';
import { agreementInForce, onSimpul } from './org-facts.ts';
import type { AgreementTable, JoinRequestTable } from './schema.ts';
import { versionedUpdate } from './versioned.ts';

const within = (col: string, root: string) =>
  root === ''
    ? sql<boolean>`true`
    : sql<boolean>`(${sql.ref(col)} = ${root} OR ${sql.ref(col)} LIKE ${`${root}.%`})`;

export type DirectoryFilters = {
  service?: string | undefined;
  region?: string | undefined;
  type?: string | undefined;
  q?: string | undefined;
  /** only this organisation */
  id?: string | undefined;
};

/**
 * Directory entries with the reader's view of them: whether the organisation has active users,
 * and the agreement with the reader's Dinas (its kab/kota or its province) that covers `today`.
 */
function directoryQuery(db: Tx, f: DirectoryFilters, readerJurisdictions: string[], today: string) {
  let q = db
    .selectFrom('organisation as o')
    .leftJoin('region as r', 'r.code', 'o.region_code')
    .leftJoin('region as jr', 'jr.code', 'o.jurisdiction')
    .where('o.active', '=', true);
  if (f.id) q = q.where('o.id', '=', f.id);
  if (f.type) q = q.where('o.type', '=', f.type);
  if (f.service) q = q.where(sql<boolean>`${f.service} = ANY(o.services)`);
  if (f.q) q = q.where('o.name', 'ilike', `%${likeEscape(f.q)}%`);
  if (f.region) {
    const reg = f.region;
    // the organisation sits in the region, or one of its areas covers the region (an area code
    // covers every code beneath it) or lies within it
    // a safe house outside the reader's own kab/kota is matched by its kab/kota only, so probing
    // the filter with kecamatan or desa codes cannot narrow where it is
    const own = readerJurisdictions[0] ?? '';
    const kab = kabKotaOf(reg);
    q = q.where(
      sql<boolean>`CASE WHEN o.type IN (${sql.join([...LOCATION_SECRET_ORG_TYPES])}) AND o.jurisdiction <> ${own}
        THEN (o.jurisdiction = ${kab} OR o.jurisdiction LIKE ${`${reg}.%`})
        ELSE (o.region_code = ${reg} OR o.region_code LIKE ${`${reg}.%`} OR EXISTS (
          SELECT 1 FROM unnest(o.areas) AS a(code)
          WHERE a.code = ${reg} OR ${reg} LIKE a.code || '.%' OR a.code LIKE ${`${reg}.%`})) END`,
    );
  }
  return q
    .selectAll('o')
    .select(['r.name as region_name', 'jr.name as jurisdiction_name'])
    .select((eb) => [
      onSimpul('o.id').as('on_simpul'),
      eb
        .selectFrom('agreement as a')
        .select('a.number')
        .whereRef('a.org_id', '=', 'o.id')
        .where(agreementInForce('a', readerJurisdictions, today))
        .orderBy('a.ends_on', 'desc')
        .limit(1)
        .as('agreement_number'),
      eb
        .selectFrom('agreement as a')
        .select('a.ends_on')
        .whereRef('a.org_id', '=', 'o.id')
        .where(agreementInForce('a', readerJurisdictions, today))
        .orderBy('a.ends_on', 'desc')
        .limit(1)
        .as('agreement_ends_on'),
    ]);
}

export async function listDirectory(
  db: Tx,
  f: DirectoryFilters,
  readerJurisdictions: string[],
  today: string,
  page: number,
  pageSize: number,
) {
  const base = directoryQuery(db, f, readerJurisdictions, today);
  const rows = await base
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(pageSize + 1)
    .offset((page - 1) * pageSize)
    .execute();
  // never count every match (src/db/capped-count.ts)
  const count = await cappedCount(db, base.clearSelect().select('o.id'));
  return { ...pageOfRows(rows, pageSize), ...count };
}

export function getDirectoryEntry(db: Tx, id: string, readerJurisdictions: string[], today: string) {
  return directoryQuery(db, { id }, readerJurisdictions, today).executeTakeFirst();
}

export type DirectoryRow = NonNullable<Awaited<ReturnType<typeof getDirectoryEntry>>>;

export async function markOrganisationVerified(db: Tx, id: string, now: Date) {
  await db
    .updateTable('organisation')
    .set({ verified_at: now, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** Existing region codes among `codes`. */
export async function existingRegions(db: Tx, codes: readonly string[]): Promise<Set<string>> {
  const uniq = [...new Set(codes)];
  if (uniq.length === 0) return new Set();
  const rows = await db.selectFrom('region').select('code').where('code', 'in', uniq).execute();
  return new Set(rows.map((r) => r.code));
}

/* ---- agreements ---- */

const agreementColumns = [
  'a.id',
  'a.org_id',
  'o.name as org_name',
  'a.jurisdiction',
  'a.kind',
  'a.number',
  'a.parties',
  'a.subject',
  'a.starts_on',
  'a.ends_on',
  'a.document_name',
  'a.version',
  'a.created_at',
  'a.updated_at',
] as const;

export function listAgreements(db: Tx, root: string, orgId?: string) {
  let q = db
    .selectFrom('agreement as a')
    .innerJoin('organisation as o', 'o.id', 'a.org_id')
    .select(agreementColumns)
    .where(within('a.jurisdiction', root));
  if (orgId) q = q.where('a.org_id', '=', orgId);
  return q.orderBy('a.ends_on', 'desc').orderBy('a.number').limit(1000).execute();
}

export function getAgreement(db: Tx, root: string, id: string) {
  return db
    .selectFrom('agreement as a')
    .innerJoin('organisation as o', 'o.id', 'a.org_id')
    .select(agreementColumns)
    .where('a.id', '=', id)
    .where(within('a.jurisdiction', root))
    .executeTakeFirst();
}

export type AgreementRow = NonNullable<Awaited<ReturnType<typeof getAgreement>>>;

export function insertAgreement(db: Tx, row: Insertable<AgreementTable>) {
  return db.insertInto('agreement').values(row).returning('id').executeTakeFirstOrThrow();
}

export function updateAgreementRow(
  db: Tx,
  id: string,
  version: number,
  set: Updateable<AgreementTable>,
  now: Date,
) {
  return versionedUpdate(db, 'agreement', id, version, set, now).returning('id').executeTakeFirst();
}

export function agreementDocument(db: Tx, root: string, id: string) {
  return db
    .selectFrom('agreement as a')
    .select(['a.document', 'a.document_name', 'a.document_mime'])
    .where('a.id', '=', id)
    .where(within('a.jurisdiction', root))
    .executeTakeFirst();
}

/* ---- requests to join ---- */

export function insertJoinRequest(db: Tx, row: Insertable<JoinRequestTable>) {
  return db.insertInto('join_request').values(row).returning('id').executeTakeFirstOrThrow();
}

const joinColumns = [
  'j.id',
  'j.jurisdiction',
  'j.org_name',
  'j.org_type',
  'j.region_code',
  'rg.name as region_name',
  'j.services',
  'j.address',
  'j.phone',
  'j.email',
  'j.contact_name_enc',
  'j.contact_position',
  'j.message_enc',
  'j.status',
  'j.decided_by',
  'du.name as decided_by_name',
  'j.decided_at',
  'j.decision_note_enc',
  'j.org_id',
  'j.version',
  'j.created_at',
] as const;

function joinQuery(db: Tx, root: string) {
  return db
    .selectFrom('join_request as j')
    .leftJoin('region as rg', 'rg.code', 'j.region_code')
    .leftJoin('app_user as du', 'du.id', 'j.decided_by')
    .select(joinColumns)
    .where(within('j.jurisdiction', root));
}

export function listJoinRequests(db: Tx, root: string, status?: string) {
  let q = joinQuery(db, root);
  if (status) q = q.where('j.status', '=', status);
  return q.orderBy('j.created_at', 'desc').limit(500).execute();
}

export function getJoinRequest(db: Tx, root: string, id: string) {
  return joinQuery(db, root).where('j.id', '=', id).executeTakeFirst();
}

export type JoinRequestRow = NonNullable<Awaited<ReturnType<typeof getJoinRequest>>>;

/** Records the decision only while the request is still new and unchanged. */
export function decideJoinRequest(
  db: Tx,
  id: string,
  version: number,
  set: { status: string; decided_by: string; decision_note_enc: string | null; org_id: string | null },
  now: Date,
) {
  return db
    .updateTable('join_request')
    .set({ ...set, decided_at: now, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'baru')
    .returning('id')
    .executeTakeFirst();
}

/* ---- partner performance ---- */

export type PerformanceScope = { jurisdiction: string } | { orgId: string };

/**
 * Per recipient organisation and service: counts, medians (hours to accept, days to complete)
 * and overdue counts for referrals sent in [fromUtc, toUtc).
 */
export async function partnerPerformance(
  db: Tx,
  scope: PerformanceScope,
  fromUtc: Date,
  toUtc: Date,
  now: Date,
) {
  const where =
    'orgId' in scope ? sql`r.to_org_id = ${scope.orgId}` : within('r.from_jurisdiction', scope.jurisdiction);
  const r = await sql<{
    org_id: string;
    org_name: string;
    service: string;
    received: string;
    accepted: string;
    declined: string;
    completed: string;
    cancelled: string;
    median_accept_hours: number | string | null;
    median_complete_days: number | string | null;
    overdue_accept: string;
    overdue_complete: string;
    overdue: string;
  }>`
    SELECT r.to_org_id AS org_id, o.name AS org_name, s.service,
      count(*) AS received,
      count(*) FILTER (WHERE r.accepted_at IS NOT NULL) AS accepted,
      count(*) FILTER (WHERE r.status = 'ditolak') AS declined,
      count(*) FILTER (WHERE r.status = 'selesai') AS completed,
      count(*) FILTER (WHERE r.status = 'dibatalkan') AS cancelled,
      percentile_cont(0.5) WITHIN GROUP (
        ORDER BY extract(epoch FROM (r.accepted_at - r.sent_at)) / 3600.0) AS median_accept_hours,
      percentile_cont(0.5) WITHIN GROUP (
        ORDER BY extract(epoch FROM (r.completed_at - r.accepted_at)) / 86400.0) AS median_complete_days,
      count(*) FILTER (WHERE ${acceptOverdue(now)}) AS overdue_accept,
      count(*) FILTER (WHERE ${completeOverdue(now)}) AS overdue_complete,
      count(*) FILTER (WHERE ${acceptOverdue(now)} OR ${completeOverdue(now)}) AS overdue
    FROM referral r
      CROSS JOIN LATERAL unnest(r.services) AS s(service)
      JOIN organisation o ON o.id = r.to_org_id
    WHERE ${where} AND r.sent_at >= ${fromUtc} AND r.sent_at < ${toUtc}
    GROUP BY r.to_org_id, o.name, s.service
    ORDER BY o.name, r.to_org_id, s.service`.execute(db);
  return r.rows;
}

const acceptOverdue = (now: Date) =>
  sql`((r.status = 'terkirim' AND r.accept_due_at < ${now}) OR r.accepted_at > r.accept_due_at)`;
const completeOverdue = (now: Date) =>
  sql`((r.status IN ('diterima', 'dalam_layanan') AND r.complete_due_at < ${now}) OR r.completed_at > r.complete_due_at)`;

/** Locks a join request for a decision; returns its state. */
export function lockJoinRequest(db: Tx, id: string) {
  return db
    .selectFrom('join_request')
    .select(['status', 'version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}
