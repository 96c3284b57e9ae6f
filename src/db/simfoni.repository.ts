/**
 * SIMFONI-PPA (issue 11 §4): the cases of a data officer's kab/kota, their facts as SIMFONI asks
 * for them, and the per-case entry mark. Every query takes the jurisdiction from the policy
 * (src/domain/policy.ts simfoniScope) and puts it in the SQL: a case of another region is never
 * loaded (invariant 1).
 */
import { sql } from 'kysely';
import { cappedCount, pageOfRows } from './capped-count.ts';
import type { Tx } from './connect.ts';
import { versionedUpdate } from './versioned.ts';

export type SimfoniScope = { jurisdiction: string };

export type SimfoniCaseFilters = {
  entered: boolean;
  fromUtc?: Date | undefined;
  toUtc?: Date | undefined;
};

function casesOf(db: Tx, scope: SimfoniScope) {
  return db.selectFrom('case_file as c').where('c.jurisdiction', '=', scope.jurisdiction);
}

const CASE_COLUMNS = [
  'c.id',
  'c.number',
  'c.jurisdiction',
  'c.stage',
  'c.case_type',
  'c.received_at',
  'c.version',
  'c.simfoni_entered_on',
  'c.simfoni_number',
  'c.simfoni_recorded_at',
] as const;

/** A page of the cases entered or not yet entered, newest report first, and a capped count. */
export async function listSimfoniCases(
  db: Tx,
  scope: SimfoniScope,
  f: SimfoniCaseFilters,
  page: number,
  pageSize: number,
) {
  let q = casesOf(db, scope).where('c.simfoni_entered_on', f.entered ? 'is not' : 'is', null);
  if (f.fromUtc) q = q.where('c.received_at', '>=', f.fromUtc);
  if (f.toUtc) q = q.where('c.received_at', '<', f.toUtc);
  const [count, rows] = await Promise.all([
    cappedCount(db, q.select('c.id')),
    q
      .leftJoin('app_user as u', 'u.id', 'c.simfoni_entered_by')
      .select([...CASE_COLUMNS, 'u.name as entered_by_name'])
      .orderBy('c.received_at', 'desc')
      .orderBy('c.id', 'desc')
      .limit(pageSize + 1)
      .offset((page - 1) * pageSize)
      .execute(),
  ]);
  const p = pageOfRows(rows, pageSize);
  return { rows: p.rows, hasMore: p.hasMore, count };
}

/** The cases reported in [fromUtc, toUtc), oldest first; at most `limit` of them. */
export function simfoniCasesInPeriod(db: Tx, scope: SimfoniScope, fromUtc: Date, toUtc: Date, limit: number) {
  return casesOf(db, scope)
    .where('c.received_at', '>=', fromUtc)
    .where('c.received_at', '<', toUtc)
    .leftJoin('app_user as u', 'u.id', 'c.simfoni_entered_by')
    .select([...CASE_COLUMNS, 'u.name as entered_by_name'])
    .orderBy('c.received_at', 'asc')
    .orderBy('c.id', 'asc')
    .limit(limit)
    .execute();
}

export type SimfoniCaseRow = Awaited<ReturnType<typeof simfoniCasesInPeriod>>[number];

/** One case of the scope, for the entry mark's answer. */
export function findSimfoniCase(db: Tx, scope: SimfoniScope, id: string) {
  return casesOf(db, scope)
    .leftJoin('app_user as u', 'u.id', 'c.simfoni_entered_by')
    .select([...CASE_COLUMNS, 'u.name as entered_by_name'])
    .where('c.id', '=', id)
    .executeTakeFirst();
}

/**
 * What SIMFONI asks of the given cases (already in scope): victims and alleged perpetrators
 * (identity still encrypted: the caller decrypts only for the guarded export), who is what to
 * whom, incidents and the services recorded. Four queries, whatever the number of cases.
 */
export async function simfoniFacts(db: Tx, caseIds: readonly string[]) {
  if (caseIds.length === 0) return { persons: [], relationships: [], incidents: [], services: [] };
  const ids = [...caseIds];
  const [persons, relationships, incidents, services] = await Promise.all([
    db
      .selectFrom('person')
      .select([
        'id',
        'case_id',
        'role',
        'name_enc',
        'nik_enc',
        'sex',
        'birth_date',
        'estimated_age',
        'age_group',
        'region_code',
        'education',
        'occupation',
        'marital_status',
        'disability',
        'disability_types',
        'nationality',
        'created_at',
      ])
      .where('case_id', 'in', ids)
      .where('role', 'in', ['korban', 'terlapor'])
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('relationship')
      .select(['case_id', 'victim_id', 'perpetrator_id', 'relationship'])
      .where('case_id', 'in', ids)
      .execute(),
    db
      .selectFrom('incident')
      .select([
        'id',
        'case_id',
        'occurred_on',
        'date_precision',
        'told_when',
        'reference_date',
        'place_category',
        'region_code',
        'forms',
        'created_at',
      ])
      .where('case_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('case_record')
      .select(['case_id', sql<string | null>`data->>'service'`.as('service')])
      .where('case_id', 'in', ids)
      .where('kind', '=', 'service')
      .orderBy('created_at')
      .execute(),
  ]);
  return { persons, relationships, incidents, services };
}

/**
 * Marks a case of the scope entered into SIMFONI (or corrects the mark) when its version is still
 * `version`: 'missing' outside the scope, 'conflict' when someone changed the case since.
 */
export async function markSimfoniEntry(
  db: Tx,
  scope: SimfoniScope,
  id: string,
  version: number,
  entry: { enteredOn: string; simfoniNumber: string; by: string },
  now: Date,
): Promise<'ok' | 'conflict' | 'missing'> {
  const r = await versionedUpdate(
    db,
    'case_file',
    id,
    version,
    {
      simfoni_entered_on: entry.enteredOn,
      simfoni_number: entry.simfoniNumber,
      simfoni_entered_by: entry.by,
      simfoni_recorded_at: now,
    },
    now,
  )
    .where('jurisdiction', '=', scope.jurisdiction)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 1) return 'ok';
  const exists = await casesOf(db, scope).select('c.id').where('c.id', '=', id).executeTakeFirst();
  return exists ? 'conflict' : 'missing';
}
