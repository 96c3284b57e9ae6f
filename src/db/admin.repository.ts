/** Users and organisations as administrators see them, within a region subtree. */
import { sql } from 'kysely';
import type { Tx } from './connect.ts';
import { usersWithOrg } from './user.repository.ts';

/** Escapes LIKE wildcards (PostgreSQL's default escape character is the backslash). */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, '\\$&');
}

const within = (col: string, root: string) =>
  root === ''
    ? sql<boolean>`true`
    : sql<boolean>`(${sql.ref(col)} = ${root} OR ${sql.ref(col)} LIKE ${`${root}.%`})`;

export function listOrganisations(db: Tx, root: string, q?: string) {
  let query = db
    .selectFrom('organisation as o')
    .leftJoin('region as r', 'r.code', 'o.region_code')
    .leftJoin('region as jr', 'jr.code', 'o.jurisdiction')
    .selectAll('o')
    .select(['r.name as region_name', 'jr.name as jurisdiction_name'])
    .where(within('o.jurisdiction', root))
    .orderBy('o.jurisdiction')
    .orderBy('o.name')
    .limit(500);
  if (q) query = query.where('o.name', 'ilike', `%${likeEscape(q)}%`);
  return query.execute();
}

export function getOrganisation(db: Tx, id: string) {
  return db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listUsers(db: Tx, root: string) {
  return usersWithOrg(db)
    .where(within('o.jurisdiction', root))
    .orderBy('o.jurisdiction')
    .orderBy('u.email')
    .limit(1000)
    .execute();
}

export function userInSubtree(db: Tx, root: string, id: string) {
  return db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.id', 'u.org_id')
    .select(['u.id', 'u.role', 'u.email', 'u.version', 'u.org_id', 'o.jurisdiction', 'o.type as org_type'])
    .where('u.id', '=', id)
    .where(within('o.jurisdiction', root))
    .executeTakeFirst();
}

export async function caseStats(db: Tx, root: string) {
  const byStage = await db
    .selectFrom('case_file as c')
    .select(['c.stage', (eb) => eb.fn.countAll<string>().as('n')])
    .where(within('c.jurisdiction', root))
    .groupBy('c.stage')
    .execute();
  const byRisk = await db
    .selectFrom('case_file as c')
    .select(['c.risk', (eb) => eb.fn.countAll<string>().as('n')])
    .where(within('c.jurisdiction', root))
    .groupBy('c.risk')
    .execute();
  const byForm = (
    await sql<{ form: string; n: string }>`
      SELECT f.form, count(DISTINCT i.case_id) AS n
      FROM incident i JOIN case_file c ON c.id = i.case_id, unnest(i.forms) AS f(form)
      WHERE ${within('c.jurisdiction', root)}
      GROUP BY f.form`.execute(db)
  ).rows;
  return { byStage, byRisk, byForm };
}
