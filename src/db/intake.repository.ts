/** Intake items (every channel), their history and messages, and the rate-limit counters. */

import { type Insertable, sql, type Updateable } from 'kysely';
import type { Role } from '../domain/policy.ts';
import { type AuditInput, auditColumns } from './audit.repository.ts';
import { cappedCount, pageOfRows } from './capped-count.ts';
import type { Tx } from './connect.ts';
import type { IntakePassTable, IntakeReceiptTable, IntakeTable } from './schema.ts';
import { versionedUpdate } from './versioned.ts';

export async function insertIntake(db: Tx, row: Insertable<IntakeTable>) {
  return db.insertInto('intake').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findIntakeByToken(db: Tx, token: string) {
  return db
    .selectFrom('intake')
    .select(['id', 'code'])
    .where('submission_token', '=', token)
    .executeTakeFirst();
}

export function findIntakeByCode(db: Tx, code: string) {
  return db
    .selectFrom('intake as i')
    .leftJoin('case_file as c', 'c.id', 'i.case_id')
    .select([
      'i.id',
      'i.code',
      'i.secret_hash',
      'i.status',
      'i.received_at',
      'i.jurisdiction',
      'i.assigned_to',
    ])
    .select('c.stage as case_stage')
    .where('i.code', '=', code)
    .executeTakeFirst();
}

export function codeExists(db: Tx, code: string) {
  return db.selectFrom('intake').select('id').where('code', '=', code).executeTakeFirst();
}

/** One item in the actor's inbox (jurisdiction equality), or undefined. */
export function findScopedIntake(db: Tx, jurisdiction: string, id: string) {
  return db
    .selectFrom('intake as i')
    .leftJoin('app_user as a', 'a.id', 'i.assigned_to')
    .leftJoin('app_user as r', 'r.id', 'i.received_by')
    .leftJoin('case_file as c', 'c.id', 'i.case_id')
    .selectAll('i')
    .select([
      'a.name as assigned_name',
      'r.name as received_by_name',
      'c.number as case_number',
      'c.stage as case_stage',
    ])
    .where('i.id', '=', id)
    .where('i.jurisdiction', '=', jurisdiction)
    .executeTakeFirst();
}
export type IntakeRow = NonNullable<Awaited<ReturnType<typeof findScopedIntake>>>;

export async function listInbox(
  db: Tx,
  jurisdiction: string,
  f: { open: boolean | null; channel?: string | undefined; spam?: boolean | undefined },
  page: number,
  pageSize: number,
) {
  let q = db.selectFrom('intake as i').where('i.jurisdiction', '=', jurisdiction);
  if (f.open === true) q = q.where('i.status', 'in', ['baru', 'ditangani']);
  if (f.open === false) q = q.where('i.status', 'not in', ['baru', 'ditangani']);
  if (f.channel) q = q.where('i.channel', '=', f.channel);
  if (f.spam !== undefined) q = q.where('i.suspected_spam', '=', f.spam);
  // never count every match (src/db/capped-count.ts); the count and the page at once
  const [count, rows] = await Promise.all([
    cappedCount(db, q.select('i.id')),
    q
      .leftJoin('app_user as a', 'a.id', 'i.assigned_to')
      .select([
        'i.id',
        'i.code',
        'i.channel',
        'i.call_type',
        'i.status',
        'i.risk',
        'i.danger_now',
        'i.forms',
        'i.region_code',
        'i.jurisdiction',
        'i.received_at',
        'i.assigned_to',
        'a.name as assigned_name',
        'i.suspected_spam',
        'i.victim_age_group',
        'i.victim_sex',
        'i.case_id',
        'i.version',
      ])
      // open first; danger or high risk, then medium, unassessed, low; newest first (the
      // expressions of index intake_inbox_order_idx, migration 0016: keep them the same)
      .orderBy(sql`CASE WHEN i.status IN ('baru','ditangani') THEN 0 ELSE 1 END`)
      .orderBy(
        sql`CASE WHEN i.risk = 'tinggi' OR (i.risk IS NULL AND i.danger_now) THEN 0 WHEN i.risk = 'sedang' THEN 1 WHEN i.risk IS NULL THEN 2 ELSE 3 END`,
      )
      .orderBy('i.received_at', 'desc')
      .orderBy('i.id')
      .limit(pageSize + 1)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { ...pageOfRows(rows, pageSize), ...count };
}

/** What the response deadlines of the open items of an inbox depend on. */
export function openIntakeFacts(db: Tx, jurisdiction: string) {
  return db
    .selectFrom('intake')
    .select(['id', 'code', 'status', 'received_at', 'risk', 'danger_now', 'jurisdiction'])
    .where('jurisdiction', '=', jurisdiction)
    .where('status', 'in', ['baru', 'ditangani'])
    .execute();
}

/** Optimistic update of an inbox item; false on a stale version. */
export async function updateIntakeRow(
  db: Tx,
  id: string,
  version: number,
  set: Updateable<IntakeTable>,
  now: Date,
): Promise<boolean> {
  const r = await versionedUpdate(db, 'intake', id, version, set, now).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function addIntakeEvent(
  db: Tx,
  intakeId: string,
  actorId: string | null,
  type: string,
  at: Date,
  data: Record<string, unknown> = {},
) {
  await db
    .insertInto('intake_event')
    .values({ intake_id: intakeId, actor_id: actorId, type, at, data: JSON.stringify(data) })
    .execute();
}

export function intakeHistory(db: Tx, intakeId: string) {
  return db
    .selectFrom('intake_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select(['e.at', 'e.type', 'e.data', 'u.name as actor_name'])
    .where('e.intake_id', '=', intakeId)
    .orderBy('e.id')
    .execute();
}

export async function insertIntakeMessage(
  db: Tx,
  row: {
    id: string;
    intakeId: string;
    at: Date;
    /** pelapor: from the reporter; petugas: an officers' note; ke_pelapor: an officer to the reporter */
    author: IntakeMessageAuthor;
    authorId: string | null;
    bodyEnc: string;
  },
) {
  await db
    .insertInto('intake_message')
    .values({
      id: row.id,
      intake_id: row.intakeId,
      at: row.at,
      author: row.author,
      author_id: row.authorId,
      body_enc: row.bodyEnc,
    })
    .execute();
}

export type IntakeMessageAuthor = 'pelapor' | 'petugas' | 'ke_pelapor';

export function intakeMessages(db: Tx, intakeId: string) {
  return db
    .selectFrom('intake_message as m')
    .leftJoin('app_user as u', 'u.id', 'm.author_id')
    .select(['m.id', 'm.at', 'm.author', 'm.author_id', 'm.body_enc', 'm.seen_at', 'u.name as author_name'])
    .where('m.intake_id', '=', intakeId)
    .orderBy('m.at')
    .orderBy('m.id')
    .$narrowType<{ author: IntakeMessageAuthor }>()
    .execute();
}

/**
 * The conversation the reporter sees: what they wrote and what officers wrote to them (no internal
 * notes) — the latest `limit`, oldest first.
 */
export async function reporterThread(db: Tx, intakeId: string, limit = 200) {
  const rows = await db
    .selectFrom('intake_message')
    .select(['id', 'at', 'author', 'body_enc', 'seen_at'])
    .where('intake_id', '=', intakeId)
    .where('author', 'in', ['pelapor', 'ke_pelapor'])
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.reverse();
}

/** Marks the officers' messages the reporter has now been shown (those ids only). */
export async function markSeenByReporter(db: Tx, intakeId: string, ids: readonly string[], at: Date) {
  if (ids.length === 0) return;
  await db
    .updateTable('intake_message')
    .set({ seen_at: at })
    .where('intake_id', '=', intakeId)
    .where('id', 'in', ids)
    .where('author', '=', 'ke_pelapor')
    .where('seen_at', 'is', null)
    .execute();
}

export async function insertReceipt(db: Tx, row: Insertable<IntakeReceiptTable>) {
  await db.insertInto('intake_receipt').values(row).execute();
}

/**
 * Takes a receipt still unseen and valid at `now`: locks it, empties its secret and marks it viewed
 * (so of two opens at once, one gets it), and returns what the page shows. Run in a transaction.
 */
export async function takeReceipt(db: Tx, tokenHash: string, now: Date) {
  const r = await lockReceipt(db, tokenHash);
  if (!r?.secret_enc || new Date(r.expires_at).getTime() <= now.getTime()) return undefined;
  await db
    .updateTable('intake_receipt')
    .set({ secret_enc: null, viewed_at: now })
    .where('token_hash', '=', tokenHash)
    .execute();
  const i = await db.selectFrom('intake').select(['code']).where('id', '=', r.intake_id).executeTakeFirst();
  return i ? { ...r, code: i.code } : undefined;
}

/** The secret of a receipt about to be taken (read under the row lock of the caller's transaction). */
export function lockReceipt(db: Tx, tokenHash: string) {
  return db
    .selectFrom('intake_receipt')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .forUpdate()
    .executeTakeFirst();
}

/** Gives a receipt a new secret to show (a second identical submission right after the first was shown). */
export async function rearmReceipt(db: Tx, tokenHash: string, secretEnc: string, expiresAt: Date) {
  await db
    .updateTable('intake_receipt')
    .set({ secret_enc: secretEnc, viewed_at: null, expires_at: expiresAt })
    .where('token_hash', '=', tokenHash)
    .execute();
}

/** Receipts are deleted once expired, shown or not (an unseen one takes its secret with it). */
export async function pruneReceipts(db: Tx, now: Date) {
  await db.deleteFrom('intake_receipt').where('expires_at', '<=', now).execute();
  await db.deleteFrom('intake_pass').where('expires_at', '<=', now).execute();
}

export async function insertPass(db: Tx, row: Insertable<IntakePassTable>) {
  await db.insertInto('intake_pass').values(row).execute();
}

/** The pass, locked for this transaction, when it exists and has not expired. */
export function lockPass(db: Tx, tokenHash: string, kind: string, now: Date) {
  return db
    .selectFrom('intake_pass')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .where('kind', '=', kind)
    .where('expires_at', '>', now)
    .forUpdate()
    .executeTakeFirst();
}

export async function markPassUsed(db: Tx, tokenHash: string, now: Date) {
  await db.updateTable('intake_pass').set({ used_at: now }).where('token_hash', '=', tokenHash).execute();
}

/** The intake row the status page needs, by id. */
export function findIntakeForStatus(db: Tx, id: string) {
  return db
    .selectFrom('intake as i')
    .leftJoin('case_file as c', 'c.id', 'i.case_id')
    .select([
      'i.id',
      'i.code',
      'i.secret_hash',
      'i.status',
      'i.received_at',
      'i.jurisdiction',
      'i.assigned_to',
    ])
    .select(['i.case_id', 'c.stage as case_stage', 'c.manager_id as case_manager_id'])
    .where('i.id', '=', id)
    .executeTakeFirstOrThrow();
}

export async function setSecretHash(db: Tx, id: string, secretHash: string) {
  await db.updateTable('intake').set({ secret_hash: secretHash }).where('id', '=', id).execute();
}

/** Takes back one hit counted in the window (a check that turned out right is not a guess). */
export async function refundRateLimit(db: Tx, key: string, windowStart: Date) {
  await db
    .updateTable('rate_limit')
    .set({ count: sql`count - 1` })
    .where('key', '=', key)
    .where('window_start', '=', windowStart)
    .where('count', '>', 0)
    .execute();
}

/**
 * Adds one to the counter of `key` in the fixed window starting at `windowStart` and returns the
 * new count (one statement, safe under concurrency).
 */
export async function hitRateLimit(db: Tx, key: string, windowStart: Date): Promise<number> {
  const r = await db
    .insertInto('rate_limit')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limit.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow();
  return r.count;
}

/** The columns a public report fills (a fixed list: its statement is prepared by name). */
const PUBLIC_REPORT_COLUMNS = [
  'id',
  'code',
  'secret_hash',
  'jurisdiction',
  'region_code',
  'channel',
  'reporter_type',
  'reporter_name_enc',
  'contact_method',
  'contact_phone_enc',
  'contact_phone_hash',
  'contact_safe_times_enc',
  'consent_contact',
  'victim_sex',
  'victim_age_group',
  'forms',
  'description_enc',
  'place_enc',
  'occurred_on',
  'occurred_when',
  'danger_now',
  'victim_name_tokens',
  'status',
  'received_at',
  'submission_token',
  'source_key',
  'created_at',
  'updated_at',
] as const satisfies ReadonlyArray<keyof IntakeTable>;

export type PublicReportWrite = {
  /** the intake row, without `suspected_spam` (decided in the statement from the counts) */
  intake: Required<Pick<Insertable<IntakeTable>, (typeof PUBLIC_REPORT_COLUMNS)[number]>>;
  receipt: Omit<Insertable<IntakeReceiptTable>, 'intake_id'>;
  /** `intake.received` event data; `suspectedSpam` is added when the report is held as suspected */
  eventData: Record<string, unknown>;
  /** the audit row; `suspected` is added to its detail */
  audit: AuditInput;
  limits: {
    /** the sender's counter key (null: no address) and its fixed window */
    sourceKey: string | null;
    sourceWindow: Date;
    perSource: number;
    /** public reports of the kab/kota counted since then */
    regionSince: Date;
    perRegion: number;
    /** the honeypot field was filled */
    honeypot: boolean;
    /** someone is in danger now: never marked for its sender's count (decision 019) */
    dangerNow: boolean;
  };
};

/**
 * A public report in ONE statement (issue 9 §2): the sender's counter, the kab/kota's count of
 * recent public reports, the judgement "suspected spam" (honeypot, or a count past its limit),
 * the intake row, its receipt, its first event and its audit row (with its chain marker). One statement is one
 * transaction without a round trip of its own for BEGIN and COMMIT; in the caller's transaction
 * when given one. A reused submission token or follow-up code fails it as a whole (unique).
 * Returns the counts (this report included) and the judgement.
 */
export async function insertPublicReport(
  db: Tx,
  w: PublicReportWrite,
): Promise<{ perSource: number; perRegion: number; suspected: boolean }> {
  const cols = PUBLIC_REPORT_COLUMNS;
  const l = w.limits;
  const a = auditColumns(w.audit);
  const r = await sql<{
    per_source: number;
    per_region: string;
    suspected: boolean;
  }>`/*prepared:public_report*/
    WITH hit AS (
      INSERT INTO rate_limit (key, window_start, count)
      SELECT ${l.sourceKey}::text, ${l.sourceWindow}::timestamptz, 1 WHERE ${l.sourceKey}::text IS NOT NULL
      ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit.count + 1
      RETURNING count
    ), counted AS (
      SELECT coalesce((SELECT count FROM hit), 0) AS per_source,
             (SELECT count(*) FROM (
                SELECT 1 FROM intake
                WHERE channel = 'daring' AND jurisdiction = ${w.intake.jurisdiction}::text
                  AND received_at > ${l.regionSince}::timestamptz
                LIMIT ${l.perRegion}::int) AS recent) + 1 AS per_region
    ), judged AS (
      SELECT per_source, per_region,
             -- only what this submission shows marks it: the honeypot, or its sender's own flood (never
             -- for a danger-now report); a flood into the inbox from many senders marks nothing
             (${l.honeypot}::boolean OR (per_source > ${l.perSource}::int AND NOT ${l.dangerNow}::boolean)) AS suspected
      FROM counted
    ), ins AS (
      INSERT INTO intake (${sql.join(cols.map((c) => sql.ref(c)))}, suspected_spam)
      VALUES (${sql.join(cols.map((c) => w.intake[c]))}, (SELECT suspected FROM judged))
      RETURNING id, suspected_spam
    ), receipt AS (
      INSERT INTO intake_receipt (token_hash, intake_id, secret_enc, danger_now, contact, expires_at)
      SELECT ${w.receipt.token_hash}::text, ins.id, ${w.receipt.secret_enc ?? null}::text,
             ${w.receipt.danger_now}::boolean, ${w.receipt.contact}::boolean, ${w.receipt.expires_at}::timestamptz
      FROM ins
    ), event AS (
      INSERT INTO intake_event (intake_id, actor_id, type, at, data)
      SELECT ins.id, NULL, 'intake.received', ${w.intake.received_at}::timestamptz,
             ${JSON.stringify(w.eventData)}::jsonb || CASE WHEN ins.suspected_spam
               THEN jsonb_build_object('suspectedSpam', ${l.honeypot ? 'honeypot' : 'rate'}::text)
               ELSE '{}'::jsonb END
      FROM ins
    ), audited AS (
      INSERT INTO audit_event (at, actor_id, actor_role, action, entity, entity_id, ip, user_agent,
                               request_id, outcome, detail)
      SELECT ${a.at}::timestamptz, ${a.actor_id}::uuid, ${a.actor_role}::text, ${a.action}::text,
             ${a.entity}::text, ${a.entity_id}::text, ${a.ip}::text, ${a.user_agent}::text,
             ${a.request_id}::text, ${a.outcome}::text,
             coalesce(${a.detail}::jsonb, '{}'::jsonb) || jsonb_build_object('suspected', ins.suspected_spam)
      FROM ins
      RETURNING id
    ), pending AS (
      INSERT INTO audit_pending (event_id) SELECT id FROM audited
    )
    SELECT per_source, per_region, suspected FROM judged`.execute(db);
  const row = r.rows[0]!;
  return { perSource: Number(row.per_source), perRegion: Number(row.per_region), suspected: row.suspected };
}

/** Public reports into an inbox per minute from `since` on (counted from the reports themselves). */
export async function publicReportWindows(db: Tx, jurisdiction: string, since: Date) {
  const r = await sql<{ start: Date; count: string }>`
    SELECT date_trunc('minute', received_at) AS start, count(*) AS count FROM intake
    WHERE channel = 'daring' AND jurisdiction = ${jurisdiction} AND received_at >= ${since}
    GROUP BY 1`.execute(db);
  return r.rows.map((x) => ({ start: new Date(x.start), count: Number(x.count) }));
}

export async function pruneRateLimits(db: Tx, before: Date) {
  await db.deleteFrom('rate_limit').where('window_start', '<', before).execute();
}

/** Cases in the jurisdiction that may be the same people: same NIK or phone, or matching name tokens. */
export async function duplicateCandidates(
  db: Tx,
  jurisdiction: string,
  m: {
    nikHash: string | null;
    phoneHashes: string[];
    nameExact: string[];
    namePhonetic: string[];
    birthDate: string | null;
    regionPrefix: string | null;
  },
) {
  const conds = [];
  if (m.nikHash) conds.push(sql<boolean>`p.nik_hash = ${m.nikHash}`);
  if (m.phoneHashes.length > 0) conds.push(sql<boolean>`p.phone_hash = ANY(${m.phoneHashes}::text[])`);
  if (m.nameExact.length > 0) conds.push(sql<boolean>`p.name_tokens @> ${m.nameExact}::text[]`);
  if (m.namePhonetic.length > 0) conds.push(sql<boolean>`p.name_tokens @> ${m.namePhonetic}::text[]`);
  if (m.birthDate && m.regionPrefix)
    conds.push(
      sql<boolean>`(p.birth_date = ${m.birthDate}::date AND (p.region_code = ${m.regionPrefix} OR p.region_code LIKE ${`${m.regionPrefix}.%`}))`,
    );
  if (conds.length === 0) return [];
  return db
    .selectFrom('person as p')
    .innerJoin('case_file as c', 'c.id', 'p.case_id')
    .select([
      'c.id as case_id',
      'c.number',
      'c.stage',
      'p.id as person_id',
      'p.role',
      'p.name_enc',
      'p.nik_hash',
      'p.phone_hash',
      'p.name_tokens',
      'p.birth_date',
      'p.region_code',
    ])
    .where('c.jurisdiction', '=', jurisdiction)
    .where(sql<boolean>`(${sql.join(conds, sql` OR `)})`)
    .orderBy('c.received_at', 'desc')
    .limit(20)
    .execute();
}

/** Service points of a kab/kota for the public /layanan page: organisations, no personal data. */
export function servicePoints(db: Tx, jurisdiction: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'name', 'type', 'address', 'phone', 'region_code', 'hours', 'services'])
    .where('jurisdiction', '=', jurisdiction)
    .where('active', '=', true)
    .orderBy('type')
    .orderBy('name')
    .execute();
}

/** The jurisdictions of a province (the province itself and its kab/kota) where somebody reads the inbox. */
/**
 * What a public report needs to know before it is written, in one round trip: an earlier report
 * with the same submission token (a double tap), whether the region code is known, and the
 * jurisdictions of its province that have an active reader (as servedJurisdictions).
 */
export async function publicReportContext(
  db: Tx,
  submissionToken: string,
  regionCode: string | null,
  roles: readonly Role[],
): Promise<{ prior: { id: string; code: string } | null; known: boolean; served: Set<string> }> {
  const province = (regionCode ?? '').slice(0, 2);
  const r = await sql<{
    prior_id: string | null;
    prior_code: string | null;
    known: boolean;
    served: unknown;
  }>`/*prepared:public_report_context*/
    SELECT p.id AS prior_id, p.code AS prior_code,
           EXISTS (SELECT 1 FROM region WHERE code = ${regionCode}::text) AS known,
           ARRAY(SELECT DISTINCT o.jurisdiction FROM organisation o
                 JOIN app_user u ON u.org_id = o.id
                 WHERE (o.jurisdiction = ${province} OR o.jurisdiction LIKE ${`${province}.%`})
                   AND o.active AND NOT u.disabled AND u.role = ANY(${[...roles]}::text[])) AS served
    FROM (SELECT 1) AS one
    LEFT JOIN intake p ON p.submission_token = ${submissionToken}`.execute(db);
  const row = r.rows[0]!;
  const served = Array.isArray(row.served)
    ? (row.served as string[])
    : String(row.served ?? '')
        .replace(/[{}]/g, '')
        .split(',')
        .filter(Boolean);
  return {
    prior: row.prior_id ? { id: row.prior_id, code: row.prior_code! } : null,
    known: row.known,
    served: new Set(served),
  };
}

export async function servedJurisdictions(
  db: Tx,
  province: string,
  roles: readonly Role[],
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('organisation as o')
    .innerJoin('app_user as u', 'u.org_id', 'o.id')
    .select('o.jurisdiction')
    .distinct()
    .where((eb) =>
      eb.or([eb('o.jurisdiction', '=', province), eb('o.jurisdiction', 'like', `${province}.%`)]),
    )
    .where('o.active', '=', true)
    .where('u.disabled', '=', false)
    .where('u.role', 'in', roles)
    .execute();
  return new Set(rows.map((r) => r.jurisdiction));
}

/**
 * Open items whose jurisdiction has nobody to read its inbox (nobody active with an inbox role),
 * oldest first, within an administrator's scope ('' = everywhere). Metadata only.
 */
export function orphanIntake(db: Tx, roles: readonly Role[], scope: string, limit: number) {
  let q = db
    .selectFrom('intake as i')
    .leftJoin('region as r', 'r.code', 'i.jurisdiction')
    .select(['i.id', 'i.code', 'i.channel', 'i.jurisdiction', 'r.name as jurisdiction_name', 'i.status'])
    .select(['i.received_at', 'i.danger_now', 'i.version'])
    .where('i.status', 'in', ['baru', 'ditangani'])
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('app_user as u')
            .innerJoin('organisation as o', 'o.id', 'u.org_id')
            .select(sql`1`.as('one'))
            .whereRef('o.jurisdiction', '=', 'i.jurisdiction')
            .where('o.active', '=', true)
            .where('u.disabled', '=', false)
            .where('u.role', 'in', roles),
        ),
      ),
    );
  if (scope !== '')
    q = q.where((eb) =>
      eb.or([eb('i.jurisdiction', '=', scope), eb('i.jurisdiction', 'like', `${scope}.%`)]),
    );
  return q.orderBy('i.received_at').orderBy('i.id').limit(limit).execute();
}

