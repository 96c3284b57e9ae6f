-- Prevention activities and campaigns (issue 12 §1; decision 029). A campaign and an activity
-- belong to the jurisdiction of the Dinas that keeps them (a kab/kota `36.02` or a province `36`).
-- An activity takes place in one desa/kelurahan of that jurisdiction; a partner's own activity
-- (organised by a partner organisation, reported by its staff) waits for the Dinas to accept it
-- (review 'menunggu' → 'diterima', or 'dikembalikan' with a note). Participant counts are numbers
-- only (sex × children/adults): no participant is named. Facilitators are Simpul users or typed
-- names (encrypted). RAD links live in their own table, added by the RAD module.
CREATE TABLE prevention_campaign (
  id uuid PRIMARY KEY,
  jurisdiction text NOT NULL,
  name text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  description text NOT NULL DEFAULT '',
  target_children integer CHECK (target_children BETWEEN 0 AND 10000000),
  target_adults integer CHECK (target_adults BETWEEN 0 AND 10000000),
  target_activities integer CHECK (target_activities BETWEEN 0 AND 100000),
  target_desa integer CHECK (target_desa BETWEEN 0 AND 100000),
  target_schools integer CHECK (target_schools BETWEEN 0 AND 100000),
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX prevention_campaign_scope_idx ON prevention_campaign (jurisdiction, starts_on);

-- the desa/kelurahan a campaign means to reach
CREATE TABLE prevention_campaign_desa (
  campaign_id uuid NOT NULL REFERENCES prevention_campaign (id) ON DELETE CASCADE,
  region_code text NOT NULL REFERENCES region (code),
  PRIMARY KEY (campaign_id, region_code)
);

-- the schools a campaign means to reach: an organisation of type sekolah, or a name
CREATE TABLE prevention_campaign_school (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES prevention_campaign (id) ON DELETE CASCADE,
  org_id uuid REFERENCES organisation (id),
  name text,
  position integer NOT NULL,
  CHECK (org_id IS NOT NULL OR name IS NOT NULL)
);
CREATE INDEX prevention_campaign_school_idx ON prevention_campaign_school (campaign_id, position);

CREATE TABLE prevention_activity (
  id uuid PRIMARY KEY,
  jurisdiction text NOT NULL,
  campaign_id uuid REFERENCES prevention_campaign (id),
  title text NOT NULL,
  kind text NOT NULL,
  kind_other text,
  field text NOT NULL,
  setting text NOT NULL,
  target_groups text[] NOT NULL DEFAULT '{}',
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  region_code text NOT NULL REFERENCES region (code),
  rt_rw text,
  place_name text,
  school_org_id uuid REFERENCES organisation (id),
  organiser_org_id uuid NOT NULL REFERENCES organisation (id),
  description text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('direncanakan', 'terlaksana', 'dilaporkan', 'dibatalkan')),
  cancel_reason text,
  -- null: kept by the Dinas itself; else the Dinas's acceptance of a partner's report
  review text CHECK (review IN ('menunggu', 'diterima', 'dikembalikan')),
  review_note text,
  reviewed_by uuid REFERENCES app_user (id),
  reviewed_at timestamptz,
  report_notes text,
  children_male integer CHECK (children_male BETWEEN 0 AND 100000),
  children_female integer CHECK (children_female BETWEEN 0 AND 100000),
  adults_male integer CHECK (adults_male BETWEEN 0 AND 100000),
  adults_female integer CHECK (adults_female BETWEEN 0 AND 100000),
  reported_by uuid REFERENCES app_user (id),
  reported_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (ends_at >= starts_at)
);
CREATE INDEX prevention_activity_scope_idx ON prevention_activity (jurisdiction, starts_at);
CREATE INDEX prevention_activity_region_idx ON prevention_activity (region_code, starts_at);
CREATE INDEX prevention_activity_campaign_idx ON prevention_activity (campaign_id);
CREATE INDEX prevention_activity_organiser_idx ON prevention_activity (organiser_org_id);

CREATE TABLE prevention_activity_partner (
  activity_id uuid NOT NULL REFERENCES prevention_activity (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisation (id),
  PRIMARY KEY (activity_id, org_id)
);
CREATE INDEX prevention_activity_partner_org_idx ON prevention_activity_partner (org_id);

-- a facilitator: a Simpul user, or a name typed in (encrypted: a person who is not a user)
CREATE TABLE prevention_activity_facilitator (
  id uuid PRIMARY KEY,
  activity_id uuid NOT NULL REFERENCES prevention_activity (id) ON DELETE CASCADE,
  user_id uuid REFERENCES app_user (id),
  name_enc text,
  position integer NOT NULL,
  CHECK (user_id IS NOT NULL OR name_enc IS NOT NULL)
);
CREATE INDEX prevention_activity_facilitator_idx ON prevention_activity_facilitator (activity_id, position);

CREATE TABLE prevention_activity_followup (
  id uuid PRIMARY KEY,
  activity_id uuid NOT NULL REFERENCES prevention_activity (id) ON DELETE CASCADE,
  text text NOT NULL,
  status text NOT NULL CHECK (status IN ('belum', 'berjalan', 'selesai', 'batal')),
  position integer NOT NULL
);
CREATE INDEX prevention_activity_followup_idx ON prevention_activity_followup (activity_id, position);
