-- Referral network (issue 4): the directory of organisations and services, cooperation
-- agreements, requests to join, referrals with consent and minimum data, transfers of whole cases
-- (pelimpahan), in-app notifications and the background job queue that sends e-mail/WhatsApp.

-- Directory entry of an organisation. `services` use the SERVICE_TYPES taxonomy (shared with the
-- intervention plan and the SIMFONI export); `areas` are region codes the organisation covers
-- (a kab/kota code covers every kecamatan and desa under it). Capacity is for services that have
-- one (free beds in a safe house), kept current by the organisation itself.
ALTER TABLE organisation
  ADD COLUMN services text[] NOT NULL DEFAULT '{}',
  ADD COLUMN areas text[] NOT NULL DEFAULT '{}',
  ADD COLUMN hours text,
  ADD COLUMN languages text[] NOT NULL DEFAULT '{}',
  ADD COLUMN accessibility text,
  ADD COLUMN website text,
  ADD COLUMN capacity_total integer,
  ADD COLUMN capacity_free integer,
  ADD COLUMN capacity_updated_at timestamptz,
  ADD COLUMN verified_at timestamptz,
  ADD COLUMN active boolean NOT NULL DEFAULT true;
CREATE INDEX organisation_services_idx ON organisation USING gin (services);
CREATE INDEX organisation_areas_idx ON organisation USING gin (areas);

