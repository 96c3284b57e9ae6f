/**
 * The SIMFONI-PPA export (issue 11 §4): every victim × incident of the cases the officer's kab/kota
 * received in a period (local days of its zone, both ends included; SIMFONI counts by reporting
 * date), with SIMFONI's labels and — because SIMFONI needs the identity — names and NIK decrypted.
 * So it is the most guarded read in Simpul: the `data` role, a session signed in with a second
 * factor, a reason, and an audit row with the period, the reason and how many rows left. CSV is
 * UTF-8 with a BOM and CRLF (Excel-ready); a cell starting with = + - @ (or a tab or CR) gets a
 * leading ' so a spreadsheet never runs it (decision 012). XLSX cells are text, never formulas.
 */
import { stringify } from 'csv-stringify/sync';
import writeXlsxFile from 'write-excel-file/node';
import { simfoniCasesInPeriod } from '../../db/simfoni.repository.ts';
import { AppError } from '../../domain/errors.ts';
import { can, canExportSimfoni } from '../../domain/policy.ts';
import {
  SIMFONI_COLUMNS,
  SIMFONI_EXPORT_MAX_ROWS,
  type SimfoniExportQuery,
  type SimfoniRow,
  simfoniRows,
} from '../../domain/simfoni.ts';
import { localDayStart } from '../../domain/time.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { gatherSimfoniFacts } from './facts.ts';

const DAY = 86_400_000;

export const SIMFONI_MIME = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export type SimfoniExport = { filename: string; mime: string; body: Uint8Array | string; rows: number };

export async function exportSimfoni(
  ctx: AuthedCtx,
  q: SimfoniExportQuery,
  session: { twoFactor: boolean },
  opts: { maxRows?: number } = {},
): Promise<SimfoniExport> {
  const refused = (code: 'FORBIDDEN' | 'TWO_FACTOR_REQUIRED') =>
    new AppError(code, undefined, {
      action: 'simfoni.export',
      entity: 'case',
      entityId: null,
      outcome: 'denied',
    });
  if (!can(ctx.actor, 'simfoni:export')) throw refused('FORBIDDEN');
  if (!canExportSimfoni(ctx.actor, session)) throw refused('TWO_FACTOR_REQUIRED');
  const maxRows = opts.maxRows ?? SIMFONI_EXPORT_MAX_ROWS;
  const db = ctx.conn.db;
  const j = ctx.actor.jurisdiction;
  const scope = { jurisdiction: j };

  // every case has at least one row once it has a victim: more cases than rows allowed is too many
  const cases = await simfoniCasesInPeriod(
    db,
    scope,
    localDayStart(q.from, j),
    new Date(localDayStart(q.to, j).getTime() + DAY),
    maxRows + 1,
  );
  const facts = await gatherSimfoniFacts(db, ctx.keys, cases, { identity: true });
  const rows: SimfoniRow[] = [];
  for (const c of cases)
    for (const r of simfoniRows(facts.get(c.id)!)) rows.push({ no: String(rows.length + 1), ...r });
  if (rows.length > maxRows || cases.length > maxRows)
    throw new AppError('SIMFONI_EXPORT_TOO_LARGE', undefined, {
      action: 'simfoni.export',
      entity: 'case',
      entityId: null,
      outcome: 'failed',
    });

  await audit(ctx, db, {
    action: 'simfoni.export',
    entity: 'case',
    entityId: null,
    outcome: 'ok',
    detail: {
      from: q.from,
      to: q.to,
      format: q.format,
      reason: q.reason,
      rows: rows.length,
      cases: cases.length,
    },
  });

  const filename = `simfoni-${j.replace(/\./g, '')}-${q.from}_${q.to}.${q.format}`;
  const head = SIMFONI_COLUMNS.map(([, label]) => label);
  const cells = (r: SimfoniRow) => SIMFONI_COLUMNS.map(([k]) => r[k]);
  if (q.format === 'csv') {
    const body = stringify([head, ...rows.map(cells)], {
      bom: true,
      escape_formulas: true,
      record_delimiter: 'windows',
    });
    return { filename, mime: SIMFONI_MIME.csv, body, rows: rows.length };
  }
  const sheet = [
    head.map((value) => ({ value, fontWeight: 'bold' as const })),
    ...rows.map((r) =>
      SIMFONI_COLUMNS.map(([k]) =>
        k === 'no' ? { value: Number(r.no), type: Number } : { value: r[k], type: String },
      ),
    ),
  ];
  const buffer = await writeXlsxFile(sheet, {
    sheet: 'SIMFONI-PPA',
    stickyRowsCount: 1,
    columns: SIMFONI_COLUMNS.map(([k]) => ({ width: k === 'no' ? 6 : k === 'victimNik' ? 20 : 18 })),
  }).toBuffer();
  return { filename, mime: SIMFONI_MIME.xlsx, body: new Uint8Array(buffer), rows: rows.length };
}
