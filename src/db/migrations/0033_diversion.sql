-- Diversion outcomes on cases of children in conflict with the law (issue 13 §2, decision 036):
-- a case record of kind 'diversion' (the one typed case_record table, decision 002). The kind
-- list is the domain's RECORD_KINDS (test/integration/schema-mirror.test.ts compares them).
ALTER TABLE case_record DROP CONSTRAINT case_record_kind_code;
ALTER TABLE case_record ADD CONSTRAINT case_record_kind_code CHECK (kind IN ('assessment', 'plan_item', 'service', 'right', 'note', 'diversion'));

-- The rollup gains the KLA cluster V measures (ampk_child, ampk_child_cat, abh_diversion): every
-- month with cases is rebuilt by the worker's next rounds (decision 024: a new measure reaches
-- existing months when they are next rebuilt). The case_record trigger of migration 0018 already
-- marks a case when any of its records (a diversion or a service) changes.
INSERT INTO stat_dirty
  SELECT DISTINCT jurisdiction, date_trunc('hour', received_at) FROM case_file
  ON CONFLICT DO NOTHING;
