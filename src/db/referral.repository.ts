/**
 * Referral data access. Reads take the side they are made for: the referring side through the
 * case scope (scopeCondition), the recipient through its organisation id.
 */
import { type Insertable, sql, type Updateable } from 'kysely';
import type { CaseScope } from '../domain/policy.ts';
import type { ReferralStatus, Urgency } from '../domain/referrals.ts';
import { cappedCount } from './capped-count.ts';
import { scopeCondition } from './case.repository.ts';
import type { Tx } from './connect.ts';
import { agreementInForce, onSimpul, partnerParty } from './org-facts.ts';
import type { ReferralTable } from './schema.ts';

const summaryColumns = [
  'r.id',
  'r.number',
  'r.case_id',
  'r.person_id',
  'r.from_org_id',
  'r.from_jurisdiction',
  'r.to_org_id',
  'r.services',
  'r.urgency',
  'r.status',
  'r.external',
  'r.sent_at',
  'r.accept_due_at',
  'r.complete_due_at',
  'r.accepted_at',
  'r.declined_at',
  'r.completed_at',
  'r.cancelled_at',
  'r.consent_withdrawn_at',
  'r.version',
] as const;

function baseQuery(db: Tx) {
  return db
    .selectFrom('referral as r')
    .innerJoin('case_file as c', 'c.id', 'r.case_id')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('organisation as fo', 'fo.id', 'r.from_org_id')
    .innerJoin('organisation as tor', 'tor.id', 'r.to_org_id')
    .select(summaryColumns)
    .select([
      'c.number as case_number',
      'c.jurisdiction as case_jurisdiction',
      'p.sex as person_sex',
      'p.birth_date as person_birth_date',
      'p.estimated_age as person_estimated_age',
      'p.age_group as person_age_group',
      'fo.name as from_org_name',
      'tor.name as to_org_name',
    ])
    .select(onSimpul('r.to_org_id').as('to_on_simpul'));
}
export type ReferralSummaryRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

/** The full row of one referral with the names a page shows; no scope: callers decide the side. */
export function findReferral(db: Tx, id: string) {
  return baseQuery(db)
    .select([
      'r.purpose_enc',
      'r.sections',
      'r.consent_basis',
      'r.consent_by_enc',
      'r.consent_relation',
      'r.consent_at',
      'r.consent_note_enc',
      'r.decline_reason',
      'r.decline_note_enc',
      'r.outcome_enc',
      'r.cancel_reason',
      'r.verification_code',
      'r.created_by',
      'r.rereferral_of',
      'r.plan_item_id',
      'r.officer_id',
      'r.officer_name_enc',
      'r.appointment_at',
      'r.appointment_place_enc',
      'r.police_report_number_enc',
      'r.investigation_status',
      'tor.type as to_org_type',
      'c.manager_id as case_manager_id',
      'c.stage as case_stage',
    ])
    .select((eb) =>
      eb
        .selectFrom('app_user as ou')
        .select('ou.name')
        .whereRef('ou.id', '=', 'r.officer_id')
        .as('officer_user_name'),
    )
    .where('r.id', '=', id)
    .executeTakeFirst();
}
export type ReferralRow = NonNullable<Awaited<ReturnType<typeof findReferral>>>;

