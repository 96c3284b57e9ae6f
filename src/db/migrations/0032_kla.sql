-- Kabupaten/Kota Layak Anak (KLA, issue 13 §1–3; decision 035): the yearly self-evaluation of a
-- kab/kota, its answers per indicator with evidence, the province's verification, and the
-- indicator sets an `admin` imports.

-- An imported indicator set of an evaluation year (src/domain/kla.ts KlaIndicatorSetInput, checked
-- by parseIndicatorSet). Versions of a year count up from 1; a year with no imported set uses the
-- set Simpul ships (src/domain/kla-default-set.ts), which is version 0.
CREATE TABLE kla_indicator_set (
  id uuid PRIMARY KEY,
  year integer NOT NULL CHECK (year BETWEEN 2019 AND 2100),
  version integer NOT NULL CHECK (version >= 1),
  label text NOT NULL,
  source text NOT NULL,
  content jsonb NOT NULL,
  imported_by uuid REFERENCES app_user (id),
  imported_at timestamptz NOT NULL,
  UNIQUE (year, version)
);

-- One evaluation per kab/kota and year. It keeps the set version it began with. draft →
-- submitted (locked) → verified, or returned by the province (editable again) → submitted …
CREATE TABLE kla_evaluation (
  id uuid PRIMARY KEY,
  jurisdiction text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2019 AND 2100),
  set_version integer NOT NULL CHECK (set_version >= 0),
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'returned', 'verified')),
  -- the indicators the coordinator marked as missing when submitting (not final)
  missing_numbers integer[] NOT NULL DEFAULT '{}',
  submitted_at timestamptz,
  submitted_by uuid REFERENCES app_user (id),
  verified_at timestamptz,
  verified_by uuid REFERENCES app_user (id),
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (jurisdiction, year)
);

-- Who fills an indicator: a member organisation of the Gugus Tugas KLA, optionally one person.
CREATE TABLE kla_assignment (
  evaluation_id uuid NOT NULL REFERENCES kla_evaluation (id) ON DELETE CASCADE,
  indicator_number integer NOT NULL,
  org_id uuid NOT NULL REFERENCES organisation (id),
  user_id uuid REFERENCES app_user (id),
  PRIMARY KEY (evaluation_id, indicator_number)
);
CREATE INDEX kla_assignment_org_idx ON kla_assignment (org_id);

-- One answer per evaluation and indicator (made with the evaluation). The narrative may mention
-- people, so it is encrypted; so is the province's note.
CREATE TABLE kla_answer (
  id uuid PRIMARY KEY,
  evaluation_id uuid NOT NULL REFERENCES kla_evaluation (id) ON DELETE CASCADE,
  jurisdiction text NOT NULL,
  indicator_number integer NOT NULL,
  option_code text,
  value numeric CHECK (value BETWEEN 0 AND 100),
  numerator numeric CHECK (numerator >= 0),
  denominator numeric CHECK (denominator > 0),
  narrative_enc text,
  -- the calculation shown when the value came from Simpul's own case data (aggregates only)
  auto_calc jsonb,
  status text NOT NULL CHECK (status IN ('belum_diisi', 'diisi', 'diperiksa', 'final')),
  verify_status text CHECK (verify_status IN ('accepted', 'fix', 'rejected')),
  verify_note_enc text,
  verified_by uuid REFERENCES app_user (id),
  verified_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (evaluation_id, indicator_number)
);

-- Every change to an evaluation before it is locked, and every step after: who, when, what.
CREATE TABLE kla_answer_history (
  id uuid PRIMARY KEY,
  seq bigint GENERATED ALWAYS AS IDENTITY,
  evaluation_id uuid NOT NULL REFERENCES kla_evaluation (id) ON DELETE CASCADE,
  indicator_number integer,
  action text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}',
  actor_id uuid REFERENCES app_user (id),
  at timestamptz NOT NULL
);
CREATE INDEX kla_answer_history_eval_idx ON kla_answer_history (evaluation_id, seq);

-- Evidence of an answer is a coordination file of owner kind 'kla_answer'.
ALTER TABLE coord_file DROP CONSTRAINT coord_file_owner_kind_check;
ALTER TABLE coord_file ADD CONSTRAINT coord_file_owner_kind_check CHECK (
  owner_kind IN (
    'prevention_activity', 'training_event', 'meeting', 'followup', 'rad_progress', 'regulation', 'agreement',
    'kla_answer'
  )
);
