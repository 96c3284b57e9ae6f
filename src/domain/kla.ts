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
  weight: z
    .number()
    .finite()
    .max(1000)
    .refine((w) => w > 0, { message: 'kla_weight_positive' }),
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
 * rising, case data only on a percentage indicator.
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
    // case data gives a share (numerator over denominator): only a percentage indicator takes it
    if (ind.autoSource && ind.scoring.kind !== 'percent')
      out.push({ path: `${at}.autoSource`, code: 'kla_auto_needs_percent' });
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
            : /^[a-z_]+$/.test(i.message)
              ? i.message
              : i.code === 'too_small' && (i.origin === 'string' || i.origin === 'array')
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

// ---- The self-evaluation's rules (issue 13 §2–3; decision 035) ---------------------------------

/** An answer's status: belum diisi → diisi → diperiksa (by the coordinator) → final. */
export const KLA_ANSWER_STATUSES = ['belum_diisi', 'diisi', 'diperiksa', 'final'] as const;
export type KlaAnswerStatus = (typeof KLA_ANSWER_STATUSES)[number];

/** An evaluation: draft → submitted (locked) → verified, or returned by the province → submitted … */
export const KLA_EVALUATION_STATUSES = ['draft', 'submitted', 'returned', 'verified'] as const;
export type KlaEvaluationStatus = (typeof KLA_EVALUATION_STATUSES)[number];

/** The province's decision on one indicator: accepted, asked to fix (with a note), rejected (0 points). */
export const KLA_VERIFY_DECISIONS = ['accepted', 'fix', 'rejected'] as const;
export type KlaVerifyDecision = (typeof KLA_VERIFY_DECISIONS)[number];

/** The coordinator's review steps: forward one step, or back one (to send it back or reopen). */
const REVIEW_STEPS: Record<KlaAnswerStatus, readonly KlaAnswerStatus[]> = {
  belum_diisi: [],
  diisi: ['diperiksa'],
  diperiksa: ['final', 'diisi'],
  final: ['diperiksa'],
};
export function canReviewTo(from: KlaAnswerStatus, to: KlaAnswerStatus): boolean {
  return REVIEW_STEPS[from].includes(to);
}

/** May an answer change while its evaluation is in this status (and the province decided so)? */
export function answerOpen(evaluation: KlaEvaluationStatus, verify: KlaVerifyDecision | null): boolean {
  if (evaluation === 'draft') return true;
  // returned: the kab/kota fixes what the province did not accept
  if (evaluation === 'returned') return verify !== 'accepted';
  return false;
}

const num = z.number().finite();

/** What an OPD member or the coordinator enters for an indicator (the version read is sent back). */
export const KlaAnswerInput = z.strictObject({
  version: z.number().int().min(1),
  /** the option chosen (an options indicator) */
  option: z.string().trim().min(1).max(40).nullish(),
  /** a percentage as stated (a percent indicator without its parts) */
  value: num.nullish(),
  /** a percentage's parts (a percent indicator) */
  numerator: num.nullish(),
  denominator: num.nullish(),
  narrative: z.string().trim().max(5000).nullish(),
});
export type KlaAnswerInput = z.infer<typeof KlaAnswerInput>;

const ANSWER_FIELD: Record<AnswerProblem, [field: string, code: string]> = {
  unknown_option: ['option', 'unknown_option'],
  over_100: ['value', 'over_100'],
  denominator_zero: ['denominator', 'denominator_zero'],
  negative: ['value', 'negative'],
  numerator_above_denominator: ['numerator', 'numerator_above_denominator'],
  wrong_kind: ['option', 'wrong_kind'],
};

/**
 * Reads an entered answer against its indicator: the answer to store and score, or field codes
 * (`option: unknown_option`, `value: over_100`, `denominator: denominator_zero`, …).
 */
export function readAnswer(
  ind: KlaIndicator,
  input: Pick<KlaAnswerInput, 'option' | 'value' | 'numerator' | 'denominator'>,
): { ok: true; answer: KlaAnswer } | { ok: false; fields: Record<string, string> } {
  let answer: KlaAnswer;
  if (ind.scoring.kind === 'options') {
    if (input.value != null || input.numerator != null || input.denominator != null)
      return { ok: false, fields: { value: 'wrong_kind' } };
    if (input.option == null) return { ok: false, fields: { option: 'required' } };
    answer = { kind: 'option', option: input.option };
  } else {
    if (input.option != null) return { ok: false, fields: { option: 'wrong_kind' } };
    const parts = input.numerator != null || input.denominator != null;
    if (parts) {
      if (input.numerator == null) return { ok: false, fields: { numerator: 'required' } };
      if (input.denominator == null) return { ok: false, fields: { denominator: 'required' } };
      if (input.value != null) return { ok: false, fields: { value: 'value_and_parts' } };
      if (input.numerator < 0) return { ok: false, fields: { numerator: 'negative' } };
      if (input.denominator < 0) return { ok: false, fields: { denominator: 'negative' } };
      answer = { kind: 'percent', numerator: input.numerator, denominator: input.denominator };
    } else {
      if (input.value == null) return { ok: false, fields: { value: 'required' } };
      answer = { kind: 'percent', value: input.value };
    }
  }
  const p = scoreAnswer(ind, answer);
  if (typeof p === 'string') {
    const [field, code] = ANSWER_FIELD[p];
    return { ok: false, fields: { [field]: code } };
  }
  return { ok: true, answer };
}

