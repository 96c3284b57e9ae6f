/**
 * Shapes the API returns. Types only: the web app imports them with `import type`, so they add
 * nothing to its bundle.
 */
import type { DeadlineRule } from './deadlines.ts';
import type { Role } from './policy.ts';
import type { Stage } from './stages.ts';
import type { Label } from './taxonomies.ts';

export type UserDto = {
  id: string;
  email: string;
  name: string;
  role: Role;
  orgId: string;
  orgName: string;
  jurisdiction: string;
  jurisdictionName: string;
  mfaEnabled: boolean;
  /** true until the user has enrolled two-factor sign-in; the app shows enrolment first */
  mfaEnrolmentRequired: boolean;
  demo: boolean;
  disabled?: boolean;
  version?: number;
};

export type CaseSummaryDto = {
  id: string;
  number: string;
  stage: Stage;
  risk: string | null;
  caseType: string | null;
  channel: string;
  receivedAt: string;
  jurisdiction: string;
  managerId: string | null;
  managerName: string | null;
  victimCount: number;
  overdueCount: number;
  updatedAt: string;
};

export type PersonDto = {
  id: string;
  role: 'korban' | 'terlapor' | 'pelapor';
  name: string;
  sex: string | null;
  birthDate: string | null;
  /** the officer's estimate */
  estimatedAge: number | null;
  /** as told (src/domain/facts.ts AGE_GROUP_CODES); never turned into an age */
  ageGroup: string | null;
  /** exact age from the birth date only; null without one */
  age: number | null;
  /** what is known of the age, in words: "13–17 tahun (menurut pelapor)" */
  ageText: Label | null;
  /** under 18 by the best fact known; null when nothing is known */
  child: boolean | null;
  nik: string | null;
  phone: string | null;
  regionCode: string | null;
  regionName: string | null;
  addressDetail: string | null;
  education: string | null;
  occupation: string | null;
  maritalStatus: string | null;
  disability: boolean | null;
  disabilityTypes: string[];
  accommodationNeeds: string | null;
  nationality: string | null;
  relationToVictim: string | null;
  version: number;
};

export type IncidentDto = {
  id: string;
  /** as precisely as known: `YYYY-MM-DD`, `YYYY-MM` (month), `YYYY` (year); null for kurun/unknown */
  date: string | null;
  /** src/domain/facts.ts DATE_PRECISIONS */
  datePrecision: string;
  /** kurun: the window the reporter named, and the day it was said */
  toldWhen: string | null;
  referenceDate: string | null;
  /** the date in words: "sekitar Mei 2026", "dalam minggu sebelum 3 Des 2026 (menurut pelapor)" */
  dateText: Label;
  /** SIMFONI category; null = belum ditentukan */
  placeCategory: string | null;
  /** the place as the reporter named it */
  placeText: string | null;
  regionCode: string | null;
  regionName: string | null;
  forms: string[];
  tpksOffences: string[];
  ampkCategories: string[];
  chronology: string | null;
  version: number;
};

export type RecordDto = {
  id: string;
  kind: 'assessment' | 'plan_item' | 'service' | 'right' | 'note';
  data: Record<string, unknown>;
  /** plan items: the referrals carrying them out, with their state */
  referrals?: ReferralLinkDto[];
  version: number;
  createdAt: string;
  createdBy: string | null;
  createdByName: string | null;
};

export type TaskDto = {
  caseId: string;
  caseNumber: string;
  rule: DeadlineRule;
  label: { id: string; en: string };
  dueAt: string;
  /** an ISO timestamp, or a date `YYYY-MM-DD` when only the day is known (a service recorded with a date) */
  doneAt: string | null;
  overdue: boolean;
  subjectId?: string;
};

/** One line of the managers' work queue: a case and the task that makes it urgent. */
export type QueueItemDto = {
  caseId: string;
  caseNumber: string;
  stage: Stage;
  risk: string | null;
  receivedAt: string;
  managerId: string | null;
  managerName: string | null;
  /** unassigned: the earliest open task (null when none); due today: the task due today */
  task: Pick<TaskDto, 'rule' | 'label' | 'dueAt' | 'overdue' | 'subjectId'> | null;
};

/** GET /work-queue: the top of a case manager's home page (decision 013). */
export type WorkQueueDto = {
  /** the server's time the durations are measured from */
  asOf: string;
  /** today's date in the kab/kota's own time zone */
  today: string;
  /** open cases without a manager: high risk first, then by due time; at most 50 of `total` */
  unassigned: { items: QueueItemDto[]; total: number };
  /** open tasks due today (local day), any manager: high risk first, then by due time */
  dueToday: { items: QueueItemDto[]; total: number };
};

