/** The figures' rules (src/domain/stats.ts, src/domain/report.ts): periods, months, what a case adds. */
import { describe, expect, it } from 'vitest';
import { change, earlierLabel, narrative, reportTables } from '../../src/domain/report.ts';
import {
  bucketQuantile,
  type CaseFactsForStats,
  caseArea,
  caseContributions,
  isSpike,
  localMonth,
  monthsOf,
  parsePeriod,
  RESPONSE_HOURS,
  yearEarlier,
} from '../../src/domain/stats.ts';
import type { DashboardDto } from '../../src/domain/stats-schemas.ts';

const base: CaseFactsForStats = {
  jurisdiction: '64.74',
  receivedAt: new Date('2026-03-31T15:30:00Z'), // 23:30 WITA
  caseType: 'ktp',
  channel: 'telepon',
  stage: 'penerimaan',
  risk: 'tinggi',
  closureReason: null,
  closedAt: null,
  assessmentStartedAt: null,
  persons: [],
  incidents: [],
  relationships: [],
  services: [],
  rights: [],
};
const person = (over: Partial<CaseFactsForStats['persons'][number]>) => ({
  id: 'p',
  role: 'korban',
  sex: null,
  disability: null,
  education: null,
  regionCode: null,
  birthDate: null,
  estimatedAge: null,
  ageGroup: null,
  ...over,
});
const values = (f: CaseFactsForStats, measure: string) =>
  caseContributions(f)
    .filter((c) => c.measure === measure)
    .map((c) => `${c.value}×${c.n}`);