/** The stored form of an answer (one row's columns) back as an answer; null while not given. */
export function storedAnswer(row: {
  option_code: string | null;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
}): KlaAnswer | null {
  if (row.option_code !== null) return { kind: 'option', option: row.option_code };
  if (row.numerator !== null && row.denominator !== null)
    return { kind: 'percent', numerator: row.numerator, denominator: row.denominator };
  if (row.value !== null) return { kind: 'percent', value: row.value };
  return null;
}

export const KlaVerifyInput = z.strictObject({
  version: z.number().int().min(1),
  decision: z.enum(KLA_VERIFY_DECISIONS),
  /** required when asking for a fix or rejecting */
  note: z.string().trim().max(2000).nullish(),
});
export type KlaVerifyInput = z.infer<typeof KlaVerifyInput>;

/**
 * The columns of an indicator sheet (XLSX import): one row per indicator. `scoring` is either the
 * JSON of src/domain/kla.ts `KlaScoring`, or a short form: `options: code=points=label; …` or
 * `percent: from=points; …` (e.g. `percent: 0=0; 50=20; 80=40`).
 */
export const KLA_SHEET_COLUMNS = [
  'number',
  'group',
  'wording',
  'wordingEn',
  'evidence',
  'weight',
  'scoring',
  'wordingConfirmed',
  'weightConfirmed',
  'autoSource',
] as const;

/** Reads a `scoring` cell (JSON or the short form); undefined when it cannot be read. */
export function scoringCell(cell: unknown): unknown {
  if (typeof cell !== 'string') return cell ?? undefined;
  const s = cell.trim();
  if (s === '') return undefined;
  if (s.startsWith('{')) {
    try {
      return JSON.parse(s);
    } catch {
      return s;
    }
  }
  const m = /^(options|percent)\s*:(.*)$/is.exec(s);
  if (!m) return s;
  const parts = m[2]!
    .split(';')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => x.split('=').map((y) => y.trim()));
  const n = (x: string | undefined) =>
    x !== undefined && x !== '' && Number.isFinite(Number(x)) ? Number(x) : x;
  if (m[1]!.toLowerCase() === 'options')
    return {
      kind: 'options',
      options: parts.map(([code, points, ...label]) => ({ code, points: n(points), label: label.join('=') })),
    };
  return { kind: 'percent', bands: parts.map(([from, points]) => ({ from: n(from), points: n(points) })) };
}

/**
 * An indicator set from the rows of an indicator sheet (header row first, columns by the names in
 * KLA_SHEET_COLUMNS, any order), with the year, label and source given beside the file and the
 * groups and categories of `base` (the shipped set). Checked by parseIndicatorSet: every problem
 * at its path (`indicators.4.weight: required`).
 */
export function setFromSheet(
  rows: readonly (readonly unknown[])[],
  meta: { year: unknown; label: unknown; source: unknown },
  base: Pick<KlaIndicatorSet, 'groups' | 'categories'>,
): ReturnType<typeof parseIndicatorSet> {
  const head = (rows[0] ?? []).map((c) => String(c ?? '').trim());
  const col = (name: string) => head.findIndex((h) => h.toLowerCase() === name.toLowerCase());
  const missing = ['number', 'group', 'wording', 'weight', 'scoring'].filter((c) => col(c) < 0);
  if (missing.length)
    return { ok: false, problems: missing.map((c) => ({ path: `sheet.${c}`, code: 'required' })) };
  const blank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  const cell = (r: readonly unknown[], name: string) => {
    const i = col(name);
    const v = i < 0 ? undefined : r[i];
    return blank(v) ? undefined : typeof v === 'string' ? v.trim() : v;
  };
  const numeric = (v: unknown) =>
    typeof v === 'string' && v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  const bool = (v: unknown) =>
    v === undefined
      ? false
      : typeof v === 'string'
        ? ['ya', 'yes', 'true', '1'].includes(v.toLowerCase())
        : v === true || v === 1;
  const indicators = rows
    .slice(1)
    .filter((r) => r.some((c) => !blank(c)))
    .map((r) => ({
      number: numeric(cell(r, 'number')),
      group: cell(r, 'group'),
      wording: cell(r, 'wording'),
      wordingEn: cell(r, 'wordingEn') ?? cell(r, 'wording'),
      evidence: cell(r, 'evidence'),
      weight: numeric(cell(r, 'weight')),
      scoring: scoringCell(cell(r, 'scoring')),
      wordingConfirmed: bool(cell(r, 'wordingConfirmed')),
      weightConfirmed: bool(cell(r, 'weightConfirmed')),
      autoSource: cell(r, 'autoSource') ?? null,
    }));
  return parseIndicatorSet({
    year: numeric(meta.year),
    label: meta.label,
    source: meta.source,
    groups: base.groups,
    categories: base.categories,
    indicators,
  });
}
