/** The admin part of the API contract (see ./define.ts): accounts, organisations, holidays, audit. */
import { z } from 'zod';
import { AuditExportQuery, AuditQuery } from '../audit-schemas.ts';
import { AUDIT_CATEGORIES, AUDIT_OUTCOMES } from '../audit-words.ts';
import { AuditPage, LabelSchema, OrgDto, UserDto } from '../dto.ts';
import { HOLIDAY_KINDS, HolidayYear, HolidayYearInput } from '../holiday-schemas.ts';
import { IntakeReroute } from '../intake-schemas.ts';
import { ROLES } from '../policy.ts';
import { OrgInput, OrgUpdate, UserCreateInput, UserUpdateInput, uuid } from '../schemas.ts';
import { listOf, routes } from './define.ts';

const Id = z.object({ id: uuid });
const tags = ['Administrasi'];
const auditTags = ['Audit'];

/** A national holiday or cuti bersama day. */
export const HolidayDto = z
  .object({
    /** YYYY-MM-DD */
    date: z.string(),
    name: z.string(),
    kind: z.enum(HOLIDAY_KINDS),
  })
  .meta({ id: 'HolidayDto' });
export type HolidayDto = z.infer<typeof HolidayDto>;

/** A year's holidays: the whole list, and the year it is of. */
export const HolidayYearDto = listOf(HolidayDto)
  .extend({ year: z.number().int() })
  .meta({ id: 'HolidayYearDto' });
export type HolidayYearDto = z.infer<typeof HolidayYearDto>;

/** A report that no inbox can see (metadata only, never the content). */
export const OrphanIntakeDto = z
  .object({
    id: z.string(),
    code: z.string(),
    channel: z.string(),
    jurisdiction: z.string(),
    jurisdictionName: z.string().nullable(),
    status: z.string(),
    receivedAt: z.string(),
    dangerNow: z.boolean(),
    version: z.number().int(),
  })
  .meta({ id: 'OrphanIntakeDto' });
export type OrphanIntakeDto = z.infer<typeof OrphanIntakeDto>;

/** Where a report that no inbox could see was moved. */
export const RerouteResultDto = z.object({ jurisdiction: z.string() }).meta({ id: 'RerouteResultDto' });
export type RerouteResultDto = z.infer<typeof RerouteResultDto>;

/** A temporary password, shown once to the administrator who hands it over. */
export const PasswordResetDto = z.object({ temporaryPassword: z.string() }).meta({ id: 'PasswordResetDto' });
export type PasswordResetDto = z.infer<typeof PasswordResetDto>;

/** What the audit filter form offers. */
export const AuditFilterChoicesDto = z
  .object({
    /** the zone the date filters are read in */
    zone: z.string(),
    zoneAbbr: z.string(),
    roles: z.array(z.object({ code: z.enum(ROLES), label: LabelSchema })),
    categories: z.array(z.object({ code: z.enum(AUDIT_CATEGORIES), label: LabelSchema })),
    outcomes: z.array(z.object({ code: z.enum(AUDIT_OUTCOMES), label: LabelSchema })),
    /** the organisations whose staff the auditor oversees */
    organisations: z.array(z.object({ id: z.string(), name: z.string(), typeLabel: LabelSchema.nullable() })),
  })
  .meta({ id: 'AuditFilterChoicesDto' });
export type AuditFilterChoicesDto = z.infer<typeof AuditFilterChoicesDto>;

/** Case counts of a region, without personal data. */
export const StatsSummaryDto = z
  .object({
    /** the region counted (the reader's jurisdiction; '' = all of Indonesia) */
    region: z.string(),
    total: z.number().int(),
    /** cases per stage */
    byStage: z.record(z.string(), z.number().int()),
    /** cases per risk level ('belum_dinilai' = not assessed) */
    byRisk: z.record(z.string(), z.number().int()),
    /** cases per form of violence (a case counts once per form) */
    byForm: z.record(z.string(), z.number().int()),
  })
  .meta({ id: 'StatsSummaryDto' });
export type StatsSummaryDto = z.infer<typeof StatsSummaryDto>;

export const adminRoutes = routes({
  'GET /admin/holidays/{year}': {
    summary: 'Hari libur nasional dan cuti bersama satu tahun (hari kerja tenggat melewatinya)',
    tags,
    params: HolidayYear,
    response: HolidayYearDto,
  },
  'PUT /admin/holidays/{year}': {
    summary: 'Ganti daftar hari libur nasional dan cuti bersama satu tahun (admin sistem)',
    tags,
    params: HolidayYear,
    body: HolidayYearInput,
    response: HolidayYearDto,
  },
  'GET /admin/orphan-intake': {
    summary: 'Laporan yang tidak masuk kotak masuk mana pun (hanya metadata)',
    tags,
    response: listOf(OrphanIntakeDto),
  },
  'POST /admin/orphan-intake/{id}/route': {
    summary: 'Pindahkan laporan ke kotak masuk yang ada petugasnya',
    tags,
    params: Id,
    body: IntakeReroute,
    response: RerouteResultDto,
  },
  'GET /admin/users': { summary: 'Daftar pengguna', tags, response: listOf(UserDto) },
  'POST /admin/users': {
    summary: 'Buat pengguna',
    tags,
    body: UserCreateInput,
    response: UserDto,
    status: 201,
  },
  'PATCH /admin/users/{id}': {
    summary: 'Ubah pengguna (peran, nonaktifkan)',
    tags,
    params: Id,
    body: UserUpdateInput,
    response: UserDto,
  },
  'POST /admin/users/{id}/reset-password': {
    summary: 'Setel ulang kata sandi',
    tags,
    params: Id,
    response: PasswordResetDto,
  },
  'GET /admin/organisations': { summary: 'Daftar lembaga', tags, response: listOf(OrgDto) },
  'POST /admin/organisations': {
    summary: 'Buat lembaga',
    tags,
    body: OrgInput,
    response: OrgDto,
    status: 201,
  },
  'PATCH /admin/organisations/{id}': {
    summary: 'Ubah lembaga',
    tags,
    params: Id,
    body: OrgUpdate,
    response: OrgDto,
  },
  'GET /audit': {
    summary:
      'Log audit (auditor): dalam kata-kata; filter nama, peran, lembaga, rentang tanggal (hari lokal), kategori, hasil',
    tags: auditTags,
    query: AuditQuery,
    response: AuditPage,
  },
  'GET /audit/filters': {
    summary: 'Pilihan filter log audit: peran, kategori, hasil, lembaga yang diawasi',
    tags: auditTags,
    response: AuditFilterChoicesDto,
  },
  'GET /audit/export.csv': {
    summary: 'Unduh log audit yang difilter sebagai CSV (UTF-8 dengan BOM; tercatat sebagai audit.export)',
    tags: auditTags,
    query: AuditExportQuery,
    response: { file: ['text/csv'] },
  },
  'GET /stats/summary': {
    summary: 'Ringkasan agregat (tanpa data pribadi)',
    tags: ['Statistik'],
    response: StatsSummaryDto,
  },
});
