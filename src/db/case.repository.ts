/**
 * Case data access. Every read takes a CaseScope from the policy and adds it to the SQL
 * (invariant 1): a case outside the scope is never loaded.
 */

import { type ExpressionBuilder, type Insertable, sql, type Updateable } from 'kysely';
import type { CaseScope } from '../domain/policy.ts';
import type { Stage } from '../domain/stages.ts';
import { likeEscape } from './admin.repository.ts';
import { cappedCount, pageOfRows } from './capped-count.ts';
import type { Tx } from './connect.ts';
import type { CaseFileTable, Database, RiskLevel } from './schema.ts';
import { versionedUpdate } from './versioned.ts';

type CaseEB = ExpressionBuilder<Database & { c: Database['case_file'] }, 'c'>;

/** The scope as a SQL condition on alias `c` (case_file). */
export function scopeCondition(eb: CaseEB, scope: CaseScope) {
  switch (scope.kind) {
    case 'none':
      return sql<boolean>`false`;
    case 'jurisdiction':
      return eb('c.jurisdiction', '=', scope.jurisdiction);
    case 'assigned':
      return eb.and([
        eb('c.jurisdiction', '=', scope.jurisdiction),
        eb.or([
          eb('c.manager_id', '=', scope.userId),
          eb.exists(
            eb
              .selectFrom('case_member as m')
              .select('m.case_id')
              .whereRef('m.case_id', '=', 'c.id')
              .where('m.user_id', '=', scope.userId),
          ),
        ]),
      ]);
  }
}

export type CaseFilters = {
  stage?: Stage | undefined;
  risk?: RiskLevel | undefined;
  form?: string | undefined;
  region?: string | undefined;
  fromUtc?: Date | undefined;
  toUtc?: Date | undefined;
  /** a case number or its beginning */
  number?: string | undefined;
  /** whole case numbers, any of them */
  numberExact?: string[] | undefined;
  nikHash?: string | undefined;
  phoneHash?: string | undefined;
  nameExact?: string[] | undefined;
  namePhonetic?: string[] | undefined;
  /** the follow-up code of an intake item the case came from or took in */
  intakeCode?: string | undefined;
  mineUserId?: string | undefined;
  /** only cases not closed */
  openOnly?: boolean | undefined;
};

