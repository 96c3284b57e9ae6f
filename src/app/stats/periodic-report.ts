/**
 * The periodic report for the Bupati/Walikota and DPRD (issue 11 §2), its letterhead, and each
 * dashboard table as a spreadsheet. The figures are the dashboard's (aggregates only).
 */
import writeXlsxFile from 'write-excel-file/node';
import { getRegion } from '../../db/region.repository.ts';
import {
  findReportSettings,
  saveReportLogo,
  saveReportSettings,
} from '../../db/report-settings.repository.ts';
import { coordinationNarrative, coordinationTables } from '../../domain/coordination-report.ts';
import { AppError } from '../../domain/errors.ts';
import { can, dashboardScope } from '../../domain/policy.ts';
import {
  dateWords,
  lowerFirst,
  narrative,
  type ReportTable,
  rangeWords,
  reportTables,
} from '../../domain/report.ts';
import { type Period, parsePeriod } from '../../domain/stats.ts';
import type {
  DashboardDto,
  DashboardTableQuery,
  PeriodicReportQuery,
  ReportSettingsDto,
  ReportSettingsInput,
} from '../../domain/stats-schemas.ts';
import { localDate } from '../../domain/time.ts';
import { type AuthedCtx, audit } from '../context.ts';
import { coordinationFigures } from './coordination.ts';
import { dashboard } from './dashboard.ts';

export const MAX_LOGO_BYTES = 512 * 1024;
/** the longest side of a logo, in pixels (a letterhead prints it about 2 cm wide) */
export const MAX_LOGO_PIXELS = 2000;

/** Width and height from a PNG's IHDR chunk; null when it is not one. */
export function pngSize(b: Uint8Array): { width: number; height: number } | null {
  if (b.length < 24 || String.fromCharCode(b[12]!, b[13]!, b[14]!, b[15]!) !== 'IHDR') return null;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return { width: v.getUint32(16), height: v.getUint32(20) };
}

/** Width and height from a JPEG's first start-of-frame marker; null when there is none. */
export function jpegSize(b: Uint8Array): { width: number; height: number } | null {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1]!;
    const len = v.getUint16(i + 2);
    // SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { height: v.getUint16(i + 5), width: v.getUint16(i + 7) };
    i += 2 + len;
  }
  return null;
}

export type Letterhead = ReportSettingsDto & { logo: Uint8Array | null; logoMime: string | null };

/** The letterhead of the actor's Dinas (its kab/kota or province), or the defaults from the region's name. */
export async function letterhead(ctx: AuthedCtx, jurisdiction: string): Promise<Letterhead> {
  const db = ctx.conn.db;
  const s = await findReportSettings(db, jurisdiction);
  if (s)
    return {
      jurisdiction,
      dinasName: s.dinas_name,
      address: s.address,
      headTitle: s.head_title,
      headName: s.head_name,
      headNip: s.head_nip,
      hasLogo: s.logo !== null,
      version: s.version,
      updatedAt: new Date(s.updated_at).toISOString(),
      logo: s.logo,
      logoMime: s.logo_mime,
    };
  const region = await getRegion(db, jurisdiction);
  const name = region?.name ?? jurisdiction;
  const place = jurisdiction.length === 2 ? `Provinsi ${name}` : name;
  return {
    jurisdiction,
    dinasName: `Dinas Pemberdayaan Perempuan dan Perlindungan Anak ${place}`,
    address: null,
    headTitle: 'Kepala Dinas',
    headName: '……………………………',
    headNip: null,
    hasLogo: false,
    version: 0,
    updatedAt: null,
    logo: null,
    logoMime: null,
  };
}

function ownJurisdiction(ctx: AuthedCtx, cap: 'dashboard:read' | 'report:settings'): string {
  const j =
    cap === 'dashboard:read'
      ? dashboardScope(ctx.actor)
      : can(ctx.actor, cap)
        ? ctx.actor.jurisdiction
        : null;
  if (j === null) throw new AppError('FORBIDDEN');
  return j;
}

export async function getReportSettings(ctx: AuthedCtx): Promise<ReportSettingsDto> {
  const j = can(ctx.actor, 'report:settings')
    ? ctx.actor.jurisdiction
    : ownJurisdiction(ctx, 'dashboard:read');
  const { logo: _l, logoMime: _m, ...dto } = await letterhead(ctx, j);
  return dto;
}

export async function setReportSettings(
  ctx: AuthedCtx,
  input: ReportSettingsInput,
): Promise<ReportSettingsDto> {
  const j = ownJurisdiction(ctx, 'report:settings');
  const now = ctx.clock();
  await ctx.conn.db.transaction().execute(async (trx) => {
    const ok = await saveReportSettings(
      trx,
      j,
      input.version,
      {
        dinas_name: input.dinasName,
        address: input.address ?? null,
        head_title: input.headTitle,
        head_name: input.headName,
        head_nip: input.headNip ?? null,
      },
      ctx.actor.userId,
      now,
    );
    if (!ok) throw new AppError('VERSION_CONFLICT');
    await audit(ctx, trx, {
      action: 'report.settings',
      entity: 'report_settings',
      entityId: j,
      outcome: 'ok',
      detail: null,
    });
  });
  return getReportSettings(ctx);
}

