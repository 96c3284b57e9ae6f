/**
 * Figures (issue 11, decision 024): what one case adds to each count, how counts are kept per
 * region area and local month, and how a period is read. Pure: no I/O, no clock (callers pass
 * the time). Facts as told (decision 014): an age group is taken from the best fact there is and
 * "tidak diketahui" is a value of its own, never a guess.
 */
import { computeTasks, type DeadlineRule, firstResponseService, stageAtLeast } from './deadlines.ts';
import { type AgeFacts, isChild, knownAgeGroup, MONTHS } from './facts.ts';
import { STAGE_LABELS, STAGES, type Stage } from './stages.ts';
import {
  ABH_CATEGORY,
  AMPK_CATEGORIES,
  CASE_TYPES,
  CLOSURE_REASONS,
  type CodeList,
  EDUCATION,
  FORMS_OF_VIOLENCE,
  INTAKE_CHANNELS,
  type Label,
  PLACES,
  RELATIONSHIPS,
  RIGHT_STATUSES,
  RISK_LEVELS,
  SEXES,
  TPKS_OFFENCES,
  VICTIM_RIGHTS,
} from './taxonomies.ts';
import { localDate, localDayStart } from './time.ts';

export const UNKNOWN = 'tidak_diketahui';
const UNKNOWN_LABEL: Label = { id: 'Tidak diketahui/belum dicatat', en: 'Unknown/not recorded' };

/* ---------------------------------------------------------------- what a case adds */

export type CaseFactsForStats = {
  jurisdiction: string;
  receivedAt: Date;
  caseType: string | null;
  channel: string;
  stage: string;
  risk: string | null;
  closureReason: string | null;
  closedAt: Date | null;
  assessmentStartedAt: Date | null;
  persons: ReadonlyArray<
    AgeFacts & {
      id: string;
      role: string;
      sex: string | null;
      disability: boolean | null;
      education: string | null;
      regionCode: string | null;
    }
  >;
  incidents: ReadonlyArray<{
    forms: readonly string[];
    place: string | null;
    tpks: readonly string[];
    ampk: readonly string[];
    regionCode: string | null;
  }>;
  /** the relationship of each victim–perpetrator pair */
  relationships: readonly string[];
  /** services delivered: type and date (YYYY-MM-DD) */
  services: ReadonlyArray<{ service: string; date: string }>;
  /** victim rights, the latest record of each victim and right */
  rights: ReadonlyArray<{ victimId: string; right: string; status: string }>;
  /** diversion records (UU 11/2012 SPPA): result and date (YYYY-MM-DD); absent = none */
  diversions?: ReadonlyArray<{ result: string; date: string }>;
};

/** Hours from report to first response, as kept: the upper edge of each group (last: more). */
export const RESPONSE_HOURS = [1, 6, 24, 72, 168, 720] as const;
/** Days from report to closure, as kept (upper edges). */
export const CLOSURE_DAYS = [7, 30, 90, 180, 365] as const;

function bucket(value: number, edges: readonly number[]): string {
  for (const e of edges) if (value <= e) return `<=${e}`;
  return `>${edges[edges.length - 1]}`;
}

/**
 * Where a case is counted: the first incident's place if it names a kecamatan or desa, else the
 * first victim's home; null when neither is recorded (it still counts for the kab/kota).
 */
export function caseArea(
  f: Pick<CaseFactsForStats, 'incidents' | 'persons' | 'jurisdiction'>,
): string | null {
  const within = (c: string | null) => (c && c.length >= 8 && c.startsWith(`${f.jurisdiction}.`) ? c : null);
  for (const i of f.incidents) if (within(i.regionCode)) return i.regionCode;
  for (const p of f.persons) if (p.role === 'korban' && within(p.regionCode)) return p.regionCode;
  return null;
}

export type Contribution = { measure: Measure; value: string; n: number };

function outcome(rule: DeadlineRule, tasks: ReturnType<typeof computeTasks>): string | null {
  const t = tasks.find((x) => x.rule === rule);
  if (!t) return null;
  if (!t.doneAt) return 'belum';
  return t.doneAt.getTime() <= t.dueAt.getTime() ? 'tepat_waktu' : 'terlambat';
}

/**
 * What one case adds to each measure. Every value depends on the case's facts only, never on
 * today: a deadline counts as met, late, or "no response recorded" (belum), so the rollup does
 * not go stale while nothing changes.
 */