export type CaseDto = CaseSummaryDto & {
  version: number;
  orgId: string;
  orgName: string;
  authority: string | null;
  summary: string | null;
  closureReason: string | null;
  closedAt: string | null;
  reopenCount: number;
  members: Array<{ id: string; name: string; role: Role }>;
  persons: PersonDto[];
  relationships: Array<{ id: string; victimId: string; perpetratorId: string; relationship: string }>;
  incidents: IncidentDto[];
  records: RecordDto[];
  attachments: Array<{
    id: string;
    filename: string;
    mime: string;
    size: number;
    createdAt: string;
    createdByName: string | null;
  }>;
  tasks: TaskDto[];
  /** the intake items this case came from or took in, for those who may read them (their inbox) */
  intake: Array<{ id: string; code: string; channel: string; receivedAt: string }>;
  allowedTransitions: Stage[];
  permissions: { update: boolean; transition: boolean; assign: boolean; accessLog: boolean };
};

export type TimelineEntryDto = {
  at: string;
  actorName: string | null;
  type: string;
  data: Record<string, unknown>;
};

export type AuditEventDto = {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  outcome: string;
};

/** An audit event for the auditor: the stored codes, and the same event in words (id/en). */
export type AuditEntryDto = AuditEventDto & {
  /** the user's name, or what acted without an account ("Sistem Simpul") */
  actor: { id: string; en: string };
  actorRoleLabel: { id: string; en: string } | null;
  actorOrg: { id: string; name: string; type: string } | null;
  category: string | null;
  /** what was done, outcome included: "membaca bagian yang dibagikan pada rujukan (identitas, kronologi)" */
  words: { id: string; en: string };
  /** what it was about: "korban 1 · kasus PPA-3602-2026-000001", "akun Demo pengaduan lebak" */
  object: { id: string; en: string } | null;
};

export type AuditPage = {
  items: AuditEntryDto[];
  page: number;
  pageSize: number;
  hasMore: boolean;
  /** the zone the date filters were read in */
  zone: string;
  zoneAbbr: string;
};

/** A case's access log: who saw this person's data, grouped by person and local day. */
export type AccessLogDto = {
  caseId: string;
  /** the zone of the case's region; `day` is a calendar day there */
  zone: string;
  zoneAbbr: string;
  /** everyone in the log, for the person filter */
  people: AccessPersonDto[];
  groups: AccessGroupDto[];
  page: number;
  pageSize: number;
  /** number of person-days */
  total: number;
};

export type AccessPersonDto = {
  id: string;
  name: string;
  role: string;
  roleLabel: { id: string; en: string } | null;
  org: { id: string; name: string; typeLabel: { id: string; en: string } | null };
  /** staff of a partner organisation (not a UPTD PPA / Dinas PPPA): a referral's recipient */
  partner: boolean;
  /** staff of a UPTD PPA / Dinas PPPA of another kab/kota or the province */
  otherRegion: boolean;
};

export type AccessGroupDto = {
  /** `${actorId ?? '-'}:${day}` */
  id: string;
  day: string;
  actor: {
    id: string | null;
    name: { id: string; en: string };
    role: string | null;
    roleLabel: { id: string; en: string } | null;
    org: { id: string; name: string; typeLabel: { id: string; en: string } | null } | null;
    partner: boolean;
    otherRegion: boolean;
  };
  count: number;
  firstAt: string;
  lastAt: string;
  items: AccessItemDto[];
};

export type AccessItemDto = {
  id: string;
  action: string;
  outcome: string;
  words: { id: string; en: string };
  object: { id: string; en: string } | null;
  count: number;
  firstAt: string;
  lastAt: string;
};

export type OrgDto = {
  id: string;
  name: string;
  type: string;
  regionCode: string;
  regionName: string | null;
  jurisdiction: string;
  /** null also when withheld: see restrictedFields */
  address: string | null;
  phone: string | null;
  /** withheld from this reader: a safe house seen from outside its kab/kota */
  restrictedFields: Array<'address' | 'phone'>;
  email: string | null;
  /* directory of services (issue 4) */
  services: string[];
  areas: string[];
  hours: string | null;
  languages: string[];
  accessibility: string | null;
  website: string | null;
  capacityTotal: number | null;
  capacityFree: number | null;
  verifiedAt: string | null;
  active: boolean;
  version: number;
};

export type Page<T> = { items: T[]; total: number; page: number; pageSize: number };

/* ---- Referrals (rujukan) ---- */

export type ReferralSide = 'pengirim' | 'penerima';

