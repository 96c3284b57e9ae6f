-- SIMFONI-PPA (issue 11 §4; decision 025): the data and information officer (role `data`, staf
-- pengelola data dan informasi) marks each case "sudah diinput ke SIMFONI" with the day and the
-- SIMFONI registration number. On the case itself, so the mark carries the case's version (a stale
-- mark answers 409) and moves with the case when it is transferred.
ALTER TABLE app_user DROP CONSTRAINT app_user_role_code;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_code CHECK (role IN ('admin', 'admin-dinas', 'pengaduan', 'manajer', 'pendamping', 'mitra', 'pimpinan', 'auditor', 'data'));

ALTER TABLE case_file ADD COLUMN simfoni_entered_on date;
ALTER TABLE case_file ADD COLUMN simfoni_number text;
ALTER TABLE case_file ADD COLUMN simfoni_entered_by uuid REFERENCES app_user (id);
ALTER TABLE case_file ADD COLUMN simfoni_recorded_at timestamptz;
-- all four or none: a number without its day (or who said so) is not an entry
ALTER TABLE case_file ADD CONSTRAINT case_file_simfoni_entry_whole CHECK (
  (simfoni_entered_on IS NULL) = (simfoni_number IS NULL)
  AND (simfoni_entered_on IS NULL) = (simfoni_entered_by IS NULL)
  AND (simfoni_entered_on IS NULL) = (simfoni_recorded_at IS NULL));

-- the officer's work list: the cases of a kab/kota not yet entered, newest report first
CREATE INDEX case_file_simfoni_todo_idx ON case_file (jurisdiction, received_at DESC, id)
  WHERE simfoni_entered_on IS NULL;
