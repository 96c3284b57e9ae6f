-- The coordination meeting that decided an agreement (issue 12 §5, decision 033): optional, a
-- meeting of the agreement's own jurisdiction (checked by the use case).
ALTER TABLE agreement ADD COLUMN meeting_id uuid REFERENCES meeting (id);
CREATE INDEX agreement_meeting_idx ON agreement (meeting_id) WHERE meeting_id IS NOT NULL;
