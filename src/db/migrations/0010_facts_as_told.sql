-- Facts kept as they were told (decision 014).

-- A person's age group as someone told it (0-5 … 60+, or 18+ for "dewasa"), next to the exact
-- birth date and the officer's estimate; it is never turned into an age.
ALTER TABLE person ADD COLUMN age_group text;

-- An incident date is exact, approximate (around a day, a month, a year), a window the reporter
-- named relative to the day of the report (`told_when` + `reference_date`), or unknown; only the
-- first kinds have a date. The place the reporter named is kept (encrypted, like the chronology);
-- the SIMFONI place category may stay undecided.
ALTER TABLE incident
  ALTER COLUMN occurred_on DROP NOT NULL,
  ALTER COLUMN place_category DROP NOT NULL,
  ADD COLUMN date_precision text NOT NULL DEFAULT 'tanggal',
  ADD COLUMN told_when text,
  ADD COLUMN reference_date date,
  ADD COLUMN place_text_enc text;
UPDATE incident SET date_precision = 'sekitar_tanggal' WHERE date_approximate;
ALTER TABLE incident DROP COLUMN date_approximate;
ALTER TABLE incident ALTER COLUMN date_precision DROP DEFAULT;
ALTER TABLE incident ADD CONSTRAINT incident_date_known_as_told CHECK (
  (date_precision IN ('tanggal', 'sekitar_tanggal', 'bulan', 'tahun')
    AND occurred_on IS NOT NULL AND told_when IS NULL AND reference_date IS NULL)
  OR (date_precision = 'kurun'
    AND occurred_on IS NULL AND told_when IS NOT NULL AND reference_date IS NOT NULL)
  OR (date_precision = 'tidak_diketahui'
    AND occurred_on IS NULL AND told_when IS NULL AND reference_date IS NULL)
);
