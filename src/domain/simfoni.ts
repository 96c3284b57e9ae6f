/**
 * SIMFONI-PPA (domain.md §1): the one table that turns Simpul's codes into the labels SIMFONI
 * uses (§1.3), the row an officer re-types into SIMFONI (one per victim × incident), and what the
 * export accepts. Pure: no I/O, no clock.
 *
 * Where SIMFONI's list is published (forms, places, relationships, age groups, sex, occupation,
 * services) a Simpul code maps to one of its values or to its own "Lainnya"/"N/A". Where the exact
 * SIMFONI list is not public [U] (education, marital status) the labels follow the published
 * shares and local UPTD usage (domain.md §1.3), and say so. test/unit/simfoni.test.ts fails when a
 * Simpul code has no mapping or maps outside SIMFONI's list.
 */
import { z } from 'zod';
import {
  type AgeGroupCode,
  type DatePrecision,
  describeIncidentDate,
  exactAge,
  type IncidentDateFacts,
  incidentDateValue,
  simfoniAgeGroup,
} from './facts.ts';
import { isoDate, pastDate, reqText } from './schemas.ts';
import type {
  CodeList,
  EDUCATION,
  FORMS_OF_VIOLENCE,
  MARITAL_STATUSES,
  NATIONALITIES,
  OCCUPATIONS,
  PLACES,
  RELATIONSHIPS,
  SERVICE_TYPES,
  SEXES,
} from './taxonomies.ts';
import { CASE_TYPES, DISABILITY_TYPES } from './taxonomies.ts';

type CodeOf<L> = L extends CodeList<infer C> ? C : never;

/** SIMFONI's "not recorded" and "other" as it publishes them. */
export const NA = 'N/A';
export const OTHER = 'Lainnya';
/** An age group that cannot be told from the facts (never a guessed age). */
export const AGE_UNKNOWN = 'Tidak diketahui';

/**
 * SIMFONI's values per dimension (domain.md §1.3). Age groups carry "tahun" so that a
 * spreadsheet opening the CSV does not read "6-12" as the 6th of December.
 */
export const SIMFONI_VALUES = {
  forms: ['Fisik', 'Psikis', 'Seksual', 'Eksploitasi', 'Trafficking', 'Penelantaran', OTHER],
  places: [
    'Rumah Tangga',
    'Tempat Kerja',
    'Sekolah',
    'Fasilitas Umum',
    'Lembaga Pendidikan Kilat',
    OTHER,
    NA,
  ],
  relationships: [
    'Orang Tua',
    'Keluarga/Saudara',
    'Suami/Istri',
    'Pacar/Teman',
    'Tetangga',
    'Guru',
    'Rekan Kerja',
    'Majikan',
    OTHER,
    NA,
  ],
  ageGroups: [
    '0-5 tahun',
    '6-12 tahun',
    '13-17 tahun',
    '18-24 tahun',
    '25-44 tahun',
    '45-59 tahun',
    '60+ tahun',
    AGE_UNKNOWN,
  ],
  ageStatus: ['Anak', 'Dewasa', AGE_UNKNOWN],
  sexes: ['Laki-laki', 'Perempuan', NA],
  /** published: TK/PAUD … Perguruan Tinggi; local UPTD reports: belum/putus sekolah; exact list [U] */
  education: [
    'Belum Sekolah',
    'TK/PAUD',
    'SD',
    'SLTP',
    'SLTA',
    'Perguruan Tinggi',
    'Putus Sekolah',
    'Tidak Sekolah',
    NA,
  ],
  occupations: [
    'Pelajar',
    'Ibu Rumah Tangga',
    'Tidak Bekerja',
    'Swasta/Buruh',
    'Bekerja',
    'PNS/TNI/Polri',
    'Pedagang/Tani/Nelayan',
    NA,
  ],
  /** collected at intake; a SIMFONI breakdown by it is [U] */
  maritalStatuses: ['Belum Kawin', 'Kawin', 'Cerai Hidup', 'Cerai Mati', NA],
  /** SIMFONI (v2) records a yes/no flag; the type goes in its own column */
  disability: ['Ya', 'Tidak', NA],
  nationalities: ['WNI', 'WNA', NA],
  services: [
    'Pengaduan',
    'Kesehatan',
    'Bantuan Hukum',
    'Penegakan Hukum',
    'Rehabilitasi Sosial',
    'Reintegrasi Sosial',
    'Pemulangan',
    'Pendampingan Tokoh Agama',
    OTHER,
  ],
} as const;
export type SimfoniDimension = keyof typeof SIMFONI_VALUES;
type V<D extends SimfoniDimension> = (typeof SIMFONI_VALUES)[D][number];

