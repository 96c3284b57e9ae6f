/**
 * The SIMFONI-PPA mapping (issue 11 §4): every code of every Simpul list maps to a value SIMFONI
 * publishes (or its own "Lainnya"/"N/A"), so a code added to a list without a mapping fails here;
 * ages come from the facts as told and are never made up; one row per victim × incident.
 */
import { describe, expect, it } from 'vitest';
import { AGE_GROUP_CODES } from '../../src/domain/facts.ts';
import {
  AGE_UNKNOWN,
  NA,
  OTHER,
  periodTooLong,
  SIMFONI_COLUMNS,
  SIMFONI_MAP,
  SIMFONI_VALUES,
  type SimfoniCaseFacts,
  SimfoniEntryInput,
  SimfoniExportQuery,
  type SimfoniPersonFacts,
  simfoniAge,
  simfoniGaps,
  simfoniLabel,
  simfoniRows,
} from '../../src/domain/simfoni.ts';
import {
  EDUCATION,
  FORMS_OF_VIOLENCE,
  MARITAL_STATUSES,
  NATIONALITIES,
  OCCUPATIONS,
  PLACES,
  RELATIONSHIPS,
  SERVICE_TYPES,
  SEXES,
} from '../../src/domain/taxonomies.ts';

/** Each Simpul code list and the SIMFONI dimension it goes to. */
const LISTS = [
  ['forms', FORMS_OF_VIOLENCE, 'forms'],
  ['places', PLACES, 'places'],
  ['relationships', RELATIONSHIPS, 'relationships'],
  ['sexes', SEXES, 'sexes'],
  ['education', EDUCATION, 'education'],
  ['occupations', OCCUPATIONS, 'occupations'],
  ['maritalStatuses', MARITAL_STATUSES, 'maritalStatuses'],
  ['nationalities', NATIONALITIES, 'nationalities'],
  ['services', SERVICE_TYPES, 'services'],
] as const;

describe('the mapping table', () => {
  it.each(LISTS)(
    'every %s code maps to a SIMFONI value, and the table names no code the list lacks',
    (key, list, dim) => {
      const table = SIMFONI_MAP[key] as Record<string, string>;
      const values: readonly string[] = SIMFONI_VALUES[dim];
      for (const { code } of list) {
        expect(table[code], `${key}.${code} has no SIMFONI label`).toBeDefined();
        expect(values, `${key}.${code} → ${table[code]}`).toContain(table[code]);
      }
      expect(Object.keys(table).sort()).toEqual(list.map((x) => x.code).sort());
    },
  );

  it('every age group someone can tell maps, except "dewasa 18+", which tells only the status', () => {
    for (const g of AGE_GROUP_CODES) {
      if (g === '18+') expect(g in SIMFONI_MAP.ageGroups).toBe(false);
      else expect(SIMFONI_VALUES.ageGroups).toContain(SIMFONI_MAP.ageGroups[g]);
    }
  });

  it('where Simpul and SIMFONI differ, the difference is the table’s', () => {
    expect(simfoniLabel('forms', 'trafficking')).toBe('Trafficking');
    expect(simfoniLabel('places', 'daring')).toBe(OTHER);
    expect(simfoniLabel('relationships', 'tidak_diketahui')).toBe(NA);
    expect(simfoniLabel('occupations', 'bekerja_lainnya')).toBe('Bekerja');
    expect(simfoniLabel('services', 'visum')).toBe('Kesehatan');
    expect(simfoniLabel('services', 'lapor_polisi')).toBe('Penegakan Hukum');
    expect(simfoniLabel('sexes', null)).toBe(NA);
    expect(simfoniLabel('education', undefined)).toBe(NA);
  });

  it('labels the published lists as SIMFONI publishes them (domain.md §1.3)', () => {
    expect(SIMFONI_VALUES.forms).toEqual([
      'Fisik',
      'Psikis',
      'Seksual',
      'Eksploitasi',
      'Trafficking',
      'Penelantaran',
      'Lainnya',
    ]);
    expect(SIMFONI_VALUES.relationships).toContain('Keluarga/Saudara');
    expect(SIMFONI_VALUES.places).toContain('Lembaga Pendidikan Kilat');
  });
});