export type ReferralSummaryDto = {
  id: string;
  number: string;
  /** the referring side only; null for the recipient */
  caseId: string | null;
  caseNumber: string | null;
  fromOrg: { id: string; name: string };
  toOrg: { id: string; name: string; onSimpul: boolean };
  services: string[];
  urgency: 'darurat' | 'segera' | 'biasa';
  status: 'terkirim' | 'diterima' | 'ditolak' | 'dalam_layanan' | 'selesai' | 'dibatalkan';
  external: boolean;
  sentAt: string;
  acceptDueAt: string;
  completeDueAt: string;
  acceptedAt: string | null;
  declinedAt: string | null;
  completedAt: string | null;
  cancelledAt: string | null;
  /** which due date has passed, if any */
  overdue: 'accept' | 'complete' | null;
  consentWithdrawn: boolean;
  /** always shown: what a recipient needs to decide (no name) */
  victim: { sex: string | null; ageGroup: string | null; child: boolean | null };
  version: number;
};

export type SharedSectionsDto = {
  identitas?: {
    name: string;
    nik: string | null;
    birthDate: string | null;
    /** exact age from the birth date only */
    age: number | null;
    /** what is known of the age, in words */
    ageText: Label | null;
    sex: string | null;
    disability: boolean | null;
    disabilityTypes: string[];
    accommodationNeeds: string | null;
  };
  kontak?: {
    phone: string | null;
    regionCode: string | null;
    regionName: string | null;
    address: string | null;
  };
  kronologi?: Array<{
    date: string | null;
    dateText: Label;
    placeCategory: string | null;
    placeText: string | null;
    regionName: string | null;
    forms: string[];
    tpksOffences: string[];
    chronology: string | null;
  }>;
  asesmen?: Array<{
    assessedOn: string | null;
    physical: string | null;
    psychological: string | null;
    social: string | null;
    economic: string | null;
    education: string | null;
    needs: string | null;
  }>;
  layanan?: Array<{ service: string; date: string; providerName: string | null }>;
};

/** Another referral as a link: its number, state and recipient. */
export type ReferralLinkDto = {
  id: string;
  number: string;
  status: ReferralSummaryDto['status'];
  toOrgName: string;
};

export type ReferralDto = ReferralSummaryDto & {
  side: ReferralSide;
  /** the victim referred (referring side only: "rujuk ulang" starts from the same victim) */
  personId: string | null;
  /**
   * Why the recipient no longer sees the victim's data (decision 009), for both sides to read;
   * null while the recipient's view is open.
   */
  closedReason: 'persetujuan_dicabut' | 'kasus_ditutup' | 'selesai' | 'ditolak' | 'dibatalkan' | null;
  /** null for the recipient once its view has closed (closedReason) */
  purpose: string | null;
  sections: string[];
  consent: {
    basis: string;
    /** who gave consent (referring side only) */
    givenBy: string | null;
    relation: string | null;
    givenAt: string;
    withdrawnAt: string | null;
  };
  declineReason: string | null;
  /** the recipient's own words: it keeps them after the referral ends */
  declineNote: string | null;
  cancelReason: string | null;
  /** the recipient's own words: it keeps them after the referral ends */
  outcome: string | null;
  /** the shared sections, read live; null for the recipient once its view has closed */
  shared: SharedSectionsDto | null;
  /** who handles it at the recipient and when the victim is expected (set on acceptance, both sides see it) */
  handling: {
    /** a user of the receiving organisation (id) or a name typed in (id null) */
    officer: { id: string | null; name: string } | null;
    appointmentAt: string | null;
    appointmentPlace: string | null;
  };
  /** a police PPA unit's record: the police report number and the investigation's history; null for other recipients */
  police: {
    lpNumber: string | null;
    status: string | null;
    history: Array<{
      id: string;
      at: string;
      status: string;
      date: string;
      note: string | null;
      actorName: string | null;
    }>;
  } | null;
  /** "rujuk ulang" links (referring side only): the referral this one sends again, and the one that sent this again */
  rereferralOf: ReferralLinkDto | null;
  rereferredAs: ReferralLinkDto | null;
  /** the intervention-plan item this referral carries out (referring side only) */
  planItem: { id: string; service: string; targetDate: string | null } | null;
  delivered: Array<{
    id: string;
    service: string;
    date: string;
    outcome: string | null;
    orgName: string | null;
    recordedByName: string | null;
  }>;
  events: Array<{
    id: string;
    at: string;
    type: string;
    actorName: string | null;
    actorOrgName: string | null;
    data: Record<string, unknown>;
    body: string | null;
  }>;
  /** printed on the letter, checked on the public page /verifikasi */
  verificationCode: string;
  /** 'tidak_ada_kerja_sama' when the recipient has no active agreement with the referring Dinas */
  warnings: string[];
  permissions: {
    accept: boolean;
    decline: boolean;
    recordService: boolean;
    complete: boolean;
    cancel: boolean;
    withdrawConsent: boolean;
    message: boolean;
    letter: boolean;
    /** change the officer or the appointment */
    handling: boolean;
    /** record the police report number and investigation status (police PPA unit) */
    investigation: boolean;
    /** send a declined or cancelled referral again ("rujuk ulang") */
    rerefer: boolean;
  };
};

