-- Coordination meetings, case conferences, their decisions and follow-up actions (issue 12 §3,
-- decision 031). A meeting belongs to the jurisdiction of the Dinas that keeps it. Names of people
-- who are not Simpul users are encrypted; the minutes and the case part of a case conference too.
CREATE TABLE meeting (
  id uuid PRIMARY KEY,
  jurisdiction text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('rakor_lintas_sektor', 'rapat_gugus_tugas', 'case_conference', 'evaluasi', 'lainnya')),
  title text NOT NULL,
  starts_at timestamptz NOT NULL,
  ends_at timestamptz,
  place text,
  online_link text,
  organiser_org_id uuid NOT NULL REFERENCES organisation (id),
  status text NOT NULL DEFAULT 'direncanakan'
    CHECK (status IN ('direncanakan', 'berlangsung', 'selesai', 'dibatalkan')),
  cancel_reason text,
  agenda text[] NOT NULL DEFAULT '{}',
  -- the general minutes (notulen), written without names; encrypted all the same
  minutes_enc text,
  minutes_final_at timestamptz,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  CHECK (ends_at IS NULL OR ends_at > starts_at)
);
CREATE INDEX meeting_jurisdiction_idx ON meeting (jurisdiction, starts_at DESC);
CREATE INDEX meeting_organiser_idx ON meeting (organiser_org_id);

-- Invited organisations (a partner sees the meetings it is invited to).
CREATE TABLE meeting_org (
  meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisation (id),
  PRIMARY KEY (meeting_id, org_id)
);
CREATE INDEX meeting_org_org_idx ON meeting_org (org_id);

-- People invited and/or present: a Simpul user, or a typed name (encrypted) with an organisation
-- (one of Simpul's, or its name as typed).
CREATE TABLE meeting_participant (
  id uuid PRIMARY KEY,
  meeting_id uuid NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
  position integer NOT NULL,
  user_id uuid REFERENCES app_user (id),
  name_enc text,
  org_id uuid REFERENCES organisation (id),
  org_name text,
  invited boolean NOT NULL DEFAULT false,
  attended boolean NOT NULL DEFAULT false,
  CHECK ((user_id IS NULL) <> (name_enc IS NULL))
);
CREATE INDEX meeting_participant_meeting_idx ON meeting_participant (meeting_id, position);
CREATE INDEX meeting_participant_org_idx ON meeting_participant (org_id);

CREATE TABLE meeting_decision (
  id uuid PRIMARY KEY,
  meeting_id uuid NOT NULL REFERENCES meeting (id),
  number integer NOT NULL CHECK (number > 0),
  body text NOT NULL,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  UNIQUE (meeting_id, number)
);

-- The case part of a case conference: one row per case, the discussion encrypted; shown only to
-- those who may read that case.
CREATE TABLE meeting_case (
  meeting_id uuid NOT NULL REFERENCES meeting (id),
  case_id uuid NOT NULL REFERENCES case_file (id),
  discussion_enc text NOT NULL,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1,
  PRIMARY KEY (meeting_id, case_id)
);

CREATE TABLE followup (
  id uuid PRIMARY KEY,
  decision_id uuid NOT NULL REFERENCES meeting_decision (id),
  meeting_id uuid NOT NULL REFERENCES meeting (id),
  jurisdiction text NOT NULL,
  action text NOT NULL,
  owner_org_id uuid NOT NULL REFERENCES organisation (id),
  owner_user_id uuid REFERENCES app_user (id),
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'belum' CHECK (status IN ('belum', 'berjalan', 'selesai', 'batal')),
  status_note text,
  done_on date,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE INDEX followup_jurisdiction_idx ON followup (jurisdiction, due_on);
CREATE INDEX followup_owner_idx ON followup (owner_org_id, due_on);
CREATE INDEX followup_decision_idx ON followup (decision_id);
CREATE INDEX followup_open_due_idx ON followup (due_on) WHERE status IN ('belum', 'berjalan');

-- Progress notes: who wrote what when, and the status it set.
CREATE TABLE followup_note (
  id uuid PRIMARY KEY,
  followup_id uuid NOT NULL REFERENCES followup (id),
  body text NOT NULL,
  status text,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX followup_note_idx ON followup_note (followup_id, created_at);

-- Reminders claimed once per follow-up, phase and due date (a new due date arms them again).
CREATE TABLE followup_notice (
  followup_id uuid NOT NULL REFERENCES followup (id),
  phase text NOT NULL CHECK (phase IN ('dekat', 'terlambat', 'eskalasi')),
  due_on date NOT NULL,
  notified_at timestamptz NOT NULL,
  PRIMARY KEY (followup_id, phase, due_on)
);