/** The logo: PNG or JPEG by its bytes (not by what the browser says), at most 512 KB. */
export async function setReportLogo(ctx: AuthedCtx, bytes: Uint8Array): Promise<ReportSettingsDto> {
  const j = ownJurisdiction(ctx, 'report:settings');
  if (bytes.length > MAX_LOGO_BYTES) throw new AppError('LOGO_TOO_LARGE');
  const png =
    bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const jpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  if (!png && !jpeg) throw new AppError('LOGO_NOT_IMAGE');
  // a small file can still be a huge picture (11 000 × 11 000 pixels of zeros compress to 470 KB)
  // that every report would unpack: the pixels are read from the header and bounded
  const size = png ? pngSize(bytes) : jpegSize(bytes);
  if (!size) throw new AppError('LOGO_NOT_IMAGE');
  if (size.width > MAX_LOGO_PIXELS || size.height > MAX_LOGO_PIXELS) throw new AppError('LOGO_TOO_LARGE');
  await ctx.conn.db.transaction().execute(async (trx) => {
    const ok = await saveReportLogo(
      trx,
      j,
      bytes,
      png ? 'image/png' : 'image/jpeg',
      ctx.actor.userId,
      ctx.clock(),
    );
    if (!ok) throw new AppError('REPORT_SETTINGS_FIRST');
    await audit(ctx, trx, {
      action: 'report.settings',
      entity: 'report_settings',
      entityId: j,
      outcome: 'ok',
      detail: { logo: true },
    });
  });
  return getReportSettings(ctx);
}

export type PeriodicReport = {
  dashboard: DashboardDto;
  period: Period;
  spec: string;
  letterhead: Letterhead;
  narrative: string[];
  tables: ReportTable[];
  /** "Pencegahan dan koordinasi" for the same period and region; null when the actor reads no coordination records */
  coordination: { narrative: string[]; tables: ReportTable[] } | null;
  issuedAt: string;
};

export async function periodicReport(ctx: AuthedCtx, q: PeriodicReportQuery): Promise<PeriodicReport> {
  const j = ownJurisdiction(ctx, 'dashboard:read');
  const period = parsePeriod(q.period);
  if (!period) throw new AppError('VALIDATION_FAILED', { period: 'invalid_period' });
  // a period that has not begun has nothing to report (one that has begun says how far it goes)
  if (period.from > localDate(ctx.clock(), j))
    throw new AppError('VALIDATION_FAILED', { period: 'date_in_future' });
  const d = await dashboard(ctx, {
    from: period.from,
    to: period.to,
    region: q.region,
    caseType: q.caseType,
  });
  const head = await letterhead(ctx, j);
  const through = d.through ?? d.period.to;
  const coord = await coordinationFigures(
    ctx,
    { code: d.region.code, name: d.region.name },
    d.period.from,
    through,
  );
  await audit(ctx, ctx.conn.db, {
    action: 'report.periodic',
    entity: 'report',
    entityId: null,
    outcome: 'ok',
    detail: { period: q.period, region: d.region.code, caseType: q.caseType },
  });
  return {
    dashboard: d,
    period,
    spec: q.period,
    letterhead: head,
    narrative: narrative(d, period, q.period),
    tables: reportTables(d),
    coordination: coord && {
      narrative: coordinationNarrative(
        coord,
        lowerFirst(period.label.id) + (d.through ? ` (sampai ${dateWords(d.through)})` : ''),
      ),
      tables: coordinationTables(coord),
    },
    issuedAt: ctx.clock().toISOString(),
  };
}

/** One table of the dashboard as an XLSX workbook (numbers as numbers, text as text, never formulas). */
export async function dashboardTableXlsx(ctx: AuthedCtx, q: DashboardTableQuery) {
  const d = await dashboard(ctx, q);
  const t = reportTables(d).find((x) => x.key === q.table);
  if (!t) throw new AppError('VALIDATION_FAILED', { table: 'invalid_value' });
  await audit(ctx, ctx.conn.db, {
    action: 'report.table',
    entity: 'report',
    entityId: null,
    outcome: 'ok',
    detail: { table: q.table, from: q.from, to: q.to, region: d.region.code },
  });
  const title = `${t.title} — ${d.region.name} (${d.region.code}), ${rangeWords({ from: q.from, to: d.through ?? q.to })}${q.caseType === 'semua' ? '' : `, ${q.caseType.toUpperCase()}`}`;
  const sheet = [
    [{ value: title, fontWeight: 'bold' as const }],
    ...(t.note ? [[{ value: t.note, type: String }]] : []),
    [],
    t.head.map((value) => ({ value, fontWeight: 'bold' as const })),
    ...t.rows.map((r) =>
      r.map((v) => (typeof v === 'number' ? { value: v, type: Number } : { value: v ?? '', type: String })),
    ),
  ];
  const buffer = await writeXlsxFile(sheet, {
    sheet: t.title.slice(0, 31).replace(/[\\/?*[\]:]/g, ' '),
    columns: t.head.map((_, i) => ({ width: i === 0 ? 40 : 16 })),
  }).toBuffer();
  const filename = `dasbor-${t.key}-${d.region.code.replace(/\./g, '')}-${q.from}_${q.to}.xlsx`;
  return { body: new Uint8Array(buffer), filename };
}
