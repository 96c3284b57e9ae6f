/**
 * Intake (pengaduan masuk) from every channel: code lists, the triage state machine, the public
 * status words, the response deadline and the follow-up code. Pure rules, no I/O.
 */
import { HIGH_RISK_RESPONSE_MS, MEDIUM_RISK_RESPONSE_MS } from './deadlines.ts';
import type { Label } from './taxonomies.ts';
import { addWorkingDays, zoneOfRegion } from './time.ts';

function list<const C extends string>(items: ReadonlyArray<readonly [C, string, string]>) {
  return items.map(([code, id, en]) => ({ code, label: { id, en } as Label }));
}

export const INTAKE_CHANNEL_CODES = [
  'daring',
  'telepon',
  'datang_langsung',
  'surat',
  'email',
  'penjangkauan',
  'rujukan',
  'whatsapp',
] as const;
export type IntakeChannel = (typeof INTAKE_CHANNEL_CODES)[number];

/** Jenis panggilan / laporan, set by the officer (hotline practice). */
export const CALL_TYPES = list([
  ['laporan_baru_tindak_lanjut', 'Laporan baru, perlu tindak lanjut', 'New report needing action'],
  [
    'laporan_baru_tanpa_tindak_lanjut',
    'Laporan baru, tidak perlu tindak lanjut',
    'New report, no action needed',
  ],
  ['perkembangan_kasus', 'Perkembangan kasus yang sudah ada', 'Update on an existing case'],
  ['konseling', 'Konseling saja', 'Counselling only'],
  ['informasi', 'Permintaan informasi', 'Information request'],
  ['spam', 'Spam / iseng', 'Spam'],
  ['salah_sambung', 'Salah sambung', 'Wrong number'],
] as const);

export const REPORTER_TYPES = list([
  ['korban', 'Saya sendiri korban', 'I am the victim'],
  ['orang_lain', 'Saya melaporkan orang lain', 'I am reporting for someone else'],
  ['anonim', 'Saya ingin tanpa nama', 'I want to stay anonymous'],
] as const);

export const VICTIM_AGE_GROUPS = list([
  ['anak_0_5', 'Anak 0–5 tahun', 'Child 0–5'],
  ['anak_6_12', 'Anak 6–12 tahun', 'Child 6–12'],
  ['anak_13_17', 'Anak 13–17 tahun', 'Child 13–17'],
  ['dewasa', 'Dewasa (18 tahun ke atas)', 'Adult (18+)'],
  ['tidak_tahu', 'Tidak tahu', 'Not known'],
] as const);

/** Forms of violence in everyday words for the public form; codes are the SIMFONI ones. */
export const EVERYDAY_FORMS = list([
  ['fisik', 'Dipukul, ditendang, dilukai', 'Hit, kicked, hurt'],
  ['psikis', 'Dihina, diancam, ditakut-takuti', 'Insulted, threatened, frightened'],
  [
    'seksual',
    'Disentuh, dipaksa, atau dilecehkan secara seksual (termasuk lewat HP/internet)',
    'Touched, forced or harassed sexually (also by phone/internet)',
  ],
  ['penelantaran', 'Ditelantarkan, tidak diberi nafkah atau makan', 'Neglected, not given money or food'],
  ['eksploitasi', 'Dipaksa bekerja atau dimanfaatkan', 'Forced to work or exploited'],
  ['trafficking', 'Dijual, dibawa pergi, atau diperdagangkan', 'Sold, taken away or trafficked'],
  ['lainnya', 'Lainnya', 'Something else'],
] as const);

export const OCCURRED_WHEN = list([
  ['sedang_terjadi', 'Sedang terjadi sekarang', 'Happening now'],
  ['hari_ini', 'Hari ini', 'Today'],
  ['minggu_ini', 'Minggu ini', 'This week'],
  ['bulan_ini', 'Bulan ini', 'This month'],
  ['lebih_lama', 'Lebih dari sebulan lalu', 'More than a month ago'],
  ['berulang', 'Berulang kali', 'Repeatedly'],
  ['tidak_tahu', 'Tidak tahu', 'Not known'],
] as const);

export const CONTACT_METHODS = list([
  ['telepon', 'Telepon', 'Phone call'],
  ['whatsapp', 'WhatsApp', 'WhatsApp'],
  ['tidak', 'Jangan hubungi saya', 'Do not contact me'],
] as const);

export const INTAKE_CLOSE_REASONS = list([
  ['spam', 'Spam / iseng', 'Spam'],
  ['salah_sambung', 'Salah sambung', 'Wrong number'],
  ['informasi', 'Permintaan informasi sudah dijawab', 'Information given'],
  ['konseling', 'Konseling sudah diberikan', 'Counselling given'],
  [
    'di_luar_layanan',
    'Di luar layanan; sudah diarahkan ke layanan lain',
    'Outside our services; pointed elsewhere',
  ],
  ['tidak_dapat_dihubungi', 'Pelapor tidak dapat dihubungi', 'Reporter cannot be reached'],
] as const);

