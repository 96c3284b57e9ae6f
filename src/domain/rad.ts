/**
 * The regional action plan (RAD PPA, issue 12 §4, decision 032): a plan for a period of years
 * with pillars (strategies) → programmes → activities. Each activity has a responsible
 * OPD/organisation, partners, an indicator with its unit and baseline, one target and one budget
 * (with its source) per year of the plan, optionally the KLA indicator code it serves, and says
 * whether its indicator is filled from Simpul's own data (an "automatic indicator") or by hand.
 *
 * Progress is reported per quarter as **cumulative for the year** ("realisasi s.d. triwulan"):
 * the realised value and the budget used up to the end of that quarter. So the year's figure at
 * quarter Q is the latest report of quarters 1..Q, never a sum of quarters (a desa reached in Q1
 * and again in Q3 counts once, a percentage is never added up).
 *
 * Pure: no I/O, no clock. The roll-up (`rollUp`) takes rows and gives the plan's progress by
 * pillar, programme and responsible organisation.
 */
import { z } from 'zod';
import {
  AUTO_INDICATOR_CODES,
  autoIndicator,
  RAD_BUDGET_SOURCES,
  RAD_STATUSES,
  RAD_UNITS,
} from './rad-codes.ts';
import { reqText, text, uuid } from './schemas.ts';
import { codes } from './taxonomies.ts';

export * from './rad-codes.ts';

/** A plan covers at most this many years (a RAD is usually five). */
export const RAD_MAX_YEARS = 10;
export const RAD_MIN_YEAR = 2000;
export const RAD_MAX_YEAR = 2100;
/** Bounds of a value or a budget (rupiah): beyond them a number is a typing error. */
export const RAD_MAX_VALUE = 1_000_000_000;
export const RAD_MAX_BUDGET = 1_000_000_000_000_000;

export type Quarter = 1 | 2 | 3 | 4;
export const QUARTERS: readonly Quarter[] = [1, 2, 3, 4];

/** The local days a quarter covers, and the year up to its end (cumulative figures). */
export function quarterDays(year: number, quarter: Quarter) {
  const pad = (n: number) => String(n).padStart(2, '0');
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return {
    from: `${year}-${pad(firstMonth)}-01`,
    to: `${year}-${pad(lastMonth)}-${pad(lastDay)}`,
    yearFrom: `${year}-01-01`,
  };
}

/** The quarter a local day (YYYY-MM-DD) is in. */
export function quarterOf(date: string): { year: number; quarter: Quarter } {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return { year: y, quarter: (Math.floor((m - 1) / 3) + 1) as Quarter };
}

