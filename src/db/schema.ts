/** Kysely table types; they mirror migrations/*.sql. */
import type { ColumnType, Generated } from 'kysely';
import type { IntakeStatus } from '../domain/intake.ts';
import type { Role } from '../domain/policy.ts';
import type {
  ConsentBasis,
  ReferralStatus,
  TransferLevel,
  TransferStatus,
  Urgency,
} from '../domain/referrals.ts';
import type { RecordKind } from '../domain/schemas.ts';
import type { Stage } from '../domain/stages.ts';

/** Code-list columns hold a code of their list (CHECK constraints, migration 0017). */
export type RiskLevel = 'tinggi' | 'sedang' | 'rendah';
export type PersonRole = 'korban' | 'terlapor' | 'pelapor';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateOnly = ColumnType<string, string, string>;

export interface SystemMetaTable {
  key: string;
  value: string;
}
export interface RegionTable {
  code: string;
  parent_code: string | null;
  level: number;
  name: string;
}
export interface OrganisationTable {
  id: string;
  name: string;
  type: string;
  region_code: string;
  jurisdiction: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  services: ColumnType<string[], string[] | undefined, string[]>;
  areas: ColumnType<string[], string[] | undefined, string[]>;
  hours: string | null;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  accessibility: string | null;
  website: string | null;
  capacity_total: number | null;
  capacity_free: number | null;
  capacity_updated_at: Timestamp | null;
  verified_at: Timestamp | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface AppUserTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  org_id: string;
  password_hash: string;
  password_changed_at: Timestamp;
  totp_secret_enc: string | null;
  totp_enabled: Generated<boolean>;
  totp_last_step: ColumnType<string | null, string | number | null, string | number | null>;
  recovery_codes: Generated<string[]>;
  disabled: Generated<boolean>;
  notify_email: Generated<boolean>;
  notify_wa_phone_enc: string | null;
  demo: Generated<boolean>;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface SessionTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
  mfa_verified: Generated<boolean>;
  ip: string | null;
  user_agent: string | null;
}
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: Timestamp;
  locked_until: Timestamp | null;
}
export interface HolidayTable {
  /** YYYY-MM-DD */
  date: string;
  name: string;
  kind: 'libur_nasional' | 'cuti_bersama';
  updated_by: string | null;
  updated_at: Timestamp;
}
export interface CaseSequenceTable {
  kab_code: string;
  year: number;
  last_value: number;
}
export interface CaseFileTable {
  id: string;
  number: string;
  jurisdiction: string;
  org_id: string;
  manager_id: string | null;
  stage: Stage;
  channel: string;
  received_at: Timestamp;
  case_type: string | null;
  risk: RiskLevel | null;
  authority: string | null;
  summary_enc: string | null;
  closure_reason: string | null;
  closed_at: Timestamp | null;
  reopen_count: Generated<number>;
  assessment_started_at: Timestamp | null;
  national_flagged_at: Timestamp | null;
  /** SIMFONI-PPA entry (migration 0019): the day, SIMFONI's number, who marked it and when */
  simfoni_entered_on: ColumnType<string | null, string | null | undefined, string | null>;
  simfoni_number: ColumnType<string | null, string | null | undefined, string | null>;
  simfoni_entered_by: ColumnType<string | null, string | null | undefined, string | null>;
  simfoni_recorded_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface CaseMemberTable {
  case_id: string;
  user_id: string;
}
export interface PersonTable {
  id: string;
  case_id: string;
  jurisdiction: string;
  role: PersonRole;
  name_enc: string;
  name_tokens: string[];
  nik_enc: string | null;
  nik_hash: string | null;
  phone_enc: string | null;
  phone_hash: string | null;
  sex: string | null;
  birth_date: DateOnly | null;
  estimated_age: number | null;
  /** as told: 0-5 … 60+, or 18+ (src/domain/facts.ts) */
  age_group: string | null;
  region_code: string | null;
  address_enc: string | null;
  education: string | null;
  occupation: string | null;
  marital_status: string | null;
  disability: boolean | null;
  disability_types: string[];
  accommodation_enc: string | null;
  nationality: string | null;
  relation_to_victim: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface RelationshipTable {
  id: string;
  case_id: string;
  victim_id: string;
  perpetrator_id: string;
  relationship: string;
}
export interface IncidentTable {
  id: string;
  case_id: string;
  /** null when the date is a told window (kurun) or unknown */
  occurred_on: DateOnly | null;
  /** src/domain/facts.ts DATE_PRECISIONS */
  date_precision: string;
  told_when: string | null;
  reference_date: DateOnly | null;
  /** SIMFONI category; null = belum ditentukan */
  place_category: string | null;
  place_text_enc: string | null;
  region_code: string | null;
  forms: string[];
  tpks_offences: string[];
  ampk_categories: string[];
  chronology_enc: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface CaseRecordTable {
  id: string;
  case_id: string;
  kind: RecordKind;
  data: ColumnType<Record<string, unknown>, string, string>;
  secret_enc: string | null;
  referral_id: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface AttachmentTable {
  id: string;
  case_id: string;
  filename_enc: string;
  mime: string;
  size_bytes: number;
  content_enc: Uint8Array;
  created_by: string | null;
  created_at: Timestamp;
}
/** A file of a prevention or coordination record (migration 0023), encrypted like attachments. */
export interface CoordFileTable {
  id: string;
  seq: Generated<string>;
  jurisdiction: string;
  owner_kind: string;
  owner_id: string;
  purpose: string;
  filename_enc: string;
  mime: string;
  size_bytes: number;
  content_enc: Uint8Array;
  created_by: string | null;
  created_at: Timestamp;
}
export interface CaseEventTable {
  id: Generated<string>;
  case_id: string;
  at: Timestamp;
  actor_id: string | null;
  type: string;
  data: ColumnType<Record<string, unknown>, string, string>;
}
export interface AuditEventTable {
  id: Generated<string>;
  at: Timestamp;
  actor_id: string | null;
  actor_role: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  ip: string | null;
  user_agent: string | null;
  request_id: string | null;
  outcome: string;
  detail: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  /** the unkeyed SHA-256 chain of rows written before migration 0012; no longer written or trusted */
  prev_hash: ColumnType<string | null, never, never>;
  hash: ColumnType<string | null, never, never>;
}
/** The keyed audit chain (migration 0012, decision 017): one place per audit row, append-only. */
export interface AuditChainTable {
  seq: ColumnType<string, string | number, never>;
  event_id: ColumnType<string, string, never>;
  /** HMAC-SHA-256 (audit subkey) over the previous place's MAC, the place and the row */
  mac: ColumnType<string, string, never>;
}
/** Audit rows waiting for their place in the chain. */
export interface AuditPendingTable {
  event_id: string;
}
export interface IdempotencyKeyTable {
  actor_id: string;
  key: string;
  request_hash: string;
  /** null while a WhatsApp reply with this key is being sent (migration 0014) */
  status: number | null;
  response: ColumnType<unknown, string | null, string | null>;
  created_at: Timestamp;
}

export interface IntakeTable {
  id: string;
  code: string;
  secret_hash: string | null;
  jurisdiction: string;
  region_code: string | null;
  channel: string;
  call_type: string | null;
  reporter_type: string;
  reporter_name_enc: string | null;
  reporter_relation: string | null;
  contact_method: string;
  contact_phone_enc: string | null;
  contact_phone_hash: string | null;
  contact_safe_times_enc: string | null;
  consent_contact: boolean;
  victim_name_enc: string | null;
  victim_name_tokens: string[];
  victim_nik_enc: string | null;
  victim_nik_hash: string | null;
  victim_phone_enc: string | null;
  victim_phone_hash: string | null;
  victim_birth_date: DateOnly | null;
  victim_sex: string | null;
  victim_age_group: string | null;
  forms: string[];
  description_enc: string | null;
  place_enc: string | null;
  occurred_on: DateOnly | null;
  occurred_when: string | null;
  danger_now: boolean;
  risk: string | null;
  status: IntakeStatus;
  assigned_to: string | null;
  case_id: string | null;
  closed_reason: string | null;
  suspected_spam: boolean;
  received_at: Timestamp;
  received_by: string | null;
  submission_token: string | null;
  source_key: string | null;
  overdue_notified_at: Timestamp | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface IntakeEventTable {
  id: Generated<string>;
  intake_id: string;
  at: Timestamp;
  actor_id: string | null;
  type: string;
  data: ColumnType<Record<string, unknown>, string, string>;
}
export interface IntakeMessageTable {
  id: string;
  intake_id: string;
  at: Timestamp;
  author: string;
  author_id: string | null;
  body_enc: string;
  seen_at: Timestamp | null;
}
export interface IntakeReceiptTable {
  token_hash: string;
  intake_id: string;
  secret_enc: string | null;
  danger_now: boolean;
  contact: boolean;
  viewed_at: Timestamp | null;
  expires_at: Timestamp;
}
export interface IntakePassTable {
  token_hash: string;
  intake_id: string;
  kind: string;
  problem: string | null;
  added: Generated<boolean>;
  used_at: Timestamp | null;
  expires_at: Timestamp;
}
export interface DailyCheckTable {
  name: string;
  last_day: DateOnly;
  ran_at: Timestamp;
}
export interface RateLimitTable {
  key: string;
  window_start: Timestamp;
  count: number;
}
export interface WaConversationTable {
  id: string;
  phone_enc: string;
  phone_hash: string;
  profile_name_enc: string | null;
  intake_id: string;
  jurisdiction: string;
  status: string;
  last_message_at: Timestamp;
  last_inbound_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface WaMessageTable {
  id: string;
  seq: Generated<string>;
  conversation_id: string;
  intake_id: string;
  wa_key: string;
  direction: 'in' | 'out';
  type: string;
  body_enc: string | null;
  template_name: string | null;
  template_language: string | null;
  media_id: string | null;
  media_mime: string | null;
  media_filename_enc: string | null;
  media_size: number | null;
  media_enc: Uint8Array | null;
  media_status: string | null;
  media_attempts: Generated<number>;
  media_tried_at: Timestamp | null;
  media_error: string | null;
  latitude_enc: string | null;
  longitude_enc: string | null;
  location_label_enc: string | null;
  status: string;
  sent_at: Timestamp | null;
  delivered_at: Timestamp | null;
  read_at: Timestamp | null;
  failed_at: Timestamp | null;
  error_code: string | null;
  sent_by: string | null;
  at: Timestamp;
  created_at: Timestamp;
}

export interface AgreementTable {
  id: string;
  org_id: string;
  jurisdiction: string;
  kind: string;
  number: string;
  parties: string;
  subject: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
  document_name: string | null;
  document_mime: string | null;
  document: Buffer | null;
  expiry_warned_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** the meeting that decided it (migration 0031) */
  meeting_id: string | null;
}
/* ---- agreement parties and local regulations (migration 0028, decision 033) ---- */
export interface AgreementPartyTable {
  agreement_id: string;
  org_id: string;
  role: string;
  created_at: Timestamp;
}
export interface RegulationTable {
  id: string;
  jurisdiction: string;
  kind: string;
  number: string;
  issued_on: DateOnly;
  title: string;
  authority: string;
  status: Generated<string>;
  expires_on: DateOnly | null;
  review_on: DateOnly | null;
  note: string | null;
  review_warned_at: Timestamp | null;
  expiry_warned_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface JoinRequestTable {
  id: string;
  jurisdiction: string;
  org_name: string;
  org_type: string;
  region_code: string;
  services: ColumnType<string[], string[] | undefined, string[]>;
  address: string | null;
  phone: string | null;
  email: string;
  contact_name_enc: string;
  contact_position: string | null;
  message_enc: string | null;
  status: Generated<string>;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note_enc: string | null;
  org_id: string | null;
  source_hash: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface ReferralSlaTable {
  jurisdiction: string;
  urgency: string;
  service: string;
  accept_hours: number;
  complete_days: number;
  updated_by: string | null;
  updated_at: Timestamp;
}
export interface ReferralTable {
  id: string;
  number: string;
  case_id: string;
  person_id: string;
  from_org_id: string;
  from_jurisdiction: string;
  to_org_id: string;
  services: string[];
  urgency: Urgency;
  purpose_enc: string;
  sections: ColumnType<string[], string[] | undefined, string[]>;
  consent_basis: ConsentBasis;
  consent_by_enc: string | null;
  consent_relation: string | null;
  consent_at: Timestamp;
  consent_note_enc: string | null;
  consent_withdrawn_at: Timestamp | null;
  consent_withdrawn_by: string | null;
  status: Generated<ReferralStatus>;
  external: Generated<boolean>;
  sent_at: Timestamp;
  accept_due_at: Timestamp;
  complete_due_at: Timestamp;
  accepted_at: Timestamp | null;
  accepted_by: string | null;
  declined_at: Timestamp | null;
  decline_reason: string | null;
  decline_note_enc: string | null;
  started_at: Timestamp | null;
  completed_at: Timestamp | null;
  outcome_enc: string | null;
  cancelled_at: Timestamp | null;
  cancel_reason: string | null;
  accept_reminded_at: Timestamp | null;
  accept_overdue_notified_at: Timestamp | null;
  complete_overdue_notified_at: Timestamp | null;
  verification_code: string;
  rereferral_of: string | null;
  plan_item_id: string | null;
  officer_id: string | null;
  officer_name_enc: string | null;
  appointment_at: Timestamp | null;
  appointment_place_enc: string | null;
  police_report_number_enc: string | null;
  investigation_status: string | null;
  version: Generated<number>;
  created_by: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface ReferralSequenceTable {
  jurisdiction: string;
  year: number;
  last: number;
}
export interface ReferralEventTable {
  id: Generated<string>;
  referral_id: string;
  at: Timestamp;
  actor_id: string | null;
  actor_org_id: string | null;
  type: string;
  data: ColumnType<Record<string, unknown>, string | undefined, string>;
  body_enc: string | null;
}
export interface CaseTransferTable {
  id: string;
  case_id: string;
  case_number: string;
  level: TransferLevel;
  from_jurisdiction: string;
  from_org_id: string;
  to_jurisdiction: string | null;
  to_org_id: string | null;
  reason_enc: string;
  status: Generated<TransferStatus>;
  requested_by: string;
  requested_at: Timestamp;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decline_reason_enc: string | null;
  version: Generated<number>;
}
export interface NotificationTable {
  id: string;
  user_id: string;
  kind: string;
  link: string;
  ref: string | null;
  /** a code from a closed list (a deadline rule), never free text; migration 0009 */
  topic: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  read_at: Timestamp | null;
}
/** Claims of deadline notices about case tasks (migration 0009). */
export interface CaseTaskNoticeTable {
  case_id: string;
  rule: string;
  subject_id: Generated<string>;
  phase: string;
  due_at: Timestamp;
  notified_at: Timestamp;
}
export interface JobTable {
  id: Generated<string>;
  kind: string;
  payload: ColumnType<Record<string, unknown>, string | undefined, string>;
  status: Generated<string>;
  run_at: Timestamp;
  attempts: Generated<number>;
  last_error: string | null;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  done_at: Timestamp | null;
}

/** Figures per region area and local month (migration 0018, decision 024). */
export interface StatRollupTable {
  jurisdiction: string;
  /** 2 kab/kota, 3 kecamatan, 4 desa/kelurahan */
  level: 2 | 3 | 4;
  /** the area's region code; '' when the place is not recorded */
  area: string;
  month: DateOnly;
  case_type: string;
  measure: string;
  value: string;
  n: number;
}
export interface StatRepeatVictimTable {
  person_id: string;
  nik_hash: string;
  case_id: string;
  jurisdiction: string;
  received_at: Timestamp;
}
export interface StatDirtyTable {
  jurisdiction: string;
  hour: Timestamp;
}
export interface StatWorkloadTable {
  jurisdiction: string;
  org_id: string;
  user_id: string | null;
  open_cases: number;
  overdue_tasks: number;
  overdue_high_risk: number;
  computed_at: Timestamp;
}
/** A publication of the public statistics (migration 0020, decision 026). */
export interface PublicSnapshotTable {
  id: string;
  published_at: Timestamp;
  /** the last whole month covered (YYYY-MM-01) */
  through_month: DateOnly;
  threshold: number;
}
/** A published cell: only its count when shown as a number, else only its mark. */
export interface PublicSnapshotCellTable {
  snapshot_id: string;
  region: string;
  year: number;
  /** 1–4, 0 = the whole year */
  quarter: number;
  cell: string;
  status: 'angka' | 'kecil' | 'tersembunyi';
  value: number | null;
  threshold: number;
}
/** The periodic report's letterhead per Dinas jurisdiction (migration 0021). */
export interface ReportSettingsTable {
  jurisdiction: string;
  dinas_name: string;
  address: string | null;
  head_title: string;
  head_name: string;
  head_nip: string | null;
  logo: Uint8Array | null;
  logo_mime: 'image/png' | 'image/jpeg' | null;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}

/* ---- coordination meetings and follow-ups (migration 0026, decision 031) ---- */
export interface MeetingTable {
  id: string;
  jurisdiction: string;
  kind: string;
  title: string;
  starts_at: Timestamp;
  ends_at: Timestamp | null;
  place: string | null;
  online_link: string | null;
  organiser_org_id: string;
  status: Generated<string>;
  cancel_reason: string | null;
  agenda: Generated<string[]>;
  minutes_enc: string | null;
  minutes_final_at: Timestamp | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface MeetingOrgTable {
  meeting_id: string;
  org_id: string;
}
export interface MeetingParticipantTable {
  id: string;
  meeting_id: string;
  position: number;
  user_id: string | null;
  name_enc: string | null;
  org_id: string | null;
  org_name: string | null;
  invited: boolean;
  attended: boolean;
}
export interface MeetingDecisionTable {
  id: string;
  meeting_id: string;
  number: number;
  body: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface MeetingCaseTable {
  meeting_id: string;
  case_id: string;
  discussion_enc: string;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface FollowupTable {
  id: string;
  decision_id: string;
  meeting_id: string;
  jurisdiction: string;
  action: string;
  owner_org_id: string;
  owner_user_id: string | null;
  due_on: DateOnly;
  status: Generated<string>;
  status_note: string | null;
  done_on: DateOnly | null;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  version: Generated<number>;
}
export interface FollowupNoteTable {
  id: string;
  followup_id: string;
  body: string;
  status: string | null;
  created_by: string | null;
  created_at: Timestamp;
}
export interface FollowupNoticeTable {
  followup_id: string;
  phase: string;
  due_on: DateOnly;
  notified_at: Timestamp;
}

/** Prevention campaigns and activities (migration 0024, decision 029). */
export interface PreventionCampaignTable {
  id: string;
  jurisdiction: string;
  name: string;
  starts_on: DateOnly;
  ends_on: DateOnly;
  description: Generated<string>;
  target_children: number | null;
  target_adults: number | null;
  target_activities: number | null;
  target_desa: number | null;
  target_schools: number | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface PreventionCampaignDesaTable {
  campaign_id: string;
  region_code: string;
}
export interface PreventionCampaignSchoolTable {
  id: string;
  campaign_id: string;
  org_id: string | null;
  name: string | null;
  position: number;
}
export interface PreventionActivityTable {
  id: string;
  jurisdiction: string;
  campaign_id: string | null;
  title: string;
  kind: string;
  kind_other: string | null;
  field: string;
  setting: string;
  target_groups: ColumnType<string[], string[] | undefined, string[]>;
  starts_at: Timestamp;
  ends_at: Timestamp;
  region_code: string;
  rt_rw: string | null;
  place_name: string | null;
  school_org_id: string | null;
  organiser_org_id: string;
  description: Generated<string>;
  status: string;
  cancel_reason: string | null;
  review: string | null;
  review_note: string | null;
  reviewed_by: string | null;
  reviewed_at: Timestamp | null;
  report_notes: string | null;
  children_male: number | null;
  children_female: number | null;
  adults_male: number | null;
  adults_female: number | null;
  reported_by: string | null;
  reported_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface PreventionActivityPartnerTable {
  activity_id: string;
  org_id: string;
}
export interface PreventionActivityFacilitatorTable {
  id: string;
  activity_id: string;
  user_id: string | null;
  name_enc: string | null;
  position: number;
}
export interface PreventionActivityFollowupTable {
  id: string;
  activity_id: string;
  text: string;
  status: string;
  position: number;
}
// ---- training and capacity (issue 12 §2, migration 0025)
export interface TrainingTypeTable {
  id: string;
  jurisdiction: string | null;
  code: string;
  name: string;
  description: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
/** a trainer of a training event, as stored in `training_event.trainers` */
export type TrainerJson = { name: string; institution: string | null };
export interface TrainingEventTable {
  id: string;
  jurisdiction: string;
  title: string;
  type_id: string;
  topics: ColumnType<string[], string[] | undefined, string[]>;
  starts_on: DateOnly;
  ends_on: DateOnly;
  mode: 'luring' | 'daring' | 'campuran';
  place: string | null;
  organiser_org_id: string;
  trainers: ColumnType<TrainerJson[], string | undefined, string>;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface TrainingAttendanceTable {
  id: string;
  event_id: string;
  jurisdiction: string;
  user_id: string | null;
  name_enc: string | null;
  org_id: string;
  attendance: Generated<'terdaftar' | 'hadir' | 'tidak_hadir'>;
  completed: Generated<boolean>;
  certificate_code: string | null;
  completed_at: Timestamp | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface TrainingRequirementSetTable {
  jurisdiction: string;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Timestamp;
}
export interface TrainingRequirementTable {
  jurisdiction: string;
  type_id: string;
  role: 'pengaduan' | 'manajer' | 'pendamping';
  valid_years: number | null;
}

/** The regional action plan, RAD PPA (migration 0027, decision 032). */
export interface RadPlanTable {
  id: string;
  jurisdiction: string;
  title: string;
  start_year: number;
  end_year: number;
  legal_basis: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface RadPillarTable {
  id: string;
  plan_id: string;
  jurisdiction: string;
  position: number;
  code: Generated<string>;
  title: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface RadProgrammeTable {
  id: string;
  plan_id: string;
  pillar_id: string;
  jurisdiction: string;
  position: number;
  code: Generated<string>;
  title: string;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface RadActivityTable {
  id: string;
  plan_id: string;
  programme_id: string;
  jurisdiction: string;
  position: number;
  title: string;
  responsible_org_id: string;
  partner_org_ids: ColumnType<string[], string[] | undefined, string[]>;
  indicator: string;
  unit: string;
  /** numeric: read as text on PostgreSQL, converted in the repository */
  baseline: ColumnType<string | number | null, number | null, number | null>;
  kla_code: string | null;
  auto_indicator: string | null;
  version: Generated<number>;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface RadTargetTable {
  activity_id: string;
  year: number;
  target: ColumnType<string | number, number, number>;
  budget: ColumnType<string | number | bigint, number, number>;
  budget_source: string;
}
export interface RadProgressTable {
  id: string;
  activity_id: string;
  jurisdiction: string;
  year: number;
  quarter: number;
  realised: ColumnType<string | number | null, number | null, number | null>;
  budget_used: ColumnType<string | number | bigint, number, number>;
  status: string;
  note_enc: string | null;
  version: Generated<number>;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface RadActivityLinkTable {
  id: string;
  activity_id: string;
  jurisdiction: string;
  meeting_decision_id: string | null;
  prevention_activity_id: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

// ---- KLA self-evaluation (issue 13; migration 0032, decision 035) ----------------------------
export interface KlaIndicatorSetTable {
  id: string;
  year: number;
  version: number;
  label: string;
  source: string;
  content: ColumnType<Record<string, unknown>, string, string>;
  imported_by: string | null;
  imported_at: Timestamp;
}
export interface KlaEvaluationTable {
  id: string;
  jurisdiction: string;
  year: number;
  set_version: number;
  status: string;
  missing_numbers: ColumnType<number[], number[] | undefined, number[]>;
  submitted_at: Timestamp | null;
  submitted_by: string | null;
  verified_at: Timestamp | null;
  verified_by: string | null;
  version: Generated<number>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface KlaAssignmentTable {
  evaluation_id: string;
  indicator_number: number;
  org_id: string;
  user_id: string | null;
}
export interface KlaAnswerTable {
  id: string;
  evaluation_id: string;
  jurisdiction: string;
  indicator_number: number;
  option_code: string | null;
  value: ColumnType<string | number | null, number | null | undefined, number | null>;
  numerator: ColumnType<string | number | null, number | null | undefined, number | null>;
  denominator: ColumnType<string | number | null, number | null | undefined, number | null>;
  narrative_enc: string | null;
  auto_calc: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  status: string;
  verify_status: string | null;
  verify_note_enc: string | null;
  /** the coordinator's note when it sent the answer back (migration 0034) */
  review_note_enc: ColumnType<string | null, string | null | undefined, string | null>;
  verified_by: string | null;
  verified_at: Timestamp | null;
  version: Generated<number>;
  updated_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}
export interface KlaAnswerHistoryTable {
  id: string;
  seq: Generated<string | number | bigint>;
  evaluation_id: string;
  indicator_number: number | null;
  action: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  actor_id: string | null;
  at: Timestamp;
}

export interface Database {
  kla_indicator_set: KlaIndicatorSetTable;
  kla_evaluation: KlaEvaluationTable;
  kla_assignment: KlaAssignmentTable;
  kla_answer: KlaAnswerTable;
  kla_answer_history: KlaAnswerHistoryTable;
  rad_plan: RadPlanTable;
  rad_pillar: RadPillarTable;
  rad_programme: RadProgrammeTable;
  rad_activity: RadActivityTable;
  rad_target: RadTargetTable;
  rad_progress: RadProgressTable;
  rad_activity_link: RadActivityLinkTable;
  prevention_campaign: PreventionCampaignTable;
  prevention_campaign_desa: PreventionCampaignDesaTable;
  prevention_campaign_school: PreventionCampaignSchoolTable;
  prevention_activity: PreventionActivityTable;
  prevention_activity_partner: PreventionActivityPartnerTable;
  prevention_activity_facilitator: PreventionActivityFacilitatorTable;
  prevention_activity_followup: PreventionActivityFollowupTable;
  report_settings: ReportSettingsTable;
  poster_code: PosterCodeTable;
  poster_count: PosterCountTable;
  meeting: MeetingTable;
  meeting_org: MeetingOrgTable;
  meeting_participant: MeetingParticipantTable;
  meeting_decision: MeetingDecisionTable;
  meeting_case: MeetingCaseTable;
  followup: FollowupTable;
  followup_note: FollowupNoteTable;
  followup_notice: FollowupNoticeTable;
  stat_rollup: StatRollupTable;
  stat_repeat_victim: StatRepeatVictimTable;
  stat_dirty: StatDirtyTable;
  stat_workload: StatWorkloadTable;
  public_snapshot: PublicSnapshotTable;
  public_snapshot_cell: PublicSnapshotCellTable;
  agreement: AgreementTable;
  agreement_party: AgreementPartyTable;
  regulation: RegulationTable;
  join_request: JoinRequestTable;
  referral_sla: ReferralSlaTable;
  referral: ReferralTable;
  referral_sequence: ReferralSequenceTable;
  referral_event: ReferralEventTable;
  case_transfer: CaseTransferTable;
  notification: NotificationTable;
  case_task_notice: CaseTaskNoticeTable;
  job: JobTable;
  wa_conversation: WaConversationTable;
  wa_message: WaMessageTable;
  intake: IntakeTable;
  intake_event: IntakeEventTable;
  intake_message: IntakeMessageTable;
  intake_receipt: IntakeReceiptTable;
  intake_pass: IntakePassTable;
  daily_check: DailyCheckTable;
  rate_limit: RateLimitTable;
  system_meta: SystemMetaTable;
  region: RegionTable;
  organisation: OrganisationTable;
  app_user: AppUserTable;
  session: SessionTable;
  login_throttle: LoginThrottleTable;
  holiday: HolidayTable;
  case_sequence: CaseSequenceTable;
  case_file: CaseFileTable;
  case_member: CaseMemberTable;
  person: PersonTable;
  relationship: RelationshipTable;
  incident: IncidentTable;
  case_record: CaseRecordTable;
  attachment: AttachmentTable;
  coord_file: CoordFileTable;
  case_event: CaseEventTable;
  audit_event: AuditEventTable;
  audit_chain: AuditChainTable;
  audit_pending: AuditPendingTable;
  idempotency_key: IdempotencyKeyTable;
  training_type: TrainingTypeTable;
  training_event: TrainingEventTable;
  training_attendance: TrainingAttendanceTable;
  training_requirement_set: TrainingRequirementSetTable;
  training_requirement: TrainingRequirementTable;
}

/* ---- poster codes and their monthly counts (migration 0029, decision 034) ---- */
export interface PosterCodeTable {
  id: string;
  jurisdiction: string;
  code: string;
  label: string;
  campaign: string | null;
  desa_code: string | null;
  created_by: string | null;
  created_at: Timestamp;
  version: Generated<number>;
}
/** Aggregates only: no timestamp, nothing of a report or a request. */
export interface PosterCountTable {
  code_id: string;
  /** YYYY-MM, the local month in the zone of the code's jurisdiction */
  month: string;
  views: Generated<number>;
  reports: Generated<number>;
}