export const INTAKE_STATUSES = [
  'baru',
  'ditangani',
  'menjadi_kasus',
  'digabung',
  'diteruskan',
  'rujukan_pusat',
  'ditutup',
] as const;
export type IntakeStatus = (typeof INTAKE_STATUSES)[number];

export const INTAKE_STATUS_LABELS: Record<IntakeStatus, Label> = {
  baru: { id: 'Baru', en: 'New' },
  ditangani: { id: 'Sedang ditriase', en: 'In triage' },
  menjadi_kasus: { id: 'Menjadi kasus', en: 'Case opened' },
  digabung: { id: 'Digabung ke kasus', en: 'Attached to a case' },
  diteruskan: { id: 'Diteruskan ke wilayah lain', en: 'Forwarded to another region' },
  rujukan_pusat: { id: 'Dirujuk ke SAPA 129 (pusat)', en: 'Referred to SAPA 129 (national)' },
  ditutup: { id: 'Ditutup', en: 'Closed' },
};

/** Open items are in the inbox; the others are done (the case, or the other region, carries on). */
export function isOpen(status: IntakeStatus): boolean {
  return status === 'baru' || status === 'ditangani';
}

/** What a reporter sees on the status page: three plain words, nothing more. */
export type PublicStatus = 'diterima' | 'sedang_ditangani' | 'selesai';
export const PUBLIC_STATUS_LABELS: Record<PublicStatus, Label> = {
  diterima: {
    id: 'Diterima — laporan Anda sudah masuk dan menunggu petugas.',
    en: 'Received — your report is in and waiting for an officer.',
  },
  sedang_ditangani: {
    id: 'Sedang ditangani — petugas sedang menindaklanjuti laporan Anda.',
    en: 'Being handled — officers are following up your report.',
  },
  selesai: {
    id: 'Selesai — penanganan laporan ini sudah selesai.',
    en: 'Done — handling of this report has finished.',
  },
};

export function publicStatus(status: IntakeStatus, caseStage: string | null): PublicStatus {
  if (status === 'baru') return 'diterima';
  if (status === 'ditutup') return 'selesai';
  if ((status === 'menjadi_kasus' || status === 'digabung') && caseStage === 'terminasi') return 'selesai';
  return 'sedang_ditangani';
}

/** Response deadline of an open item (domain.md §2.4): danger now or high risk 1 h, medium 6 h, else 3 working days. */
export function intakeDeadline(i: {
  receivedAt: Date;
  risk: string | null;
  dangerNow: boolean;
  jurisdiction: string;
  /** national holidays and cuti bersama (YYYY-MM-DD) the working days skip */
  holidays?: ReadonlySet<string>;
}): Date {
  if (i.risk === 'tinggi' || (i.risk === null && i.dangerNow))
    return new Date(i.receivedAt.getTime() + HIGH_RISK_RESPONSE_MS);
  if (i.risk === 'sedang') return new Date(i.receivedAt.getTime() + MEDIUM_RISK_RESPONSE_MS);
  return addWorkingDays(i.receivedAt, 3, zoneOfRegion(i.jurisdiction), i.holidays);
}

/**
 * The risk a case opens with from an inbox item: the officer's assessment, or — when nobody has
 * assessed it yet and the reporter said someone is in danger now — high, as the item's own 1-hour
 * deadline already was. Opening a case never lengthens a deadline.
 */
export function caseRiskFromIntake(i: { risk: string | null; dangerNow: boolean }): string | null {
  return i.risk ?? (i.dangerNow ? 'tinggi' : null);
}

/** Inbox order: open first, then danger/high risk, medium, the rest; newest first within. */
export function inboxRank(i: { status: IntakeStatus; risk: string | null; dangerNow: boolean }): number {
  if (!isOpen(i.status)) return 9;
  if (i.risk === 'tinggi' || (i.risk === null && i.dangerNow)) return 0;
  if (i.risk === 'sedang') return 1;
  if (i.risk === null) return 2;
  return 3;
}

/** The roles that read a jurisdiction's inbox: an inbox exists where one of them works. */
export const INBOX_ROLES = ['pengaduan', 'manajer'] as const;

export type Routing =
  | { ok: true; jurisdiction: string; via: 'wilayah' | 'provinsi' }
  /** only a province was given, the province has no inbox, but some of its kab/kota have one */
  | { ok: false; reason: 'regency_needed' }
  /** neither the kab/kota nor its province has anybody on Simpul to read the report */
  | { ok: false; reason: 'region_not_served' };

/**
 * Which inbox a report about `regionCode` lands in, given the jurisdictions of that province that
 * have an inbox (`served`): the kab/kota's own; else the province's; else none — and then the
 * report is not accepted, so nobody is told "received" about a report nobody will read.
 */
export function routeReport(regionCode: string, served: ReadonlySet<string>): Routing {
  const prov = regionCode.slice(0, 2);
  const kab = regionCode.length >= 5 ? regionCode.slice(0, 5) : null;
  if (kab && served.has(kab)) return { ok: true, jurisdiction: kab, via: 'wilayah' };
  if (served.has(prov)) return { ok: true, jurisdiction: prov, via: kab ? 'provinsi' : 'wilayah' };
  if (!kab && served.size > 0) return { ok: false, reason: 'regency_needed' };
  return { ok: false, reason: 'region_not_served' };
}