/* ---------------------------------------------------------------- the mapping table */

/** Simpul's code → SIMFONI's label, dimension by dimension; every code of every list is named. */
export const SIMFONI_MAP: {
  forms: Record<CodeOf<typeof FORMS_OF_VIOLENCE>, V<'forms'>>;
  places: Record<CodeOf<typeof PLACES>, V<'places'>>;
  relationships: Record<CodeOf<typeof RELATIONSHIPS>, V<'relationships'>>;
  sexes: Record<CodeOf<typeof SEXES>, V<'sexes'>>;
  education: Record<CodeOf<typeof EDUCATION>, V<'education'>>;
  occupations: Record<CodeOf<typeof OCCUPATIONS>, V<'occupations'>>;
  maritalStatuses: Record<CodeOf<typeof MARITAL_STATUSES>, V<'maritalStatuses'>>;
  nationalities: Record<CodeOf<typeof NATIONALITIES>, V<'nationalities'>>;
  services: Record<CodeOf<typeof SERVICE_TYPES>, V<'services'>>;
  ageGroups: Record<Exclude<AgeGroupCode, '18+'>, V<'ageGroups'>>;
} = {
  forms: {
    fisik: 'Fisik',
    psikis: 'Psikis',
    seksual: 'Seksual',
    eksploitasi: 'Eksploitasi',
    // Simpul says "Trafficking (TPPO)"; SIMFONI "Trafficking"
    trafficking: 'Trafficking',
    penelantaran: 'Penelantaran',
    lainnya: OTHER,
  },
  places: {
    rumah_tangga: 'Rumah Tangga',
    tempat_kerja: 'Tempat Kerja',
    sekolah: 'Sekolah',
    fasilitas_umum: 'Fasilitas Umum',
    lembaga_pendidikan_kilat: 'Lembaga Pendidikan Kilat',
    // SIMFONI publishes no online place: it counts under "Lainnya"
    daring: OTHER,
    lainnya: OTHER,
  },
  relationships: {
    orang_tua: 'Orang Tua',
    keluarga: 'Keluarga/Saudara',
    suami_istri: 'Suami/Istri',
    pacar_teman: 'Pacar/Teman',
    tetangga: 'Tetangga',
    guru: 'Guru',
    rekan_kerja: 'Rekan Kerja',
    majikan: 'Majikan',
    lainnya: OTHER,
    tidak_diketahui: NA,
  },
  sexes: { perempuan: 'Perempuan', laki_laki: 'Laki-laki' },
  education: {
    belum_sekolah: 'Belum Sekolah',
    tk_paud: 'TK/PAUD',
    sd: 'SD',
    sltp: 'SLTP',
    slta: 'SLTA',
    perguruan_tinggi: 'Perguruan Tinggi',
    putus_sekolah: 'Putus Sekolah',
    tidak_sekolah: 'Tidak Sekolah',
    tidak_diketahui: NA,
  },
  occupations: {
    pelajar: 'Pelajar',
    ibu_rumah_tangga: 'Ibu Rumah Tangga',
    tidak_bekerja: 'Tidak Bekerja',
    swasta_buruh: 'Swasta/Buruh',
    pns_tni_polri: 'PNS/TNI/Polri',
    pedagang_tani_nelayan: 'Pedagang/Tani/Nelayan',
    // Simpul "Bekerja (lainnya)"; SIMFONI "Bekerja"
    bekerja_lainnya: 'Bekerja',
    tidak_diketahui: NA,
  },
  maritalStatuses: {
    belum_kawin: 'Belum Kawin',
    kawin: 'Kawin',
    cerai_hidup: 'Cerai Hidup',
    cerai_mati: 'Cerai Mati',
    tidak_diketahui: NA,
  },
  nationalities: { wni: 'WNI', wna: 'WNA' },
  services: {
    pengaduan: 'Pengaduan',
    kesehatan: 'Kesehatan',
    // a forensic examination is a health service
    visum: 'Kesehatan',
    // SIMFONI's list names no psychological service, shelter, mediation, general accompaniment,
    // social aid or schooling: they count under "Lainnya" rather than under a guessed heading
    psikologis: OTHER,
    bantuan_hukum: 'Bantuan Hukum',
    // reporting to the police starts law enforcement
    lapor_polisi: 'Penegakan Hukum',
    penegakan_hukum: 'Penegakan Hukum',
    rehabilitasi_sosial: 'Rehabilitasi Sosial',
    reintegrasi_sosial: 'Reintegrasi Sosial',
    pemulangan: 'Pemulangan',
    rumah_aman: OTHER,
    mediasi: OTHER,
    pendampingan: OTHER,
    pendampingan_tokoh_agama: 'Pendampingan Tokoh Agama',
    bantuan_sosial: OTHER,
    pendidikan: OTHER,
    lainnya: OTHER,
  },
  ageGroups: {
    '0-5': '0-5 tahun',
    '6-12': '6-12 tahun',
    '13-17': '13-17 tahun',
    '18-24': '18-24 tahun',
    '25-44': '25-44 tahun',
    '45-59': '45-59 tahun',
    '60+': '60+ tahun',
  },
};

