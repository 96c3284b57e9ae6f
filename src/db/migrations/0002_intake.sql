-- Reporting channels: one intake item per report, whatever the channel (public form, hotline,
-- walk-in, letter, e-mail, outreach, incoming referral, WhatsApp), in the inbox of the
-- jurisdiction it concerns. Identifying fields are encrypted; phone/NIK/name searchable by keyed
-- hashes like persons.

CREATE TABLE intake (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  secret_hash text,
  jurisdiction text NOT NULL,
  region_code text REFERENCES region (code),
  channel text NOT NULL,
  call_type text,
  reporter_type text NOT NULL,
  reporter_name_enc text,
  reporter_relation text,
  contact_method text NOT NULL DEFAULT 'tidak',
  contact_phone_enc text,
  contact_phone_hash text,
  contact_safe_times_enc text,
  consent_contact boolean NOT NULL DEFAULT false,
  victim_name_enc text,
  victim_name_tokens text[] NOT NULL DEFAULT '{}',
  victim_nik_enc text,
  victim_nik_hash text,
  victim_phone_enc text,
  victim_phone_hash text,
  victim_birth_date date,
  victim_sex text,
  victim_age_group text,
  forms text[] NOT NULL DEFAULT '{}',
  description_enc text,
  place_enc text,
  occurred_on date,
  occurred_when text,
  danger_now boolean NOT NULL DEFAULT false,
  risk text,
  status text NOT NULL DEFAULT 'baru',
  assigned_to uuid REFERENCES app_user (id),
  case_id uuid REFERENCES case_file (id),
  closed_reason text,
  suspected_spam boolean NOT NULL DEFAULT false,
  received_at timestamptz NOT NULL,
  received_by uuid REFERENCES app_user (id),
  submission_token text UNIQUE,
  source_key text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX intake_inbox_idx ON intake (jurisdiction, status, received_at DESC);
CREATE INDEX intake_phone_idx ON intake (contact_phone_hash);
CREATE INDEX intake_case_idx ON intake (case_id);

CREATE TABLE intake_event (
  id bigserial PRIMARY KEY,
  intake_id uuid NOT NULL REFERENCES intake (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid REFERENCES app_user (id),
  type text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX intake_event_intake_idx ON intake_event (intake_id, id);

-- information added later: by the reporter on the status page, or a note by an officer
CREATE TABLE intake_message (
  id uuid PRIMARY KEY,
  intake_id uuid NOT NULL REFERENCES intake (id),
  at timestamptz NOT NULL DEFAULT now(),
  author text NOT NULL,
  author_id uuid REFERENCES app_user (id),
  body_enc text NOT NULL
);
CREATE INDEX intake_message_intake_idx ON intake_message (intake_id, at);

-- fixed-window counters for abuse resistance (per IP, per region, per follow-up code);
-- stored in the database so every Simpul process sees the same counts
CREATE TABLE rate_limit (
  key text NOT NULL,
  window_start timestamptz NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (key, window_start)
);