export type ReferralSuggestionDto = {
  orgId: string;
  name: string;
  type: string;
  services: string[];
  /** how close its area is to the victim's: desa, kecamatan, kabkota, provinsi, lain */
  proximity: 'desa' | 'kecamatan' | 'kabkota' | 'provinsi' | 'lain';
  capacityFree: number | null;
  activeAgreement: boolean;
  onSimpul: boolean;
  medianAcceptHours: number | null;
  referralsLastYear: number;
};

/* ---- Transfers (pelimpahan) ---- */

export type TransferDto = {
  id: string;
  caseId: string;
  caseNumber: string;
  level: 'kabkota' | 'provinsi' | 'nasional';
  fromJurisdiction: string;
  fromJurisdictionName: string | null;
  fromOrgName: string;
  toJurisdiction: string | null;
  toJurisdictionName: string | null;
  toOrgName: string | null;
  /** the reason, for the two offices involved */
  reason: string | null;
  status: 'diajukan' | 'diterima' | 'ditolak' | 'dibatalkan';
  requestedAt: string;
  requestedByName: string | null;
  decidedAt: string | null;
  decidedByName: string | null;
  declineReason: string | null;
  version: number;
  permissions: { accept: boolean; decline: boolean; cancel: boolean };
};

/* ---- Directory, agreements, requests to join, partner performance ---- */

export type DirectoryEntryDto = {
  id: string;
  name: string;
  type: string;
  regionCode: string;
  regionName: string | null;
  jurisdiction: string;
  /** null also when withheld: see restrictedFields */
  address: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  /** fields withheld from this reader because the organisation's location is secret (a safe house
   *  seen by staff of another kab/kota) */
  restrictedFields: Array<'address' | 'phone'>;
  services: string[];
  areas: string[];
  hours: string | null;
  languages: string[];
  accessibility: string | null;
  capacityTotal: number | null;
  capacityFree: number | null;
  capacityUpdatedAt: string | null;
  verifiedAt: string | null;
  /** never verified, or last verified more than six months ago */
  verificationDue: boolean;
  /** at least one active user: referrals reach it inside Simpul */
  onSimpul: boolean;
  /** the agreement with the reader's Dinas (kab/kota or province) covering today */
  activeAgreement: { number: string; endsOn: string } | null;
  agreementEndingSoon: boolean;
  version: number;
  permissions: { updateCapacity: boolean; verify: boolean };
};

export type AgreementDto = {
  id: string;
  orgId: string;
  orgName: string;
  jurisdiction: string;
  kind: 'mou' | 'pks';
  number: string;
  parties: string;
  subject: string;
  startsOn: string;
  endsOn: string;
  status: 'belum_berlaku' | 'aktif' | 'akan_berakhir' | 'berakhir';
  /** days until it ends (negative once ended) */
  daysLeft: number;
  documentName: string | null;
  version: number;
  updatedAt: string;
};

export type JoinRequestDto = {
  id: string;
  jurisdiction: string;
  orgName: string;
  orgType: string;
  regionCode: string;
  regionName: string | null;
  services: string[];
  /** null when withheld: see restrictedFields */
  address: string | null;
  phone: string | null;
  /** withheld from this reader: a safe house asking to join, read from outside its kab/kota */
  restrictedFields: Array<'address' | 'phone'>;
  email: string;
  contactName: string;
  contactPosition: string | null;
  message: string | null;
  status: 'baru' | 'diterima' | 'ditolak';
  decidedAt: string | null;
  decidedByName: string | null;
  decisionNote: string | null;
  orgId: string | null;
  version: number;
  createdAt: string;
};

export type PartnerPerformanceDto = {
  from: string;
  to: string;
  rows: Array<{
    orgId: string;
    orgName: string;
    service: string;
    received: number;
    accepted: number;
    declined: number;
    completed: number;
    cancelled: number;
    medianAcceptHours: number | null;
    medianCompleteDays: number | null;
    overdue: number;
    overdueAccept: number;
    overdueComplete: number;
  }>;
};