-- Cooperation agreements (MoU / PKS) between the Dinas of `jurisdiction` and a partner.
CREATE TABLE agreement (
  id uuid PRIMARY KEY,
  org_id uuid NOT NULL REFERENCES organisation (id),
  jurisdiction text NOT NULL,
  kind text NOT NULL, -- 'mou' | 'pks'
  number text NOT NULL,
  parties text NOT NULL,
  subject text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  document_name text,
  document_mime text,
  document bytea,
  -- when the 60-day expiry warning was sent (once per agreement)
  expiry_warned_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX agreement_org_idx ON agreement (org_id, ends_on);
CREATE INDEX agreement_jurisdiction_idx ON agreement (jurisdiction, ends_on);

-- An organisation not yet in Simpul asks to join from the public page; the Dinas admin of the
-- kab/kota verifies it (creating the organisation) and invites its first user.
CREATE TABLE join_request (
  id uuid PRIMARY KEY,
  jurisdiction text NOT NULL,
  org_name text NOT NULL,
  org_type text NOT NULL,
  region_code text NOT NULL REFERENCES region (code),
  services text[] NOT NULL DEFAULT '{}',
  address text,
  phone text,
  email text NOT NULL,
  -- the contact person's name, the message and the decision note may name people: encrypted
  contact_name_enc text NOT NULL,
  contact_position text,
  message_enc text,
  status text NOT NULL DEFAULT 'baru', -- 'baru' | 'diterima' | 'ditolak'
  decided_by uuid REFERENCES app_user (id),
  decided_at timestamptz,
  decision_note_enc text,
  org_id uuid REFERENCES organisation (id),
  source_hash text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX join_request_jurisdiction_idx ON join_request (jurisdiction, status, created_at DESC);

-- Per-region overrides of the referral time standards (defaults in src/domain/referrals.ts).
-- service '*' applies to every service of that urgency.
CREATE TABLE referral_sla (
  jurisdiction text NOT NULL,
  urgency text NOT NULL,
  service text NOT NULL,
  accept_hours integer NOT NULL CHECK (accept_hours > 0),
  complete_days integer NOT NULL CHECK (complete_days > 0),
  updated_by uuid REFERENCES app_user (id),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (jurisdiction, urgency, service)
);

-- A referral of one victim of a case to one organisation for one or more services.
-- The recipient's `mitra` users read the case only through an active referral to their
-- organisation, and only the `sections` chosen; withdrawing consent ends that at once.
CREATE TABLE referral (
  id uuid PRIMARY KEY,
  number text NOT NULL UNIQUE,
  case_id uuid NOT NULL REFERENCES case_file (id),
  person_id uuid NOT NULL REFERENCES person (id),
  -- the referring side (the case holder when the referral was made)
  from_org_id uuid NOT NULL REFERENCES organisation (id),
  from_jurisdiction text NOT NULL,
  to_org_id uuid NOT NULL REFERENCES organisation (id),
  services text[] NOT NULL,
  urgency text NOT NULL, -- 'darurat' | 'segera' | 'biasa'
  purpose_enc text NOT NULL,
  sections text[] NOT NULL DEFAULT '{}',
  -- consent: basis 'persetujuan_korban' | 'persetujuan_wali' | 'darurat' | 'wajib_lapor_tpks'
  consent_basis text NOT NULL,
  consent_by_enc text,
  consent_relation text,
  consent_at timestamptz NOT NULL,
  consent_note_enc text,
  consent_withdrawn_at timestamptz,
  consent_withdrawn_by uuid REFERENCES app_user (id),
  status text NOT NULL DEFAULT 'terkirim',
  -- the recipient does not use Simpul: the letter goes by hand and staff record the progress
  external boolean NOT NULL DEFAULT false,
  sent_at timestamptz NOT NULL,
  accept_due_at timestamptz NOT NULL,
  complete_due_at timestamptz NOT NULL,
  accepted_at timestamptz,
  accepted_by uuid REFERENCES app_user (id),
  declined_at timestamptz,
  decline_reason text,
  decline_note_enc text,
  started_at timestamptz,
  completed_at timestamptz,
  outcome_enc text,
  cancelled_at timestamptz,
  cancel_reason text,
  -- reminders: when the recipient was reminded halfway to the acceptance due time, and when
  -- the overdue notice for acceptance / completion went out
  accept_reminded_at timestamptz,
  accept_overdue_notified_at timestamptz,
  complete_overdue_notified_at timestamptz,
  -- public check of a printed letter: shows only that the letter is genuine and its status
  verification_code text NOT NULL UNIQUE,
  version integer NOT NULL DEFAULT 1,
  created_by uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX referral_case_idx ON referral (case_id, created_at);
CREATE INDEX referral_to_org_idx ON referral (to_org_id, status, sent_at DESC);
CREATE INDEX referral_from_idx ON referral (from_jurisdiction, status, sent_at DESC);
CREATE INDEX referral_due_idx ON referral (status, accept_due_at);

CREATE TABLE referral_sequence (
  jurisdiction text NOT NULL,
  year integer NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (jurisdiction, year)
);

-- History and the question thread of a referral. `type`: 'status', 'message', 'service',
-- 'consent_withdrawn', 'letter'. Message text is encrypted; `data` holds no personal data.
CREATE TABLE referral_event (
  id bigserial PRIMARY KEY,
  referral_id uuid NOT NULL REFERENCES referral (id),
  at timestamptz NOT NULL,
  actor_id uuid REFERENCES app_user (id),
  actor_org_id uuid REFERENCES organisation (id),
  type text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  body_enc text
);
CREATE INDEX referral_event_referral_idx ON referral_event (referral_id, id);

-- Services delivered under a referral are case records of kind 'service' (one taxonomy with the
-- intervention plan); they carry the referral they were delivered under.
ALTER TABLE case_record ADD COLUMN referral_id uuid REFERENCES referral (id);
CREATE INDEX case_record_referral_idx ON case_record (referral_id);

-- Transfer of a whole case (pelimpahan) to another kab/kota or the province; 'nasional' only
-- flags the case for KemenPPPA's final-referral service and moves nothing.
CREATE TABLE case_transfer (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES case_file (id),
  case_number text NOT NULL,
  level text NOT NULL, -- 'kabkota' | 'provinsi' | 'nasional'
  from_jurisdiction text NOT NULL,
  from_org_id uuid NOT NULL REFERENCES organisation (id),
  to_jurisdiction text,
  to_org_id uuid REFERENCES organisation (id),
  reason_enc text NOT NULL,
  status text NOT NULL DEFAULT 'diajukan', -- 'diajukan' | 'diterima' | 'ditolak' | 'dibatalkan'
  requested_by uuid NOT NULL REFERENCES app_user (id),
  requested_at timestamptz NOT NULL,
  decided_by uuid REFERENCES app_user (id),
  decided_at timestamptz,
  decline_reason_enc text,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX case_transfer_case_idx ON case_transfer (case_id, requested_at);
CREATE INDEX case_transfer_to_idx ON case_transfer (to_jurisdiction, status);
CREATE INDEX case_transfer_from_idx ON case_transfer (from_jurisdiction, requested_at DESC);
-- at most one open transfer per case
CREATE UNIQUE INDEX case_transfer_open_idx ON case_transfer (case_id) WHERE status = 'diajukan';

ALTER TABLE case_file ADD COLUMN national_flagged_at timestamptz;

-- In-app notifications. They never hold personal data: a kind, a link and a case/referral number.
CREATE TABLE notification (
  id uuid PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user (id),
  kind text NOT NULL,
  link text NOT NULL,
  ref text,
  created_at timestamptz NOT NULL,
  read_at timestamptz
);
CREATE INDEX notification_user_idx ON notification (user_id, created_at DESC);

-- Background jobs (e-mail, WhatsApp templates, deadline scans), enqueued in the same transaction
-- as the change that causes them. Workers claim with FOR UPDATE SKIP LOCKED.
CREATE TABLE job (
  id bigserial PRIMARY KEY,
  kind text NOT NULL,
  payload jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'antri', -- 'antri' | 'selesai' | 'gagal'
  run_at timestamptz NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  locked_until timestamptz,
  created_at timestamptz NOT NULL,
  done_at timestamptz
);
CREATE INDEX job_due_idx ON job (status, run_at);

-- How a user wants notifications outside Simpul: e-mail (to the sign-in address) and optionally
-- WhatsApp template messages to a work number (encrypted like every phone number).
ALTER TABLE app_user
  ADD COLUMN notify_email boolean NOT NULL DEFAULT true,
  ADD COLUMN notify_wa_phone_enc text;
