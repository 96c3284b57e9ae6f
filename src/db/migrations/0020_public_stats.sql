-- Public statistics (issue 11 §3, decision 026): the figures /statistik shows come from a
-- snapshot published once a month, never from live data. Only what is published is stored: a
-- cell's count when it is shown as a number, else only its mark ("<t" or "–"); the small counts
-- behind a mark are never written here.
--
-- public_snapshot: one per publication; through_month = the last whole local month it covers.
-- Closed quarters and closed years only; a cell, once published, is carried unchanged into every
-- later snapshot (so comparing two snapshots shows nothing about a single case).
CREATE TABLE public_snapshot (
  id uuid PRIMARY KEY,
  published_at timestamptz NOT NULL,
  through_month date NOT NULL UNIQUE,
  threshold smallint NOT NULL CHECK (threshold >= 3)
);

-- one published cell: region (province or kab/kota, never finer), year, quarter (0 = the whole
-- year), cell = table|row (`korban|jumlah`, `kasus|jumlah` = the totals shared by tables),
-- status angka (value = the count) | kecil (value NULL, shown "<threshold") | tersembunyi
-- (value NULL, shown "–"), and the threshold in force when it was first published.
CREATE TABLE public_snapshot_cell (
  snapshot_id uuid NOT NULL REFERENCES public_snapshot (id) ON DELETE CASCADE,
  region text NOT NULL CHECK (region ~ '^\d{2}(\.\d{2})?$'),
  year smallint NOT NULL,
  quarter smallint NOT NULL CHECK (quarter BETWEEN 0 AND 4),
  cell text NOT NULL,
  status text NOT NULL CHECK (status IN ('angka', 'kecil', 'tersembunyi')),
  value integer CHECK ((status = 'angka') = (value IS NOT NULL) AND (value IS NULL OR value = 0 OR value >= threshold)),
  threshold smallint NOT NULL CHECK (threshold >= 3),
  PRIMARY KEY (snapshot_id, region, year, quarter, cell)
);