export function caseContributions(f: CaseFactsForStats): Contribution[] {
  const out: Contribution[] = [];
  const add = (measure: Measure, value: string | null | undefined, n = 1) => {
    if (n > 0) out.push({ measure, value: value ?? UNKNOWN, n });
  };
  const day = localDate(f.receivedAt, f.jurisdiction);
  add('cases', '');
  add('channel', f.channel);
  add('stage', f.stage);
  add('risk', f.risk ?? 'belum_dinilai');
  if (f.closedAt) {
    add('closure', f.closureReason);
    add('closure_days', bucket((f.closedAt.getTime() - f.receivedAt.getTime()) / 86_400_000, CLOSURE_DAYS));
  }
  const victims = f.persons.filter((p) => p.role === 'korban');
  const perpetrators = f.persons.filter((p) => p.role === 'terlapor');
  add('victims', '', victims.length);
  add('perpetrators', '', perpetrators.length);
  for (const v of victims) {
    add('victim_sex', v.sex);
    add('victim_age', knownAgeGroup(v, day));
    add('victim_disability', v.disability === null ? null : v.disability ? 'ya' : 'tidak');
    add('victim_education', v.education);
  }
  for (const p of perpetrators) {
    add('perp_sex', p.sex);
    add('perp_age', knownAgeGroup(p, day));
  }
  for (const r of f.relationships) add('relationship', r);
  const distinct = (xs: Iterable<string | null>) => [...new Set([...xs].filter((x): x is string => !!x))];
  for (const x of distinct(f.incidents.flatMap((i) => i.forms))) add('form', x);
  for (const x of distinct(f.incidents.map((i) => i.place))) add('place', x);
  for (const x of distinct(f.incidents.flatMap((i) => i.tpks))) add('tpks', x);
  for (const x of distinct(f.incidents.flatMap((i) => i.ampk))) add('ampk', x);
  for (const r of f.rights) add('right', `${r.right}:${r.status}`);

  // the unit's own handling, by the rules of src/domain/deadlines.ts
  const serviceDays = f.services.map((s) => localDayStart(s.date, f.jurisdiction));
  const firstService = firstResponseService(serviceDays, f.receivedAt, f.jurisdiction);
  const policeDays = f.services
    .filter((s) => s.service === 'lapor_polisi')
    .map((s) => localDayStart(s.date, f.jurisdiction))
    .sort((a, b) => a.getTime() - b.getTime());
  const sexual = f.incidents.some((i) => i.forms.includes('seksual') || i.tpks.length > 0);
  // as the deadline engine reads it (src/app/cases/tasks.ts): a case past assessment whose start
  // was not recorded (older data) was assessed when it was received
  const assessed = f.assessmentStartedAt ?? (stageAtLeast(f.stage as Stage, 'asesmen') ? f.receivedAt : null);
  const tasks = computeTasks(
    {
      receivedAt: f.receivedAt,
      regionCode: f.jurisdiction,
      stage: f.stage as Stage,
      risk: f.risk,
      sexualViolence: sexual,
      firstServiceAt: firstService,
      assessmentStartedAt: assessed,
      policeReportedAt: policeDays[0] ?? null,
      restitutions: [],
      closedAt: f.closedAt,
    },
    f.receivedAt,
  );
  const responded = [firstService, assessed]
    .filter((d): d is Date => d !== null)
    .sort((a, b) => a.getTime() - b.getTime())[0];
  if (responded)
    add(
      'response_hours',
      bucket(Math.max(0, responded.getTime() - f.receivedAt.getTime()) / 3_600_000, RESPONSE_HOURS),
    );
  else add('response_hours', 'belum');
  add(
    'response_deadline',
    outcome(f.risk === 'tinggi' ? 'respon_risiko_tinggi' : 'respon_risiko_sedang', tasks),
    f.risk === 'tinggi' || f.risk === 'sedang' ? 1 : 0,
  );
  add('police_72h', outcome('lapor_polisi_tpks', tasks), sexual ? 1 : 0);
  out.push(...clusterVContributions(f, day));
  return out;
}

/* ---------------------------------------------------------------- KLA cluster V (decision 036) */

/** A child victim of an AMPK case counts as served when the case has a service record (layanan). */
export const SERVED = 'terlayani';
export const NOT_SERVED = 'belum_terlayani';
/** An ABH case of a year with no diversion record dated by the end of that year. */
export const NO_DIVERSION = 'tidak_tercatat';

