-- Files of the prevention and coordination records (issue 12): activity materials and photos,
-- meeting documents, follow-up evidence, RAD progress evidence, regulations, agreements. Stored
-- encrypted in the database like case attachments (name and bytes), so a backup holds everything
-- and a dump shows nothing. The owner is a (kind, id) pair: each module checks access to its own
-- record before it reads or writes a file of it (decision 028).
CREATE TABLE coord_file (
  id uuid PRIMARY KEY,
  -- upload order (several uploads may share a created_at)
  seq bigint GENERATED ALWAYS AS IDENTITY,
  jurisdiction text NOT NULL,
  owner_kind text NOT NULL CHECK (
    owner_kind IN (
      'prevention_activity', 'training_event', 'meeting', 'followup', 'rad_progress', 'regulation', 'agreement'
    )
  ),
  owner_id uuid NOT NULL,
  purpose text NOT NULL CHECK (purpose IN ('materi', 'foto', 'dokumen', 'bukti')),
  filename_enc text NOT NULL,
  mime text NOT NULL,
  size_bytes integer NOT NULL CHECK (size_bytes > 0),
  content_enc bytea NOT NULL,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL
);
CREATE INDEX coord_file_owner_idx ON coord_file (owner_kind, owner_id, seq);
