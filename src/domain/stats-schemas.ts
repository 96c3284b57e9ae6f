/** What the dashboard takes and answers (issue 11 §1; decision 024). */
import { z } from 'zod';
import { LabelSchema } from './dto.ts';
import { isoDate } from './schemas.ts';
import { CASE_TYPE_FILTERS, MAX_RANGE_DAYS, MEASURES, monthsOf } from './stats.ts';

const regionCode = z.string().regex(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, 'invalid_region');

/**
 * A range of whole local months (figures are kept per month), at most five years; the region
 * (province, kab/kota, kecamatan or desa code) defaults to the actor's own.
 */
const dashboardFields = {
  from: isoDate,
  to: isoDate,
  region: regionCode.optional(),
  caseType: z.enum(CASE_TYPE_FILTERS, { message: 'invalid_value' }).default('semua'),
};
function wholeMonthRange(q: { from: string; to: string }, ctx: z.RefinementCtx) {
  if (q.to < q.from) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'date_before_from' });
    return;
  }
  if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 > MAX_RANGE_DAYS)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'range_too_long' });
  else if (!monthsOf(q.from, q.to))
    ctx.addIssue({ code: 'custom', path: [q.from.endsWith('-01') ? 'to' : 'from'], message: 'whole_months' });
}
export const DashboardQuery = z.strictObject(dashboardFields).superRefine(wholeMonthRange);
export type DashboardQuery = z.infer<typeof DashboardQuery>;

const Compared = z.object({ n: z.number().int(), before: z.number().int() });
const Area = z.object({
  code: z.string(),
  name: z.string(),
  cases: z.number().int(),
  victims: z.number().int(),
  casesBefore: z.number().int(),
  victimsBefore: z.number().int(),
});
const FigureRow = z.object({
  code: z.string(),
  label: LabelSchema,
  n: z.number().int(),
  before: z.number().int(),
});

export const DashboardDto = z
  .object({
    region: z.object({
      code: z.string(),
      name: z.string(),
      /** 1 province, 2 kab/kota, 3 kecamatan, 4 desa/kelurahan */
      level: z.number().int(),
      zone: z.enum(['WIB', 'WITA', 'WIT']),
      /** from the province down to this region, to go back up */
      path: z.array(z.object({ code: z.string(), name: z.string() })),
    }),
    period: z.object({ from: z.string(), to: z.string() }),
    compare: z.object({ from: z.string(), to: z.string() }),
    caseType: z.enum(CASE_TYPE_FILTERS),
    /** the period reaches past today (local): its figures run to this day only, the comparison is the whole period a year earlier */
    through: z.string().nullable(),
    /** when the figures were read; changes not yet counted wait in the worker's queue */
    asOf: z.string(),
    pendingChanges: z.number().int(),
    totals: z.object({
      cases: Compared,
      victims: Compared,
      /** persons: a victim recorded (by NIK) in several cases of the period counts once; null below kab/kota */
      victimPersons: Compared.nullable(),
      /** null for a desa/kelurahan (it keeps cases and victims only) */
      perpetrators: Compared.nullable(),
    }),
    /** the areas one level down (kab/kota of a province, kecamatan, desa); none below a kecamatan */
    areas: z.array(Area),
    /** 24 months ending with the period's last month */
    trend: z.array(z.object({ month: z.string(), cases: z.number().int(), victims: z.number().int() })),
    figures: z.array(
      z.object({
        measure: z.enum(MEASURES),
        title: LabelSchema,
        unit: z.enum(['kasus', 'korban', 'terlapor', 'pasangan', 'hak']),
        note: LabelSchema.nullable(),
        /** the case list's filter a row opens, for a role that may list cases */
        caseFilter: z.enum(['stage', 'risk', 'form']).nullable(),
        rows: z.array(FigureRow),
        total: z.number().int(),
      }),
    ),
    rights: z.array(
      z.object({
        right: z.string(),
        label: LabelSchema,
        /** victims per status code (src/domain/taxonomies.ts RIGHT_STATUSES) */
        statuses: z.record(z.string(), z.number().int()),
        /** fulfilled / (needed: every status but "not needed" and "not assessed"); null when none needed */
        fulfilledShare: z.number().nullable(),
      }),
    ),
    handling: z.object({
      /** the value group of the median and 90th percentile (e.g. "<=6" hours); null when nothing responded */
      responseMedian: z.object({ code: z.string(), label: LabelSchema }).nullable(),
      responseP90: z.object({ code: z.string(), label: LabelSchema }).nullable(),
      withinDeadlineShare: z.number().nullable(),
      policeWithin72hShare: z.number().nullable(),
      closureMedian: z.object({ code: z.string(), label: LabelSchema }).nullable(),
      /** open cases (any period) by how long ago they were received */
      openByAge: z.array(z.object({ code: z.string(), label: LabelSchema, n: z.number().int() })),
      /** the caseload now per unit (and officer, for roles that may see names) */
      workload: z.array(
        z.object({
          unit: z.string(),
          officer: z.string().nullable(),
          openCases: z.number().int(),
          overdueTasks: z.number().int(),
          overdueHighRisk: z.number().int(),
        }),
      ),
      workloadAt: z.string().nullable(),
    }),
    signals: z.array(
      z.object({
        kind: z.enum(['lonjakan_kecamatan', 'risiko_tinggi_terlambat', 'korban_berulang']),
        text: LabelSchema,
        area: z.string().nullable(),
        n: z.number().int(),
      }),
    ),
  })
  .meta({ id: 'DashboardDto' });