/**
 * What a case adds to the KLA cluster V figures (issue 13 §2; decision 036). Facts only, never
 * today, like every measure:
 * - `ampk_child` — one per victim of a case with at least one AMPK category whose age group is
 *   under 18 (birth date, officer's estimate, or the group told; src/domain/facts.ts) or not
 *   known: `served:sex:age`. Served = the case has at least one `service` record (a service
 *   delivered, dated, never in the future). An adult victim is not counted; a victim of unknown
 *   age is kept with age `tidak_diketahui` so the figure can say how many it leaves out.
 * - `ampk_child_cat` — the same victims once per AMPK category of the case: `served:category:sex:age`.
 * - `abh_diversion` — a case with an ABH incident, once for each local year it was closed in or
 *   has a diversion record dated in: `year:outcome`, the outcome as of that year's end:
 *   `berhasil` if any diversion dated by then succeeded, else the latest such record's result,
 *   else `tidak_tercatat`.
 */
export function clusterVContributions(f: CaseFactsForStats, day: string): Contribution[] {
  const out: Contribution[] = [];
  const ampk = [...new Set(f.incidents.flatMap((i) => i.ampk))].sort();
  if (ampk.length === 0) return out;
  const served = f.services.length > 0 ? SERVED : NOT_SERVED;
  for (const v of f.persons) {
    if (v.role !== 'korban') continue;
    const child = isChild(v, day);
    if (child === false) continue;
    const age = child === null ? UNKNOWN : (knownAgeGroup(v, day) as string);
    const sex = v.sex ?? UNKNOWN;
    out.push({ measure: 'ampk_child', value: `${served}:${sex}:${age}`, n: 1 });
    // the dashboard's figure: known child victims only
    if (child) out.push({ measure: 'ampk_child_served', value: served, n: 1 });
    for (const cat of ampk)
      out.push({ measure: 'ampk_child_cat', value: `${served}:${cat}:${sex}:${age}`, n: 1 });
  }
  if (ampk.includes(ABH_CATEGORY)) {
    const diversions = [...(f.diversions ?? [])].sort((a, b) => a.date.localeCompare(b.date));
    const years = new Set(diversions.map((d) => d.date.slice(0, 4)));
    if (f.closedAt) years.add(localDate(f.closedAt, f.jurisdiction).slice(0, 4));
    for (const y of [...years].sort()) {
      const byEnd = diversions.filter((d) => d.date.slice(0, 4) <= y);
      const result = byEnd.some((d) => d.result === 'berhasil')
        ? 'berhasil'
        : (byEnd[byEnd.length - 1]?.result ?? NO_DIVERSION);
      out.push({ measure: 'abh_diversion', value: `${y}:${result}`, n: 1 });
    }
  }
  return out;
}

/* ---------------------------------------------------------------- measures and their words */

export const MEASURES = [
  'cases',
  'victims',
  'perpetrators',
  'channel',
  'stage',
  'risk',
  'closure',
  'closure_days',
  'victim_sex',
  'victim_age',
  'victim_disability',
  'victim_education',
  'perp_sex',
  'perp_age',
  'relationship',
  'form',
  'place',
  'tpks',
  'ampk',
  'right',
  'response_hours',
  'response_deadline',
  'police_72h',
  'ampk_child',
  'ampk_child_cat',
  'ampk_child_served',
  'abh_diversion',
] as const;
export type Measure = (typeof MEASURES)[number];

/** The measures a desa/kelurahan keeps (a finer breakdown of a village's few cases points at people). */
export const DESA_MEASURES: ReadonlySet<Measure> = new Set(['cases', 'victims']);

const AGE_LIST: CodeList<string> = [
  ['0-5', '0–5 tahun'],
  ['6-12', '6–12 tahun'],
  ['13-17', '13–17 tahun'],
  ['18-24', '18–24 tahun'],
  ['25-44', '25–44 tahun'],
  ['45-59', '45–59 tahun'],
  ['60+', '60 tahun ke atas'],
  ['18+', 'Dewasa, kelompok tidak dirinci'],
].map(([code, id]) => ({
  code: code as string,
  label: {
    id: id as string,
    en: (id as string)
      .replace('tahun', 'years')
      .replace('ke atas', 'or older')
      .replace('Dewasa, kelompok tidak dirinci', 'Adult, group not told'),
  },
}));