type MappedDimension = keyof typeof SIMFONI_MAP;

/** The SIMFONI label of a stored code; a value never recorded (null) is "N/A". */
export function simfoniLabel(dim: Exclude<MappedDimension, 'ageGroups'>, code: string | null | undefined) {
  if (code === null || code === undefined || code === '') return NA;
  const table = SIMFONI_MAP[dim] as Record<string, string>;
  // a code the database holds is one of its list (migration 0017 and the input schemas); an
  // unknown one would be a bug, and is shown as what it is rather than as a guessed heading
  return table[code] ?? NA;
}

/* ---------------------------------------------------------------- age, as told */

export type AgeBasis = 'tanggal_lahir' | 'perkiraan_petugas' | 'kelompok_menurut_pelapor' | 'tidak_diketahui';
export const AGE_BASIS_LABELS: Record<AgeBasis, string> = {
  tanggal_lahir: 'Tanggal lahir',
  perkiraan_petugas: 'Perkiraan petugas',
  kelompok_menurut_pelapor: 'Kelompok usia menurut pelapor',
  tidak_diketahui: 'Tidak diketahui',
};

export type SimfoniAge = {
  /** whole years, from a birth date or the officer's estimate; null when neither is known */
  years: number | null;
  basis: AgeBasis;
  group: V<'ageGroups'>;
  status: V<'ageStatus'>;
};

const CHILD: ReadonlySet<string> = new Set(['0-5', '6-12', '13-17']);

/**
 * The SIMFONI age of a person from the facts as told: a birth date gives the age on `onDate`
 * (the incident's exact date, else the day of the report); the officer's estimate gives its own
 * group; a group someone told is used when it is one of SIMFONI's seven. "Dewasa, 18+" tells
 * the status, not the group. Nothing else is guessed: no age is ever made up from a group.
 */
export function simfoniAge(
  f: { birthDate: string | null; estimatedAge: number | null; ageGroup: string | null },
  onDate: string,
): SimfoniAge {
  const fromYears = (years: number, basis: AgeBasis): SimfoniAge => {
    const g = simfoniAgeGroup(years);
    return { years, basis, group: SIMFONI_MAP.ageGroups[g], status: CHILD.has(g) ? 'Anak' : 'Dewasa' };
  };
  if (f.birthDate && f.birthDate <= onDate) return fromYears(exactAge(f.birthDate, onDate), 'tanggal_lahir');
  if (f.estimatedAge !== null) return fromYears(f.estimatedAge, 'perkiraan_petugas');
  const told = f.ageGroup as Exclude<AgeGroupCode, '18+'> | '18+' | null;
  if (told && told !== '18+' && told in SIMFONI_MAP.ageGroups)
    return {
      years: null,
      basis: 'kelompok_menurut_pelapor',
      group: SIMFONI_MAP.ageGroups[told],
      status: CHILD.has(told) ? 'Anak' : 'Dewasa',
    };
  if (told === '18+')
    return { years: null, basis: 'kelompok_menurut_pelapor', group: AGE_UNKNOWN, status: 'Dewasa' };
  return { years: null, basis: 'tidak_diketahui', group: AGE_UNKNOWN, status: AGE_UNKNOWN };
}

