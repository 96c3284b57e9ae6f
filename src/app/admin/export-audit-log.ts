/**
 * The auditor's CSV download of the filtered audit log: the rows as the page shows them, in words,
 * streamed in batches (newest first) from a snapshot taken when the download starts. Excel-ready
 * (UTF-8 with BOM) and safe to open: a cell that starts with = + - @ is written with a leading '
 * so a spreadsheet never runs it as a formula (csv-stringify's escape_formulas; decision 012).
 */
import { stringify } from 'csv-stringify/sync';
import {
  type AuditRow,
  auditHeadId,
  countAuditCapped,
  exportAuditBatch,
} from '../../db/audit-read.repository.ts';
import { AUDIT_EXPORT_MAX_ROWS, type AuditExportQuery } from '../../domain/audit-schemas.ts';
import { AUDIT_OUTCOME_LABELS, type AuditOutcome, ENTITY_WORDS } from '../../domain/audit-words.ts';
import { AppError } from '../../domain/errors.ts';
import { can } from '../../domain/policy.ts';
import { localDateTime, ZONE_ABBR, zoneOfRegion } from '../../domain/time.ts';
import { auditEntryDto, describeObjects } from '../audit-dto.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { auditFilters, filtersForAudit } from './oversight.ts';

const BATCH = 500;

type Lang = 'id' | 'en';

const HEAD: Record<Lang, (zone: string) => string[]> = {
  id: (z) => [
    `Waktu (${z})`,
    'Pelaku',
    'Peran',
    'Lembaga',
    'Tindakan',
    'Data',
    'Hasil',
    'Alamat IP',
    'Kode tindakan',
    'Jenis data',
    'ID data',
    'Nomor catatan audit',
  ],
  en: (z) => [
    `Time (${z})`,
    'Actor',
    'Role',
    'Organisation',
    'Action',
    'Record',
    'Outcome',
    'IP address',
    'Action code',
    'Record type',
    'Record id',
    'Audit entry number',
  ],
};

export async function exportAuditLog(
  ctx: AuthedCtx,
  q: AuditExportQuery,
  lang: Lang,
  opts: { maxRows?: number } = {},
): Promise<{ filename: string; body: ReadableStream<Uint8Array> }> {
  if (!can(ctx.actor, 'audit:read')) throw new AppError('FORBIDDEN');
  const { lang: _lang, ...filters } = q;
  const db = ctx.conn.db;
  const root = ctx.actor.jurisdiction;
  const maxRows = opts.maxRows ?? AUDIT_EXPORT_MAX_ROWS;
  // a snapshot: events recorded after this moment (the export's own included) are not in the file
  const f = { ...auditFilters(ctx.actor, filters), upToId: await auditHeadId(db) };
  if ((await countAuditCapped(db, root, f, maxRows + 1)) > maxRows)
    throw new AppError('AUDIT_EXPORT_TOO_LARGE');
  await audit(ctx, db, {
    action: 'audit.export',
    entity: 'audit',
    entityId: null,
    outcome: 'ok',
    detail: { filters: filtersForAudit(filters), format: 'csv', lang },
  });

  const zoneRegion = root || '31';
  const abbr = ZONE_ABBR[zoneOfRegion(zoneRegion)];
  const enc = new TextEncoder();
  let before: string | null = String(BigInt(f.upToId) + 1n);
  let first = true;
  const line = (r: AuditRow, describe: Parameters<typeof auditEntryDto>[1]): string[] => {
    const e = auditEntryDto(r, describe);
    const outcome = AUDIT_OUTCOME_LABELS[e.outcome as AuditOutcome];
    return [
      localDateTime(new Date(e.at), zoneRegion),
      e.actor[lang],
      e.actorRoleLabel?.[lang] ?? '',
      e.actorOrg?.name ?? '',
      e.words[lang],
      e.object?.[lang] ?? '',
      outcome ? outcome[lang] : e.outcome,
      e.ip ?? '',
      e.action,
      e.entity ? (ENTITY_WORDS[e.entity]?.[lang] ?? e.entity) : '',
      e.entityId ?? '',
      e.id,
    ];
  };

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const rows: AuditRow[] = before === null ? [] : await exportAuditBatch(db, root, f, before, BATCH);
        const describe = await describeObjects(db, rows, { keys: null, root });
        const text = stringify(
          [...(first ? [HEAD[lang](abbr)] : []), ...rows.map((r) => line(r, describe))],
          { bom: first, escape_formulas: true, record_delimiter: 'windows' },
        );
        first = false;
        if (text) controller.enqueue(enc.encode(text));
        if (rows.length < BATCH) {
          before = null;
          controller.close();
        } else before = String(rows[rows.length - 1]!.id);
      } catch (e) {
        ctx.log.error({ err: (e as Error).message, requestId: ctx.meta.requestId }, 'audit export failed');
        controller.error(e);
      }
    },
  });
  const today = localDateTime(ctx.clock(), zoneRegion).slice(0, 10);
  const slug = (root || 'semua').replace(/\./g, '');
  return { filename: `log-audit-${slug}-${today}.csv`, body };
}
