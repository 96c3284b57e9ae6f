-- Urgent cases never wait unseen (decision 013).

-- Deadline notices about case tasks, one row per case, task and phase: the claim that makes the
-- five-minute scan tell people once, even when two scans run at the same time (the second INSERT
-- finds the key taken). `subject_id` is the victim for per-victim tasks (restitution), '' otherwise.
-- phase: 'dekat' (a response deadline is near), 'terlambat' (overdue: the case team is told),
-- 'eskalasi' (overdue past the escalation threshold: leadership and the Dinas admin are told).
CREATE TABLE case_task_notice (
  case_id uuid NOT NULL REFERENCES case_file (id),
  rule text NOT NULL,
  subject_id text NOT NULL DEFAULT '',
  phase text NOT NULL,
  due_at timestamptz NOT NULL,
  notified_at timestamptz NOT NULL,
  PRIMARY KEY (case_id, rule, subject_id, phase)
);

-- What a notice is about beyond its kind, as a code from a closed list (a deadline rule such as
-- 'respon_risiko_tinggi'), never free text: "what is overdue" without personal data.
ALTER TABLE notification ADD COLUMN topic text;

-- The managers' home queue "Belum ada manajer kasus": open cases of a kab/kota without a manager.
CREATE INDEX case_file_unassigned_idx ON case_file (jurisdiction, received_at)
  WHERE manager_id IS NULL AND closed_at IS NULL;
-- The deadline scan walks open cases only.
CREATE INDEX case_file_open_idx ON case_file (received_at) WHERE closed_at IS NULL;
-- Restitution rights by the date of the court decision their 30 days run from (the scan and
-- the "due today" queue look them up by that date).
CREATE INDEX case_record_restitution_idx ON case_record ((data->>'decisionDate'))
  WHERE kind = 'right' AND data->>'right' = 'restitusi';
