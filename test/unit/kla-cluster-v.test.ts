/**
 * KLA cluster V from case data (decision 036): what a case adds to the rollup's ampk_child,
 * ampk_child_cat and abh_diversion measures, and how the sums become the two figures.
 */
import { describe, expect, it } from 'vitest';
import { autoValueOf, clusterVFigures } from '../../src/domain/kla-cluster-v.ts';
import { type CaseFactsForStats, caseContributions } from '../../src/domain/stats.ts';

const base: CaseFactsForStats = {
  jurisdiction: '62.71', // Palangka Raya, WIB
  receivedAt: new Date('2026-03-10T03:00:00Z'),
  caseType: 'ampk',
  channel: 'datang_langsung',
  stage: 'layanan',
  risk: 'sedang',
  closureReason: null,
  closedAt: null,
  assessmentStartedAt: null,
  persons: [],
  incidents: [
    { forms: ['fisik'], place: null, tpks: [], ampk: ['i_kekerasan_fisik_psikis'], regionCode: null },
  ],
  relationships: [],
  services: [],
  rights: [],
};
const victim = (over: Partial<CaseFactsForStats['persons'][number]>) => ({
  id: 'v',
  role: 'korban',
  sex: 'perempuan',
  disability: null,
  education: null,
  regionCode: null,
  birthDate: null,
  estimatedAge: null,
  ageGroup: null,
  ...over,
});
const of = (f: CaseFactsForStats, measure: string) =>
  caseContributions(f)
    .filter((c) => c.measure === measure)
    .map((c) => c.value);
const ampkCode = base.incidents[0]!.ampk[0]!;

describe('ampk_child: child victims of AMPK cases, served or not', () => {
  it('a child victim (birth date) of a case with a service is served', () => {
    const f = {
      ...base,
      persons: [victim({ birthDate: '2015-06-01' })],
      services: [{ service: 'konseling', date: '2026-03-11' }],
    };
    expect(of(f, 'ampk_child')).toEqual(['terlayani:perempuan:6-12']);
    expect(of(f, 'ampk_child_cat')).toEqual([`terlayani:${ampkCode}:perempuan:6-12`]);
  });

  it('the same child without a service is not served', () => {
    const f = { ...base, persons: [victim({ birthDate: '2015-06-01' })] };
    expect(of(f, 'ampk_child')).toEqual(['belum_terlayani:perempuan:6-12']);
  });

  it('the group as told counts as told, never turned into an age', () => {
    const f = { ...base, persons: [victim({ ageGroup: '13-17', sex: 'laki_laki' })] };
    expect(of(f, 'ampk_child')).toEqual(['belum_terlayani:laki_laki:13-17']);
  });

  it('a birth date wins over a group told', () => {
    const f = { ...base, persons: [victim({ birthDate: '2023-01-01', ageGroup: '13-17' })] };
    expect(of(f, 'ampk_child')).toEqual(['belum_terlayani:perempuan:0-5']);
  });

  it('adult victims are not counted; unknown age is kept apart as tidak_diketahui', () => {
    const f = {
      ...base,
      persons: [
        victim({ id: 'a', birthDate: '1990-01-01' }),
        victim({ id: 'b', ageGroup: '18+' }),
        victim({ id: 'c', estimatedAge: 30 }),
        victim({ id: 'd' }),
        victim({ id: 'e', role: 'terlapor', ageGroup: '13-17' }),
      ],
    };
    expect(of(f, 'ampk_child')).toEqual(['belum_terlayani:perempuan:tidak_diketahui']);
    // the dashboard's figure counts known children only
    expect(of(f, 'ampk_child_served')).toEqual([]);
    expect(of({ ...f, persons: [victim({ ageGroup: '6-12' })] }, 'ampk_child_served')).toEqual([
      'belum_terlayani',
    ]);
  });

  it('a case without an AMPK category adds nothing; one child counts once in total, once per category', () => {
    expect(of({ ...base, incidents: [], persons: [victim({ estimatedAge: 9 })] }, 'ampk_child')).toEqual([]);
    const f = {
      ...base,
      incidents: [
        { ...base.incidents[0]!, ampk: ['j_kejahatan_seksual', ampkCode] },
        { ...base.incidents[0]!, ampk: [ampkCode] },
      ],
      persons: [victim({ estimatedAge: 9, sex: null })],
    };
    expect(of(f, 'ampk_child')).toEqual(['belum_terlayani:tidak_diketahui:6-12']);
    expect(of(f, 'ampk_child_cat').sort()).toEqual(
      [
        `belum_terlayani:${ampkCode}:tidak_diketahui:6-12`,
        'belum_terlayani:j_kejahatan_seksual:tidak_diketahui:6-12',
      ].sort(),
    );
  });
});

