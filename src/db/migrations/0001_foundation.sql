-- Simpul foundation schema. Forward-only; never edit after release (checksums are verified).
-- Every table that holds case data carries `jurisdiction` (kab/kota or province code) so it can
-- be scoped in SQL and, at national scale, distributed by region.

CREATE TABLE system_meta (
  key text PRIMARY KEY,
  value text NOT NULL
);

CREATE TABLE region (
  code text PRIMARY KEY,
  parent_code text,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 4),
  name text NOT NULL
);
CREATE INDEX region_parent_idx ON region (parent_code);

CREATE TABLE organisation (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  type text NOT NULL,
  region_code text NOT NULL REFERENCES region (code),
  jurisdiction text NOT NULL,
  address text,
  phone text,
  email text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organisation_jurisdiction_idx ON organisation (jurisdiction);

CREATE TABLE app_user (
  id uuid PRIMARY KEY,
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  role text NOT NULL,
  org_id uuid NOT NULL REFERENCES organisation (id),
  password_hash text NOT NULL,
  password_changed_at timestamptz NOT NULL DEFAULT now(),
  totp_secret_enc text,
  totp_enabled boolean NOT NULL DEFAULT false,
  totp_last_step bigint,
  recovery_codes text[] NOT NULL DEFAULT '{}',
  disabled boolean NOT NULL DEFAULT false,
  demo boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX app_user_org_idx ON app_user (org_id);

CREATE TABLE session (
  id text PRIMARY KEY, -- sha256 of the cookie token; the token itself is never stored
  user_id uuid NOT NULL REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz,
  mfa_verified boolean NOT NULL DEFAULT false,
  ip text,
  user_agent text
);
CREATE INDEX session_user_idx ON session (user_id);

CREATE TABLE login_throttle (
  key text PRIMARY KEY, -- keyed hash of the e-mail or of the IP address
  failures integer NOT NULL DEFAULT 0,
  last_failure_at timestamptz NOT NULL DEFAULT now(),
  locked_until timestamptz
);

CREATE TABLE case_sequence (
  kab_code text NOT NULL,
  year integer NOT NULL,
  last_value integer NOT NULL,
  PRIMARY KEY (kab_code, year)
);

CREATE TABLE case_file (
  id uuid PRIMARY KEY,
  number text NOT NULL UNIQUE,
  jurisdiction text NOT NULL,
  org_id uuid NOT NULL REFERENCES organisation (id),
  manager_id uuid REFERENCES app_user (id),
  stage text NOT NULL,
  channel text NOT NULL,
  received_at timestamptz NOT NULL,
  case_type text,
  risk text,
  authority text,
  summary_enc text,
  closure_reason text,
  closed_at timestamptz,
  reopen_count integer NOT NULL DEFAULT 0,
  assessment_started_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_file_scope_idx ON case_file (jurisdiction, received_at DESC);
CREATE INDEX case_file_stage_idx ON case_file (jurisdiction, stage);
CREATE INDEX case_file_manager_idx ON case_file (manager_id);

CREATE TABLE case_member (
  case_id uuid NOT NULL REFERENCES case_file (id),
  user_id uuid NOT NULL REFERENCES app_user (id),
  PRIMARY KEY (case_id, user_id)
);
CREATE INDEX case_member_user_idx ON case_member (user_id);

CREATE TABLE person (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES case_file (id),
  jurisdiction text NOT NULL,
  role text NOT NULL,
  name_enc text NOT NULL,
  name_tokens text[] NOT NULL DEFAULT '{}',
  nik_enc text,
  nik_hash text,
  phone_enc text,
  phone_hash text,
  sex text,
  birth_date date,
  estimated_age integer,
  region_code text REFERENCES region (code),
  address_enc text,
  education text,
  occupation text,
  marital_status text,
  disability boolean,
  disability_types text[] NOT NULL DEFAULT '{}',
  accommodation_enc text,
  nationality text,
  relation_to_victim text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX person_case_idx ON person (case_id);
CREATE INDEX person_nik_idx ON person (nik_hash);
CREATE INDEX person_phone_idx ON person (phone_hash);
CREATE INDEX person_name_idx ON person USING gin (name_tokens);

CREATE TABLE relationship (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES case_file (id),
  victim_id uuid NOT NULL REFERENCES person (id),
  perpetrator_id uuid NOT NULL REFERENCES person (id),
  relationship text NOT NULL,
  UNIQUE (victim_id, perpetrator_id)
);

CREATE TABLE incident (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES case_file (id),
  occurred_on date NOT NULL,
  date_approximate boolean NOT NULL DEFAULT false,
  place_category text NOT NULL,
  region_code text REFERENCES region (code),
  forms text[] NOT NULL,
  tpks_offences text[] NOT NULL DEFAULT '{}',
  ampk_categories text[] NOT NULL DEFAULT '{}',
  chronology_enc text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX incident_case_idx ON incident (case_id);
CREATE INDEX incident_forms_idx ON incident USING gin (forms);

CREATE TABLE case_record (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES case_file (id),
  kind text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  secret_enc text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_record_case_idx ON case_record (case_id, kind);

CREATE TABLE attachment (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES case_file (id),
  filename_enc text NOT NULL,
  mime text NOT NULL,
  size_bytes integer NOT NULL,
  content_enc bytea NOT NULL,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX attachment_case_idx ON attachment (case_id);

CREATE TABLE case_event (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES case_file (id),
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid REFERENCES app_user (id),
  type text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX case_event_case_idx ON case_event (case_id, id);

CREATE TABLE audit_event (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_role text,
  action text NOT NULL,
  entity text,
  entity_id text,
  ip text,
  user_agent text,
  request_id text,
  outcome text NOT NULL,
  detail jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_event_entity_idx ON audit_event (entity, entity_id);
CREATE INDEX audit_event_actor_idx ON audit_event (actor_id);

CREATE TABLE idempotency_key (
  actor_id uuid NOT NULL,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer NOT NULL,
  response jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (actor_id, key)
);