/** The day a person's age is counted at: the incident's exact date, else the day of the report. */
export function ageReferenceDate(
  incident: { precision: DatePrecision; occurredOn: string | null },
  reportDate: string,
) {
  return incident.precision === 'tanggal' && incident.occurredOn ? incident.occurredOn : reportDate;
}

/* ---------------------------------------------------------------- one row per victim × incident */

export type SimfoniPersonFacts = {
  id: string;
  name: string;
  nik: string | null;
  sex: string | null;
  birthDate: string | null;
  estimatedAge: number | null;
  ageGroup: string | null;
  education: string | null;
  occupation: string | null;
  maritalStatus: string | null;
  disability: boolean | null;
  disabilityTypes: readonly string[];
  nationality: string | null;
  /** names of the person's kecamatan and kab/kota (domicile), when recorded */
  kecamatan: string | null;
  kabKota: string | null;
};

export type SimfoniCaseFacts = {
  number: string;
  caseType: string | null;
  /** the local calendar day the case was reported (SIMFONI counts by reporting date) */
  reportDate: string;
  province: string | null;
  kabKota: string | null;
  simfoniNumber: string | null;
  simfoniEnteredOn: string | null;
  victims: SimfoniPersonFacts[];
  perpetrators: SimfoniPersonFacts[];
  /** `${victimId}:${perpetratorId}` → relationship code */
  relationships: ReadonlyMap<string, string>;
  incidents: Array<
    IncidentDateFacts & {
      placeCategory: string | null;
      forms: readonly string[];
      kecamatan: string | null;
      desa: string | null;
    }
  >;
  /** service codes recorded on the case */
  services: readonly string[];
};

/** The export's columns, in order: key and the heading SIMFONI's officers read. */
export const SIMFONI_COLUMNS = [
  ['no', 'No'],
  ['caseNumber', 'Nomor kasus Simpul'],
  ['simfoniNumber', 'Nomor registrasi SIMFONI'],
  ['simfoniEnteredOn', 'Tanggal diinput ke SIMFONI'],
  ['reportDate', 'Tanggal pelaporan'],
  ['province', 'Provinsi'],
  ['kabKota', 'Kabupaten/Kota'],
  ['caseType', 'Jenis kasus'],
  ['incidentDate', 'Tanggal kejadian'],
  ['incidentDateWords', 'Keterangan tanggal kejadian'],
  ['incidentKecamatan', 'Kecamatan kejadian'],
  ['incidentDesa', 'Desa/Kelurahan kejadian'],
  ['place', 'Tempat kejadian'],
  ['forms', 'Bentuk kekerasan'],
  ['victimName', 'Nama korban'],
  ['victimNik', 'NIK korban'],
  ['victimSex', 'Jenis kelamin korban'],
  ['victimBirthDate', 'Tanggal lahir korban'],
  ['victimAge', 'Usia korban (tahun)'],
  ['victimAgeBasis', 'Dasar usia korban'],
  ['victimAgeGroup', 'Kelompok usia korban'],
  ['victimAgeStatus', 'Status usia korban'],
  ['victimEducation', 'Pendidikan korban'],
  ['victimOccupation', 'Pekerjaan korban'],
  ['victimMaritalStatus', 'Status perkawinan korban'],
  ['victimDisability', 'Disabilitas korban'],
  ['victimDisabilityTypes', 'Jenis disabilitas korban'],
  ['victimNationality', 'Kewarganegaraan korban'],
  ['victimKecamatan', 'Kecamatan domisili korban'],
  ['victimKabKota', 'Kabupaten/Kota domisili korban'],
  ['perpetratorCount', 'Jumlah terlapor'],
  ['perpetratorNames', 'Nama terlapor'],
  ['perpetratorSexes', 'Jenis kelamin terlapor'],
  ['perpetratorAgeGroups', 'Kelompok usia terlapor'],
  ['relationships', 'Hubungan terlapor dengan korban'],
  ['services', 'Layanan yang diterima'],
] as const;
export type SimfoniColumn = (typeof SIMFONI_COLUMNS)[number][0];
export type SimfoniRow = Record<SimfoniColumn, string>;