const edgesList = (edges: readonly number[], unit: Label): CodeList<string> => [
  ...edges.map((e, i) => ({
    code: `<=${e}`,
    label: {
      id: `${i === 0 ? 0 : edges[i - 1]}–${e} ${unit.id}`,
      en: `${i === 0 ? 0 : edges[i - 1]}–${e} ${unit.en}`,
    },
  })),
  {
    code: `>${edges[edges.length - 1]}`,
    label: { id: `> ${edges[edges.length - 1]} ${unit.id}`, en: `> ${edges[edges.length - 1]} ${unit.en}` },
  },
];

const DEADLINE_OUTCOMES: CodeList<string> = [
  { code: 'tepat_waktu', label: { id: 'Tepat waktu', en: 'On time' } },
  { code: 'terlambat', label: { id: 'Terlambat', en: 'Late' } },
  { code: 'belum', label: { id: 'Belum tercatat', en: 'Not recorded yet' } },
];

export type FigureDef = {
  measure: Measure;
  title: Label;
  /** what one row counts */
  unit: 'kasus' | 'korban' | 'terlapor' | 'pasangan' | 'hak';
  note?: Label;
  codes: CodeList<string>;
  /** the case list's filter this figure's rows open (for roles that may list cases) */
  caseFilter?: 'stage' | 'risk' | 'form';
};

