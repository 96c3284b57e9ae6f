/**
 * Facts kept as they were told (decision 014): a person's age as a birth date, an officer's
 * estimate or an age group someone told us; an incident date as exact, approximate (a day, a
 * month, a year, or a window the reporter named relative to the day of the report) or unknown.
 * Nothing here turns a group into an age or an approximate date into a certain one, and the words
 * people read say which kind of fact it is. Pure: no I/O, no clock (callers pass today's date).
 */
import type { Label, PLACES } from './taxonomies.ts';

type PlaceCode = (typeof PLACES)[number]['code'];

/* ---------------------------------------------------------------- age */

/**
 * Age groups as told. The seven SIMFONI groups, plus `18+` for what the public form and the
 * hotline record as "dewasa" (an adult, no narrower group told). One list holds what every
 * channel records; SIMFONI counts `18+` as "dewasa, kelompok tidak dirinci".
 */
export const AGE_GROUP_CODES = ['0-5', '6-12', '13-17', '18-24', '25-44', '45-59', '60+', '18+'] as const;
export type AgeGroupCode = (typeof AGE_GROUP_CODES)[number];

const GROUP_WORDS: Record<AgeGroupCode, Label> = {
  '0-5': { id: '0–5 tahun', en: '0–5 years' },
  '6-12': { id: '6–12 tahun', en: '6–12 years' },
  '13-17': { id: '13–17 tahun', en: '13–17 years' },
  '18-24': { id: '18–24 tahun', en: '18–24 years' },
  '25-44': { id: '25–44 tahun', en: '25–44 years' },
  '45-59': { id: '45–59 tahun', en: '45–59 years' },
  '60+': { id: '60 tahun ke atas', en: '60 years or older' },
  '18+': { id: 'dewasa, 18 tahun ke atas', en: 'adult, 18 or older' },
};

/** The code list the staff app offers (labels as a form shows them). */
export const PERSON_AGE_GROUPS: ReadonlyArray<{ code: AgeGroupCode; label: Label }> = AGE_GROUP_CODES.map(
  (code) => ({
    code,
    label: { id: capitalise(GROUP_WORDS[code].id), en: capitalise(GROUP_WORDS[code].en) },
  }),
);

const CHILD_GROUPS: ReadonlySet<string> = new Set(['0-5', '6-12', '13-17']);

/** The intake form's groups (src/domain/intake.ts VICTIM_AGE_GROUPS) as age groups; 'tidak_tahu' is none. */
export function ageGroupFromIntake(code: string | null | undefined): AgeGroupCode | null {
  switch (code) {
    case 'anak_0_5':
      return '0-5';
    case 'anak_6_12':
      return '6-12';
    case 'anak_13_17':
      return '13-17';
    case 'dewasa':
      return '18+';
    default:
      return null;
  }
}

/** Whole years from a birth date to `today` (both `YYYY-MM-DD`, calendar dates). */
export function exactAge(birthDate: string, today: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  let a = ty - by;
  if (tm < bm || (tm === bm && td < bd)) a--;
  return Math.max(0, a);
}

export type AgeFacts = {
  birthDate: string | null;
  /** the officer's own estimate, in years */
  estimatedAge: number | null;
  /** the group someone told (reporter, victim, or the intake form) */
  ageGroup: string | null;
};

/** SIMFONI group of a known age (exact or estimated). */
export function simfoniAgeGroup(age: number): Exclude<AgeGroupCode, '18+'> {
  if (age <= 5) return '0-5';
  if (age <= 12) return '6-12';
  if (age <= 17) return '13-17';
  if (age <= 24) return '18-24';
  if (age <= 44) return '25-44';
  if (age <= 59) return '45-59';
  return '60+';
}

/**
 * What is known of a person's age, in words, most certain first: "15 tahun (lahir 14 Mar 2011)",
 * "± 30 tahun (perkiraan petugas)", "13–17 tahun (menurut pelapor)". Several facts are all shown
 * ("; "), so an estimate that disagrees with what was told stays visible. Null when nothing is known.
 */
