-- A change must never be lost between the worker taking a month's marks and rebuilding it
-- (decision 024). With ON CONFLICT DO NOTHING a writer whose bucket was already marked took no
-- lock: the worker could delete that mark and rebuild before the writer committed, leaving the
-- writer's change uncounted and nothing marked. Now the writer updates the existing mark, which
-- locks it until the writer commits: the worker's DELETE waits for the change (and then counts
-- it), or the worker deleted first and the writer's mark is a new row the next round takes.
CREATE OR REPLACE FUNCTION stat_mark_case() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    INSERT INTO stat_dirty VALUES (OLD.jurisdiction, date_trunc('hour', OLD.received_at))
      ON CONFLICT (jurisdiction, hour) DO UPDATE SET hour = EXCLUDED.hour;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO stat_dirty VALUES (NEW.jurisdiction, date_trunc('hour', NEW.received_at))
      ON CONFLICT (jurisdiction, hour) DO UPDATE SET hour = EXCLUDED.hour;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION stat_mark_part() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE cid uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN cid := OLD.case_id; ELSE cid := NEW.case_id; END IF;
  INSERT INTO stat_dirty
    SELECT c.jurisdiction, date_trunc('hour', c.received_at) FROM case_file c WHERE c.id = cid
    ON CONFLICT (jurisdiction, hour) DO UPDATE SET hour = EXCLUDED.hour;
  RETURN NULL;
END $$;
