/**
 * src/db/schema.ts mirrors the migrations by hand (issue 10 §3): this test reads its table
 * interfaces and compares them with what the migrated database says in information_schema —
 * every table, every column, and whether it may be NULL — so the mirror cannot drift. A column
 * added by a migration but not to schema.ts (or misspelt there) fails here, not in production.
 */
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_STATUSES } from '../../src/domain/intake.ts';
import { ROLES } from '../../src/domain/policy.ts';
import {
  CONSENT_BASES,
  REFERRAL_STATUSES,
  TRANSFER_LEVELS,
  TRANSFER_STATUSES,
  URGENCIES,
} from '../../src/domain/referrals.ts';
import { RECORD_KIND_NAMES } from '../../src/domain/schemas.ts';
import { STAGES } from '../../src/domain/stages.ts';
import { PERSON_ROLES, RISK_LEVELS } from '../../src/domain/taxonomies.ts';
import { createHarness, ENGINES, type Harness } from '../helpers/harness.ts';

/** The code-list columns and the domain list each must hold (migration 0017). */
const CODE_LISTS: Array<[table: string, column: string, codes: readonly string[]]> = [
  ['case_file', 'stage', STAGES],
  ['case_file', 'risk', RISK_LEVELS.map((x) => x.code)],
  ['app_user', 'role', ROLES],
  ['person', 'role', PERSON_ROLES.map((x) => x.code)],
  ['case_record', 'kind', RECORD_KIND_NAMES],
  ['referral', 'status', REFERRAL_STATUSES],
  ['referral', 'urgency', URGENCIES],
  ['referral', 'consent_basis', CONSENT_BASES],
  ['intake', 'status', INTAKE_STATUSES],
  ['case_transfer', 'status', TRANSFER_STATUSES],
  ['case_transfer', 'level', TRANSFER_LEVELS],
];

type Mirror = Map<string, Map<string, { nullable: boolean }>>;

/** Tables and columns as schema.ts declares them (its interfaces are one property per line). */
function readMirror(): Mirror {
  const text = readFileSync(new URL('../../src/db/schema.ts', import.meta.url), 'utf8');
  const interfaces = new Map<string, string>();
  for (const m of text.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)) interfaces.set(m[1]!, m[2]!);
  const props = (body: string) =>
    body
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('/') && !l.startsWith('*'))
      .map((l) => /^([a-z_0-9]+)\??: (.*);$/.exec(l))
      .filter((m): m is RegExpExecArray => m !== null);
  const mirror: Mirror = new Map();
  for (const [, table, iface] of props(interfaces.get('Database') ?? '').map((m) => [m[0], m[1]!, m[2]!])) {
    const columns = new Map<string, { nullable: boolean }>();
    for (const m of props(interfaces.get(iface!) ?? ''))
      columns.set(m[1]!, { nullable: /\|\s*null\b/.test(m[2]!) });
    mirror.set(table!, columns);
  }
  return mirror;
}

describe.each(ENGINES)('schema.ts mirrors the migrated database on %s', (engine) => {
  let h: Harness;
  let actual: Mirror;
  beforeAll(async () => {
    h = await createHarness(engine);
    const rows = await sql<{ table_name: string; column_name: string; is_nullable: string }>`
      SELECT c.table_name, c.column_name, c.is_nullable
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        AND c.table_name <> 'schema_migration'`.execute(h.svc.conn.db);
    actual = new Map();
    for (const r of rows.rows) {
      if (!actual.has(r.table_name)) actual.set(r.table_name, new Map());
      actual.get(r.table_name)!.set(r.column_name, { nullable: r.is_nullable === 'YES' });
    }
  });
  afterAll(async () => h?.close());

  it('has the same tables', () => {
    expect([...readMirror().keys()].sort()).toEqual([...actual.keys()].sort());
  });

  it('has the same columns in each table, nullable exactly where the database allows NULL', () => {
    const mirror = readMirror();
    const differences: string[] = [];
    for (const [table, columns] of actual) {
      const declared = mirror.get(table);
      if (!declared) continue;
      for (const [column, { nullable }] of columns) {
        const d = declared.get(column);
        if (!d) differences.push(`${table}.${column}: in the database, not in schema.ts`);
        else if (d.nullable !== nullable)
          differences.push(
            `${table}.${column}: ${nullable ? 'NULL allowed' : 'NOT NULL'} in the database, ${d.nullable ? '| null' : 'not null'} in schema.ts`,
          );
      }
      for (const column of declared.keys())
        if (!columns.has(column)) differences.push(`${table}.${column}: in schema.ts, not in the database`);
    }
    expect(differences).toEqual([]);
  });

  it.each(CODE_LISTS)(
    '%s.%s takes exactly the codes of its list in src/domain',
    async (table, column, codes) => {
      const r = await sql<{ def: string }>`
      SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conname = ${`${table}_${column}_code`}`.execute(h.svc.conn.db);
      expect(r.rows, `constraint ${table}_${column}_code`).toHaveLength(1);
      const inDb = [...r.rows[0]!.def.matchAll(/'([^']*)'/g)].map((m) => m[1]!);
      expect([...inDb].sort()).toEqual([...codes].sort());
    },
  );

  it('refuses a code outside the list, whatever writes it', async () => {
    await expect(
      sql`UPDATE app_user SET role = 'raja' WHERE email = 'manajer@lebak.demo'`.execute(h.svc.conn.db),
    ).rejects.toThrow(/app_user_role_code/);
  });
});
