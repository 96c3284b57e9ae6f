-- Spreading the channels (issue 12 §6, decision 034): the Dinas's poster codes ("titik sebar":
-- a poster, a QR placement or a print run) and, per code and local month, how many times /lapor
-- was opened with the code and how many public reports were sent from it. Aggregates only:
-- nothing here names a report, a reporter, a request or a day, and the intake tables never hold
-- a code. No timestamp on the counts (a change time would line up with a report's).
CREATE TABLE poster_code (
  id uuid PRIMARY KEY,
  jurisdiction text NOT NULL REFERENCES region (code),
  code text NOT NULL UNIQUE CHECK (code ~ '^[a-hjkmnp-z2-9]{6}$'),
  label text NOT NULL,
  campaign text,
  desa_code text REFERENCES region (code),
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  version integer NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX poster_code_label ON poster_code (jurisdiction, lower(label));
CREATE INDEX poster_code_list ON poster_code (jurisdiction, created_at DESC, id);

CREATE TABLE poster_count (
  code_id uuid NOT NULL REFERENCES poster_code (id) ON DELETE CASCADE,
  month text NOT NULL CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  views integer NOT NULL DEFAULT 0 CHECK (views >= 0),
  reports integer NOT NULL DEFAULT 0 CHECK (reports >= 0),
  PRIMARY KEY (code_id, month)
);
