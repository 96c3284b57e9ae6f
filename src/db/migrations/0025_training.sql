-- Training and capacity (issue 12 §2, decision 030): training types (a national default list and
-- the Dinas's own), training events with their participants' attendance and completion, the
-- certificates' verification codes, and the Dinas's required training types per case role.
CREATE TABLE training_type (
  id uuid PRIMARY KEY,
  -- NULL: the default list every Dinas starts with; otherwise the Dinas (kab/kota or province) that added it
  jurisdiction text,
  code text NOT NULL,
  name text NOT NULL,
  description text,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX training_type_code_idx ON training_type (coalesce(jurisdiction, ''), code);

INSERT INTO training_type (id, jurisdiction, code, name, description, created_at, updated_at) VALUES
  ('7a1e0000-0000-4000-8000-000000000001', NULL, 'bimtek_ktpa', 'Bimtek penanganan kasus kekerasan terhadap perempuan dan anak',
   'Bimbingan teknis penanganan kasus bagi petugas pengaduan, manajer kasus dan pendamping', now(), now()),
  ('7a1e0000-0000-4000-8000-000000000002', NULL, 'terpadu_tpks', 'Pelatihan terpadu penanganan TPKS (Perpres 9/2024)',
   'Pelatihan terpadu bagi aparat penegak hukum serta tenaga layanan pemerintah dan masyarakat (Perpres 9/2024 tentang UU TPKS)', now(), now()),
  ('7a1e0000-0000-4000-8000-000000000003', NULL, 'konseling_psikososial', 'Konseling dan dukungan psikososial',
   'Pertolongan pertama psikologis, konseling dasar dan dukungan psikososial bagi korban', now(), now()),
  ('7a1e0000-0000-4000-8000-000000000004', NULL, 'manajemen_kasus', 'Manajemen kasus',
   'Identifikasi, asesmen, rencana intervensi, pemantauan dan terminasi kasus', now(), now()),
  ('7a1e0000-0000-4000-8000-000000000005', NULL, 'pendampingan_hukum', 'Pendampingan hukum',
   'Pendampingan korban dalam proses hukum, hak korban dan restitusi', now(), now()),
  ('7a1e0000-0000-4000-8000-000000000006', NULL, 'perspektif_korban', 'Perspektif korban dan gender',
   'Perspektif korban, kesetaraan gender dan hak anak dalam layanan', now(), now()),
  ('7a1e0000-0000-4000-8000-000000000007', NULL, 'simfoni_ppa', 'Pencatatan dan pelaporan SIMFONI-PPA',
   'Pencatatan kasus dan pelaporan melalui SIMFONI-PPA', now(), now());

CREATE TABLE training_event (
  id uuid PRIMARY KEY,
  jurisdiction text NOT NULL,
  title text NOT NULL,
  type_id uuid NOT NULL REFERENCES training_type (id),
  topics text[] NOT NULL DEFAULT '{}',
  -- local days of the jurisdiction, as told
  starts_on date NOT NULL,
  ends_on date NOT NULL,
  mode text NOT NULL CHECK (mode IN ('luring', 'daring', 'campuran')),
  place text,
  organiser_org_id uuid NOT NULL REFERENCES organisation (id),
  -- [{ name, institution }]: trainers act in a public role; their names are printed on certificates
  trainers jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (ends_on >= starts_on)
);
CREATE INDEX training_event_jurisdiction_idx ON training_event (jurisdiction, starts_on DESC);
CREATE INDEX training_event_organiser_idx ON training_event (organiser_org_id);

-- A participant: a Simpul user (by id; the name is the account's) or a partner's staff member who
-- has no account (name typed, encrypted), always of an organisation.
CREATE TABLE training_attendance (
  id uuid PRIMARY KEY,
  event_id uuid NOT NULL REFERENCES training_event (id) ON DELETE CASCADE,
  jurisdiction text NOT NULL,
  user_id uuid REFERENCES app_user (id),
  name_enc text,
  org_id uuid NOT NULL REFERENCES organisation (id),
  attendance text NOT NULL DEFAULT 'terdaftar' CHECK (attendance IN ('terdaftar', 'hadir', 'tidak_hadir')),
  completed boolean NOT NULL DEFAULT false,
  -- given with the first completion and kept: a certificate whose completion was withdrawn verifies as not valid
  certificate_code text UNIQUE,
  completed_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK ((user_id IS NULL) <> (name_enc IS NULL)),
  CHECK (NOT completed OR attendance = 'hadir')
);
CREATE UNIQUE INDEX training_attendance_user_idx ON training_attendance (event_id, user_id) WHERE user_id IS NOT NULL;
CREATE INDEX training_attendance_event_idx ON training_attendance (event_id, created_at);
CREATE INDEX training_attendance_person_idx ON training_attendance (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX training_attendance_org_idx ON training_attendance (org_id);

-- The required training types of a Dinas: one version per jurisdiction (the whole set is saved at once).
CREATE TABLE training_requirement_set (
  jurisdiction text PRIMARY KEY,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES app_user (id),
  updated_at timestamptz NOT NULL
);
CREATE TABLE training_requirement (
  jurisdiction text NOT NULL REFERENCES training_requirement_set (jurisdiction) ON DELETE CASCADE,
  type_id uuid NOT NULL REFERENCES training_type (id),
  role text NOT NULL CHECK (role IN ('pengaduan', 'manajer', 'pendamping')),
  -- a completion counts for this many years after the training's last day; NULL: for good
  valid_years integer CHECK (valid_years BETWEEN 1 AND 20),
  PRIMARY KEY (jurisdiction, type_id, role)
);