export function describeAge(f: AgeFacts, today: string): Label | null {
  const parts: Label[] = [];
  if (f.birthDate) {
    const a = exactAge(f.birthDate, today);
    parts.push({
      id: `${a} tahun (lahir ${dayText(f.birthDate, 'id')})`,
      en: `${a} years (born ${dayText(f.birthDate, 'en')})`,
    });
  }
  if (f.estimatedAge !== null) {
    parts.push({
      id: `± ${f.estimatedAge} tahun (perkiraan petugas)`,
      en: `about ${f.estimatedAge} years (officer’s estimate)`,
    });
  }
  const g = GROUP_WORDS[f.ageGroup as AgeGroupCode];
  if (g) parts.push({ id: `${g.id} (menurut pelapor)`, en: `${g.en} (as reported)` });
  if (parts.length === 0) return null;
  return { id: parts.map((p) => p.id).join('; '), en: parts.map((p) => p.en).join('; ') };
}

/** The age group to show someone who may not see the person: from the best fact there is. */
export function knownAgeGroup(f: AgeFacts, today: string): AgeGroupCode | null {
  if (f.birthDate) return simfoniAgeGroup(exactAge(f.birthDate, today));
  if (f.estimatedAge !== null) return simfoniAgeGroup(f.estimatedAge);
  return (AGE_GROUP_CODES as readonly string[]).includes(f.ageGroup ?? '')
    ? (f.ageGroup as AgeGroupCode)
    : null;
}

/** A child (under 18)? From the best fact there is; null when nothing is known. */
export function isChild(f: AgeFacts, today: string): boolean | null {
  const g = knownAgeGroup(f, today);
  return g === null ? null : CHILD_GROUPS.has(g);
}

/* ---------------------------------------------------------------- incident date */

/**
 * How precisely an incident date is known: a day; around a day; a month; a year; a window the
 * reporter named relative to the day of the report ("minggu ini"); not known.
 */
export const DATE_PRECISIONS = [
  'tanggal',
  'sekitar_tanggal',
  'bulan',
  'tahun',
  'kurun',
  'tidak_diketahui',
] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const DATE_PRECISION_LABELS: ReadonlyArray<{ code: DatePrecision; label: Label }> = [
  { code: 'tanggal', label: { id: 'Tanggal pasti', en: 'Exact date' } },
  { code: 'sekitar_tanggal', label: { id: 'Sekitar tanggal', en: 'Around a date' } },
  { code: 'bulan', label: { id: 'Bulan saja (sekitar)', en: 'Month only (approximate)' } },
  { code: 'tahun', label: { id: 'Tahun saja (sekitar)', en: 'Year only (approximate)' } },
  {
    code: 'kurun',
    label: { id: 'Kurun waktu menurut pelapor', en: 'Time window as reported' },
  },
  { code: 'tidak_diketahui', label: { id: 'Tidak diketahui', en: 'Not known' } },
];

/** Windows a reporter names, relative to the day of the report (the intake form's OCCURRED_WHEN, less "tidak tahu"). */
export const TOLD_WHEN_CODES = [
  'sedang_terjadi',
  'hari_ini',
  'minggu_ini',
  'bulan_ini',
  'lebih_lama',
  'berulang',
] as const;
export type ToldWhen = (typeof TOLD_WHEN_CODES)[number];

export type IncidentDateFacts = {
  precision: DatePrecision;
  /** the day (tanggal, sekitar_tanggal), the first of the month (bulan) or of the year (tahun); else null */
  occurredOn: string | null;
  /** kurun: what the reporter said */
  toldWhen: string | null;
  /** kurun: the day it was said (the day of the report), which the words are relative to */
  referenceDate: string | null;
};

/** Month names as people write them (the one list: facts, figures, reports, public statistics). */
export const MONTHS: Record<'id' | 'en', { long: string[]; short: string[] }> = {
  id: {
    long: [
      'Januari',
      'Februari',
      'Maret',
      'April',
      'Mei',
      'Juni',
      'Juli',
      'Agustus',
      'September',
      'Oktober',
      'November',
      'Desember',
    ],
    short: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  },
  en: {
    long: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    short: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
  },
};

