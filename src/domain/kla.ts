/**
 * Kabupaten/Kota Layak Anak (KLA, issue 13): the indicator set is data, not code. A set is kept
 * per evaluation year: the groups (Kelembagaan and clusters I–V), each indicator with its number,
 * wording, the evidence expected, how it is scored and its weight, and the categories with their
 * score ranges (domain.md §4.2–4.3). An `admin` may import a corrected set without a release; this
 * module checks one (`parseIndicatorSet`) and scores answers against it. Pure: no I/O.
 */
import { z } from 'zod';

/** The six groups of the 24-indicator set (Permen PPPA 12/2022); never the old 31-indicator set. */
export const KLA_GROUPS = ['kelembagaan', 'I', 'II', 'III', 'IV', 'V'] as const;
export type KlaGroup = (typeof KLA_GROUPS)[number];

/** Where Simpul can fill an indicator from its own case data (cluster V), aggregates only. */
export const KLA_AUTO_SOURCES = ['ampk_served', 'abh_diversion'] as const;
export type KlaAutoSource = (typeof KLA_AUTO_SOURCES)[number];

const text = (max: number) => z.string().trim().min(1).max(max);
const points = z.number().finite().min(0).max(1000);

const OptionScoring = z.object({
  kind: z.literal('options'),
  /** the answers one may give, each worth some points (at most the indicator's weight) */
  options: z
    .array(z.object({ code: text(40), label: text(300), points }))
    .min(2)
    .max(20),
});

const PercentScoring = z.object({
  kind: z.literal('percent'),
  /**
   * A percentage mapped to points: the band whose `from` is the highest one not above the value.
   * The first band starts at 0; bands rise strictly.
   */
  bands: z
    .array(z.object({ from: z.number().finite().min(0).max(100), points }))
    .min(1)
    .max(20),
});

export const KlaScoring = z.discriminatedUnion('kind', [OptionScoring, PercentScoring]);
export type KlaScoring = z.infer<typeof KlaScoring>;

export const KlaIndicator = z.object({
  /** 1–24, unique in the set */
  number: z.number().int().min(1).max(99),
  group: z.enum(KLA_GROUPS),
  /** Indonesian wording as sourced */
  wording: text(500),
  /** English gloss for the English pages */
  wordingEn: text(500),
  /** what evidence the evaluators expect (documents, data, photos) */
  evidence: text(1000),
  /** the most points the indicator can add to the total of 1,000 */
  weight: points.refine((w) => w > 0, { message: 'weight_required' }),
  scoring: KlaScoring,
  /** false while the wording is not confirmed against Permen PPPA 12/2022 (domain.md [U]) */
  wordingConfirmed: z.boolean(),
  /** false while the weight is not confirmed (the ministry publishes weights only in its app) */
  weightConfirmed: z.boolean(),
  /** filled from Simpul's own case data where it can be (cluster V) */
  autoSource: z.enum(KLA_AUTO_SOURCES).nullable().default(null),
});
export type KlaIndicator = z.infer<typeof KlaIndicator>;

export const KlaCategory = z.object({
  code: text(40),
  label: text(100),
  /** lowest total score of the category (inclusive) */
  min: z.number().finite().min(0).max(1000),
});
export type KlaCategory = z.infer<typeof KlaCategory>;

export const KlaIndicatorSetInput = z.object({
  /** the evaluation year the set applies to */
  year: z.number().int().min(2019).max(2100),
  /** a label of this version of the set, e.g. "Permen PPPA 12/2022 (bobot belum terkonfirmasi)" */
  label: text(200),
  /** where the wording and weights come from */
  source: text(1000),
  groups: z
    .array(z.object({ code: z.enum(KLA_GROUPS), label: text(200), labelEn: text(200) }))
    .length(KLA_GROUPS.length),
  /** ascending by `min`; the first is the "no category yet" range starting at 0 */
  categories: z.array(KlaCategory).min(2).max(10),
  indicators: z.array(KlaIndicator).min(1).max(60),
});
export type KlaIndicatorSet = z.infer<typeof KlaIndicatorSetInput>;

export const KLA_MAX_SCORE = 1000;

export type SetProblem = { path: string; code: string };

/**
 * The checks a set must pass beyond its shape, each with a stable code at a path: every group
 * used and present once, numbers unique, weights summing to 1,000, an option or band never worth
 * more than its indicator's weight, bands starting at 0 and rising, categories starting at 0 and
 * rising.
 */
export function setProblems(set: KlaIndicatorSet): SetProblem[] {
  const out: SetProblem[] = [];
  const groups = new Set(set.groups.map((g) => g.code));
  if (groups.size !== KLA_GROUPS.length) out.push({ path: 'groups', code: 'duplicate' });
  const seen = new Set<number>();
  let total = 0;
  set.indicators.forEach((ind, i) => {
    const at = `indicators.${i}`;
    if (seen.has(ind.number)) out.push({ path: `${at}.number`, code: 'duplicate' });
    seen.add(ind.number);
    total += ind.weight;
    if (ind.scoring.kind === 'options') {
      const codes = new Set<string>();
      ind.scoring.options.forEach((o, j) => {
        if (o.points > ind.weight)
          out.push({ path: `${at}.scoring.options.${j}.points`, code: 'above_weight' });
        if (codes.has(o.code)) out.push({ path: `${at}.scoring.options.${j}.code`, code: 'duplicate' });
        codes.add(o.code);
      });
    } else {
      const bands = ind.scoring.bands;
      if (bands[0]!.from !== 0) out.push({ path: `${at}.scoring.bands.0.from`, code: 'must_start_at_zero' });
      bands.forEach((b, j) => {
        if (b.points > ind.weight)
          out.push({ path: `${at}.scoring.bands.${j}.points`, code: 'above_weight' });
        if (j > 0 && b.from <= bands[j - 1]!.from)
          out.push({ path: `${at}.scoring.bands.${j}.from`, code: 'not_ascending' });
      });
    }
  });
  if (Math.abs(total - KLA_MAX_SCORE) > 1e-6) out.push({ path: 'indicators', code: 'weights_not_1000' });
  if (set.categories[0]!.min !== 0) out.push({ path: 'categories.0.min', code: 'must_start_at_zero' });
  set.categories.forEach((c, j) => {
    if (j > 0 && c.min <= set.categories[j - 1]!.min)
      out.push({ path: `categories.${j}.min`, code: 'not_ascending' });
  });
  return out;
}

