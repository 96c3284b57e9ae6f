-- Figures for leadership, the province and the public (issue 11; decision 024): counts per region
-- area and local month, kept by the job worker from the case tables, so a dashboard over a year of
-- a million cases sums a few thousand rows instead of reading every case.
--
-- stat_rollup: one row per (kab/kota, area level and code, local month, case type, measure, value).
--   level 2 = the kab/kota itself (area = its code), 3 = kecamatan, 4 = desa/kelurahan; area '' =
--   the place is not recorded. Desa rows hold only the cases and victims counts (a breakdown of a
--   village's few cases by age, sex or form would point at people).
CREATE TABLE stat_rollup (
  jurisdiction text NOT NULL,
  level smallint NOT NULL CHECK (level IN (2, 3, 4)),
  area text NOT NULL,
  month date NOT NULL,
  case_type text NOT NULL,
  measure text NOT NULL,
  value text NOT NULL,
  n integer NOT NULL CHECK (n > 0),
  PRIMARY KEY (jurisdiction, level, area, month, case_type, measure, value)
);
-- the per-area tables (which kecamatan, which desa): one measure over every area of a kab/kota
CREATE INDEX stat_rollup_measure_idx ON stat_rollup (jurisdiction, level, measure, month);

-- Victims recorded (by NIK) in more than one case: what the rollup cannot add up (the same person
-- counted once over a period) and the signal "korban di lebih dari satu kasus". Only persons whose
-- NIK appears in another case are here, so it stays small.
CREATE TABLE stat_repeat_victim (
  person_id uuid PRIMARY KEY,
  nik_hash text NOT NULL,
  case_id uuid NOT NULL,
  jurisdiction text NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX stat_repeat_victim_nik_idx ON stat_repeat_victim (nik_hash);
CREATE INDEX stat_repeat_victim_scope_idx ON stat_repeat_victim (jurisdiction, received_at);

-- Which (kab/kota, hour received) buckets changed since the rollup last read them. Written by the
-- triggers below in the same transaction as the change; the job worker turns each into the local
-- month of its region's zone, rebuilds that month and deletes the mark.
CREATE TABLE stat_dirty (
  jurisdiction text NOT NULL,
  hour timestamptz NOT NULL,
  PRIMARY KEY (jurisdiction, hour)
);

-- The caseload now, per kab/kota, unit and officer (recomputed by the deadline scan): open cases,
-- overdue tasks and overdue high-risk responses. user_id NULL = cases without a manager.
CREATE TABLE stat_workload (
  jurisdiction text NOT NULL,
  org_id uuid NOT NULL,
  user_id uuid,
  open_cases integer NOT NULL,
  overdue_tasks integer NOT NULL,
  overdue_high_risk integer NOT NULL,
  computed_at timestamptz NOT NULL
);
CREATE INDEX stat_workload_scope_idx ON stat_workload (jurisdiction);

CREATE FUNCTION stat_mark_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO stat_dirty VALUES (OLD.jurisdiction, date_trunc('hour', OLD.received_at))
      ON CONFLICT DO NOTHING;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO stat_dirty VALUES (NEW.jurisdiction, date_trunc('hour', NEW.received_at))
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

-- a change to a case's persons, incidents, relationships or records marks the case's bucket
CREATE FUNCTION stat_mark_part() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE cid uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN cid := OLD.case_id; ELSE cid := NEW.case_id; END IF;
  INSERT INTO stat_dirty
    SELECT c.jurisdiction, date_trunc('hour', c.received_at) FROM case_file c WHERE c.id = cid
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;

CREATE TRIGGER case_file_stat_insert AFTER INSERT OR DELETE ON case_file
  FOR EACH ROW EXECUTE FUNCTION stat_mark_case();
-- only the columns a figure reads: a note or an assignment does not mark anything
CREATE TRIGGER case_file_stat_update AFTER UPDATE ON case_file
  FOR EACH ROW WHEN (
    OLD.jurisdiction IS DISTINCT FROM NEW.jurisdiction OR OLD.received_at IS DISTINCT FROM NEW.received_at
    OR OLD.stage IS DISTINCT FROM NEW.stage OR OLD.risk IS DISTINCT FROM NEW.risk
    OR OLD.case_type IS DISTINCT FROM NEW.case_type OR OLD.channel IS DISTINCT FROM NEW.channel
    OR OLD.closure_reason IS DISTINCT FROM NEW.closure_reason OR OLD.closed_at IS DISTINCT FROM NEW.closed_at
    OR OLD.assessment_started_at IS DISTINCT FROM NEW.assessment_started_at)
  EXECUTE FUNCTION stat_mark_case();
CREATE TRIGGER person_stat AFTER INSERT OR UPDATE OR DELETE ON person
  FOR EACH ROW EXECUTE FUNCTION stat_mark_part();
CREATE TRIGGER incident_stat AFTER INSERT OR UPDATE OR DELETE ON incident
  FOR EACH ROW EXECUTE FUNCTION stat_mark_part();
CREATE TRIGGER relationship_stat AFTER INSERT OR UPDATE OR DELETE ON relationship
  FOR EACH ROW EXECUTE FUNCTION stat_mark_part();
CREATE TRIGGER case_record_stat AFTER INSERT OR UPDATE OR DELETE ON case_record
  FOR EACH ROW EXECUTE FUNCTION stat_mark_part();

-- what exists today is counted on the first run of the worker
INSERT INTO stat_dirty
  SELECT DISTINCT jurisdiction, date_trunc('hour', received_at) FROM case_file
  ON CONFLICT DO NOTHING;