describe('age, as told', () => {
  const f = (over: Partial<{ birthDate: string; estimatedAge: number; ageGroup: string }>) => ({
    birthDate: null,
    estimatedAge: null,
    ageGroup: null,
    ...over,
  });

  it.each([
    // the birth date counts on the day given: 15 the day before the 16th birthday, 16 on it
    [f({ birthDate: '2010-03-14' }), '2026-03-13', 15, '13-17 tahun', 'Anak', 'Tanggal lahir'],
    [f({ birthDate: '2008-03-14' }), '2026-03-14', 18, '18-24 tahun', 'Dewasa', 'Tanggal lahir'],
    [f({ birthDate: '2021-01-01' }), '2026-01-01', 5, '0-5 tahun', 'Anak', 'Tanggal lahir'],
    [f({ estimatedAge: 30 }), '2026-01-01', 30, '25-44 tahun', 'Dewasa', 'Perkiraan petugas'],
    [f({ estimatedAge: 60 }), '2026-01-01', 60, '60+ tahun', 'Dewasa', 'Perkiraan petugas'],
  ])('%o on %s is %i years, %s, %s', (facts, on, years, group, status, basis) => {
    const a = simfoniAge(facts, on);
    expect(a).toMatchObject({ years, group, status });
    expect(
      { tanggal_lahir: 'Tanggal lahir', perkiraan_petugas: 'Perkiraan petugas' }[a.basis as 'tanggal_lahir'],
    ).toBe(basis);
  });

  it('a group someone told is used when it is a SIMFONI group; no age is made up from it', () => {
    expect(simfoniAge(f({ ageGroup: '6-12' }), '2026-01-01')).toEqual({
      years: null,
      basis: 'kelompok_menurut_pelapor',
      group: '6-12 tahun',
      status: 'Anak',
    });
    expect(simfoniAge(f({ ageGroup: '18+' }), '2026-01-01')).toEqual({
      years: null,
      basis: 'kelompok_menurut_pelapor',
      group: AGE_UNKNOWN,
      status: 'Dewasa',
    });
    expect(simfoniAge(f({}), '2026-01-01')).toEqual({
      years: null,
      basis: 'tidak_diketahui',
      group: AGE_UNKNOWN,
      status: AGE_UNKNOWN,
    });
  });

  it('the most certain fact wins: a birth date over an estimate over a group', () => {
    expect(
      simfoniAge(f({ birthDate: '2000-06-01', estimatedAge: 40, ageGroup: '6-12' }), '2026-01-01').group,
    ).toBe('25-44 tahun');
    expect(simfoniAge(f({ estimatedAge: 16, ageGroup: '25-44' }), '2026-01-01').status).toBe('Anak');
  });
});