/** The tables of the dashboard, in the order shown. */
export const FIGURES: readonly FigureDef[] = [
  {
    measure: 'channel',
    title: { id: 'Kasus menurut saluran pengaduan', en: 'Cases by channel' },
    unit: 'kasus',
    codes: INTAKE_CHANNELS,
  },
  {
    measure: 'victim_sex',
    title: { id: 'Korban menurut jenis kelamin', en: 'Victims by sex' },
    unit: 'korban',
    codes: SEXES,
  },
  {
    measure: 'victim_age',
    title: { id: 'Korban menurut kelompok umur (SIMFONI)', en: 'Victims by age group (SIMFONI)' },
    unit: 'korban',
    note: {
      id: 'Umur saat pengaduan, dari tanggal lahir, perkiraan petugas, atau kelompok yang disampaikan.',
      en: 'Age at the report, from the birth date, the officer’s estimate or the group told.',
    },
    codes: AGE_LIST,
  },
  {
    measure: 'victim_disability',
    title: { id: 'Korban penyandang disabilitas', en: 'Victims with disability' },
    unit: 'korban',
    codes: [
      { code: 'ya', label: { id: 'Ya', en: 'Yes' } },
      { code: 'tidak', label: { id: 'Tidak', en: 'No' } },
    ],
  },
  {
    measure: 'victim_education',
    title: { id: 'Korban menurut pendidikan', en: 'Victims by education' },
    unit: 'korban',
    codes: EDUCATION.filter((e) => e.code !== UNKNOWN),
  },
  {
    measure: 'perp_sex',
    title: { id: 'Terlapor menurut jenis kelamin', en: 'Alleged perpetrators by sex' },
    unit: 'terlapor',
    codes: SEXES,
  },
  {
    measure: 'perp_age',
    title: { id: 'Terlapor menurut kelompok umur', en: 'Alleged perpetrators by age group' },
    unit: 'terlapor',
    codes: AGE_LIST,
  },
  {
    measure: 'relationship',
    title: { id: 'Hubungan terlapor dengan korban', en: 'Relationship to the victim' },
    unit: 'pasangan',
    note: { id: 'Satu baris per pasangan korban–terlapor.', en: 'One per victim–perpetrator pair.' },
    codes: RELATIONSHIPS,
  },
  {
    measure: 'form',
    title: { id: 'Bentuk kekerasan', en: 'Forms of violence' },
    unit: 'kasus',
    note: {
      id: 'Satu kasus dapat memiliki beberapa bentuk kekerasan, sehingga jumlahnya dapat melebihi jumlah kasus.',
      en: 'One case can have several forms, so the total can exceed the number of cases.',
    },
    codes: FORMS_OF_VIOLENCE,
    caseFilter: 'form',
  },
  {
    measure: 'place',
    title: { id: 'Tempat kejadian', en: 'Place of incident' },
    unit: 'kasus',
    note: {
      id: 'Satu kasus dapat terjadi di beberapa tempat.',
      en: 'One case can happen in several places.',
    },
    codes: PLACES,
  },
  {
    measure: 'tpks',
    title: { id: 'Tindak pidana kekerasan seksual (UU TPKS)', en: 'Sexual violence offences (TPKS Law)' },
    unit: 'kasus',
    codes: TPKS_OFFENCES,
  },
  {
    measure: 'ampk',
    title: { id: 'Kategori AMPK', en: 'AMPK categories' },
    unit: 'kasus',
    codes: AMPK_CATEGORIES,
  },
  {
    measure: 'ampk_child_served',
    title: {
      id: 'Anak korban dalam kasus AMPK yang terlayani (KLA klaster V)',
      en: 'Child victims in AMPK cases who were served (KLA cluster V)',
    },
    unit: 'korban',
    note: {
      id: 'Korban di bawah 18 tahun dalam kasus berkategori AMPK; terlayani = kasusnya memiliki minimal satu catatan layanan yang diberikan. Korban yang umurnya tidak diketahui tidak dihitung.',
      en: 'Victims under 18 in cases with an AMPK category; served = their case has at least one service delivered. Victims whose age is not known are not counted.',
    },
    codes: [
      { code: SERVED, label: { id: 'Terlayani', en: 'Served' } },
      { code: NOT_SERVED, label: { id: 'Belum terlayani', en: 'Not served yet' } },
    ],
  },
  {
    measure: 'stage',
    title: { id: 'Tahap penanganan saat ini', en: 'Handling stage now' },
    unit: 'kasus',
    codes: STAGES.map((s) => ({ code: s, label: STAGE_LABELS[s] })),
    caseFilter: 'stage',
  },
  {
    measure: 'risk',
    title: { id: 'Tingkat risiko', en: 'Risk level' },
    unit: 'kasus',
    codes: [...RISK_LEVELS, { code: 'belum_dinilai', label: { id: 'Belum dinilai', en: 'Not assessed' } }],
    caseFilter: 'risk',
  },
  {
    measure: 'closure',
    title: { id: 'Alasan terminasi', en: 'Closure reasons' },
    unit: 'kasus',
    codes: CLOSURE_REASONS,
  },
  {
    measure: 'response_hours',
    title: { id: 'Waktu dari pengaduan sampai respons pertama', en: 'Time from report to first response' },
    unit: 'kasus',
    note: {
      id: 'Respons pertama: asesmen dimulai atau layanan pertama (layanan dicatat per tanggal).',
      en: 'First response: assessment started or first service (services are dated by day).',
    },
    codes: [
      ...edgesList(RESPONSE_HOURS, { id: 'jam', en: 'hours' }),
      { code: 'belum', label: { id: 'Belum ada respons tercatat', en: 'No response recorded' } },
    ],
  },
  {
    measure: 'response_deadline',
    title: {
      id: 'Respons sesuai batas waktu tingkat risiko (tinggi 1 jam, sedang 6 jam)',
      en: 'Response within the risk level’s deadline (high 1 h, medium 6 h)',
    },
    unit: 'kasus',
    codes: DEADLINE_OUTCOMES,
  },
  {
    measure: 'police_72h',
    title: {
      id: 'Kasus TPKS dilaporkan ke kepolisian dalam 3×24 jam',
      en: 'TPKS cases reported to police within 3×24 h',
    },
    unit: 'kasus',
    codes: DEADLINE_OUTCOMES,
  },
  {
    measure: 'closure_days',
    title: { id: 'Waktu sampai terminasi', en: 'Time to closure' },
    unit: 'kasus',
    codes: edgesList(CLOSURE_DAYS, { id: 'hari', en: 'days' }),
  },
];

export const CASE_TYPE_FILTERS = ['semua', 'ktp', 'ampk'] as const;
export type CaseTypeFilter = (typeof CASE_TYPE_FILTERS)[number];
/** The stored case types a filter counts (a case of both counts in each). */
export function caseTypesOf(f: CaseTypeFilter): readonly string[] | null {
  if (f === 'ktp') return ['ktp', 'ktp_ampk'];
  if (f === 'ampk') return ['ampk', 'ktp_ampk'];
  return null;
}
export const CASE_TYPE_LABELS = CASE_TYPES;

export const RIGHT_CODES = VICTIM_RIGHTS;
export const RIGHT_STATUS_CODES = RIGHT_STATUSES;

/** A figure's label of a code, or the code itself when the list does not know it (old data). */
export function labelOf(list: CodeList<string>, code: string): Label {
  if (code === UNKNOWN) return UNKNOWN_LABEL;
  return list.find((c) => c.code === code)?.label ?? { id: code, en: code };
}

/* ---------------------------------------------------------------- months and periods */