describe('abh_diversion: ABH cases by year, and the outcome as of that year', () => {
  const abh = {
    ...base,
    incidents: [{ ...base.incidents[0]!, ampk: ['b_berhadapan_hukum'] }],
  };
  it('a closed ABH case without diversion counts in its local closure year', () => {
    // 31 Dec 2026 18:00 UTC is 1 Jan 2027 01:00 in WIB
    expect(of({ ...abh, closedAt: new Date('2026-12-31T18:00:00Z') }, 'abh_diversion')).toEqual([
      '2027:tidak_tercatat',
    ]);
  });
  it('an open ABH case counts in the year of each diversion, with the outcome by its end', () => {
    const f = {
      ...abh,
      diversions: [
        { result: 'berhasil', date: '2026-02-01' },
        { result: 'tidak_berhasil', date: '2025-11-01' },
      ],
    };
    expect(of(f, 'abh_diversion')).toEqual(['2025:tidak_berhasil', '2026:berhasil']);
    expect(of({ ...f, closedAt: new Date('2026-05-01T00:00:00Z') }, 'abh_diversion')).toEqual([
      '2025:tidak_berhasil',
      '2026:berhasil',
    ]);
  });
  it('a case that is not ABH adds nothing, whatever is recorded', () => {
    expect(
      of(
        {
          ...base,
          closedAt: new Date('2026-05-01T00:00:00Z'),
          diversions: [{ result: 'berhasil', date: '2026-02-01' }],
        },
        'abh_diversion',
      ),
    ).toEqual([]);
    expect(of({ ...abh }, 'abh_diversion')).toEqual([]);
  });
});

describe('the figures and the auto values', () => {
  const rows = [
    { measure: 'ampk_child', value: 'terlayani:perempuan:6-12', n: 3 },
    { measure: 'ampk_child', value: 'belum_terlayani:laki_laki:13-17', n: 1 },
    { measure: 'ampk_child', value: 'belum_terlayani:perempuan:tidak_diketahui', n: 2 },
    { measure: 'ampk_child_cat', value: 'terlayani:j_kejahatan_seksual:perempuan:6-12', n: 3 },
    { measure: 'ampk_child_cat', value: 'belum_terlayani:b_berhadapan_hukum:laki_laki:13-17', n: 1 },
    {
      measure: 'ampk_child_cat',
      value: 'belum_terlayani:b_berhadapan_hukum:perempuan:tidak_diketahui',
      n: 2,
    },
    { measure: 'abh_diversion', value: '2026:berhasil', n: 2 },
    { measure: 'abh_diversion', value: '2026:tidak_tercatat', n: 1 },
    { measure: 'abh_diversion', value: '2025:berhasil', n: 7 },
  ];
  it('ampk_served: served over known child victims, per category, the unknown ages said apart', () => {
    const v = autoValueOf('ampk_served', clusterVFigures(rows, 2026))!;
    expect(v).toMatchObject({ numerator: 3, denominator: 4 });
    const part = (s: string) => v.parts.find((p) => p.label.id === s)?.n;
    expect(part('Tidak dihitung: korban dalam kasus AMPK yang umurnya tidak diketahui')).toBe(2);
    expect(part('Anak korban kejahatan seksual: terlayani')).toBe(3);
    expect(part('Anak yang berhadapan dengan hukum (ABH): anak korban')).toBe(1);
    expect(part('Anak yang berhadapan dengan hukum (ABH): terlayani')).toBe(0);
    expect(part('Laki-laki: anak korban')).toBe(1);
    expect(part('13–17 tahun: anak korban')).toBe(1);
  });
  it('abh_diversion: only the asked year, berhasil over all', () => {
    expect(autoValueOf('abh_diversion', clusterVFigures(rows, 2026))).toMatchObject({
      numerator: 2,
      denominator: 3,
    });
    expect(autoValueOf('abh_diversion', clusterVFigures(rows, 2025))).toMatchObject({
      numerator: 7,
      denominator: 7,
    });
  });
  it('nothing to count is null, not 0 %', () => {
    expect(autoValueOf('abh_diversion', clusterVFigures(rows, 2024))).toBeNull();
    expect(autoValueOf('ampk_served', clusterVFigures([], 2026))).toBeNull();
    expect(autoValueOf('ampk_served', clusterVFigures([rows[2]!], 2026))).toBeNull();
  });
});