/** Columns that name or identify a person: only in the guarded export, never on a page. */
export const IDENTITY_COLUMNS: readonly SimfoniColumn[] = [
  'victimName',
  'victimNik',
  'victimBirthDate',
  'perpetratorNames',
];

const join = (xs: readonly string[]) => xs.join('; ');
const unique = (xs: readonly string[]) => [...new Set(xs)];
const disabilityTypeLabel = new Map<string, string>(DISABILITY_TYPES.map((d) => [d.code, d.label.id]));
const caseTypeLabel = new Map<string, string>(CASE_TYPES.map((d) => [d.code, d.label.id]));

/**
 * The rows of one case: one per victim × incident (a case with two victims and one incident is two
 * rows; a case with no incident recorded yet still gives each victim a row, with the incident's
 * columns empty, so no victim is left out of the count). Several forms, perpetrators and services
 * share a cell, separated by "; ".
 */
export function simfoniRows(c: SimfoniCaseFacts): Omit<SimfoniRow, 'no'>[] {
  const incidents = c.incidents.length > 0 ? c.incidents : [null];
  const rows: Omit<SimfoniRow, 'no'>[] = [];
  for (const v of c.victims)
    for (const i of incidents) {
      const onDate = i ? ageReferenceDate(i, c.reportDate) : c.reportDate;
      const age = simfoniAge(v, onDate);
      rows.push({
        caseNumber: c.number,
        simfoniNumber: c.simfoniNumber ?? '',
        simfoniEnteredOn: c.simfoniEnteredOn ?? '',
        reportDate: c.reportDate,
        province: c.province ?? '',
        kabKota: c.kabKota ?? '',
        caseType: c.caseType ? (caseTypeLabel.get(c.caseType) ?? NA) : NA,
        incidentDate: i ? (incidentDateValue(i) ?? '') : '',
        incidentDateWords: i ? describeIncidentDate(i).id : 'belum dicatat',
        incidentKecamatan: i?.kecamatan ?? '',
        incidentDesa: i?.desa ?? '',
        place: i ? simfoniLabel('places', i.placeCategory) : NA,
        forms: i && i.forms.length > 0 ? join(unique(i.forms.map((f) => simfoniLabel('forms', f)))) : NA,
        victimName: v.name,
        victimNik: v.nik ?? '',
        victimSex: simfoniLabel('sexes', v.sex),
        victimBirthDate: v.birthDate ?? '',
        victimAge: age.years === null ? '' : String(age.years),
        victimAgeBasis: AGE_BASIS_LABELS[age.basis],
        victimAgeGroup: age.group,
        victimAgeStatus: age.status,
        victimEducation: simfoniLabel('education', v.education),
        victimOccupation: simfoniLabel('occupations', v.occupation),
        victimMaritalStatus: simfoniLabel('maritalStatuses', v.maritalStatus),
        victimDisability: v.disability === null ? NA : v.disability ? 'Ya' : 'Tidak',
        victimDisabilityTypes: join(v.disabilityTypes.map((t) => disabilityTypeLabel.get(t) ?? t)),
        victimNationality: simfoniLabel('nationalities', v.nationality),
        victimKecamatan: v.kecamatan ?? '',
        victimKabKota: v.kabKota ?? '',
        perpetratorCount: String(c.perpetrators.length),
        perpetratorNames: join(c.perpetrators.map((p) => p.name)),
        perpetratorSexes: join(c.perpetrators.map((p) => simfoniLabel('sexes', p.sex))),
        perpetratorAgeGroups: join(c.perpetrators.map((p) => simfoniAge(p, onDate).group)),
        relationships: join(
          c.perpetrators.map((p) => simfoniLabel('relationships', c.relationships.get(`${v.id}:${p.id}`))),
        ),
        services:
          c.services.length > 0 ? join(unique(c.services.map((s) => simfoniLabel('services', s)))) : '',
      });
    }
  return rows;
}

