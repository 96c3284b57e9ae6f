/**
 * The KLA indicator set as data (issue 13 §1): the shipped set is the 24-indicator one with its
 * unconfirmed parts marked, a set with a missing weight or wrong total is refused with the path,
 * answers score against the set, and the categories follow domain.md §4.3.
 */
import { describe, expect, it } from 'vitest';
import {
  answerOpen,
  canReviewTo,
  categoryOf,
  type KlaAnswer,
  type KlaIndicatorSet,
  parseIndicatorSet,
  percentOf,
  readAnswer,
  scoreAnswer,
  scoreEvaluation,
  scoringCell,
  setFromSheet,
  storedAnswer,
} from '../../src/domain/kla.ts';
import { DEFAULT_KLA_SET } from '../../src/domain/kla-default-set.ts';

const copy = (): KlaIndicatorSet => structuredClone(DEFAULT_KLA_SET);
const ind = (n: number) => DEFAULT_KLA_SET.indicators.find((i) => i.number === n)!;

describe('the shipped indicator set', () => {
  it('is the 24-indicator set, weights summing to 1,000, and passes its own checks', () => {
    const r = parseIndicatorSet(DEFAULT_KLA_SET);
    expect(r.ok).toBe(true);
    expect(DEFAULT_KLA_SET.indicators.map((i) => i.number)).toEqual(
      Array.from({ length: 24 }, (_, i) => i + 1),
    );
    expect(DEFAULT_KLA_SET.indicators.reduce((s, i) => s + i.weight, 0)).toBe(1000);
    const perGroup = Object.groupBy(DEFAULT_KLA_SET.indicators, (i) => i.group);
    expect(Object.fromEntries(Object.entries(perGroup).map(([g, l]) => [g, l!.length]))).toEqual({
      kelembagaan: 3,
      I: 3,
      II: 4,
      III: 6,
      IV: 4,
      V: 4,
    });
  });

  it('marks only 1–6 as confirmed wording, no weight as confirmed, and never carries the old 31-indicator set', () => {
    expect(DEFAULT_KLA_SET.indicators.filter((i) => i.wordingConfirmed).map((i) => i.number)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    expect(DEFAULT_KLA_SET.indicators.some((i) => i.weightConfirmed)).toBe(false);
    const all = JSON.stringify(DEFAULT_KLA_SET).toLowerCase();
    expect(all).not.toContain('kematian bayi');
    expect(all).not.toContain('pojok asi');
  });

  it('fills the AMPK-served and ABH-diversion indicators of cluster V from case data', () => {
    expect(
      DEFAULT_KLA_SET.indicators.filter((i) => i.autoSource).map((i) => [i.number, i.group, i.autoSource]),
    ).toEqual([
      [21, 'V', 'ampk_served'],
      [23, 'V', 'abh_diversion'],
    ]);
  });
});

describe('an imported set is checked', () => {
  it('a missing weight is named at its path', () => {
    const s = copy() as unknown as { indicators: Array<Record<string, unknown>> };
    delete s.indicators[4]!.weight;
    const r = parseIndicatorSet(s);
    expect(r).toEqual({ ok: false, problems: [{ path: 'indicators.4.weight', code: 'required' }] });
  });

  it('weights that do not sum to 1,000, a duplicate number, an option above its weight, bands out of order', () => {
    const s = copy();
    s.indicators[0]!.weight = 40;
    s.indicators[1]!.number = 1;
    const opt = s.indicators[2]!.scoring;
    if (opt.kind === 'options') opt.options[0]!.points = 999;
    const pct = s.indicators[3]!.scoring;
    if (pct.kind === 'percent') pct.bands[2]!.from = 10;
    const r = parseIndicatorSet(s);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toEqual(
        expect.arrayContaining([
          { path: 'indicators', code: 'weights_not_1000' },
          { path: 'indicators.1.number', code: 'duplicate' },
          { path: 'indicators.2.scoring.options.0.points', code: 'above_weight' },
          { path: 'indicators.3.scoring.bands.2.from', code: 'not_ascending' },
        ]),
      );
  });

  it('categories must start at 0 and rise; anything not an object is refused', () => {
    const s = copy();
    s.categories[2]!.min = 400;
    expect(parseIndicatorSet(s)).toMatchObject({
      ok: false,
      problems: [{ path: 'categories.2.min', code: 'not_ascending' }],
    });
    expect(parseIndicatorSet('x').ok).toBe(false);
    expect(parseIndicatorSet(null).ok).toBe(false);
  });
});

describe('answers and scores', () => {
  it('a percentage is checked: over 100, a denominator of 0, negative, numerator above denominator', () => {
    expect(percentOf({ kind: 'percent', value: 100.5 })).toBe('over_100');
    expect(percentOf({ kind: 'percent', numerator: 3, denominator: 0 })).toBe('denominator_zero');
    expect(percentOf({ kind: 'percent', numerator: -1, denominator: 5 })).toBe('negative');
    expect(percentOf({ kind: 'percent', numerator: 6, denominator: 5 })).toBe('numerator_above_denominator');
    expect(percentOf({ kind: 'percent', numerator: 45, denominator: 60 })).toBe(75);
  });

  it('a percentage earns the points of its band; for child marriage, less is better', () => {
    expect(scoreAnswer(ind(4), { kind: 'percent', numerator: 45, denominator: 60 })).toBe(37.5);
    expect(scoreAnswer(ind(4), { kind: 'percent', value: 80 })).toBe(50);
    expect(scoreAnswer(ind(4), { kind: 'percent', value: 19.9 })).toBe(0);
    expect(scoreAnswer(ind(7), { kind: 'percent', value: 0 })).toBe(50);
    expect(scoreAnswer(ind(7), { kind: 'percent', value: 12 })).toBe(0);
  });

  it('an option earns its points; an unknown option or the wrong kind of answer is a problem', () => {
    expect(scoreAnswer(ind(1), { kind: 'option', option: 'ada_berfungsi' })).toBe(50);
    expect(scoreAnswer(ind(1), { kind: 'option', option: 'nope' })).toBe('unknown_option');
    expect(scoreAnswer(ind(1), { kind: 'percent', value: 50 })).toBe('wrong_kind');
    expect(scoreAnswer(ind(4), { kind: 'option', option: 'ada' })).toBe('wrong_kind');
  });

  it('the categories of §4.3: 721 is Nindya, 588.4 Pratama, 499.9 none yet, 901 KLA', () => {
    expect(categoryOf(DEFAULT_KLA_SET, 721).label).toBe('Nindya');
    expect(categoryOf(DEFAULT_KLA_SET, 588.4).label).toBe('Pratama');
    expect(categoryOf(DEFAULT_KLA_SET, 499.9).code).toBe('belum');
    expect(categoryOf(DEFAULT_KLA_SET, 901).code).toBe('kla');
  });

  it('an evaluation sums per group and in total, reaches a category and says what the next one needs', () => {
    const answers = new Map<number, KlaAnswer>([
      [1, { kind: 'option', option: 'ada_berfungsi' }], // 50
      [2, { kind: 'option', option: 'ada' }], // 36
      [4, { kind: 'percent', numerator: 45, denominator: 60 }], // 37.5
      [21, { kind: 'percent', value: 85 }], // 70
      [23, { kind: 'percent', value: 101 }], // a problem: not counted
    ]);
    const s = scoreEvaluation(DEFAULT_KLA_SET, answers);
    expect(s.indicators[1]).toBe(50);
    expect(s.indicators[23]).toBeNull();
    expect(s.groups.kelembagaan).toEqual({ points: 86, max: 150, answered: 2, count: 3 });
    expect(s.groups.V).toEqual({ points: 70, max: 200, answered: 1, count: 4 });
    expect(s.total).toBe(193.5);
    expect(s.category.code).toBe('belum');
    expect(s.next).toEqual({ category: expect.objectContaining({ code: 'pratama' }), missing: 306.5 });
    const full = scoreEvaluation(
      DEFAULT_KLA_SET,
      new Map(
        DEFAULT_KLA_SET.indicators.map((i) => [
          i.number,
          (i.scoring.kind === 'options'
            ? { kind: 'option', option: i.scoring.options[0]!.code }
            : { kind: 'percent', value: i.number === 7 ? 0 : 100 }) as KlaAnswer,
        ]),
      ),
    );
    expect(full.total).toBe(1000);
    expect(full.category.code).toBe('kla');
    expect(full.next).toBeNull();
  });
});

describe('answers as entered (issue 13 §2)', () => {
  it('reads an option or a percentage and names the field of each problem', () => {
    expect(readAnswer(ind(1), { option: 'ada' })).toEqual({
      ok: true,
      answer: { kind: 'option', option: 'ada' },
    });
    expect(readAnswer(ind(4), { numerator: 3, denominator: 4 })).toEqual({
      ok: true,
      answer: { kind: 'percent', numerator: 3, denominator: 4 },
    });
    const bad = (i: number, input: Parameters<typeof readAnswer>[1]) => {
      const r = readAnswer(ind(i), input);
      return r.ok ? null : r.fields;
    };
    expect(bad(4, { value: 100.5 })).toEqual({ value: 'over_100' });
    expect(bad(4, { numerator: 1, denominator: 0 })).toEqual({ denominator: 'denominator_zero' });
    expect(bad(4, { numerator: 5, denominator: 4 })).toEqual({ numerator: 'numerator_above_denominator' });
    expect(bad(4, { numerator: 5 })).toEqual({ denominator: 'required' });
    expect(bad(4, { value: 5, numerator: 1, denominator: 2 })).toEqual({ value: 'value_and_parts' });
    expect(bad(4, { value: -1 })).toEqual({ value: 'negative' });
    expect(bad(1, { option: 'tidak_ada' })).toEqual({ option: 'unknown_option' });
    expect(bad(1, {})).toEqual({ option: 'required' });
    expect(bad(1, { value: 10 })).toEqual({ value: 'wrong_kind' });
  });

  it('stored columns come back as the answer; review steps one at a time; what a returned evaluation opens', () => {
    expect(storedAnswer({ option_code: null, value: null, numerator: 2, denominator: 5 })).toEqual({
      kind: 'percent',
      numerator: 2,
      denominator: 5,
    });
    expect(storedAnswer({ option_code: null, value: null, numerator: null, denominator: null })).toBeNull();
    expect(canReviewTo('diisi', 'diperiksa')).toBe(true);
    expect(canReviewTo('diisi', 'final')).toBe(false);
    expect(canReviewTo('belum_diisi', 'diperiksa')).toBe(false);
    expect(canReviewTo('final', 'diperiksa')).toBe(true);
    expect(answerOpen('draft', null)).toBe(true);
    expect(answerOpen('submitted', null)).toBe(false);
    expect(answerOpen('verified', 'fix')).toBe(false);
    expect(answerOpen('returned', 'fix')).toBe(true);
    expect(answerOpen('returned', 'rejected')).toBe(true);
    expect(answerOpen('returned', 'accepted')).toBe(false);
  });
});

describe('an indicator sheet (XLSX import)', () => {
  const head = ['number', 'group', 'wording', 'wordingEn', 'evidence', 'weight', 'scoring'];
  const rowOf = (i: (typeof DEFAULT_KLA_SET.indicators)[number]) => [
    i.number,
    i.group,
    i.wording,
    i.wordingEn,
    i.evidence,
    i.weight,
    JSON.stringify(i.scoring),
  ];
  const meta = { year: '2027', label: 'Set uji', source: 'Uji' };

  it('reads the short scoring forms', () => {
    expect(scoringCell('options: ada=10=Ada; belum=0=Belum ada')).toEqual({
      kind: 'options',
      options: [
        { code: 'ada', points: 10, label: 'Ada' },
        { code: 'belum', points: 0, label: 'Belum ada' },
      ],
    });
    expect(scoringCell('percent: 0=0; 50=20; 80=40')).toEqual({
      kind: 'percent',
      bands: [
        { from: 0, points: 0 },
        { from: 50, points: 20 },
        { from: 80, points: 40 },
      ],
    });
  });

  it('makes the shipped set back from its rows, and names a missing weight by its row', () => {
    const rows = [head, ...DEFAULT_KLA_SET.indicators.map(rowOf)];
    const ok = setFromSheet(rows, meta, DEFAULT_KLA_SET);
    expect(ok.ok && ok.set.indicators.map((i) => i.scoring)).toEqual(
      DEFAULT_KLA_SET.indicators.map((i) => i.scoring),
    );
    const missing = rows.map((r, i) => (i === 5 ? r.map((c, j) => (j === 5 ? '' : c)) : r));
    const bad = setFromSheet(missing, meta, DEFAULT_KLA_SET);
    expect(bad.ok ? [] : bad.problems).toContainEqual({ path: 'indicators.4.weight', code: 'required' });
    const noColumn = setFromSheet([head.filter((h) => h !== 'weight')], meta, DEFAULT_KLA_SET);
    expect(noColumn.ok ? [] : noColumn.problems).toEqual([{ path: 'sheet.weight', code: 'required' }]);
  });
});