describe('periods', () => {
  it('reads a year, a quarter and a month, and nothing else', () => {
    expect(parsePeriod('2026')).toMatchObject({ from: '2026-01-01', to: '2026-12-31' });
    expect(parsePeriod('2026-Q3')).toMatchObject({
      from: '2026-07-01',
      to: '2026-09-30',
      label: { id: 'Triwulan III 2026' },
    });
    expect(parsePeriod('2024-02')).toMatchObject({
      from: '2024-02-01',
      to: '2024-02-29',
      label: { id: 'Februari 2024' },
    });
    for (const bad of ['2026-Q0', '2026-Q5', '2026-13', '2026-1', '26', '', '2026-Q3 '])
      expect(parsePeriod(bad)).toBeNull();
  });
  it('takes whole months only', () => {
    expect(monthsOf('2026-01-01', '2026-03-31')).toEqual(['2026-01-01', '2026-02-01', '2026-03-01']);
    expect(monthsOf('2025-12-01', '2026-01-31')).toEqual(['2025-12-01', '2026-01-01']);
    expect(monthsOf('2026-01-02', '2026-03-31')).toBeNull();
    expect(monthsOf('2026-01-01', '2026-03-30')).toBeNull();
    expect(monthsOf('2024-02-01', '2024-02-29')).toEqual(['2024-02-01']);
  });
  it('compares with the same months a year earlier, February ending on its own last day', () => {
    expect(yearEarlier('2026-07-01', '2026-09-30')).toEqual({ from: '2025-07-01', to: '2025-09-30' });
    expect(yearEarlier('2025-02-01', '2025-02-28')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(yearEarlier('2024-02-01', '2024-02-29')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(earlierLabel('2026-Q3')).toBe('Triwulan III 2025');
    expect(earlierLabel('2026-11')).toBe('November 2025');
  });
  it('puts a moment in the local month of its region: 23:30 WITA on 31 March is March, 00:30 WIB on 1 April is April', () => {
    expect(localMonth(new Date('2026-03-31T15:30:00Z'), '64.74')).toBe('2026-03-01');
    expect(localMonth(new Date('2026-03-31T16:30:00Z'), '64.74')).toBe('2026-04-01');
    expect(localMonth(new Date('2026-03-31T17:30:00Z'), '36.02')).toBe('2026-04-01');
    expect(localMonth(new Date('2026-03-31T14:30:00Z'), '91.71')).toBe('2026-03-01');
  });
});

describe('what a case adds', () => {
  it('takes the age group from the best fact there is, and never makes one up', () => {
    const f = {
      ...base,
      persons: [
        person({ birthDate: '2011-04-01' }), // 14 on 31 March 2026 (WITA)
        person({ estimatedAge: 30 }),
        person({ ageGroup: '6-12' }),
        person({ ageGroup: '18+' }),
        person({}),
      ],
    };
    expect(values(f, 'victim_age').sort()).toEqual([
      '13-17×1',
      '18+×1',
      '25-44×1',
      '6-12×1',
      'tidak_diketahui×1',
    ]);
    expect(values(f, 'victims')).toEqual(['×5']);
  });
  it('counts each form, place and offence once per case, however many incidents name it', () => {
    const inc = {
      forms: ['seksual', 'psikis'],
      place: 'sekolah',
      tpks: ['pelecehan_seksual_fisik'],
      ampk: [],
      regionCode: null,
    };
    const f = { ...base, incidents: [inc, { ...inc, forms: ['seksual'] }] };
    expect(values(f, 'form').sort()).toEqual(['psikis×1', 'seksual×1']);
    expect(values(f, 'place')).toEqual(['sekolah×1']);
  });
  it('judges deadlines by the facts, not by today: answered late, on time, or not yet recorded', () => {
    expect(values(base, 'response_deadline')).toEqual(['belum×1']);
    const late = { ...base, assessmentStartedAt: new Date(base.receivedAt.getTime() + 2 * 3_600_000) };
    expect(values(late, 'response_deadline')).toEqual(['terlambat×1']);
    expect(values(late, 'response_hours')).toEqual(['<=6×1']);
    const soon = { ...base, assessmentStartedAt: new Date(base.receivedAt.getTime() + 30 * 60_000) };
    expect(values(soon, 'response_deadline')).toEqual(['tepat_waktu×1']);
    // low risk has no response deadline; no sexual violence, no police figure
    expect(values({ ...base, risk: 'rendah' }, 'response_deadline')).toEqual([]);
    expect(values(base, 'police_72h')).toEqual([]);
  });
  it('counts a case where its incident happened, else where its victim lives, inside its own kab/kota only', () => {
    expect(
      caseArea({
        ...base,
        incidents: [{ forms: [], place: null, tpks: [], ampk: [], regionCode: '64.74.01.1001' }],
      }),
    ).toBe('64.74.01.1001');
    expect(caseArea({ ...base, persons: [person({ regionCode: '64.74.02' })] })).toBe('64.74.02');
    expect(caseArea({ ...base, persons: [person({ regionCode: '36.02.01' })] })).toBeNull();
    expect(caseArea(base)).toBeNull();
  });
});

describe('reading counts', () => {
  it('finds the group the median and the 90th percentile fall in', () => {
    const m = new Map([
      ['<=1', 5],
      ['<=6', 3],
      ['<=24', 2],
    ]);
    expect(bucketQuantile(m, RESPONSE_HOURS, 0.5)).toBe('<=1');
    expect(bucketQuantile(m, RESPONSE_HOURS, 0.9)).toBe('<=24');
    expect(bucketQuantile(new Map(), RESPONSE_HOURS, 0.5)).toBeNull();
  });
  it('calls a month a spike only when it is far above its own last twelve', () => {
    expect(isSpike(12, [2, 3, 2, 1, 2, 3, 2, 2, 3, 2, 1, 2])).toBe(true);
    expect(isSpike(4, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])).toBe(false);
    expect(isSpike(6, [5, 6, 4, 7, 5, 6, 5, 4, 6, 5, 7, 6])).toBe(false);
  });
  it('says a change in words', () => {
    expect(change(12, 8)).toBe('naik 50%');
    expect(change(5, 8)).toBe('turun 37,5%');
    expect(change(3, 3)).toBe('sama');
    expect(change(3, 0)).toBeNull();
  });
});

describe('the periodic report in words', () => {
  const dto = (over: Partial<DashboardDto> = {}): DashboardDto => ({
    region: { code: '64.74', name: 'Kota Bontang', level: 2, zone: 'WITA', path: [] },
    period: { from: '2026-01-01', to: '2026-12-31' },
    compare: { from: '2025-01-01', to: '2025-12-31' },
    caseType: 'semua',
    through: null,
    asOf: '2026-12-05T06:00:00.000Z',
    pendingChanges: 0,
    totals: {
      cases: { n: 10, before: 8 },
      victims: { n: 12, before: 8 },
      victimPersons: { n: 11, before: 8 },
      perpetrators: { n: 9, before: 7 },
    },
    areas: [],
    trend: [{ month: '2026-03', cases: 4, victims: 5 }],
    figures: [
      {
        measure: 'victim_age',
        title: { id: 'Korban menurut kelompok umur', en: '' },
        unit: 'korban',
        note: null,
        caseFilter: null,
        rows: [
          { code: '13-17', label: { id: '13–17 tahun', en: '' }, n: 0, before: 1 },
          { code: '25-44', label: { id: '25–44 tahun', en: '' }, n: 12, before: 7 },
        ],
        total: 12,
      },
    ],
    rights: [],
    handling: {
      responseMedian: null,
      responseP90: null,
      withinDeadlineShare: 0.5,
      policeWithin72hShare: null,
      closureMedian: null,
      openByAge: [{ code: '<1', label: { id: 'Bulan ini', en: '' }, n: 3 }],
      workload: [],
      workloadAt: null,
    },
    signals: [],
    ...over,
  });
  const year = parsePeriod('2026')!;

  it('counts victims as the tables do, and says how many persons they are', () => {
    const [first] = narrative(dto(), year, '2026');
    expect(first).toBe(
      'Pada tahun 2026 tercatat 10 kasus kekerasan terhadap perempuan dan anak dengan 12 korban (11 orang; ada korban yang tercatat di lebih dari satu kasus) di Kota Bontang, naik 25% dibanding tahun 2025 (8 kasus).',
    );
  });
  it('says a period has not ended and compares it with a whole one', () => {
    const [first] = narrative(dto({ through: '2026-12-05' }), year, '2026');
    expect(first).toContain('Pada tahun 2026 (sampai 5 Desember 2026) tercatat');
    expect(first).toContain('(8 kasus, satu periode penuh)');
  });
  it('says no child victim in words, and today’s state as today’s', () => {
    const text = narrative(dto(), year, '2026');
    expect(text).toContain('Tidak ada korban anak (di bawah 18 tahun) yang tercatat.');
    expect(text).toContain(
      'Dalam penanganan, dari kasus berisiko tinggi dan sedang, 50% direspons dalam batas waktunya.',
    );
    expect(text).toContain('Keadaan saat laporan ini dibuat: 3 kasus masih dalam penanganan.');
  });
  it('names its comparison columns with their dates, adds a total and the change', () => {
    const t = reportTables(dto()).find((x) => x.key === 'victim_age')!;
    expect(t.head).toEqual([
      'Kategori (korban)',
      'Periode ini (1 Januari 2026 s.d. 31 Desember 2026)',
      'Setahun sebelumnya (1 Januari 2025 s.d. 31 Desember 2025)',
      'Perubahan',
    ]);
    expect(t.rows.at(-1)).toEqual(['Jumlah', 12, 8, 'naik 50%']);
    expect(reportTables(dto()).find((x) => x.key === 'tren')!.rows[0]).toEqual(['Mar 2026', 4, 5]);
  });
});
