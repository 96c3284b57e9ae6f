/**
 * KLA indicator sets per year (issue 13 §1; decision 035). The set for a year is its newest
 * imported version, or — for a year with none — the set Simpul ships (version 0). An `admin`
 * imports a corrected set as JSON or as an XLSX sheet of indicators; every problem comes back as a
 * field code at its path (`indicators.4.weight: required`). An evaluation that has begun keeps the
 * version it began with.
 */
import { randomUUID } from 'node:crypto';
import { findSet, insertSetVersion, latestSetVersion, listSetVersions } from '../../db/kla.repository.ts';
import type { KlaSetDto } from '../../domain/contract/kla.ts';
import { AppError } from '../../domain/errors.ts';
import { type KlaIndicatorSet, parseIndicatorSet, type SetProblem, setFromSheet } from '../../domain/kla.ts';
import { DEFAULT_KLA_SET } from '../../domain/kla-default-set.ts';
import { canImportKlaSet, klaScope } from '../../domain/policy.ts';
import { type AuthedCtx, audit, type Tx } from '../context.ts';
import { setOf } from './access.ts';
import { sheetRows } from './sheet-rows.ts';

async function setDto(db: Tx, year: number, version: number): Promise<KlaSetDto> {
  const set = await setOf(db, year, version);
  const row = version === 0 ? null : await findSet(db, year, version);
  const versions = await listSetVersions(db, year);
  return {
    year,
    version,
    shipped: version === 0,
    label: set.label,
    source: set.source,
    importedAt: row ? new Date(row.imported_at).toISOString() : null,
    set,
    versions: versions.map((v) => ({
      version: v.version,
      label: v.label,
      importedAt: new Date(v.imported_at).toISOString(),
      importedBy: v.imported_by_name,
    })),
  };
}

/** The set in force for a year: whoever has KLA work, and the administrator who imports sets. */
export async function getKlaSet(ctx: AuthedCtx, year: number): Promise<KlaSetDto> {
  if (klaScope(ctx.actor).kind === 'none' && !canImportKlaSet(ctx.actor))
    throw new AppError('FORBIDDEN', undefined, {
      action: 'kla.set.read',
      entity: 'kla_indicator_set',
      entityId: null,
      outcome: 'denied',
    });
  const db = ctx.conn.db;
  return setDto(db, year, await latestSetVersion(db, year));
}

const problemsError = (problems: SetProblem[]) =>
  new AppError(
    'VALIDATION_FAILED',
    Object.fromEntries(problems.slice(0, 200).map((p) => [p.path || '_form', p.code])),
  );

async function store(ctx: AuthedCtx, set: KlaIndicatorSet, via: 'json' | 'xlsx'): Promise<KlaSetDto> {
  const action = 'kla.set.import';
  return ctx.conn.db.transaction().execute(async (trx) => {
    const id = randomUUID();
    const version = await insertSetVersion(trx, {
      id,
      year: set.year,
      label: set.label,
      source: set.source,
      content: JSON.stringify(set),
      imported_by: ctx.actor.userId,
      imported_at: ctx.clock(),
    });
    // another import of the same year took the number at the same moment
    if (version === null) throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action,
      entity: 'kla_indicator_set',
      entityId: id,
      outcome: 'ok',
      detail: { year: set.year, version, via, indicators: set.indicators.length },
    });
    return setDto(trx, set.year, version);
  });
}

function mayImport(ctx: AuthedCtx): void {
  if (!canImportKlaSet(ctx.actor))
    throw new AppError('FORBIDDEN', undefined, {
      action: 'kla.set.import',
      entity: 'kla_indicator_set',
      entityId: null,
      outcome: 'denied',
    });
}

/** Imports a set sent as JSON (the shape of src/domain/kla.ts KlaIndicatorSetInput). */
export async function importKlaSet(ctx: AuthedCtx, body: unknown): Promise<KlaSetDto> {
  mayImport(ctx);
  const parsed = parseIndicatorSet(body);
  if (!parsed.ok) throw problemsError(parsed.problems);
  return store(ctx, parsed.set, 'json');
}

/**
 * Imports a set from an XLSX sheet of indicators (columns: number, group, wording, wordingEn,
 * evidence, weight, scoring, wordingConfirmed, weightConfirmed, autoSource) with `year`, `label`
 * and `source` given in the query; groups and categories are those of the shipped set.
 */
export async function importKlaSetXlsx(
  ctx: AuthedCtx,
  bytes: Uint8Array,
  meta: { year?: string | undefined; label?: string | undefined; source?: string | undefined },
): Promise<KlaSetDto> {
  mayImport(ctx);
  const rows = sheetRows(bytes);
  const parsed = setFromSheet(
    rows,
    { year: meta.year, label: meta.label, source: meta.source },
    DEFAULT_KLA_SET,
  );
  if (!parsed.ok) throw problemsError(parsed.problems);
  return store(ctx, parsed.set, 'xlsx');
}