/** "3 Des 2026" / "3 Dec 2026" for a calendar date `YYYY-MM-DD`: no time, no time zone. */
export function dayText(date: string, lang: 'id' | 'en'): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${MONTHS[lang].short[m - 1]} ${y}`;
}

function monthText(date: string, lang: 'id' | 'en'): string {
  const [y, m] = date.split('-').map(Number) as [number, number];
  return `${MONTHS[lang].long[m - 1]} ${y}`;
}

const TOLD_WORDS: Record<ToldWhen, { id: string; en: string }> = {
  sedang_terjadi: { id: 'sedang berlangsung saat dilaporkan, {ref}', en: 'ongoing when reported on {ref}' },
  hari_ini: { id: 'pada hari pelaporan, {ref}', en: 'on the day of the report, {ref}' },
  minggu_ini: { id: 'dalam minggu sebelum {ref}', en: 'in the week before {ref}' },
  bulan_ini: { id: 'dalam bulan sebelum {ref}', en: 'in the month before {ref}' },
  lebih_lama: { id: 'lebih dari sebulan sebelum {ref}', en: 'more than a month before {ref}' },
  berulang: { id: 'berulang kali sampai {ref}', en: 'repeatedly, up to {ref}' },
};

/**
 * The incident date in words: "3 Des 2026", "sekitar 3 Des 2026", "sekitar Mei 2026", "sekitar
 * tahun 2025", "dalam minggu sebelum 3 Des 2026 (menurut pelapor)", "tidak diketahui".
 */
export function describeIncidentDate(f: IncidentDateFacts): Label {
  const on = f.occurredOn;
  switch (f.precision) {
    case 'tanggal':
      if (on) return { id: dayText(on, 'id'), en: dayText(on, 'en') };
      break;
    case 'sekitar_tanggal':
      if (on) return { id: `sekitar ${dayText(on, 'id')}`, en: `around ${dayText(on, 'en')}` };
      break;
    case 'bulan':
      if (on) return { id: `sekitar ${monthText(on, 'id')}`, en: `around ${monthText(on, 'en')}` };
      break;
    case 'tahun':
      if (on) return { id: `sekitar tahun ${on.slice(0, 4)}`, en: `around ${on.slice(0, 4)}` };
      break;
    case 'kurun': {
      const w = TOLD_WORDS[f.toldWhen as ToldWhen];
      if (w && f.referenceDate)
        return {
          id: `${w.id.replace('{ref}', dayText(f.referenceDate, 'id'))} (menurut pelapor)`,
          en: `${w.en.replace('{ref}', dayText(f.referenceDate, 'en'))} (as reported)`,
        };
      break;
    }
    case 'tidak_diketahui':
      break;
  }
  return { id: 'tidak diketahui', en: 'not known' };
}

/** How the date is given in the API: `YYYY-MM-DD`, `YYYY-MM` (month), `YYYY` (year), or null. */
export function incidentDateValue(f: IncidentDateFacts): string | null {
  if (!f.occurredOn) return null;
  if (f.precision === 'bulan') return f.occurredOn.slice(0, 7);
  if (f.precision === 'tahun') return f.occurredOn.slice(0, 4);
  if (f.precision === 'tanggal' || f.precision === 'sekitar_tanggal') return f.occurredOn;
  return null;
}

/** The incident date a report gives: the day told, the window told on the day of the report, or unknown. */
export function incidentDateFromIntake(i: {
  occurredOn: string | null;
  occurredWhen: string | null;
  /** the day of the report in the unit's time zone */
  reportDate: string;
}): IncidentDateFacts {
  if (i.occurredOn)
    return { precision: 'tanggal', occurredOn: i.occurredOn, toldWhen: null, referenceDate: null };
  if ((TOLD_WHEN_CODES as readonly string[]).includes(i.occurredWhen ?? ''))
    return { precision: 'kurun', occurredOn: null, toldWhen: i.occurredWhen, referenceDate: i.reportDate };
  return { precision: 'tidak_diketahui', occurredOn: null, toldWhen: null, referenceDate: null };
}

const SHAPE = { day: /^\d{4}-\d{2}-\d{2}$/, month: /^\d{4}-\d{2}$/, year: /^\d{4}$/ } as const;
const SHAPE_OF: Partial<Record<DatePrecision, keyof typeof SHAPE>> = {
  tanggal: 'day',
  sekitar_tanggal: 'day',
  bulan: 'month',
  tahun: 'year',
};

function shapeOf(date: string): keyof typeof SHAPE | null {
  for (const k of Object.keys(SHAPE) as Array<keyof typeof SHAPE>) if (SHAPE[k].test(date)) return k;
  return null;
}

export type IncidentDateInput = {
  datePrecision?: DatePrecision | undefined;
  date?: string | null | undefined;
  toldWhen?: string | null | undefined;
  referenceDate?: string | null | undefined;
};

/**
 * The incident date after a create (`stored` null) or an update. An update keeps the stored
 * precision unless the request names another one; a date must fit the precision it ends up with
 * (`date_precision_mismatch`), and what a precision needs and the request does not give is
 * `required`. On create, a precision left out is read from the date's shape (`2026-05` = bulan).
 */
export function resolveIncidentDate(
  stored: IncidentDateFacts | null,
  input: IncidentDateInput,
): { ok: true; value: IncidentDateFacts } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const givenDate = input.date ?? null;
  let precision: DatePrecision | undefined = input.datePrecision ?? stored?.precision;
  if (!precision) {
    const s = givenDate ? shapeOf(givenDate) : null;
    precision = s === 'day' ? 'tanggal' : s === 'month' ? 'bulan' : s === 'year' ? 'tahun' : undefined;
    if (!precision) return { ok: false, fields: { date: 'required' } };
  }
  const shape = SHAPE_OF[precision];
  let occurredOn: string | null = null;
  if (shape) {
    if (givenDate !== null) {
      if (shapeOf(givenDate) !== shape) fields.date = 'date_precision_mismatch';
      else
        occurredOn =
          shape === 'day' ? givenDate : shape === 'month' ? `${givenDate}-01` : `${givenDate}-01-01`;
    } else if (input.date === undefined && stored?.occurredOn && SHAPE_OF[stored.precision] === shape) {
      occurredOn = stored.occurredOn;
    } else fields.date = 'required';
  } else if (givenDate !== null) fields.date = 'date_precision_mismatch';

  let toldWhen: string | null = null;
  let referenceDate: string | null = null;
  if (precision === 'kurun') {
    toldWhen = input.toldWhen !== undefined ? input.toldWhen : (stored?.toldWhen ?? null);
    referenceDate = input.referenceDate !== undefined ? input.referenceDate : (stored?.referenceDate ?? null);
    if (!toldWhen) fields.toldWhen = 'required';
    if (!referenceDate) fields.referenceDate = 'required';
  } else {
    if (input.toldWhen) fields.toldWhen = 'date_precision_mismatch';
    if (input.referenceDate) fields.referenceDate = 'date_precision_mismatch';
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return { ok: true, value: { precision, occurredOn, toldWhen, referenceDate } };
}

/* ---------------------------------------------------------------- place */

const PLACE_WORDS: Record<string, PlaceCode> = {
  rumah: 'rumah_tangga',
  'rumah tangga': 'rumah_tangga',
  sekolah: 'sekolah',
  'tempat kerja': 'tempat_kerja',
  daring: 'daring',
  online: 'daring',
};

/**
 * The SIMFONI place category of a place the reporter named, only when the words are exactly one
 * of a few known ones ("Rumah", "di sekolah"); anything else stays undecided (null) for the
 * officer, never a guessed "lainnya".
 */
export function placeCategoryFromWords(text: string | null | undefined): PlaceCode | null {
  if (!text) return null;
  const w = text
    .toLowerCase()
    .replace(/[.,;:!?"'()]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^di /, '');
  return PLACE_WORDS[w] ?? null;
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