/** The first day (YYYY-MM-01) of the local month a moment falls in, in the region's own zone. */
export function localMonth(at: Date, regionCode: string): string {
  return `${localDate(at, regionCode).slice(0, 7)}-01`;
}

/** YYYY-MM-01 plus `k` months. */
export function addMonths(month: string, k: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + k;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}-01`;
}

/** The UTC moments a local month of a region starts and ends (exclusive). */
export function monthBounds(month: string, regionCode: string): { start: Date; end: Date } {
  return { start: localDayStart(month, regionCode), end: localDayStart(addMonths(month, 1), regionCode) };
}

export type Period = { from: string; to: string; label: Label };

const ROMAN = ['I', 'II', 'III', 'IV'];

function lastDay(year: number, month: number): string {
  const d = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A report period as written: `2026` (a year), `2026-Q3` (a quarter) or `2026-11` (a month). Null when not one. */
export function parsePeriod(s: string): Period | null {
  let m = /^(\d{4})$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    return { from: `${y}-01-01`, to: `${y}-12-31`, label: { id: `Tahun ${y}`, en: `Year ${y}` } };
  }
  m = /^(\d{4})-Q([1-4])$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    return {
      from: `${y}-${String(q * 3 - 2).padStart(2, '0')}-01`,
      to: lastDay(y, q * 3),
      label: { id: `Triwulan ${ROMAN[q - 1]} ${y}`, en: `Quarter ${q} ${y}` },
    };
  }
  m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(s);
  if (m) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    return {
      from: `${y}-${m[2]}-01`,
      to: lastDay(y, mo),
      label: { id: `${MONTHS.id.long[mo - 1]} ${y}`, en: `${MONTHS.en.long[mo - 1]} ${y}` },
    };
  }
  return null;
}

/** The longest range a dashboard reads (five years). */
export const MAX_RANGE_DAYS = 5 * 366;

/**
 * Whole local months a date range covers. Figures are kept per month, so a range must start on
 * a month's first day and end on a month's last day; null otherwise.
 */
export function monthsOf(from: string, to: string): string[] | null {
  if (!from.endsWith('-01')) return null;
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  if (next.getUTCDate() !== 1) return null;
  // months are compared as numbers (a year past 9999 sorts before it as text); never more than
  // MAX_RANGE_DAYS worth of them
  const key = (d: string) => Number(d.slice(0, 4)) * 12 + Number(d.slice(5, 7));
  if (key(to) - key(from) > 12 * 6) return null;
  const out: string[] = [];
  for (let m = from; key(m) <= key(to); m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The same range a year earlier; a range ending on a month's last day ends on that month's last day (28 or 29 February). */
export function yearEarlier(from: string, to: string): { from: string; to: string } {
  const back = (d: string) => {
    const y = Number(d.slice(0, 4)) - 1;
    const md = d.slice(5);
    return md === '02-29' ? `${y}-02-28` : `${y}-${md}`;
  };
  const y = Number(to.slice(0, 4));
  const mo = Number(to.slice(5, 7));
  return { from: back(from), to: to === lastDay(y, mo) ? lastDay(y - 1, mo) : back(to) };
}

/* ---------------------------------------------------------------- reading counts */

/** The value group (of RESPONSE_HOURS or CLOSURE_DAYS) the q-th share of the counted cases falls in. */
export function bucketQuantile(
  counts: ReadonlyMap<string, number>,
  edges: readonly number[],
  q: number,
): string | null {
  const order = [...edges.map((e) => `<=${e}`), `>${edges[edges.length - 1]}`];
  const total = order.reduce((a, k) => a + (counts.get(k) ?? 0), 0);
  if (total === 0) return null;
  let seen = 0;
  for (const k of order) {
    seen += counts.get(k) ?? 0;
    if (seen >= q * total) return k;
  }
  return order[order.length - 1] ?? null;
}

/**
 * A kecamatan whose cases this month are far above its own last twelve months: at least 5 and
 * more than the mean plus three standard deviations (and at least twice the mean).
 */
export function isSpike(thisMonth: number, last12: readonly number[]): boolean {
  if (thisMonth < 5 || last12.length === 0) return false;
  const mean = last12.reduce((a, b) => a + b, 0) / last12.length;
  const sd = Math.sqrt(last12.reduce((a, b) => a + (b - mean) ** 2, 0) / last12.length);
  return thisMonth > mean + 3 * sd && thisMonth >= 2 * mean;
}
