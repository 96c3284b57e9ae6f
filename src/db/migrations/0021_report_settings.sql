-- The letterhead of the periodic report (issue 11 §2): per Dinas jurisdiction (a kab/kota or a
-- province), set by its admin-dinas. The logo is a PNG or JPEG of at most 512 KB.
CREATE TABLE report_settings (
  jurisdiction text PRIMARY KEY,
  dinas_name text NOT NULL,
  address text,
  head_title text NOT NULL,
  head_name text NOT NULL,
  head_nip text,
  logo bytea,
  logo_mime text CHECK (logo_mime IN ('image/png', 'image/jpeg')),
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES app_user (id),
  updated_at timestamptz NOT NULL
);