/** YYYY-MM-01 of every month from the start of `year` to the end of `quarter`. */
export function monthsToQuarter(year: number, quarter: Quarter): string[] {
  return Array.from({ length: quarter * 3 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}-01`);
}

// ---------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------

const year = z
  .number()
  .int('invalid_year')
  .min(RAD_MIN_YEAR, 'invalid_year')
  .max(RAD_MAX_YEAR, 'invalid_year');
const value = z.number().min(0, 'negative').max(RAD_MAX_VALUE, 'value_too_large');
const money = z.number().int('whole_rupiah').min(0, 'negative').max(RAD_MAX_BUDGET, 'value_too_large');

/** Start ≤ end and at most RAD_MAX_YEARS years, as field errors on `endYear`. */
function periodCheck(p: { startYear: number; endYear: number }, ctx: z.RefinementCtx) {
  if (p.endYear < p.startYear) ctx.addIssue({ code: 'custom', path: ['endYear'], message: 'years_reversed' });
  else if (p.endYear - p.startYear + 1 > RAD_MAX_YEARS)
    ctx.addIssue({ code: 'custom', path: ['endYear'], message: 'rad_period_too_long' });
}

export const RadPlanInput = z
  .strictObject({
    /** e.g. "RAD PPA Kabupaten Lebak 2026–2030" */
    title: reqText(200),
    startYear: year,
    endYear: year,
    /** the regulation that set it (Perbup/Perwal number), free text */
    legalBasis: text(300).nullable().optional(),
  })
  .superRefine(periodCheck);
export type RadPlanInput = z.infer<typeof RadPlanInput>;

export const RadPlanUpdate = z
  .strictObject({
    version: z.number().int().min(1),
    title: reqText(200),
    startYear: year,
    endYear: year,
    legalBasis: text(300).nullable().optional(),
  })
  .superRefine(periodCheck);
export type RadPlanUpdate = z.infer<typeof RadPlanUpdate>;

export const RadPillarInput = z.strictObject({
  /** its number in the plan as the document writes it ("1", "II", "A") */
  code: text(10).optional(),
  title: reqText(300),
});
export const RadPillarUpdate = RadPillarInput.extend({ version: z.number().int().min(1) });
export type RadPillarInput = z.infer<typeof RadPillarInput>;
export type RadPillarUpdate = z.infer<typeof RadPillarUpdate>;
export const RadProgrammeInput = RadPillarInput;
export const RadProgrammeUpdate = RadPillarUpdate;

export const RadTargetInput = z.strictObject({
  year,
  /** the indicator's target for that year (cumulative for the year) */
  target: value,
  /** planned budget in rupiah for that year */
  budget: money,
  budgetSource: z.enum(codes(RAD_BUDGET_SOURCES)),
});
export type RadTargetInput = z.infer<typeof RadTargetInput>;

const activityShape = {
  title: reqText(300),
  /** the OPD/organisation responsible (it reports the progress) */
  responsibleOrgId: uuid,
  partnerOrgIds: z.array(uuid).max(20, 'too_many').default([]),
  /** the indicator's wording, e.g. "Jumlah desa yang memiliki PATBM aktif" */
  indicator: reqText(300),
  unit: z.enum(codes(RAD_UNITS)),
  baseline: value.nullable().default(null),
  /**
   * The KLA (Kabupaten/Kota Layak Anak) indicator it serves, as free code text ("V.1", "IV.18").
   * Issue 13 turns KLA indicators into data; until then the code is kept as written.
   */
  klaCode: text(20)
    .refine((s) => s === '' || /^[A-Za-z0-9.\-/ ]+$/.test(s), 'invalid_kla_code')
    .nullable()
    .default(null),
  /** filled from Simpul's own data (one of AUTO_INDICATORS), or null: reported by hand */
  autoIndicator: z.enum(AUTO_INDICATOR_CODES).nullable().default(null),
  targets: z.array(RadTargetInput).max(RAD_MAX_YEARS, 'too_many').default([]),
};

/** A percent indicator's baseline and targets are at most 100; an automatic one has its own unit. */
function activityCheck(
  a: { unit: string; baseline: number | null; autoIndicator: string | null; targets: RadTargetInput[] },
  ctx: z.RefinementCtx,
) {
  const auto = autoIndicator(a.autoIndicator);
  if (auto && auto.unit !== a.unit)
    ctx.addIssue({ code: 'custom', path: ['unit'], message: 'rad_auto_unit' });
  if (a.unit === 'persen') {
    if (a.baseline !== null && a.baseline > 100)
      ctx.addIssue({ code: 'custom', path: ['baseline'], message: 'percent_over_max' });
    a.targets.forEach((t, i) => {
      if (t.target > 100)
        ctx.addIssue({ code: 'custom', path: ['targets', i, 'target'], message: 'percent_over_max' });
    });
  }
  const seen = new Set<number>();
  a.targets.forEach((t, i) => {
    if (seen.has(t.year))
      ctx.addIssue({ code: 'custom', path: ['targets', i, 'year'], message: 'duplicate_year' });
    seen.add(t.year);
  });
}

export const RadActivityInput = z.strictObject(activityShape).superRefine(activityCheck);
export type RadActivityInput = z.infer<typeof RadActivityInput>;
export const RadActivityUpdate = z
  .strictObject({ ...activityShape, version: z.number().int().min(1) })
  .superRefine(activityCheck);
export type RadActivityUpdate = z.infer<typeof RadActivityUpdate>;

/** Targets outside the plan's years, as field errors (`targets.<i>.year`). */
export function targetsOutsidePlan(
  plan: { startYear: number; endYear: number },
  targets: ReadonlyArray<{ year: number }>,
): Record<string, string> {
  const out: Record<string, string> = {};
  targets.forEach((t, i) => {
    if (t.year < plan.startYear || t.year > plan.endYear) out[`targets.${i}.year`] = 'year_outside_plan';
  });
  return out;
}

export const RadProgressParams = z.strictObject({
  id: uuid,
  year: z.coerce
    .number()
    .int('invalid_year')
    .min(RAD_MIN_YEAR, 'invalid_year')
    .max(RAD_MAX_YEAR, 'invalid_year'),
  quarter: z.coerce.number().int('invalid_quarter').min(1, 'invalid_quarter').max(4, 'invalid_quarter'),
});

export const RadProgressInput = z.strictObject({
  /** the progress row's version; 0 when the quarter has no report yet */
  version: z.number().int().min(0),
  /**
   * realised value for the year up to the end of this quarter; null for an automatic indicator,
   * or for a quarter not measured yet. A value already reported is never erased by a null alone
   * (a page that could not read what was typed must not wipe the saved figure): erasing it takes
   * `clearRealised: true` as well.
   */
  realised: value.nullable().default(null),
  /** deliberately erase the realised value already reported for this quarter */
  clearRealised: z.boolean().default(false),
  /** budget used (rupiah) for the year up to the end of this quarter */
  budgetUsed: money.default(0),
  status: z.enum(codes(RAD_STATUSES)),
  note: text(2000).nullable().default(null),
});
export type RadProgressInput = z.infer<typeof RadProgressInput>;

/** Checks a quarter's report against its activity: percent ≤ 100, no hand value for an automatic one. */
export function progressProblems(
  activity: { unit: string; autoIndicator: string | null },
  input: Pick<RadProgressInput, 'realised'> & { clearRealised?: boolean },
  /** the realised value the quarter's report holds now (null: none, or no report yet) */
  saved: number | null = null,
): Record<string, string> {
  if (activity.autoIndicator !== null && input.realised !== null) return { realised: 'rad_automatic_value' };
  if (activity.unit === 'persen' && input.realised !== null && input.realised > 100)
    return { realised: 'percent_over_max' };
  if (activity.autoIndicator === null && input.realised === null && saved !== null && !input.clearRealised)
    return { realised: 'rad_realised_kept' };
  return {};
}

export const RadPlanQuery = z.strictObject({
  year: z.coerce
    .number()
    .int('invalid_year')
    .min(RAD_MIN_YEAR, 'invalid_year')
    .max(RAD_MAX_YEAR, 'invalid_year')
    .optional(),
  quarter: z.coerce
    .number()
    .int('invalid_quarter')
    .min(1, 'invalid_quarter')
    .max(4, 'invalid_quarter')
    .optional(),
});
export type RadPlanQuery = z.infer<typeof RadPlanQuery>;

// ---------------------------------------------------------------------------------------------
// Roll-up (pure)
// ---------------------------------------------------------------------------------------------

export type RollupActivity = {
  id: string;
  pillarId: string;
  programmeId: string;
  responsibleOrgId: string;
  unit: string;
  /** the year's target and planned budget (null: none set for that year) */
  target: number | null;
  budget: number | null;
  /** the year's progress reports (cumulative), any quarters */
  progress: ReadonlyArray<{ quarter: number; realised: number | null; budgetUsed: number; status: string }>;
  /** an automatic indicator's value for the year up to the chosen quarter (null: not computed) */
  autoValue?: number | null;
  automatic: boolean;
};

export type ActivityStanding = {
  /** the latest report of quarters 1..Q (null: none yet) */
  quarter: number | null;
  /**
   * the figure is the chosen quarter's own: a report of quarter Q, or an automatic indicator
   * (computed for Q). False when the latest report is of an earlier quarter (Q not reported yet).
   */
  current: boolean;
  realised: number | null;
  budgetUsed: number;
  status: string | null;
  /** realised ÷ target, 0–1 (null without a target or a value) */
  achievement: number | null;
  /** what the target should be by the end of the quarter: a count grows with the year (Q/4), a percentage is the target itself */
  expected: number | null;
  onTrack: boolean;
};

/**
 * Where one activity stands at the end of quarter `q` of the year: its latest report of quarters
 * 1..q (cumulative), its automatic value if any. On track: not "terhambat", and the realised value
 * reaches the part of the target expected by then (Q/4 of a count, all of a percentage); a target
 * of 0 is reached by any value. No report and no value: not on track.
 *
 * An earlier quarter's figure is not quarter q's: a hand-reported activity whose latest report is
 * older than q is on track only when that report closed it ("selesai") with the whole year's
 * target reached — a percentage or a count from Q3 says nothing of Q4 otherwise (`current` false,
 * and the pages say which quarter the figure is of).
 */
export function standing(a: RollupActivity, q: Quarter): ActivityStanding {
  const latest =
    [...a.progress].filter((p) => p.quarter <= q).sort((x, y) => y.quarter - x.quarter)[0] ?? null;
  const realised = a.automatic ? (a.autoValue ?? null) : (latest?.realised ?? null);
  const current = a.automatic || latest?.quarter === q;
  const expected = a.target === null ? null : a.unit === 'persen' ? a.target : (a.target * q) / 4;
  const achievement =
    a.target === null || realised === null ? null : a.target === 0 ? 1 : Math.min(realised / a.target, 1);
  const reaches = (goal: number | null) => realised !== null && goal !== null && realised >= goal - 1e-9;
  const onTrack =
    latest?.status !== 'terhambat' &&
    (current ? reaches(expected) : latest?.status === 'selesai' && reaches(a.target));
  return {
    quarter: latest?.quarter ?? null,
    current,
    realised,
    budgetUsed: latest?.budgetUsed ?? 0,
    status: latest?.status ?? null,
    achievement,
    expected,
    onTrack,
  };
}

export type RollupGroup = {
  key: string;
  activities: number;
  onTrack: number;
  /** onTrack ÷ activities, 0–1 */
  onTrackShare: number | null;
  /** mean achievement of the activities that have one, 0–1 */
  achievement: number | null;
  budgetPlanned: number;
  budgetUsed: number;
  /** used ÷ planned, may pass 1 (over budget); null without a plan */
  budgetShare: number | null;
};

function group(key: string, rows: ReadonlyArray<{ a: RollupActivity; s: ActivityStanding }>): RollupGroup {
  const onTrack = rows.filter((r) => r.s.onTrack).length;
  const ach = rows.map((r) => r.s.achievement).filter((x): x is number => x !== null);
  const budgetPlanned = rows.reduce((t, r) => t + (r.a.budget ?? 0), 0);
  const budgetUsed = rows.reduce((t, r) => t + r.s.budgetUsed, 0);
  const ratio = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);
  return {
    key,
    activities: rows.length,
    onTrack,
    onTrackShare: ratio(onTrack, rows.length),
    achievement:
      ach.length === 0 ? null : Math.round((ach.reduce((t, x) => t + x, 0) / ach.length) * 1000) / 1000,
    budgetPlanned,
    budgetUsed,
    budgetShare: ratio(budgetUsed, budgetPlanned),
  };
}

/** The plan's progress at the end of quarter `q`: overall, by pillar, by programme, by responsible organisation. */
export function rollUp(activities: readonly RollupActivity[], q: Quarter) {
  const rows = activities.map((a) => ({ a, s: standing(a, q) }));
  const by = (k: (a: RollupActivity) => string) => {
    const m = new Map<string, typeof rows>();
    for (const r of rows) m.set(k(r.a), [...(m.get(k(r.a)) ?? []), r]);
    return [...m.entries()].map(([key, rs]) => group(key, rs));
  };
  return {
    total: group('total', rows),
    byPillar: by((a) => a.pillarId),
    byProgramme: by((a) => a.programmeId),
    byOrganisation: by((a) => a.responsibleOrgId),
    standings: new Map(rows.map((r) => [r.a.id, r.s])),
  };
}
