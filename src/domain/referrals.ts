/**
 * Referrals (rujukan) and transfers (pelimpahan): states, consent, minimum-data sections and time
 * standards (domain.md §2.2–2.4, §3.1; product.md §3). Pure rules, no I/O.
 */
import type { Label } from './taxonomies.ts';
import { addWorkingDays, zoneOfRegion } from './time.ts';

export const REFERRAL_STATUSES = [
  'terkirim',
  'diterima',
  'ditolak',
  'dalam_layanan',
  'selesai',
  'dibatalkan',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const REFERRAL_STATUS_LABELS: Record<ReferralStatus, Label> = {
  terkirim: { id: 'Terkirim', en: 'Sent' },
  diterima: { id: 'Diterima', en: 'Accepted' },
  ditolak: { id: 'Ditolak', en: 'Declined' },
  dalam_layanan: { id: 'Dalam layanan', en: 'In service' },
  selesai: { id: 'Selesai', en: 'Completed' },
  dibatalkan: { id: 'Dibatalkan', en: 'Cancelled' },
};

/** terkirim → diterima | ditolak → dalam layanan → selesai; dibatalkan from any open state. */
export const REFERRAL_TRANSITIONS: Record<ReferralStatus, readonly ReferralStatus[]> = {
  terkirim: ['diterima', 'ditolak', 'dibatalkan'],
  diterima: ['dalam_layanan', 'selesai', 'dibatalkan'],
  ditolak: [],
  dalam_layanan: ['selesai', 'dibatalkan'],
  selesai: [],
  dibatalkan: [],
};

export function canMove(from: ReferralStatus, to: ReferralStatus): boolean {
  return REFERRAL_TRANSITIONS[from].includes(to);
}

/** Still open: the recipient has work to do or to decide. */
export function isOpen(s: ReferralStatus): boolean {
  return s === 'terkirim' || s === 'diterima' || s === 'dalam_layanan';
}

/**
 * The recipient's access to the victim's data (shared sections, purpose, outcomes, messages) lasts
 * while the referral is open and consent stands; declined, completed or cancelled, it ends.
 */
export function recipientGrantActive(s: ReferralStatus, consentWithdrawn: boolean): boolean {
  return isOpen(s) && !consentWithdrawn;
}

export const URGENCIES = ['darurat', 'segera', 'biasa'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const URGENCY_LABELS: Record<Urgency, Label> = {
  darurat: { id: 'Darurat', en: 'Emergency' },
  segera: { id: 'Segera', en: 'Urgent' },
  biasa: { id: 'Biasa', en: 'Routine' },
};

/**
 * The legal ground for sharing. Consent of the victim (an adult) or of the guardian (a child), or,
 * when consent cannot be asked, an emergency or the UU TPKS duty to report to police (Pasal 41).
 */
export const CONSENT_BASES = [
  'persetujuan_korban',
  'persetujuan_wali',
  'darurat',
  'wajib_lapor_tpks',
] as const;
export type ConsentBasis = (typeof CONSENT_BASES)[number];
export const CONSENT_BASIS_LABELS: Record<ConsentBasis, Label> = {
  persetujuan_korban: { id: 'Persetujuan korban', en: 'Consent of the victim' },
  persetujuan_wali: { id: 'Persetujuan orang tua/wali (anak)', en: 'Consent of the parent/guardian (child)' },
  darurat: {
    id: 'Keadaan darurat (persetujuan tidak dapat diminta)',
    en: 'Emergency (consent cannot be asked)',
  },
  wajib_lapor_tpks: {
    id: 'Kewajiban melapor ke kepolisian dalam 3×24 jam (UU TPKS Pasal 41)',
    en: 'Duty to report to police within 3×24 h (TPKS Law art. 41)',
  },
};

/** Who gave consent for a child (persetujuan_wali). */
export const GUARDIAN_RELATIONS = ['ibu', 'ayah', 'wali', 'keluarga_lain', 'pekerja_sosial'] as const;
export const GUARDIAN_RELATION_LABELS: Record<(typeof GUARDIAN_RELATIONS)[number], Label> = {
  ibu: { id: 'Ibu', en: 'Mother' },
  ayah: { id: 'Ayah', en: 'Father' },
  wali: { id: 'Wali yang sah', en: 'Legal guardian' },
  keluarga_lain: { id: 'Keluarga lain yang mengasuh', en: 'Other family carer' },
  pekerja_sosial: { id: 'Pekerja sosial (anak tanpa pengasuh)', en: 'Social worker (child without a carer)' },
};

/** Bases that are consent given by a person: they need who gave it. */
export function isConsent(b: ConsentBasis): boolean {
  return b === 'persetujuan_korban' || b === 'persetujuan_wali';
}

/**
 * Information shared with the recipient, chosen section by section; nothing by default. Without
 * any section the recipient sees the referral's purpose, services, urgency and the victim's sex
 * and age group only (the minimum needed to accept or decline).
 */
export const SECTIONS = ['identitas', 'kontak', 'kronologi', 'asesmen', 'layanan'] as const;
export type Section = (typeof SECTIONS)[number];
export const SECTION_LABELS: Record<Section, Label> = {
  identitas: {
    id: 'Identitas korban (nama, NIK, tanggal lahir)',
    en: 'Victim identity (name, NIK, birth date)',
  },
  kontak: {
    id: 'Kontak dan alamat korban (juga tempat kejadian seperti yang disebut pelapor)',
    en: 'Victim contact and address (also the place of the incident in the reporter’s words)',
  },
  kronologi: { id: 'Kronologi kejadian', en: 'Incident chronology' },
  asesmen: { id: 'Hasil asesmen', en: 'Assessment results' },
  layanan: { id: 'Layanan yang sudah diberikan', en: 'Services already given' },
};

/**
 * Sections that hold case-wide data (every incident, assessment and service of the case). Incidents
 * and records are not tied to one victim, so in a case with several victims they would carry the
 * other victims' data: they are refused at referral time and withheld from the recipient if a
 * second victim is added later (decision 009).
 */
export const CASE_WIDE_SECTIONS: readonly Section[] = ['kronologi', 'asesmen', 'layanan'];

/**
 * Whether a referral's consent (or its legal basis) holds for what is sent (domain.md §2.3):
 * the field and reason of the first rule it breaks, or null.
 *   - a child's consent is given by the parent or guardian (UU 35/2014), not by the child;
 *   - a consent names its recipient: a referral sent again elsewhere needs the officer to confirm
 *     that the consent covers the new recipient;
 *   - the TPKS duty to report stands in for consent only for a police report to the police PPA unit.
 */
export function consentProblem(
  consent: { basis: ConsentBasis; coversRecipient?: boolean | undefined },
  facts: { child: boolean | null; rereferral: boolean; recipientType: string; services: readonly string[] },
): { field: string; reason: string } | null {
  if (consent.basis === 'persetujuan_korban' && facts.child === true)
    return { field: 'consent.basis', reason: 'guardian_required' };
  if (facts.rereferral && consent.coversRecipient !== true)
    return { field: 'consent.coversRecipient', reason: 'consent_new_recipient' };
  if (
    consent.basis === 'wajib_lapor_tpks' &&
    !(facts.recipientType === 'polisi_ppa' && facts.services.includes('lapor_polisi'))
  )
    return { field: 'consent.basis', reason: 'basis_police_only' };
  return null;
}

/**
 * Minimum data (decision 009): sections about the whole case (chronology, assessment, services)
 * tell of every victim in it, so they go only with a referral of a case that has one victim.
 */
export function sharesWholeCase(sections: readonly Section[]): boolean {
  return sections.some((x) => CASE_WIDE_SECTIONS.includes(x));
}
/**
 * Minimum data when a referral is read (decision 009): the referring side sees every section of
 * its own case; the recipient only the sections sent, and never the case-wide ones once the case
 * has more than one victim (they would tell of the others).
 */
export function sectionsShown(
  side: 'pengirim' | 'penerima',
  sent: readonly string[],
  victims: number,
): ReadonlySet<Section> {
  const shown = new Set<Section>(side === 'pengirim' ? SECTIONS : SECTIONS.filter((x) => sent.includes(x)));
  if (side === 'penerima' && victims > 1) for (const x of CASE_WIDE_SECTIONS) shown.delete(x);
  return shown;
}

/**
 * The place of an incident in the reporter's words is often the victim's home ("rumah, Desa …,
 * RT 02"): it goes with the contact and address section, never with the chronology alone.
 */
export function showsPlaceText(shown: ReadonlySet<Section>): boolean {
  return shown.has('kontak');
}

export function caseWideSectionsAllowed(sections: readonly Section[], victims: number): boolean {
  return victims <= 1 || !sharesWholeCase(sections);
}

export const DECLINE_REASONS = [
  'di_luar_layanan',
  'kapasitas_penuh',
  'di_luar_wilayah',
  'data_tidak_cukup',
  'korban_menolak',
  'lainnya',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];
export const DECLINE_REASON_LABELS: Record<DeclineReason, Label> = {
  di_luar_layanan: { id: 'Layanan tidak tersedia di lembaga kami', en: 'We do not offer this service' },
  kapasitas_penuh: { id: 'Kapasitas penuh', en: 'No capacity' },
  di_luar_wilayah: { id: 'Di luar wilayah layanan', en: 'Outside our service area' },
  data_tidak_cukup: { id: 'Informasi belum cukup', en: 'Not enough information' },
  korban_menolak: { id: 'Korban menolak layanan', en: 'The victim refused the service' },
  lainnya: { id: 'Alasan lain', en: 'Other reason' },
};

export const CANCEL_REASONS = [
  'persetujuan_dicabut',
  'tidak_diperlukan',
  'salah_tujuan',
  'kasus_ditutup',
  'lainnya',
] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];
export const CANCEL_REASON_LABELS: Record<CancelReason, Label> = {
  persetujuan_dicabut: { id: 'Persetujuan dicabut', en: 'Consent withdrawn' },
  tidak_diperlukan: { id: 'Layanan tidak diperlukan lagi', en: 'Service no longer needed' },
  salah_tujuan: { id: 'Salah lembaga tujuan', en: 'Wrong recipient' },
  kasus_ditutup: { id: 'Kasus ditutup', en: 'Case closed' },
  lainnya: { id: 'Alasan lain', en: 'Other reason' },
};
/**
 * The reasons a person may choose when cancelling. 'persetujuan_dicabut' is set only by withdrawing
 * consent and 'kasus_ditutup' only by closing the case, so neither is ever said when it did not happen.
 */
export const CANCEL_CHOICES = [
  'tidak_diperlukan',
  'salah_tujuan',
  'lainnya',
] as const satisfies readonly CancelReason[];

/**
 * Why the recipient no longer sees the victim's data (decision 009): consent withdrawn, the case
 * closed, or the referral completed, declined or cancelled. Null while its view is open.
 */
export const CLOSED_REASONS = [
  'persetujuan_dicabut',
  'kasus_ditutup',
  'selesai',
  'ditolak',
  'dibatalkan',
] as const;
export type ClosedReason = (typeof CLOSED_REASONS)[number];
export const CLOSED_REASON_LABELS: Record<ClosedReason, Label> = {
  persetujuan_dicabut: { id: 'Persetujuan dicabut', en: 'Consent withdrawn' },
  kasus_ditutup: { id: 'Kasus ditutup', en: 'Case closed' },
  selesai: { id: 'Rujukan selesai', en: 'Referral completed' },
  ditolak: { id: 'Rujukan ditolak', en: 'Referral declined' },
  dibatalkan: { id: 'Rujukan dibatalkan', en: 'Referral cancelled' },
};
export function recipientClosedReason(r: {
  status: ReferralStatus;
  consentWithdrawn: boolean;
  cancelReason: string | null;
}): ClosedReason | null {
  // consent first: it is the one reason that also forbids the letter and the partner's new work
  if (r.consentWithdrawn) return 'persetujuan_dicabut';
  if (isOpen(r.status)) return null;
  if (r.status === 'dibatalkan') return r.cancelReason === 'kasus_ditutup' ? 'kasus_ditutup' : 'dibatalkan';
  return r.status === 'selesai' ? 'selesai' : 'ditolak';
}

/**
 * "Rujuk ulang": a declined or cancelled referral may be sent again to another organisation, once
 * (the next attempt starts from the new one, so the chain stays a line). Not after consent was
 * withdrawn: that victim said no.
 */
export function canRerefer(status: ReferralStatus, consentWithdrawn: boolean): boolean {
  return (status === 'ditolak' || status === 'dibatalkan') && !consentWithdrawn;
}

/** A police PPA unit records the police report number (LP) and the investigation's progress. */
export const POLICE_ORG_TYPE = 'polisi_ppa';

/** Progress of the criminal process after a police report (KUHAP; Perkap 6/2019), as a history. */
export const INVESTIGATION_STATUSES = [
  'laporan_diterima',
  'penyelidikan',
  'penyidikan',
  'p21',
  'tahap_dua',
  'sp3',
  'putusan',
] as const;
export type InvestigationStatus = (typeof INVESTIGATION_STATUSES)[number];
export const INVESTIGATION_STATUS_LABELS: Record<InvestigationStatus, Label> = {
  laporan_diterima: { id: 'Laporan diterima', en: 'Report received' },
  penyelidikan: { id: 'Penyelidikan', en: 'Preliminary inquiry (penyelidikan)' },
  penyidikan: { id: 'Penyidikan', en: 'Investigation (penyidikan)' },
  p21: { id: 'P21 — berkas perkara lengkap', en: 'P21 — case file complete' },
  tahap_dua: { id: 'Dilimpahkan ke kejaksaan (tahap II)', en: 'Handed to the prosecutor (stage II)' },
  sp3: { id: 'SP3 — penyidikan dihentikan', en: 'SP3 — investigation stopped' },
  putusan: { id: 'Putusan pengadilan', en: 'Court decision' },
};

/**
 * Laporan Polisi number as typed on the report, e.g. `LP/B/123/XII/2026/SPKT/POLRES LEBAK`: "LP",
 * the model (A/B/C, older numbers have none), the serial, the month in Roman numerals, the year,
 * then the office. Normalised to capitals with single spaces and no spaces around the slashes.
 */
export function normaliseLpNumber(input: string): string {
  return input
    .trim()
    .toUpperCase()
    .replace(/\s+/g, ' ')
    .replace(/\s*\/\s*/g, '/');
}
const LP_NUMBER =
  /^LP\/(?:[ABC]\/)?\d{1,7}\/(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)\/(?:19|20)\d{2}(?:\/[A-Z0-9][A-Z0-9 .()-]*)*$/;
export function isLpNumber(normalised: string): boolean {
  return normalised.length <= 120 && LP_NUMBER.test(normalised);
}

/**
 * Time standards for a referral. domain.md §2.4 gives response times for complaints by risk
 * (high: immediately, medium: about 6 hours, follow-up: 3 working days) and 3×24 h for the UU TPKS
 * report to police; referrals take the same clock by urgency. Completion windows per service are
 * this project's interpretation (docs/decisions/009), overridable per region.
 */
export type Sla = { acceptHours: number; completeDays: number };
export const DEFAULT_ACCEPT_HOURS: Record<Urgency, number> = { darurat: 1, segera: 6, biasa: 72 };
export const DEFAULT_COMPLETE_DAYS: Record<Urgency, number> = { darurat: 7, segera: 14, biasa: 30 };
/** Services whose completion window is shorter than the urgency default. */
export const SERVICE_COMPLETE_DAYS: Readonly<Record<string, number>> = {
  visum: 3,
  lapor_polisi: 3,
  kesehatan: 7,
};

export type SlaOverride = { urgency: string; service: string; acceptHours: number; completeDays: number };

/**
 * The time standard of a referral for `services` at `urgency`: the strictest of the services'
 * standards. Region overrides win over defaults; a '*' override covers every service of that urgency.
 */
export function referralSla(
  urgency: Urgency,
  services: readonly string[],
  overrides: readonly SlaOverride[] = [],
): Sla {
  const pick = (service: string): Sla => {
    const exact = overrides.find((o) => o.urgency === urgency && o.service === service);
    if (exact) return { acceptHours: exact.acceptHours, completeDays: exact.completeDays };
    const any = overrides.find((o) => o.urgency === urgency && o.service === '*');
    const base: Sla = any
      ? { acceptHours: any.acceptHours, completeDays: any.completeDays }
      : { acceptHours: DEFAULT_ACCEPT_HOURS[urgency], completeDays: DEFAULT_COMPLETE_DAYS[urgency] };
    const svc = SERVICE_COMPLETE_DAYS[service];
    return svc !== undefined && !any ? { ...base, completeDays: Math.min(base.completeDays, svc) } : base;
  };
  const all = (services.length > 0 ? services : ['*']).map(pick);
  return {
    acceptHours: Math.min(...all.map((s) => s.acceptHours)),
    completeDays: Math.min(...all.map((s) => s.completeDays)),
  };
}

const HOUR = 3600_000;

/**
 * Due dates. Acceptance: hours on the clock (a victim in danger does not wait for Monday), except
 * routine referrals whose 72 h are read as 3 working days in the region's time zone. Completion:
 * calendar days after acceptance is due.
 */
export function referralDeadlines(
  sentAt: Date,
  urgency: Urgency,
  sla: Sla,
  regionCode: string,
  holidays?: ReadonlySet<string>,
) {
  const acceptDue =
    urgency === 'biasa' && sla.acceptHours % 24 === 0
      ? addWorkingDays(sentAt, sla.acceptHours / 24, zoneOfRegion(regionCode), holidays)
      : new Date(sentAt.getTime() + sla.acceptHours * HOUR);
  const completeDue = new Date(acceptDue.getTime() + sla.completeDays * 24 * HOUR);
  return { acceptDue, completeDue };
}

/** Which due date is passed at `now`, if any (acceptance first). */
export function overdue(
  r: { status: ReferralStatus; acceptDueAt: Date; completeDueAt: Date },
  now: Date,
): 'accept' | 'complete' | null {
  if (r.status === 'terkirim' && now > r.acceptDueAt) return 'accept';
  if ((r.status === 'diterima' || r.status === 'dalam_layanan') && now > r.completeDueAt) return 'complete';
  return null;
}

/** Referral number: `RJK/<kab-kota code>/<year>/<serial>`, as letters are numbered by offices. */
export function referralNumber(jurisdiction: string, year: number, serial: number): string {
  return `RJK/${jurisdiction}/${year}/${String(serial).padStart(5, '0')}`;
}

/** Verification code printed on a letter: 12 characters without look-alikes, in groups of 4. */
export const VERIFICATION_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function formatVerificationCode(raw: string): string {
  return raw.replace(/(.{4})(?=.)/g, '$1-');
}
export function normaliseVerificationCode(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** A directory entry is due for re-verification after six months. */
export const VERIFY_AFTER_DAYS = 183;
export function verificationStale(verifiedAt: Date | null, now: Date): boolean {
  return verifiedAt === null || now.getTime() - verifiedAt.getTime() > VERIFY_AFTER_DAYS * 24 * HOUR;
}

/** The Dinas admin is warned this many days before an agreement ends. */
export const AGREEMENT_WARN_DAYS = 60;
export function agreementActive(a: { startsOn: string; endsOn: string }, today: string): boolean {
  return a.startsOn <= today && today <= a.endsOn;
}

/** Transfers (pelimpahan). */
export const TRANSFER_LEVELS = ['kabkota', 'provinsi', 'nasional'] as const;
export type TransferLevel = (typeof TRANSFER_LEVELS)[number];
export const TRANSFER_LEVEL_LABELS: Record<TransferLevel, Label> = {
  kabkota: { id: 'Ke kabupaten/kota lain', en: 'To another district/city' },
  provinsi: { id: 'Ke UPTD PPA provinsi', en: 'To the province UPTD PPA' },
  nasional: {
    id: 'Tandai untuk layanan rujukan akhir KemenPPPA',
    en: 'Flag for the KemenPPPA final-referral service',
  },
};
export const TRANSFER_STATUSES = ['diajukan', 'diterima', 'ditolak', 'dibatalkan'] as const;
export type TransferStatus = (typeof TRANSFER_STATUSES)[number];

/** Where a transfer of a case held in `from` may go at `level`; null when it may not. */
export function transferTargetOk(level: TransferLevel, from: string, to: string | null): boolean {
  if (level === 'nasional') return to === null;
  if (to === null) return false;
  const fromProvince = from.split('.')[0];
  if (level === 'provinsi') return !from.includes('.') ? false : to === fromProvince;
  return to.split('.').length === 2 && to !== from;
}

/** Kinds of in-app notification; each links to one page and carries no personal data. */
export const NOTIFICATION_KINDS = [
  'rujukan_baru',
  'rujukan_diterima',
  'rujukan_ditolak',
  'rujukan_selesai',
  'rujukan_dibatalkan',
  'rujukan_persetujuan_dicabut',
  'rujukan_pertanyaan',
  'rujukan_pengingat',
  'rujukan_terlambat',
  'rujukan_perkembangan',
  'pelimpahan_baru',
  'pelimpahan_diterima',
  'pelimpahan_ditolak',
  'pelimpahan_dibatalkan',
  'kerja_sama_berakhir',
  // local regulations: a review or expiry date within 60 days (issue 12 §5, decision 033)
  'regulasi_perlu_ditinjau',
  'regulasi_akan_berakhir',
  'permohonan_bergabung',
  'pesan_pelapor',
  'laporan_tanpa_kotak',
  'laporan_dipindahkan',
  'laporan_darurat',
  'pengaduan_terlambat',
  // urgent cases (decision 013)
  'kasus_tanpa_manajer',
  'kasus_ditugaskan',
  'tenggat_respons_dekat',
  'tugas_kasus_terlambat',
  'tugas_kasus_eskalasi',
  // account guards (decision 016): the account's owner and the auditors are told
  'akun_anda_diatur_ulang',
  'peran_anda_diubah',
  'akun_staf_diatur_ulang',
  'peran_staf_diubah',
  // the audit chain's daily head, to the auditors (decision 017)
  'jangkar_audit',
  // follow-ups of meeting decisions (issue 12 §3, decision 031)
  'tindak_lanjut_baru',
  'tindak_lanjut_pengingat',
  'tindak_lanjut_terlambat',
  'tindak_lanjut_eskalasi',
  // prevention activities (issue 12 §1, decision 029): a partner's report and the Dinas's answer
  'pencegahan_menunggu',
  'pencegahan_diterima',
  'pencegahan_dikembalikan',
  // the KLA self-evaluation (issue 13, decision 035): a submission and the province's answer
  'kla_dikirim',
  'kla_dikembalikan',
  'kla_terverifikasi',
  // … and the Gugus Tugas members' own indicators: assigned, sent back to them (by the coordinator,
  // or asked to fix / rejected by the province)
  'kla_ditugaskan',
  'kla_indikator_dikembalikan',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];
export const NOTIFICATION_LABELS: Record<NotificationKind, Label> = {
  rujukan_baru: { id: 'Rujukan baru untuk lembaga Anda', en: 'New referral to your organisation' },
  rujukan_diterima: { id: 'Rujukan diterima', en: 'Referral accepted' },
  rujukan_ditolak: { id: 'Rujukan ditolak', en: 'Referral declined' },
  rujukan_selesai: { id: 'Rujukan selesai', en: 'Referral completed' },
  rujukan_dibatalkan: { id: 'Rujukan dibatalkan', en: 'Referral cancelled' },
  rujukan_persetujuan_dicabut: {
    id: 'Persetujuan atas rujukan dicabut',
    en: 'Consent for a referral withdrawn',
  },
  rujukan_pertanyaan: { id: 'Pesan baru pada rujukan', en: 'New message on a referral' },
  rujukan_pengingat: {
    id: 'Pengingat: rujukan menunggu jawaban lembaga Anda',
    en: 'Reminder: a referral awaits your answer',
  },
  rujukan_terlambat: { id: 'Rujukan melewati batas waktu', en: 'Referral overdue' },
  rujukan_perkembangan: {
    id: 'Perkembangan penanganan rujukan (petugas, jadwal, atau proses hukum)',
    en: 'Progress on a referral (officer, appointment or legal process)',
  },
  pelimpahan_baru: { id: 'Pelimpahan kasus masuk', en: 'Incoming case transfer' },
  pelimpahan_diterima: { id: 'Pelimpahan kasus diterima', en: 'Case transfer accepted' },
  pelimpahan_ditolak: { id: 'Pelimpahan kasus ditolak', en: 'Case transfer declined' },
  pelimpahan_dibatalkan: {
    id: 'Pelimpahan kasus dibatalkan pengirim',
    en: 'Case transfer withdrawn by the sender',
  },
  kerja_sama_berakhir: { id: 'Perjanjian kerja sama akan berakhir', en: 'Cooperation agreement ending' },
  regulasi_perlu_ditinjau: {
    id: 'Regulasi daerah perlu ditinjau dalam 60 hari',
    en: 'A local regulation is due for review within 60 days',
  },
  regulasi_akan_berakhir: {
    id: 'Regulasi daerah akan berakhir dalam 60 hari',
    en: 'A local regulation expires within 60 days',
  },
  permohonan_bergabung: { id: 'Permohonan bergabung baru', en: 'New request to join' },
  pesan_pelapor: { id: 'Pesan baru dari pelapor', en: 'New message from a reporter' },
  laporan_tanpa_kotak: {
    id: 'Ada laporan yang tidak masuk kotak masuk mana pun',
    en: 'Reports that no inbox can see',
  },
  laporan_darurat: {
    id: 'Laporan baru: ada yang dalam bahaya sekarang',
    en: 'New report: someone is in danger now',
  },
  pengaduan_terlambat: {
    id: 'Pengaduan belum ditangani melewati batas waktu respons',
    en: 'An intake item is past its response deadline, untouched',
  },
  laporan_dipindahkan: {
    id: 'Laporan dipindahkan ke kotak masuk Anda',
    en: 'A report was moved into your inbox',
  },
  kasus_tanpa_manajer: {
    id: 'Kasus baru belum memiliki manajer kasus',
    en: 'New case without a case manager',
  },
  kasus_ditugaskan: { id: 'Anda ditunjuk sebagai manajer kasus', en: 'You were made case manager' },
  tenggat_respons_dekat: {
    id: 'Batas waktu respons kasus segera tiba',
    en: 'A case response deadline is near',
  },
  tugas_kasus_terlambat: { id: 'Tugas kasus melewati batas waktu', en: 'Case task overdue' },
  tugas_kasus_eskalasi: {
    id: 'Eskalasi: tugas kasus sudah lama melewati batas waktu',
    en: 'Escalation: case task long overdue',
  },
  akun_anda_diatur_ulang: {
    id: 'Kata sandi akun Anda diatur ulang oleh administrator dan verifikasi dua langkah dimatikan (pasang lagi setelah masuk); jika Anda tidak memintanya, segera hubungi auditor',
    en: 'An administrator reset your account’s password and turned two-step verification off (set it up again after signing in); if you did not ask for it, tell the auditor at once',
  },
  peran_anda_diubah: {
    id: 'Peran akun Anda diubah oleh administrator; jika tidak semestinya, segera hubungi auditor',
    en: 'An administrator changed your account’s role; if it should not have been, tell the auditor at once',
  },
  akun_staf_diatur_ulang: {
    id: 'Administrator mengatur ulang kata sandi dan verifikasi dua langkah sebuah akun',
    en: 'An administrator reset an account’s password and two-step verification',
  },
  peran_staf_diubah: {
    id: 'Administrator mengubah peran sebuah akun',
    en: 'An administrator changed an account’s role',
  },
  jangkar_audit: {
    id: 'Jangkar harian log audit (simpan pesan ini)',
    en: 'Daily audit log anchor (keep this message)',
  },
  tindak_lanjut_baru: {
    id: 'Tindak lanjut keputusan rapat untuk lembaga Anda',
    en: 'A meeting decision follow-up for your organisation',
  },
  tindak_lanjut_pengingat: {
    id: 'Pengingat: tenggat tindak lanjut rapat sudah dekat',
    en: 'Reminder: a meeting follow-up is due soon',
  },
  tindak_lanjut_terlambat: {
    id: 'Tindak lanjut rapat melewati tenggat',
    en: 'A meeting follow-up is overdue',
  },
  tindak_lanjut_eskalasi: {
    id: 'Eskalasi: tindak lanjut rapat lama terlambat',
    en: 'Escalation: a meeting follow-up has long been overdue',
  },
  pencegahan_menunggu: {
    id: 'Laporan kegiatan pencegahan mitra menunggu penerimaan',
    en: "A partner's prevention report awaits acceptance",
  },
  pencegahan_diterima: {
    id: 'Laporan kegiatan pencegahan Anda diterima Dinas',
    en: 'Your prevention report was accepted',
  },
  pencegahan_dikembalikan: {
    id: 'Laporan kegiatan pencegahan Anda dikembalikan untuk diperbaiki',
    en: 'Your prevention report was returned for correction',
  },
  kla_dikirim: {
    id: 'Evaluasi mandiri KLA kabupaten/kota menunggu verifikasi provinsi',
    en: "A regency/city's KLA self-evaluation awaits the province's verification",
  },
  kla_dikembalikan: {
    id: 'Evaluasi KLA dikembalikan provinsi untuk perbaikan',
    en: 'The KLA evaluation was returned by the province for fixes',
  },
  kla_terverifikasi: {
    id: 'Evaluasi KLA telah diverifikasi provinsi',
    en: 'The KLA evaluation has been verified by the province',
  },
  kla_ditugaskan: {
    id: 'Lembaga Anda ditugaskan mengisi indikator KLA',
    en: 'Your organisation was assigned KLA indicators to fill',
  },
  kla_indikator_dikembalikan: {
    id: 'Jawaban indikator KLA Anda dikembalikan (perlu diperbaiki, atau ditolak provinsi)',
    en: 'Your KLA indicator answer came back (to be fixed, or rejected by the province)',
  },
};

/**
 * What a referral may carry of what the referring side sees: only the sections it shares, and the
 * place of the incident in the reporter's words only with the victim's contact and address (it is
 * often her home). Used for the letter; the recipient's live view applies the same rule.
 */
export function sharedForReferral<
  T extends { kronologi?: Array<{ placeText: string | null }> | undefined } & Record<string, unknown>,
>(all: T, sections: readonly string[]): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(all)) if (sections.includes(k)) out[k] = all[k];
  if (out.kronologi && !sections.includes('kontak'))
    out.kronologi = (out.kronologi as Array<{ placeText: string | null }>).map((i) => ({
      ...i,
      placeText: null,
    }));
  return out as Partial<T>;
}