/**
 * What SIMFONI will ask for that the case does not say yet, in words (the list of cases not yet
 * entered shows it, so the officer asks the case team before typing).
 */
export function simfoniGaps(c: SimfoniCaseFacts): string[] {
  const gaps: string[] = [];
  if (c.victims.length === 0) gaps.push('Belum ada korban');
  if (c.incidents.length === 0) gaps.push('Belum ada kejadian');
  if (c.victims.some((v) => !v.sex)) gaps.push('Jenis kelamin korban');
  if (c.victims.some((v) => simfoniAge(v, c.reportDate).group === AGE_UNKNOWN)) gaps.push('Usia korban');
  if (c.incidents.some((i) => !i.placeCategory)) gaps.push('Tempat kejadian');
  if (c.incidents.some((i) => i.forms.length === 0)) gaps.push('Bentuk kekerasan');
  if (c.perpetrators.length === 0) gaps.push('Belum ada terlapor');
  else if (c.victims.some((v) => c.perpetrators.some((p) => !c.relationships.has(`${v.id}:${p.id}`))))
    gaps.push('Hubungan terlapor dengan korban');
  return gaps;
}

/* ---------------------------------------------------------------- inputs */

export const SIMFONI_FORMATS = ['csv', 'xlsx'] as const;
export type SimfoniFormat = (typeof SIMFONI_FORMATS)[number];
/** The longest period one export covers. */
export const SIMFONI_MAX_YEARS = 5;
/** A reason says why the data leaves Simpul; a word or two is not one. */
export const SIMFONI_REASON_MIN = 10;
/** The most rows one export holds; narrow the period for more. */
export const SIMFONI_EXPORT_MAX_ROWS = 20_000;

/** `to` at most SIMFONI_MAX_YEARS after `from` (the day before the same date five years on). */
export function periodTooLong(from: string, to: string): boolean {
  const limit = `${String(Number(from.slice(0, 4)) + SIMFONI_MAX_YEARS).padStart(4, '0')}${from.slice(4)}`;
  return to >= limit;
}

const DAY_SHAPE = /^\d{4}-\d{2}-\d{2}$/;
const period = (q: { from: string; to: string }, ctx: z.RefinementCtx) => {
  // a date that is itself wrong has its own error; compare only two days
  if (!DAY_SHAPE.test(q.from) || !DAY_SHAPE.test(q.to)) return;
  if (q.to < q.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'date_before_from', input: q.to });
  else if (periodTooLong(q.from, q.to))
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'period_too_long', input: q.to });
};

/**
 * The export: a period of reporting dates (local days of the officer's kab/kota, both ends
 * included), the file type, and why the data leaves Simpul (kept in the audit log).
 */
export const SimfoniExportQuery = z
  .strictObject({
    from: isoDate,
    to: isoDate,
    format: z.enum(SIMFONI_FORMATS, 'invalid_value'),
    reason: reqText(500).refine((s) => s.length >= SIMFONI_REASON_MIN, 'reason_too_short'),
  })
  .superRefine(period);
export type SimfoniExportQuery = z.infer<typeof SimfoniExportQuery>;

/** The list of cases to enter: not yet entered (default) or entered, newest report first. */
export const SimfoniCaseQuery = z
  .strictObject({
    status: z.enum(['belum', 'sudah'], 'invalid_value').default('belum'),
    /** reporting dates, local days, both optional */
    from: isoDate.optional(),
    to: isoDate.optional(),
    page: z.coerce.number().int().min(1).max(100000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.to < q.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'date_before_from', input: q.to });
  });
export type SimfoniCaseQuery = z.infer<typeof SimfoniCaseQuery>;

/** Marking a case entered into SIMFONI (or correcting the entry), with the case's version. */
export const SimfoniEntryInput = z.strictObject({
  version: z.number().int().min(1),
  /** the day it was entered into SIMFONI (a local calendar day, not in the future) */
  enteredOn: pastDate,
  /** SIMFONI's registration number of the case, as SIMFONI shows it */
  simfoniNumber: reqText(60).refine((s) => /^[\p{L}\p{N}./\-_ ]+$/u.test(s), 'invalid_simfoni_number'),
});
export type SimfoniEntryInput = z.infer<typeof SimfoniEntryInput>;