export function findIntakeMeta(db: Tx, id: string) {
  return db
    .selectFrom('intake')
    .select(['id', 'code', 'jurisdiction', 'status', 'version'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The intake items of a case that are in the given inbox: what the case page links to. */
export function caseIntakeItems(db: Tx, caseId: string, jurisdiction: string) {
  return db
    .selectFrom('intake')
    .select(['id', 'code', 'channel', 'received_at'])
    .where('case_id', '=', caseId)
    .where('jurisdiction', '=', jurisdiction)
    .orderBy('received_at')
    .orderBy('id')
    .execute();
}

/** Untouched inbox items of the last week that may be past their response deadline (checked per item). */
export function overdueIntakeCandidates(db: Tx, now: Date, limit: number) {
  return db
    .selectFrom('intake')
    .select(['id', 'code', 'jurisdiction', 'risk', 'danger_now', 'received_at'])
    .where('status', '=', 'baru')
    .where('overdue_notified_at', 'is', null)
    .where('received_at', '<=', new Date(now.getTime() - 3600_000))
    .where('received_at', '>=', new Date(now.getTime() - 7 * 86_400_000))
    .orderBy('received_at')
    .limit(limit)
    .execute();
}

/** Claims the overdue notice of an item still untouched; false when someone else already did. */
export async function claimIntakeOverdue(db: Tx, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('intake')
    .set({ overdue_notified_at: now })
    .where('id', '=', id)
    .where('status', '=', 'baru')
    .where('overdue_notified_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
