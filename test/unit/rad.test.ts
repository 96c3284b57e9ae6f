/**
 * The RAD's pure rules (src/domain/rad.ts): where an activity stands at the end of a quarter
 * (cumulative reports, the part of the target due by then, blocked never on track), the roll-up's
 * groups, quarters' days, and the period and target checks.
 */
import { describe, expect, it } from 'vitest';
import {
  monthsToQuarter,
  progressProblems,
  quarterDays,
  quarterOf,
  RadActivityInput,
  RadPlanInput,
  type RollupActivity,
  rollUp,
  standing,
  targetsOutsidePlan,
} from '../../src/domain/rad.ts';

const act = (over: Partial<RollupActivity> = {}): RollupActivity => ({
  id: 'a',
  pillarId: 'p1',
  programmeId: 'g1',
  responsibleOrgId: 'o1',
  unit: 'jumlah',
  target: 40,
  budget: 100,
  progress: [],
  automatic: false,
  ...over,
});
const report = (quarter: number, realised: number | null, budgetUsed = 0, status = 'berjalan') => ({
  quarter,
  realised,
  budgetUsed,
  status,
});

describe('standing', () => {
  it('takes the latest report up to the quarter, never a sum', () => {
    const a = act({ progress: [report(1, 12, 10), report(2, 22, 40), report(4, 41, 90)] });
    expect(standing(a, 3)).toMatchObject({
      quarter: 2,
      realised: 22,
      budgetUsed: 40,
      expected: 30,
      onTrack: false,
    });
    expect(standing(a, 2)).toMatchObject({ realised: 22, expected: 20, onTrack: true, achievement: 0.55 });
    expect(standing(a, 4)).toMatchObject({ realised: 41, onTrack: true, achievement: 1 });
  });

  it('a percentage is due whole every quarter; blocked or unreported is never on track', () => {
    const pct = act({ unit: 'persen', target: 80, progress: [report(1, 80)] });
    expect(standing(pct, 1)).toMatchObject({ expected: 80, onTrack: true });
    expect(standing(act({ progress: [report(1, 50, 0, 'terhambat')] }), 1).onTrack).toBe(false);
    expect(standing(act(), 1)).toMatchObject({ quarter: null, realised: null, onTrack: false });
    expect(standing(act({ target: null }), 1)).toMatchObject({
      expected: null,
      achievement: null,
      onTrack: false,
    });
    expect(standing(act({ target: 0, progress: [report(1, 0)] }), 1)).toMatchObject({
      achievement: 1,
      onTrack: true,
    });
  });

  it('an earlier quarter’s figure is not the chosen quarter’s (review 15)', () => {
    // Q3 reported 76.5 % of 80 %... and with Q4 not reported, Q4 is not judged on Q3's figure
    const pct = act({ unit: 'persen', target: 75, progress: [report(3, 76.5)] });
    expect(standing(pct, 3)).toMatchObject({ quarter: 3, current: true, onTrack: true });
    expect(standing(pct, 4)).toMatchObject({ quarter: 3, current: false, realised: 76.5, onTrack: false });
    // a count that reached its whole year's target and was closed ("selesai") stays on track
    const done = act({ progress: [report(2, 40, 0, 'selesai')] });
    expect(standing(done, 4)).toMatchObject({ quarter: 2, current: false, onTrack: true });
    // reaching only the part due by Q2 is not the year's target
    expect(standing(act({ progress: [report(2, 25)] }), 3)).toMatchObject({ current: false, onTrack: false });
    // an automatic indicator is computed for the quarter: always current
    expect(standing(act({ automatic: true, autoValue: 40 }), 4)).toMatchObject({
      current: true,
      onTrack: true,
    });
  });

  it('a saved realised value is erased only when asked (review M1)', () => {
    const manual = { unit: 'jumlah', autoIndicator: null };
    expect(progressProblems(manual, { realised: null }, 22)).toEqual({ realised: 'rad_realised_kept' });
    expect(progressProblems(manual, { realised: null, clearRealised: true }, 22)).toEqual({});
    expect(progressProblems(manual, { realised: null }, null)).toEqual({});
    expect(progressProblems(manual, { realised: 5 }, 22)).toEqual({});
  });

  it('an automatic indicator takes its computed value, the report only its status and budget', () => {
    const a = act({ automatic: true, autoValue: 25, progress: [report(2, null, 60)] });
    expect(standing(a, 2)).toMatchObject({ realised: 25, budgetUsed: 60, onTrack: true });
  });
});

