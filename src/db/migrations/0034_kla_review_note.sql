-- The coordinator's note when sending a KLA answer back to whoever filled it (issue 13; decision
-- 042): encrypted like the province's note, shown to the member with the answer, kept until the
-- coordinator's next review step.
ALTER TABLE kla_answer ADD COLUMN review_note_enc text;