describe('rows', () => {
  const person = (id: string, over: Partial<SimfoniPersonFacts> = {}): SimfoniPersonFacts => ({
    id,
    name: `Orang ${id}`,
    nik: null,
    sex: 'perempuan',
    birthDate: null,
    estimatedAge: null,
    ageGroup: null,
    education: null,
    occupation: null,
    maritalStatus: null,
    disability: null,
    disabilityTypes: [],
    nationality: 'wni',
    kecamatan: null,
    kabKota: null,
    ...over,
  });
  const incident = (over: Partial<SimfoniCaseFacts['incidents'][number]> = {}) => ({
    precision: 'tanggal' as const,
    occurredOn: '2026-02-01',
    toldWhen: null,
    referenceDate: null,
    placeCategory: 'rumah_tangga',
    forms: ['fisik', 'psikis'],
    kecamatan: 'Rangkasbitung',
    desa: null,
    ...over,
  });
  const facts = (over: Partial<SimfoniCaseFacts> = {}): SimfoniCaseFacts => ({
    number: 'PPA-3602-2026-0001',
    caseType: 'ktp_ampk',
    reportDate: '2026-02-03',
    province: 'Banten',
    kabKota: 'Kabupaten Lebak',
    simfoniNumber: null,
    simfoniEnteredOn: null,
    victims: [person('v1', { birthDate: '2010-02-02' }), person('v2', { estimatedAge: 35 })],
    perpetrators: [person('p1', { sex: 'laki_laki', estimatedAge: 40 }), person('p2', { sex: 'laki_laki' })],
    relationships: new Map([
      ['v1:p1', 'orang_tua'],
      ['v2:p1', 'suami_istri'],
    ]),
    incidents: [
      incident(),
      incident({ precision: 'bulan', occurredOn: '2026-01-01', placeCategory: 'daring', forms: ['seksual'] }),
    ],
    services: ['pengaduan', 'visum', 'kesehatan'],
    ...over,
  });

  it('one row per victim × incident, in SIMFONI’s labels', () => {
    const rows = simfoniRows(facts());
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => [r.victimName, r.incidentDate])).toEqual([
      ['Orang v1', '2026-02-01'],
      ['Orang v1', '2026-01'],
      ['Orang v2', '2026-02-01'],
      ['Orang v2', '2026-01'],
    ]);
    expect(rows[0]).toMatchObject({
      place: 'Rumah Tangga',
      forms: 'Fisik; Psikis',
      victimSex: 'Perempuan',
      // born 2010-02-02: 15 on the incident's exact day (2026-02-01)
      victimAge: '15',
      victimAgeGroup: '13-17 tahun',
      victimAgeStatus: 'Anak',
      perpetratorCount: '2',
      perpetratorSexes: 'Laki-laki; Laki-laki',
      perpetratorAgeGroups: '25-44 tahun; Tidak diketahui',
      relationships: 'Orang Tua; N/A',
      services: 'Pengaduan; Kesehatan',
      caseType: 'KtP dan AMPK',
      victimNationality: 'WNI',
      victimDisability: NA,
    });
    // a month-only incident: the age counts on the day of the report (16 by then)
    expect(rows[1]).toMatchObject({ place: 'Lainnya', forms: 'Seksual', victimAge: '16' });
    expect(rows[2]).toMatchObject({ relationships: 'Suami/Istri; N/A', victimAgeBasis: 'Perkiraan petugas' });
  });

  it('a victim without an incident yet still has a row; a case without victims has none', () => {
    expect(simfoniRows(facts({ incidents: [] }))).toHaveLength(2);
    expect(simfoniRows(facts({ incidents: [] }))[0]).toMatchObject({
      place: NA,
      forms: NA,
      incidentDate: '',
    });
    expect(simfoniRows(facts({ victims: [] }))).toEqual([]);
  });

  it('every column is filled in by the row builder', () => {
    const keys = SIMFONI_COLUMNS.map(([k]) => k).filter((k) => k !== 'no');
    expect(Object.keys(simfoniRows(facts())[0]!).sort()).toEqual([...keys].sort());
  });

  it('says what SIMFONI will ask for that the case does not say yet', () => {
    expect(simfoniGaps(facts())).toEqual(['Hubungan terlapor dengan korban']);
    expect(simfoniGaps(facts({ victims: [], incidents: [], perpetrators: [] }))).toEqual([
      'Belum ada korban',
      'Belum ada kejadian',
      'Belum ada terlapor',
    ]);
    expect(
      simfoniGaps(
        facts({
          victims: [person('v1', { sex: null })],
          perpetrators: [],
          incidents: [incident({ placeCategory: null })],
        }),
      ),
    ).toEqual(['Jenis kelamin korban', 'Usia korban', 'Tempat kejadian', 'Belum ada terlapor']);
  });
});

describe('what the export accepts', () => {
  const ok = { from: '2026-01-01', to: '2026-03-31', format: 'csv', reason: 'Input SIMFONI triwulan I' };
  const codes = (q: object) => {
    const r = SimfoniExportQuery.safeParse(q);
    return r.success ? null : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('a period of at most five years, in order, a known format and a reason', () => {
    expect(codes(ok)).toBeNull();
    expect(codes({ ...ok, to: '2025-12-31' })).toEqual({ to: 'date_before_from' });
    expect(codes({ ...ok, from: '2021-01-01', to: '2025-12-31' })).toBeNull();
    expect(codes({ ...ok, from: '2021-01-01', to: '2026-01-01' })).toEqual({ to: 'period_too_long' });
    expect(codes({ ...ok, format: 'pdf' })).toEqual({ format: 'invalid_value' });
    expect(codes({ ...ok, reason: 'data' })).toEqual({ reason: 'reason_too_short' });
    expect(codes({ ...ok, reason: undefined })).toEqual({ reason: 'required' });
    expect(codes({ ...ok, from: '2026-02-30' })).toEqual({ from: 'invalid_date' });
    expect(codes({ ...ok, extra: '1' })).not.toBeNull();
  });

  it('five years are counted from the first day, leap days included', () => {
    expect(periodTooLong('2024-02-29', '2029-02-28')).toBe(false);
    expect(periodTooLong('2024-02-29', '2029-03-01')).toBe(true);
  });

  it('a SIMFONI number is plain text; the entry day is not in the future', () => {
    const e = (over: object) =>
      SimfoniEntryInput.safeParse({
        version: 1,
        enteredOn: '2026-01-05',
        simfoniNumber: 'SF/3602/2026/001',
        ...over,
      });
    expect(e({}).success).toBe(true);
    expect(e({ simfoniNumber: '=HYPERLINK("x")' }).success).toBe(false);
    expect(e({ enteredOn: '2099-01-01' }).success).toBe(false);
  });
});