describe('rollUp', () => {
  it('groups by pillar, programme and organisation', () => {
    const r = rollUp(
      [
        act({ id: 'a', progress: [report(2, 22, 40)] }),
        act({
          id: 'b',
          pillarId: 'p2',
          programmeId: 'g2',
          responsibleOrgId: 'o2',
          budget: 200,
          progress: [report(1, 5, 30)],
        }),
        act({ id: 'c', pillarId: 'p2', programmeId: 'g2', budget: null }),
      ],
      2,
    );
    expect(r.total).toMatchObject({
      activities: 3,
      onTrack: 1,
      onTrackShare: 0.333,
      budgetPlanned: 300,
      budgetUsed: 70,
    });
    expect(r.byPillar.find((g) => g.key === 'p2')).toMatchObject({
      activities: 2,
      onTrack: 0,
      budgetShare: 0.15,
    });
    expect(r.byOrganisation.find((g) => g.key === 'o1')).toMatchObject({
      activities: 2,
      onTrack: 1,
      budgetUsed: 40,
    });
  });
});

describe('quarters and checks', () => {
  it('knows the days and months of a quarter', () => {
    expect(quarterDays(2026, 1)).toEqual({ from: '2026-01-01', to: '2026-03-31', yearFrom: '2026-01-01' });
    expect(quarterDays(2028, 1).to).toBe('2028-03-31');
    expect(quarterDays(2026, 4)).toMatchObject({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterOf('2026-08-15')).toEqual({ year: 2026, quarter: 3 });
    expect(monthsToQuarter(2026, 2)).toEqual([
      '2026-01-01',
      '2026-02-01',
      '2026-03-01',
      '2026-04-01',
      '2026-05-01',
      '2026-06-01',
    ]);
  });

  it('refuses a reversed or long period, targets outside it, percentages over 100, a hand value for an automatic indicator', () => {
    const issues = (r: {
      success: boolean;
      error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
    }) => r.error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues(RadPlanInput.safeParse({ title: 'RAD', startYear: 2030, endYear: 2026 }))).toEqual([
      ['endYear', 'years_reversed'],
    ]);
    expect(issues(RadPlanInput.safeParse({ title: 'RAD', startYear: 2026, endYear: 2036 }))).toEqual([
      ['endYear', 'rad_period_too_long'],
    ]);
    expect(RadPlanInput.safeParse({ title: 'RAD', startYear: 2026, endYear: 2035 }).success).toBe(true);
    expect(targetsOutsidePlan({ startYear: 2026, endYear: 2030 }, [{ year: 2026 }, { year: 2031 }])).toEqual({
      'targets.1.year': 'year_outside_plan',
    });
    const base = {
      title: 'X',
      responsibleOrgId: '5b6f2a1e-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
      indicator: 'Y',
      unit: 'persen',
      baseline: 120,
      targets: [{ year: 2026, target: 101, budget: -1, budgetSource: 'apbd' }],
    };
    expect(issues(RadActivityInput.safeParse(base))).toEqual(
      expect.arrayContaining([
        ['baseline', 'percent_over_max'],
        ['targets.0.budget', 'negative'],
      ]),
    );
    expect(
      issues(
        RadActivityInput.safeParse({ ...base, baseline: 1, targets: [], autoIndicator: 'kasus_diterima' }),
      ),
    ).toEqual([['unit', 'rad_auto_unit']]);
    expect(progressProblems({ unit: 'jumlah', autoIndicator: 'kasus_diterima' }, { realised: 3 })).toEqual({
      realised: 'rad_automatic_value',
    });
    expect(progressProblems({ unit: 'persen', autoIndicator: null }, { realised: 100.5 })).toEqual({
      realised: 'percent_over_max',
    });
  });
});