export async function listCases(db: Tx, scope: CaseScope, f: CaseFilters, page: number, pageSize: number) {
  let q = db.selectFrom('case_file as c').where((eb) => scopeCondition(eb, scope));
  if (f.stage) q = q.where('c.stage', '=', f.stage);
  if (f.risk) q = q.where('c.risk', '=', f.risk);
  if (f.form) {
    const form = f.form;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('incident as i')
          .select('i.id')
          .whereRef('i.case_id', '=', 'c.id')
          .where(sql<boolean>`i.forms @> ARRAY[${form}]::text[]`),
      ),
    );
  }
  if (f.region) {
    const r = f.region;
    q = q.where((eb) =>
      eb.or([
        eb('c.jurisdiction', '=', r),
        eb('c.jurisdiction', 'like', `${r}.%`),
        eb.exists(
          eb
            .selectFrom('incident as i')
            .select('i.id')
            .whereRef('i.case_id', '=', 'c.id')
            .where((e2) => e2.or([e2('i.region_code', '=', r), e2('i.region_code', 'like', `${r}.%`)])),
        ),
      ]),
    );
  }
  if (f.openOnly) q = q.where('c.closed_at', 'is', null);
  if (f.fromUtc) q = q.where('c.received_at', '>=', f.fromUtc);
  if (f.toUtc) q = q.where('c.received_at', '<', f.toUtc);
  if (f.mineUserId) {
    const u = f.mineUserId;
    q = q.where((eb) =>
      eb.or([
        eb('c.manager_id', '=', u),
        eb.exists(
          eb
            .selectFrom('case_member as m')
            .select('m.case_id')
            .whereRef('m.case_id', '=', 'c.id')
            .where('m.user_id', '=', u),
        ),
      ]),
    );
  }
  const personMatch = (
    cond: (
      eb: ExpressionBuilder<Database & { p: Database['person'] }, 'p'>,
    ) => ReturnType<typeof sql<boolean>> | ReturnType<CaseEB['and']>,
  ) =>
    q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('person as p')
          .select('p.id')
          .whereRef('p.case_id', '=', 'c.id')
          .where(cond as never),
      ),
    );
  // exact or prefix (index case_file_number_prefix_idx); numbers are stored in capitals
  if (f.numberExact) q = q.where('c.number', 'in', f.numberExact);
  if (f.number) q = q.where('c.number', 'like', `${likeEscape(f.number.toUpperCase())}%`);
  if (f.intakeCode) {
    const code = f.intakeCode;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('intake as ik')
          .select('ik.id')
          .whereRef('ik.case_id', '=', 'c.id')
          .where('ik.code', '=', code),
      ),
    );
  }
  if (f.nikHash) {
    const h = f.nikHash;
    q = personMatch((eb) => eb('p.nik_hash', '=', h) as never);
  }
  if (f.phoneHash) {
    const h = f.phoneHash;
    q = personMatch((eb) => eb('p.phone_hash', '=', h) as never);
  }
  if (f.nameExact && f.nameExact.length > 0) {
    const ex = f.nameExact;
    const ph = f.namePhonetic ?? [];
    q = personMatch(
      () =>
        (ph.length > 0
          ? sql<boolean>`(p.name_tokens @> ${ex}::text[] OR p.name_tokens @> ${ph}::text[])`
          : sql<boolean>`p.name_tokens @> ${ex}::text[]`) as never,
    );
  }
  // never count every match (src/db/capped-count.ts); the count and the page at once
  const [count, rows] = await Promise.all([
    cappedCount(db, q.select('c.id')),
    q
      .leftJoin('app_user as mu', 'mu.id', 'c.manager_id')
      .select([
        'c.id',
        'c.number',
        'c.stage',
        'c.risk',
        'c.case_type',
        'c.channel',
        'c.received_at',
        'c.jurisdiction',
        'c.manager_id',
        'mu.name as manager_name',
        'c.updated_at',
      ])
      .select((eb) =>
        eb
          .selectFrom('person as pv')
          .select(eb.fn.countAll<string>().as('n'))
          .whereRef('pv.case_id', '=', 'c.id')
          .where('pv.role', '=', 'korban')
          .as('victim_count'),
      )
      .orderBy('c.received_at', 'desc')
      .orderBy('c.id')
      .limit(pageSize + 1)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  return { ...pageOfRows(rows, pageSize), ...count };
}

export function getScopedCase(db: Tx, scope: CaseScope, id: string) {
  return db
    .selectFrom('case_file as c')
    .innerJoin('organisation as o', 'o.id', 'c.org_id')
    .leftJoin('app_user as mu', 'mu.id', 'c.manager_id')
    .selectAll('c')
    .select(['o.name as org_name', 'mu.name as manager_name'])
    .where('c.id', '=', id)
    .where((eb) => scopeCondition(eb, scope))
    .executeTakeFirst();
}
export type CaseRow = NonNullable<Awaited<ReturnType<typeof getScopedCase>>>;

export async function caseMembers(db: Tx, caseId: string) {
  return db
    .selectFrom('case_member as m')
    .innerJoin('app_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.role'])
    .where('m.case_id', '=', caseId)
    .orderBy('u.name')
    .execute();
}

