/**
 * The directory of organisations and services, cooperation agreements, requests to join and
 * partner performance (issue 4 §1, §5). Organisations hold no personal data.
 */
import type { Insertable, Updateable } from 'kysely';
import { sql } from 'kysely';
import type { AgreementScope } from '../domain/policy.ts';
import { kabKotaOf, LOCATION_SECRET_ORG_TYPES } from '../domain/taxonomies.ts';
import { likeEscape } from './admin.repository.ts';
import { cappedCount, pageOfRows } from './capped-count.ts';
import type { Tx } from './connect.ts';
import { agreementInForce, onSimpul, partnerParty } from './org-facts.ts';
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
        .innerJoin('agreement_party as p', 'p.agreement_id', 'a.id')
        .select('a.number')
        .whereRef('p.org_id', '=', 'o.id')
        .where(agreementInForce('a', readerJurisdictions, today))
        .where(partnerParty('p', 'a'))
        .orderBy('a.ends_on', 'desc')
        .limit(1)
        .as('agreement_number'),
      eb
        .selectFrom('agreement as a')
        .innerJoin('agreement_party as p', 'p.agreement_id', 'a.id')
        .select('a.ends_on')
        .whereRef('p.org_id', '=', 'o.id')
        .where(agreementInForce('a', readerJurisdictions, today))
        .where(partnerParty('p', 'a'))
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
  'a.meeting_id',
  'm.title as meeting_title',
  'm.starts_at as meeting_starts_at',
  'a.version',
  'a.created_at',
  'a.updated_at',
] as const;

/** An AgreementScope (src/domain/policy.ts) as a condition on `agreement as a`. */
function agreementVisible(scope: AgreementScope) {
  if (scope.kind === 'region') return within('a.jurisdiction', scope.within);
  if (scope.kind === 'party')
    return sql<boolean>`exists (select 1 from agreement_party p where p.agreement_id = a.id and p.org_id = ${scope.orgId})`;
  return sql<boolean>`false`;
}

/** Agreements the scope reaches; `orgId`: only those the organisation is a party to. */
export function listAgreements(db: Tx, scope: AgreementScope, orgId?: string) {
  let q = db
    .selectFrom('agreement as a')
    .innerJoin('organisation as o', 'o.id', 'a.org_id')
    .leftJoin('meeting as m', 'm.id', 'a.meeting_id')
    .select(agreementColumns)
    .where(agreementVisible(scope));
  if (orgId)
    q = q.where(
      sql<boolean>`exists (select 1 from agreement_party p where p.agreement_id = a.id and p.org_id = ${orgId})`,
    );
  return q.orderBy('a.ends_on', 'desc').orderBy('a.number').limit(1000).execute();
}

export function getAgreement(db: Tx, scope: AgreementScope, id: string) {
  return db
    .selectFrom('agreement as a')
    .innerJoin('organisation as o', 'o.id', 'a.org_id')
    .leftJoin('meeting as m', 'm.id', 'a.meeting_id')
    .select(agreementColumns)
    .where('a.id', '=', id)
    .where(agreementVisible(scope))
    .executeTakeFirst();
}

export type AgreementRow = NonNullable<Awaited<ReturnType<typeof getAgreement>>>;

/**
 * Records an agreement with its parties. Without `parties`: as before issue 12, the Dinas of its
 * jurisdiction (its oldest dinas_pppa organisation, when there is one) is `pihak_pertama` and the
 * partner `org_id` `pihak_kedua` — the same rule migration 0028 applied to existing rows.
 */
export async function insertAgreement(
  db: Tx,
  row: Insertable<AgreementTable>,
  parties?: ReadonlyArray<{ orgId: string; role: string }>,
) {
  const r = await db.insertInto('agreement').values(row).returning('id').executeTakeFirstOrThrow();
  let list = parties;
  if (!list) {
    const dinas = await dinasOrgOf(db, row.jurisdiction);
    list = [
      ...(dinas && dinas !== row.org_id ? [{ orgId: dinas, role: 'pihak_pertama' }] : []),
      { orgId: row.org_id, role: 'pihak_kedua' },
    ];
  }
  await db
    .insertInto('agreement_party')
    .values(
      list.map((p) => ({ agreement_id: row.id, org_id: p.orgId, role: p.role, created_at: row.created_at })),
    )
    .execute();
  return r;
}

/** A meeting of the jurisdiction (the one that decided an agreement), if there is one. */
export function meetingOfJurisdiction(db: Tx, id: string, jurisdiction: string) {
  return db
    .selectFrom('meeting')
    .select(['id', 'title'])
    .where('id', '=', id)
    .where('jurisdiction', '=', jurisdiction)
    .executeTakeFirst();
}

/** The organisation of the Dinas PPPA of a jurisdiction (the oldest when there are several). */
export async function dinasOrgOf(db: Tx, jurisdiction: string): Promise<string | undefined> {
  const r = await db
    .selectFrom('organisation')
    .select('id')
    .where('type', '=', 'dinas_pppa')
    .where('jurisdiction', '=', jurisdiction)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return r?.id;
}

/** The parties of some agreements, with their organisation, pihak pertama first. */
export function agreementParties(db: Tx, agreementIds: readonly string[]) {
  if (agreementIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('agreement_party as p')
    .innerJoin('organisation as o', 'o.id', 'p.org_id')
    .select(['p.agreement_id', 'p.org_id', 'p.role', 'o.name as org_name', 'o.type as org_type'])
    .where('p.agreement_id', 'in', [...new Set(agreementIds)])
    .orderBy(
      sql`array_position(array['pihak_pertama','pihak_kedua','pihak_ketiga','pihak_keempat','pihak_kelima','pihak_keenam','mengetahui']::text[], p.role)`,
    )
    .orderBy('o.name')
    .execute();
}

/** Replaces the parties of an agreement (the caller has claimed its version in the same transaction). */
export async function replaceAgreementParties(
  db: Tx,
  agreementId: string,
  parties: ReadonlyArray<{ orgId: string; role: string }>,
  now: Date,
) {
  await db.deleteFrom('agreement_party').where('agreement_id', '=', agreementId).execute();
  await db
    .insertInto('agreement_party')
    .values(
      parties.map((p) => ({ agreement_id: agreementId, org_id: p.orgId, role: p.role, created_at: now })),
    )
    .execute();
}

/** Organisations by id with what deciding whether they may be a party needs. */
export function organisationsById(db: Tx, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'type', 'jurisdiction', 'active'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
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

export function agreementDocument(db: Tx, scope: AgreementScope, id: string) {
  return db
    .selectFrom('agreement as a')
    .select(['a.document', 'a.document_name', 'a.document_mime'])
    .where('a.id', '=', id)
    .where(agreementVisible(scope))
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
