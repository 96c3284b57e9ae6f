-- The regional action plan, RAD PPA (issue 12 §4; decision 032). A plan of a jurisdiction (the
-- Dinas's kab/kota or province) for a period of years; pillars (strategies) → programmes →
-- activities. Each activity has a responsible organisation (it reports progress), partners, an
-- indicator, a target and a budget with its source per year, optionally the KLA indicator code it
-- serves (free text until issue 13 makes KLA indicators data), and optionally an automatic
-- indicator filled from Simpul's own data. Progress is per quarter and cumulative for the year.
-- Every row carries the plan's jurisdiction so scope is one condition.
CREATE TABLE rad_plan (
  id uuid PRIMARY KEY,
  jurisdiction text NOT NULL,
  title text NOT NULL,
  start_year integer NOT NULL CHECK (start_year BETWEEN 2000 AND 2100),
  end_year integer NOT NULL CHECK (end_year BETWEEN 2000 AND 2100),
  legal_basis text,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (end_year >= start_year AND end_year - start_year < 10)
);
CREATE INDEX rad_plan_scope_idx ON rad_plan (jurisdiction, start_year DESC);

CREATE TABLE rad_pillar (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES rad_plan (id) ON DELETE CASCADE,
  jurisdiction text NOT NULL,
  position integer NOT NULL,
  code text NOT NULL DEFAULT '',
  title text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX rad_pillar_plan_idx ON rad_pillar (plan_id, position);

CREATE TABLE rad_programme (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES rad_plan (id) ON DELETE CASCADE,
  pillar_id uuid NOT NULL REFERENCES rad_pillar (id) ON DELETE CASCADE,
  jurisdiction text NOT NULL,
  position integer NOT NULL,
  code text NOT NULL DEFAULT '',
  title text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX rad_programme_plan_idx ON rad_programme (plan_id, position);

CREATE TABLE rad_activity (
  id uuid PRIMARY KEY,
  plan_id uuid NOT NULL REFERENCES rad_plan (id) ON DELETE CASCADE,
  programme_id uuid NOT NULL REFERENCES rad_programme (id) ON DELETE CASCADE,
  jurisdiction text NOT NULL,
  position integer NOT NULL,
  title text NOT NULL,
  responsible_org_id uuid NOT NULL REFERENCES organisation (id),
  partner_org_ids uuid[] NOT NULL DEFAULT '{}',
  indicator text NOT NULL,
  unit text NOT NULL CHECK (unit IN ('jumlah', 'persen', 'orang', 'kegiatan', 'desa', 'dokumen', 'lembaga')),
  baseline numeric CHECK (baseline >= 0),
  kla_code text,
  auto_indicator text CHECK (
    auto_indicator IN (
      'kasus_tepat_waktu', 'kasus_diterima', 'korban_tercatat', 'desa_terjangkau_pencegahan',
      'kegiatan_pencegahan_terlaksana'
    )
  ),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX rad_activity_plan_idx ON rad_activity (plan_id, position);
-- a partner's activities: those it is responsible for, those it is a partner in
CREATE INDEX rad_activity_org_idx ON rad_activity (responsible_org_id);
CREATE INDEX rad_activity_partners_idx ON rad_activity USING gin (partner_org_ids);

-- one target and one planned budget per activity and year of the plan
CREATE TABLE rad_target (
  activity_id uuid NOT NULL REFERENCES rad_activity (id) ON DELETE CASCADE,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  target numeric NOT NULL CHECK (target >= 0),
  budget bigint NOT NULL CHECK (budget >= 0),
  budget_source text NOT NULL CHECK (
    budget_source IN ('apbd', 'dak_nonfisik_ppa', 'apbdes', 'csr', 'apbn', 'lainnya')
  ),
  PRIMARY KEY (activity_id, year)
);

-- a quarter's report, cumulative for the year; the note is free text, encrypted
CREATE TABLE rad_progress (
  id uuid PRIMARY KEY,
  activity_id uuid NOT NULL REFERENCES rad_activity (id) ON DELETE CASCADE,
  jurisdiction text NOT NULL,
  year integer NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  quarter integer NOT NULL CHECK (quarter BETWEEN 1 AND 4),
  realised numeric CHECK (realised >= 0),
  budget_used bigint NOT NULL DEFAULT 0 CHECK (budget_used >= 0),
  status text NOT NULL CHECK (status IN ('belum_mulai', 'berjalan', 'selesai', 'terhambat')),
  note_enc text,
  version integer NOT NULL DEFAULT 1,
  updated_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (activity_id, year, quarter)
);