/**
 * Reads an indicator set (JSON as imported by an admin): its shape, then `setProblems`. Returns the
 * set, or every problem with its path (a missing weight is `indicators.N.weight: required`).
 */
export function parseIndicatorSet(
  input: unknown,
): { ok: true; set: KlaIndicatorSet } | { ok: false; problems: SetProblem[] } {
  const r = KlaIndicatorSetInput.safeParse(input);
  if (!r.success)
    return {
      ok: false,
      problems: r.error.issues.map((i) => ({
        path: i.path.join('.'),
        code:
          i.code === 'invalid_type' && (i as { input?: unknown }).input === undefined
            ? 'required'
            : i.message === 'weight_required'
              ? 'required'
              : i.code,
      })),
    };
  const problems = setProblems(r.data);
  return problems.length ? { ok: false, problems } : { ok: true, set: r.data };
}

/** An answer to one indicator as entered (an option, or a percentage with what it is made of). */
export type KlaAnswer =
  | { kind: 'option'; option: string }
  | { kind: 'percent'; numerator: number; denominator: number }
  | { kind: 'percent'; value: number };

export type AnswerProblem =
  | 'unknown_option'
  | 'over_100'
  | 'denominator_zero'
  | 'negative'
  | 'numerator_above_denominator'
  | 'wrong_kind';

/** The percentage an answer states, or the problem with it. */
export function percentOf(a: KlaAnswer): number | AnswerProblem {
  if (a.kind !== 'percent') return 'wrong_kind';
  if ('value' in a) {
    if (!Number.isFinite(a.value) || a.value < 0) return 'negative';
    if (a.value > 100) return 'over_100';
    return a.value;
  }
  if (
    !Number.isFinite(a.numerator) ||
    !Number.isFinite(a.denominator) ||
    a.numerator < 0 ||
    a.denominator < 0
  )
    return 'negative';
  if (a.denominator === 0) return 'denominator_zero';
  if (a.numerator > a.denominator) return 'numerator_above_denominator';
  return (a.numerator / a.denominator) * 100;
}

/** The points an answer earns on an indicator, or the problem with the answer. */
export function scoreAnswer(ind: KlaIndicator, a: KlaAnswer): number | AnswerProblem {
  if (ind.scoring.kind === 'options') {
    if (a.kind !== 'option') return 'wrong_kind';
    const o = ind.scoring.options.find((x) => x.code === a.option);
    return o ? o.points : 'unknown_option';
  }
  const pct = percentOf(a);
  if (typeof pct === 'string') return pct;
  let earned = 0;
  for (const b of ind.scoring.bands) if (pct >= b.from) earned = b.points;
  return earned;
}

/** The category a total reaches: the last whose minimum it meets. */
export function categoryOf(set: KlaIndicatorSet, total: number): KlaCategory {
  let cat = set.categories[0]!;
  for (const c of set.categories) if (total >= c.min) cat = c;
  return cat;
}

export type KlaScore = {
  /** points per indicator number (null: not answered yet) */
  indicators: Record<number, number | null>;
  /** points and the most possible per group */
  groups: Record<KlaGroup, { points: number; max: number; answered: number; count: number }>;
  total: number;
  category: KlaCategory;
  /** the next category up and how many points it still needs (null at the top) */
  next: { category: KlaCategory; missing: number } | null;
};

/**
 * Scores an evaluation: each answered indicator, each group, the total, the category it reaches and
 * what is missing for the next one. An answer with a problem counts as unanswered here (the use
 * case refuses to store one). Totals are rounded to one decimal, as the ministry reports them.
 */
export function scoreEvaluation(set: KlaIndicatorSet, answers: ReadonlyMap<number, KlaAnswer>): KlaScore {
  const round = (n: number) => Math.round(n * 10) / 10;
  const groups = Object.fromEntries(
    KLA_GROUPS.map((g) => [g, { points: 0, max: 0, answered: 0, count: 0 }]),
  ) as KlaScore['groups'];
  const indicators: KlaScore['indicators'] = {};
  let total = 0;
  for (const ind of set.indicators) {
    const g = groups[ind.group];
    g.max += ind.weight;
    g.count += 1;
    const a = answers.get(ind.number);
    const p = a ? scoreAnswer(ind, a) : null;
    const earned = typeof p === 'number' ? p : null;
    indicators[ind.number] = earned;
    if (earned !== null) {
      g.points = round(g.points + earned);
      g.answered += 1;
      total += earned;
    }
  }
  total = round(total);
  const category = categoryOf(set, total);
  const idx = set.categories.indexOf(category);
  const up = set.categories[idx + 1];
  return {
    indicators,
    groups,
    total,
    category,
    next: up ? { category: up, missing: round(up.min - total) } : null,
  };
}
