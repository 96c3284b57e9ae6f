/**
 * Forward-only migrator. Each file in migrations/ runs once, in name order, inside a
 * transaction; its SHA-256 is recorded, and a file changed after it was applied stops the
 * process (a migration must never be edited, only followed by a new one).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { Db } from './connect.ts';

const DIR = new URL('./migrations/', import.meta.url);

export class MigrationError extends Error {}

export type MigrationResult = { applied: string[]; alreadyApplied: number };

export async function migrate(conn: Db): Promise<MigrationResult> {
  // created only where it is missing: a server connected as a role that owns nothing (and may
  // not create tables) starts once the owner has run the migrations (docs/security.md)
  const has = await sql<{ t: string | null }>`SELECT to_regclass('schema_migration')::text AS t`.execute(
    conn.db,
  );
  if (!has.rows[0]?.t)
    await conn.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const files = readdirSync(DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort();
  const rows = await sql<{
    name: string;
    checksum: string;
  }>`SELECT name, checksum FROM schema_migration`.execute(conn.db);
  const done = new Map(rows.rows.map((r) => [r.name, r.checksum]));
  const applied: string[] = [];
  for (const f of files) {
    const text = readFileSync(new URL(f, DIR), 'utf8');
    const sum = createHash('sha256').update(text).digest('hex');
    const prev = done.get(f);
    if (prev !== undefined) {
      if (prev !== sum)
        throw new MigrationError(`Migration ${f} was changed after it was applied (checksum differs).`);
      continue;
    }
    // one round trip, one connection, one transaction; name and checksum are [a-z0-9_.] only
    await conn.exec(
      `BEGIN;\n${text}\n;INSERT INTO schema_migration (name, checksum) VALUES ('${f}', '${sum}');\nCOMMIT;`,
    );
    applied.push(f);
  }
  for (const name of done.keys()) {
    if (!files.includes(name))
      throw new MigrationError(
        `Database has migration ${name} that this version of Simpul does not know. Upgrade Simpul.`,
      );
  }
  return { applied, alreadyApplied: done.size };
}