/** Follow-up codes use characters that cannot be confused (no 0/O, 1/I/L, 5/S, 8/B, 2/Z). */
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

export function formatCode(bytes: Uint8Array, length = 8): string {
  let out = '';
  for (let i = 0; i < length; i++) out += CODE_ALPHABET[(bytes[i] ?? 0) % CODE_ALPHABET.length];
  return `${out.slice(0, 4)}-${out.slice(4)}`;
}

/** Accepts what a person types: lower case, spaces, a missing dash. Null when it cannot be a code. */
export function normaliseCode(typed: string): string | null {
  const s = typed.toUpperCase().replace(/[\s-]/g, '');
  if (s.length !== 8 || [...s].some((ch) => !CODE_ALPHABET.includes(ch))) return null;
  return `${s.slice(0, 4)}-${s.slice(4)}`;
}

/**
 * The secret shown with the follow-up code: 15 digits in three groups of five, easy to write down
 * or say under stress, the same on every keyboard. 10^15 ≈ 2^49.8 possibilities (the earlier
 * 10 letters from CODE_ALPHABET were 25^10 ≈ 2^46.4); guesses are limited per code and per address.
 */
export const SECRET_DIGITS = 15;

export function formatSecret(digits: string): string {
  return digits.match(/.{1,5}/g)?.join(' ') ?? digits;
}

/**
 * What a person typed, compared case-insensitively and with any separators dropped (spaces, dashes,
 * dots as Indonesians group digits, full-width digits from some keyboards). Older secrets had letters.
 */
export function normaliseSecret(typed: string): string {
  return typed
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '');
}

/** A flood of public reports into one inbox, as the inbox shows it (one banner). */
export type RegionalFlood = {
  /** public reports since the flood began */
  reports: number;
  /** the start of the first hour over the limit */
  since: string;
  /** reports per hour above which it is a flood */
  perHour: number;
};

/**
 * The inbox's flood from its public reports per minute (counted from the reports themselves):
 * there is one while some 60 minutes that ended within the last hour held more than the limit, so
 * a flood that straddles the turn of an hour is seen as one and the banner stays for an hour after
 * the peak. It began with the first report of the first 60 minutes over the limit; `reports`
 * counts every report since. Minutes after `now` are ignored.
 */
export function regionalFlood(
  minutes: ReadonlyArray<{ start: Date; count: number }>,
  now: Date,
): RegionalFlood | null {
  const MIN = 60_000;
  const nowMin = Math.floor(now.getTime() / MIN);
  const from = nowMin - 119; // the first minute of the oldest 60 minutes that ends within the hour
  const counts = new Array<number>(120).fill(0);
  for (const m of minutes) {
    const i = Math.floor(m.start.getTime() / MIN) - from;
    if (i >= 0 && i < 120) counts[i]! += m.count;
  }
  let trailing = counts.slice(0, 60).reduce((n, c) => n + c, 0);
  for (let end = 59; end < 120; end++) {
    if (end > 59) trailing += counts[end]! - counts[end - 60]!;
    if (trailing <= RATE_LIMITS.perRegionPerHour) continue;
    let first = end - 59;
    while (counts[first] === 0) first++;
    const reports = counts.slice(first).reduce((n, c) => n + c, 0);
    return {
      reports,
      since: new Date((from + first) * MIN).toISOString(),
      perHour: RATE_LIMITS.perRegionPerHour,
    };
  }
  return null;
}

/** How long the one-time page with the code and the secret can be opened after a report. */
export const RECEIPT_TTL_MS = 15 * 60_000;
/**
 * A second identical submission this soon after the receipt was shown gets a new secret shown once
 * more: on a slow network the browser throws away the first answer when a second tap arrives.
 */
export const RECEIPT_REISSUE_MS = 2 * 60_000;
/** How long a status view can be opened, and how long its answer form stays usable. */
export const STATUS_VIEW_TTL_MS = 10 * 60_000;
export const STATUS_ANSWER_TTL_MS = 30 * 60_000;
/** A second tap on "Kirim" this soon after the first stores nothing twice and shows the page again. */
export const STATUS_ANSWER_REPEAT_MS = 2 * 60_000;

/** Abuse resistance limits (per fixed window). */
export const RATE_LIMITS = {
  /**
   * public submissions per source address per 10 minutes before they are held as suspected spam
   * (a report that someone is in danger now is never held for its sender's count)
   */
  perSourcePer10Min: 5,
  /**
   * public submissions per inbox (kab/kota or province) per hour above which the inbox shows one
   * flood banner; the reports themselves are not marked for it (a flood never hides a real one)
   */
  perRegionPerHour: 200,
  /** "danger now" notices one source address can send to an inbox per 10 minutes */
  dangerNoticesPerSourcePer10Min: 3,
  /** status-page attempts per source per 10 minutes */
  statusPer10Min: 20,
  /** status-page attempts on one follow-up code per hour, from anywhere: guessing a secret is hopeless */
  statusPerCodePerHour: 30,
};