export type DashboardDto = z.infer<typeof DashboardDto>;

/* ---- the periodic report (issue 11 §2) ---- */

/** `2026` (a year), `2026-Q3` (a quarter) or `2026-11` (a month). */
export const PeriodSpec = z
  .string()
  .regex(/^\d{4}(-Q[1-4]|-(0[1-9]|1[0-2]))?$/, 'invalid_period')
  // as dates are (schemas.ts isoDate): nothing Simpul records is before 1900 or after 2100
  .refine((s) => s.slice(0, 4) >= '1900' && s.slice(0, 4) <= '2100', 'invalid_period');

export const PeriodicReportQuery = z.strictObject({
  period: PeriodSpec,
  region: regionCode.optional(),
  caseType: z.enum(CASE_TYPE_FILTERS, { message: 'invalid_value' }).default('semua'),
});
export type PeriodicReportQuery = z.infer<typeof PeriodicReportQuery>;

/** One table of the dashboard as a spreadsheet: the dashboard's query and the table's key. */
export const DashboardTableQuery = z
  .strictObject({ ...dashboardFields, table: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'invalid_value') })
  .superRefine(wholeMonthRange);
export type DashboardTableQuery = z.infer<typeof DashboardTableQuery>;

/** 18 digits; written with spaces as on a card ("19700101 199503 2 001") is read the same */
const nip = z
  .string()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{18}$/, 'invalid_nip'));

/** The letterhead of the report, as the Dinas admin sets it; `version` of what they saw (0: none yet). */
export const ReportSettingsInput = z.strictObject({
  version: z.number().int().min(0),
  dinasName: z.string().trim().min(3, 'required').max(200, 'too_long'),
  address: z.string().trim().max(300, 'too_long').nullish(),
  headTitle: z.string().trim().min(3, 'required').max(120, 'too_long'),
  headName: z.string().trim().min(3, 'required').max(120, 'too_long'),
  headNip: nip.nullish(),
});
export type ReportSettingsInput = z.infer<typeof ReportSettingsInput>;

export const ReportSettingsDto = z
  .object({
    jurisdiction: z.string(),
    dinasName: z.string(),
    address: z.string().nullable(),
    headTitle: z.string(),
    headName: z.string(),
    headNip: z.string().nullable(),
    hasLogo: z.boolean(),
    /** 0: not set yet (the defaults shown) */
    version: z.number().int(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'ReportSettingsDto' });
export type ReportSettingsDto = z.infer<typeof ReportSettingsDto>;