/** Locks the referral row for a state change (concurrent accepts wait here, then see the new state). */
export function lockReferral(db: Tx, id: string) {
  return db
    .selectFrom('referral')
    .select(['id', 'status', 'version'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

export function caseReferrals(db: Tx, caseId: string) {
  return baseQuery(db)
    .where('r.case_id', '=', caseId)
    .orderBy('r.sent_at', 'desc')
    .orderBy('r.number', 'desc')
    .execute();
}

const OPEN: ReferralStatus[] = ['terkirim', 'diterima', 'dalam_layanan'];

/**
 * One page of a referral list. The page's ids are chosen on the referral table alone (its index
 * serves the filter and the order), then only those rows are joined with their names.
 */
export async function listReferrals(
  db: Tx,
  where: { toOrgId: string } | { scope: CaseScope },
  status: string | undefined,
  page: number,
  pageSize: number,
  /** runs beside the page's details with the ids shown (none: not called), e.g. the audit row */
  alongside?: (ids: string[]) => Promise<unknown>,
) {
  const filtered = () => {
    let q = db.selectFrom('referral as r');
    if ('toOrgId' in where) q = q.where('r.to_org_id', '=', where.toOrgId);
    else {
      const scope = where.scope;
      q = q.where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_file as c')
            .select('c.id')
            .whereRef('c.id', '=', 'r.case_id')
            .where((ec) => scopeCondition(ec as never, scope)),
        ),
      );
    }
    if (status === 'terbuka') q = q.where('r.status', 'in', OPEN);
    else if (status) q = q.where('r.status', '=', status as ReferralStatus);
    return q;
  };
  const [found, total] = await Promise.all([
    filtered()
      .select('r.id')
      // open first: the expression of index referral_inbox_idx (migration 0016)
      .orderBy(sql`(r.status in ('terkirim', 'diterima', 'dalam_layanan'))`, 'desc')
      .orderBy('r.sent_at', 'desc')
      .orderBy('r.number', 'desc')
      // one more than the page: whether another page follows
      .limit(pageSize + 1)
      .offset((page - 1) * pageSize)
      .execute(),
    // never count every match (src/db/capped-count.ts)
    cappedCount(db, filtered().select('r.id')),
  ]);
  const ids = found.slice(0, pageSize);
  const order = new Map(ids.map((r, i) => [r.id, i]));
  const rows =
    ids.length === 0
      ? []
      : (
          await Promise.all([
            baseQuery(db)
              .where('r.id', 'in', [...order.keys()])
              .execute(),
            alongside?.([...order.keys()]),
          ])
        )[0].sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return { rows, hasMore: found.length > pageSize, ...total };
}

export function insertReferral(db: Tx, row: Insertable<ReferralTable>) {
  return db.insertInto('referral').values(row).execute();
}

/**
 * Applies a change only if the referral is still in one of `from` and (when given) at `version`;
 * the version goes up by one. Returns whether it applied.
 */
export async function updateReferral(
  db: Tx,
  id: string,
  from: readonly ReferralStatus[],
  version: number | null,
  set: Updateable<ReferralTable>,
  now: Date,
): Promise<boolean> {
  let q = db
    .updateTable('referral')
    .set({ ...set, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('status', 'in', from);
  if (version !== null) q = q.where('version', '=', version);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function nextReferralSequence(db: Tx, jurisdiction: string, year: number): Promise<number> {
  const r = await db
    .insertInto('referral_sequence')
    .values({ jurisdiction, year, last: 1 })
    .onConflict((oc) =>
      oc.columns(['jurisdiction', 'year']).doUpdateSet({ last: sql`referral_sequence.last + 1` }),
    )
    .returning('last')
    .executeTakeFirstOrThrow();
  return r.last;
}

export async function addReferralEvent(
  db: Tx,
  e: {
    referralId: string;
    at: Date;
    actorId: string | null;
    actorOrgId: string | null;
    type: string;
    data?: Record<string, unknown>;
    bodyEnc?: string | null;
  },
) {
  await db
    .insertInto('referral_event')
    .values({
      referral_id: e.referralId,
      at: e.at,
      actor_id: e.actorId,
      actor_org_id: e.actorOrgId,
      type: e.type,
      data: JSON.stringify(e.data ?? {}),
      body_enc: e.bodyEnc ?? null,
    })
    .execute();
}

export function referralEvents(db: Tx, referralId: string) {
  return db
    .selectFrom('referral_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .leftJoin('organisation as o', 'o.id', 'e.actor_org_id')
    .select([
      'e.id',
      'e.at',
      'e.type',
      'e.data',
      'e.body_enc',
      'e.actor_org_id',
      'u.name as actor_name',
      'o.name as actor_org_name',
    ])
    .where('e.referral_id', '=', referralId)
    .orderBy('e.id')
    .execute();
}

/** Services delivered under a referral (case records of kind 'service' linked to it). */
export function deliveredServices(db: Tx, referralId: string) {
  return db
    .selectFrom('case_record as r')
    .leftJoin('app_user as u', 'u.id', 'r.created_by')
    .leftJoin('organisation as o', 'o.id', 'u.org_id')
    .select([
      'r.id',
      'r.data',
      'r.secret_enc',
      'u.name as created_by_name',
      'o.id as org_id',
      'o.name as org_name',
    ])
    .where('r.referral_id', '=', referralId)
    .where('r.kind', '=', 'service')
    .orderBy('r.created_at')
    .orderBy('r.id')
    .execute();
}

/** How many services were recorded under a referral (completion needs at least one). */
export async function countDeliveredServices(db: Tx, referralId: string): Promise<number> {
  const r = await db
    .selectFrom('case_record')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('referral_id', '=', referralId)
    .where('kind', '=', 'service')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** An active user of the organisation (the officer named on acceptance), if there is one. */
export function findActiveOrgUser(db: Tx, userId: string, orgId: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'name'])
    .where('id', '=', userId)
    .where('org_id', '=', orgId)
    .where('disabled', '=', false)
    .executeTakeFirst();
}

/** The active staff of an organisation, by name: the officers a recipient can name. */
export function activeStaffOf(db: Tx, orgId: string) {
  return db
    .selectFrom('app_user')
    .select(['id', 'name', 'role'])
    .where('org_id', '=', orgId)
    .where('disabled', '=', false)
    .orderBy('name')
    .orderBy('id')
    .limit(500)
    .execute();
}

/** Number, state and recipient of one referral: the link between a referral and its re-referral. */
function linkQuery(db: Tx) {
  return db
    .selectFrom('referral as r')
    .innerJoin('organisation as o', 'o.id', 'r.to_org_id')
    .select(['r.id', 'r.number', 'r.status', 'r.case_id', 'r.rereferral_of', 'o.name as to_org_name']);
}
export function referralLink(db: Tx, id: string) {
  return linkQuery(db).where('r.id', '=', id).executeTakeFirst();
}
/** The referral that sent `id` again, if any. */
export function rereferralOf(db: Tx, id: string) {
  return linkQuery(db).where('r.rereferral_of', '=', id).executeTakeFirst();
}

/**
 * The referral a re-referral starts from, locked: two officers sending the same declined referral
 * again at once queue here, and the second finds the first's re-referral.
 */
export function lockForRereferral(db: Tx, id: string) {
  return db
    .selectFrom('referral')
    .select(['id', 'case_id', 'person_id', 'status', 'consent_withdrawn_at'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** The referrals carrying out the plan items of a case: number, state, recipient. */
export function planItemReferrals(db: Tx, caseId: string) {
  return db
    .selectFrom('referral as r')
    .innerJoin('organisation as o', 'o.id', 'r.to_org_id')
    .select(['r.id', 'r.number', 'r.status', 'r.plan_item_id', 'o.name as to_org_name'])
    .where('r.case_id', '=', caseId)
    .where('r.plan_item_id', 'is not', null)
    .orderBy('r.sent_at')
    .orderBy('r.number')
    .execute();
}

/** The case data behind the shared sections, read only for the sections asked. */
export async function sectionSources(
  db: Tx,
  caseId: string,
  personId: string,
  want: { person: boolean; incidents: boolean; assessments: boolean; services: boolean },
) {
  const [person, incidents, records] = await Promise.all([
    want.person
      ? db.selectFrom('person').selectAll().where('id', '=', personId).executeTakeFirst()
      : undefined,
    want.incidents
      ? db
          .selectFrom('incident')
          .selectAll()
          .where('case_id', '=', caseId)
          .orderBy('occurred_on')
          .orderBy('id')
          .execute()
      : [],
    want.assessments || want.services
      ? db
          .selectFrom('case_record')
          .select(['id', 'kind', 'data', 'secret_enc', 'referral_id'])
          .where('case_id', '=', caseId)
          .where('kind', 'in', [
            ...(want.assessments ? (['assessment'] as const) : []),
            ...(want.services ? (['service'] as const) : []),
          ])
          .orderBy('created_at')
          .orderBy('id')
          .execute()
      : [],
  ]);
  return { person, incidents, records };
}

/** Region overrides of the referral time standards. */
export function slaOverrides(db: Tx, jurisdiction: string) {
  return (
    db
      .selectFrom('referral_sla')
      .select(['urgency', 'service', 'accept_hours as acceptHours', 'complete_days as completeDays'])
      .where('jurisdiction', '=', jurisdiction)
      // written only from SlaInput (an urgency of the list)
      .$narrowType<{ urgency: Urgency }>()
      .execute()
  );
}

/** The recipient as the referral form needs it. */
export function findRecipientOrg(db: Tx, id: string) {
  return db
    .selectFrom('organisation as o')
    .select(['o.id', 'o.name', 'o.type', 'o.services', 'o.active', 'o.jurisdiction'])
    .select(onSimpul('o.id').as('on_simpul'))
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/**
 * Is there an agreement covering `today` of the Dinas of one of `jurisdictions` that the partner is
 * a party to (among several, decision 033)?
 */
export async function hasActiveAgreement(
  db: Tx,
  orgId: string,
  jurisdictions: readonly string[],
  today: string,
) {
  const r = await db
    .selectFrom('agreement as a')
    .innerJoin('agreement_party as p', 'p.agreement_id', 'a.id')
    .select('a.id')
    .where('p.org_id', '=', orgId)
    .where(agreementInForce('a', jurisdictions, today))
    .where(partnerParty('p', 'a'))
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/**
 * Candidates for a referral: active organisations offering the service, with their record.
 * `jurisdictions`: the case's kab/kota, then its province.
 */
export function suggestionCandidates(
  db: Tx,
  service: string,
  jurisdictions: readonly string[],
  today: string,
  since: Date,
) {
  return (
    db
      .selectFrom('organisation as o')
      .select([
        'o.id',
        'o.name',
        'o.type',
        'o.services',
        'o.areas',
        'o.region_code',
        'o.jurisdiction',
        'o.capacity_free',
        'o.capacity_total',
      ])
      .select((eb) => [
        onSimpul('o.id').as('on_simpul'),
        eb
          .exists(
            eb
              .selectFrom('agreement as a')
              .innerJoin('agreement_party as p', 'p.agreement_id', 'a.id')
              .select('a.id')
              .whereRef('p.org_id', '=', 'o.id')
              .where(agreementInForce('a', jurisdictions, today))
              .where(partnerParty('p', 'a')),
          )
          .as('active_agreement'),
        eb
          .selectFrom('referral as r')
          .select(
            sql<
              number | null
            >`percentile_cont(0.5) within group (order by extract(epoch from (r.accepted_at - r.sent_at)) / 3600)`.as(
              'm',
            ),
          )
          .whereRef('r.to_org_id', '=', 'o.id')
          .where('r.accepted_at', 'is not', null)
          .where('r.sent_at', '>=', since)
          .as('median_accept_hours'),
        eb
          .selectFrom('referral as r2')
          .select((e2) => e2.fn.countAll<string>().as('n'))
          .whereRef('r2.to_org_id', '=', 'o.id')
          .where('r2.sent_at', '>=', since)
          .as('referrals_last_year'),
      ])
      .where('o.active', '=', true)
      .where(sql<boolean>`${service} = any(o.services)`)
      // nearest first before the cut: the kab/kota, then its province, then the rest of the country
      .orderBy(
        sql`case when o.jurisdiction = ${jurisdictions[0] ?? ''} then 0 when o.jurisdiction = ${jurisdictions[1] ?? ''} or o.jurisdiction like ${`${jurisdictions[1] ?? ''}.%`} then 1 else 2 end`,
      )
      .orderBy('o.name')
      .limit(200)
      .execute()
  );
}

export function deleteSlaOverrides(db: Tx, jurisdiction: string) {
  return db.deleteFrom('referral_sla').where('jurisdiction', '=', jurisdiction).execute();
}

export async function insertSlaOverrides(
  db: Tx,
  jurisdiction: string,
  rows: ReadonlyArray<{ urgency: string; service: string; acceptHours: number; completeDays: number }>,
  by: string,
  at: Date,
) {
  if (rows.length === 0) return;
  await db
    .insertInto('referral_sla')
    .values(
      rows.map((r) => ({
        jurisdiction,
        urgency: r.urgency,
        service: r.service,
        accept_hours: r.acceptHours,
        complete_days: r.completeDays,
        updated_by: by,
        updated_at: at,
      })),
    )
    .execute();
}

export function cancelOpenReferralsOfCase(db: Tx, caseId: string, now: Date) {
  return db
    .updateTable('referral')
    .set({
      status: 'dibatalkan',
      cancelled_at: now,
      cancel_reason: 'kasus_ditutup',
      updated_at: now,
      version: sql<number>`version + 1`,
    })
    .where('case_id', '=', caseId)
    .where('status', 'in', OPEN)
    .returning(['id', 'number', 'to_org_id', 'external'])
    .execute();
}

/** Two saves of one region's time standards at once: the second waits for the first. */
export async function lockSlaOf(db: Tx, jurisdiction: string) {
  await sql`SELECT pg_advisory_xact_lock(hashtext(${`referral_sla:${jurisdiction}`}))`.execute(db);
}