export async function caseChildren(db: Tx, caseId: string) {
  const [persons, relationships, incidents, records, attachments] = await Promise.all([
    db
      .selectFrom('person')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db.selectFrom('relationship').selectAll().where('case_id', '=', caseId).execute(),
    db
      .selectFrom('incident')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('occurred_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('case_record as r')
      .leftJoin('app_user as u', 'u.id', 'r.created_by')
      .selectAll('r')
      .select('u.name as created_by_name')
      .where('r.case_id', '=', caseId)
      .orderBy('r.created_at')
      .orderBy('r.id')
      .execute(),
    db
      .selectFrom('attachment as a')
      .leftJoin('app_user as u', 'u.id', 'a.created_by')
      .select([
        'a.id',
        'a.filename_enc',
        'a.mime',
        'a.size_bytes',
        'a.created_at',
        'u.name as created_by_name',
      ])
      .where('a.case_id', '=', caseId)
      .orderBy('a.created_at')
      .execute(),
  ]);
  return { persons, relationships, incidents, records, attachments };
}

/** Facts the deadline rules need, for many cases at once (3 queries whatever the count). */
export async function deadlineFactsRows(db: Tx, caseIds: readonly string[]) {
  if (caseIds.length === 0) return { cases: [], sexual: new Set<string>(), records: [] };
  const ids = [...caseIds];
  const [cases, sexualRows, records] = await Promise.all([
    db
      .selectFrom('case_file')
      .select([
        'id',
        'number',
        'jurisdiction',
        'received_at',
        'stage',
        'risk',
        'assessment_started_at',
        'closed_at',
      ])
      .where('id', 'in', ids)
      .execute(),
    db
      .selectFrom('incident')
      .select('case_id')
      .distinct()
      .where('case_id', 'in', ids)
      .where(sql<boolean>`(forms @> ARRAY['seksual']::text[] OR cardinality(tpks_offences) > 0)`)
      .execute(),
    db
      .selectFrom('case_record')
      .select(['case_id', 'kind', 'data'])
      .where('case_id', 'in', ids)
      .where('kind', 'in', ['service', 'right'])
      .execute(),
  ]);
  return { cases, sexual: new Set(sexualRows.map((r) => r.case_id)), records };
}

/* ---- the managers' work queue (decision 013) ---- */

const riskOrder = sql<number>`CASE c.risk WHEN 'tinggi' THEN 0 WHEN 'sedang' THEN 1 WHEN 'rendah' THEN 2 ELSE 3 END`;

/**
 * Open cases in scope without a case manager, high risk first (then medium, low, not assessed),
 * oldest first: at most `limit`, and how many there are in all. Served by the partial index
 * case_file_unassigned_idx, so it reads only the unassigned open cases of the kab/kota.
 */
export async function listUnassignedCases(db: Tx, scope: CaseScope, limit: number) {
  const q = db
    .selectFrom('case_file as c')
    .where((eb) => scopeCondition(eb, scope))
    .where('c.manager_id', 'is', null)
    .where('c.closed_at', 'is', null);
  const [rows, total] = await Promise.all([
    q
      .select(['c.id', 'c.number', 'c.stage', 'c.risk', 'c.received_at', 'c.manager_id'])
      .select(sql<string | null>`null`.as('manager_name'))
      .orderBy(riskOrder)
      .orderBy('c.received_at')
      .orderBy('c.id')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/**
 * Open cases in scope that may have a task due in a window: received in [receivedFrom,
 * receivedTo) (the response, follow-up and police-report deadlines run from receipt), or with a
 * restitution decision on one of `decisionDates`. The caller computes the tasks exactly. Reads
 * the kab/kota's cases of a few days through case_file_scope_idx, never all of them.
 */
export async function listCasesWithTasksIn(
  db: Tx,
  scope: CaseScope,
  receivedFrom: Date,
  receivedTo: Date,
  decisionDates: readonly string[],
) {
  const cols = ['c.id', 'c.number', 'c.stage', 'c.risk', 'c.received_at', 'c.manager_id'] as const;
  const byReceipt = db
    .selectFrom('case_file as c')
    .select(cols)
    .where((eb) => scopeCondition(eb, scope))
    .where('c.closed_at', 'is', null)
    .where('c.received_at', '>=', receivedFrom)
    .where('c.received_at', '<', receivedTo);
  const byDecision = db
    .selectFrom('case_file as c')
    .select(cols)
    .where((eb) => scopeCondition(eb, scope))
    .where('c.closed_at', 'is', null)
    // from the few restitution records with such a decision date (case_record_restitution_idx)
    .where(
      'c.id',
      'in',
      db
        .selectFrom('case_record as r')
        .select('r.case_id')
        .where('r.kind', '=', 'right')
        .where(sql<boolean>`r.data->>'right' = 'restitusi'`)
        .where(sql<boolean>`r.data->>'decisionDate' IN (${sql.join([...decisionDates])})`),
    );
  const rows = await (decisionDates.length > 0 ? byReceipt.union(byDecision) : byReceipt).execute();
  const names = await managerNames(
    db,
    rows.map((r) => r.manager_id),
  );
  return rows.map((r) => ({ ...r, manager_name: r.manager_id ? (names.get(r.manager_id) ?? null) : null }));
}

async function managerNames(db: Tx, ids: ReadonlyArray<string | null>) {
  const wanted = [...new Set(ids.filter((x): x is string => x !== null))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db.selectFrom('app_user').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function insertCase(db: Tx, row: Insertable<CaseFileTable>) {
  await db.insertInto('case_file').values(row).execute();
}

/** What the stage rules count: victims, assessments, and plan items agreed with the beneficiary. */
export function findCaseCounts(db: Tx, id: string) {
  return db
    .selectFrom('case_file as c')
    .where('c.id', '=', id)
    .select((eb) => [
      eb
        .selectFrom('person')
        .select(eb.fn.countAll<string>().as('n'))
        .where('case_id', '=', id)
        .where('role', '=', 'korban')
        .as('victims'),
      eb
        .selectFrom('case_record')
        .select(eb.fn.countAll<string>().as('n'))
        .where('case_id', '=', id)
        .where('kind', '=', 'assessment')
        .as('assessments'),
      eb
        .selectFrom('case_record')
        .select(eb.fn.countAll<string>().as('n'))
        .where('case_id', '=', id)
        .where('kind', '=', 'plan_item')
        .where(sql<boolean>`data->>'agreedWithBeneficiary' = 'true'`)
        .as('agreed'),
    ])
    .executeTakeFirstOrThrow();
}

/** Number of cases in the whole database (no scope: for the operator's CLI only). */
export async function countAllCases(db: Tx): Promise<string> {
  const r = await db
    .selectFrom('case_file')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return r.n;
}

export async function nextCaseSequence(db: Tx, kabCode: string, year: number): Promise<number> {
  const r = await db
    .insertInto('case_sequence')
    .values({ kab_code: kabCode, year, last_value: 1 })
    .onConflict((oc) =>
      oc.columns(['kab_code', 'year']).doUpdateSet({ last_value: sql`case_sequence.last_value + 1` }),
    )
    .returning('last_value')
    .executeTakeFirstOrThrow();
  return r.last_value;
}

export async function addCaseEvent(
  db: Tx,
  caseId: string,
  actorId: string | null,
  type: string,
  at: Date,
  data: Record<string, unknown> = {},
) {
  await db
    .insertInto('case_event')
    .values({ case_id: caseId, actor_id: actorId, type, at, data: JSON.stringify(data) })
    .execute();
}

export function caseTimeline(db: Tx, caseId: string) {
  return db
    .selectFrom('case_event as e')
    .leftJoin('app_user as u', 'u.id', 'e.actor_id')
    .select(['e.at', 'e.type', 'e.data', 'u.name as actor_name'])
    .where('e.case_id', '=', caseId)
    .orderBy('e.id', 'desc')
    .limit(500)
    .execute();
}

/** Optimistic update: applies only when `version` matches; returns false otherwise. */
export async function updateCaseRow(
  db: Tx,
  id: string,
  version: number,
  set: Updateable<CaseFileTable>,
  now: Date,
): Promise<boolean> {
  const r = await versionedUpdate(db, 'case_file', id, version, set, now).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Makes `userId` the manager of an open case that has none; false when the case already has a
 * manager (another manager took it first) or is closed. One statement, so it holds under
 * concurrency: a second UPDATE waits for the first and then finds `manager_id` set.
 */
export async function takeUnassignedCase(db: Tx, id: string, userId: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('case_file')
    .set({ manager_id: userId, updated_at: now, version: sql<number>`version + 1` })
    .where('id', '=', id)
    .where('manager_id', 'is', null)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function setCaseMembers(db: Tx, caseId: string, userIds: readonly string[]) {
  await db.deleteFrom('case_member').where('case_id', '=', caseId).execute();
  if (userIds.length > 0)
    await db
      .insertInto('case_member')
      .values(userIds.map((u) => ({ case_id: caseId, user_id: u })))
      .execute();
}

export async function updateVersioned<T extends 'person' | 'incident' | 'case_record'>(
  db: Tx,
  table: T,
  id: string,
  caseId: string,
  version: number,
  set: Updateable<Database[T]>,
  now: Date,
): Promise<'ok' | 'conflict' | 'missing'> {
  const r = await versionedUpdate(db, table, id, version, set, now)
    .where(sql.ref('case_id'), '=', caseId)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 1) return 'ok';
  // the three tables share `id` and `case_id`
  const exists = await db
    .selectFrom(table as 'person')
    .select('id')
    .where('id', '=', id)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return exists ? 'conflict' : 'missing';
}
