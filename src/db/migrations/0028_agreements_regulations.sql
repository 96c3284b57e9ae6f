-- Agreements with several parties and local regulations as records (issue 12 §5, decision 033).

-- The organisations that are parties to an agreement (MoU, PKS, naskah kerja sama), each with its
-- role in the text (pihak pertama, pihak kedua, …, or `mengetahui` for one who acknowledges).
-- `agreement.org_id` stays: the partner the agreement was recorded with, always one of its parties.
-- An organisation is a party once per agreement.
CREATE TABLE agreement_party (
  agreement_id uuid NOT NULL REFERENCES agreement (id) ON DELETE CASCADE,
  org_id uuid NOT NULL REFERENCES organisation (id),
  role text NOT NULL CHECK (
    role IN ('pihak_pertama', 'pihak_kedua', 'pihak_ketiga', 'pihak_keempat', 'pihak_kelima', 'pihak_keenam', 'mengetahui')
  ),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (agreement_id, org_id)
);
-- "the agreements this organisation is a party to": partners' reads and the referral checks
CREATE INDEX agreement_party_org_idx ON agreement_party (org_id, agreement_id);

-- Existing agreements were between the Dinas of their jurisdiction and one partner: the partner
-- becomes `pihak_kedua`, and the Dinas's own organisation (type dinas_pppa of that jurisdiction,
-- the oldest when there are several) `pihak_pertama`.
INSERT INTO agreement_party (agreement_id, org_id, role, created_at)
SELECT a.id, a.org_id, 'pihak_kedua', a.created_at FROM agreement a;

INSERT INTO agreement_party (agreement_id, org_id, role, created_at)
SELECT a.id, d.id, 'pihak_pertama', a.created_at
FROM agreement a
JOIN LATERAL (
  SELECT o.id FROM organisation o
  WHERE o.type = 'dinas_pppa' AND o.jurisdiction = a.jurisdiction
  ORDER BY o.created_at, o.id
  LIMIT 1
) d ON true
WHERE d.id <> a.org_id;

-- Local regulations (Perda, Perbup/Perwal, Pergub, SK Gugus Tugas KLA, SK Satgas PPA, …) kept by
-- the Dinas of `jurisdiction`. Public documents: no personal data. The signed text is a
-- coord_file (owner_kind 'regulation', a PDF). `issued_on` is the date as told (penetapan).
CREATE TABLE regulation (
  id uuid PRIMARY KEY,
  jurisdiction text NOT NULL,
  kind text NOT NULL CHECK (
    kind IN ('perda', 'perbup', 'perwal', 'pergub', 'sk_kepala_daerah', 'sk_gugus_tugas_kla', 'sk_satgas_ppa', 'keputusan_kepala_dinas', 'lainnya')
  ),
  number text NOT NULL,
  issued_on date NOT NULL,
  title text NOT NULL,
  authority text NOT NULL,
  status text NOT NULL DEFAULT 'berlaku' CHECK (status IN ('berlaku', 'dicabut', 'diganti')),
  expires_on date,
  review_on date,
  note text,
  -- when the reminder before the review date / the expiry date went out (once each)
  review_warned_at timestamptz,
  expiry_warned_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_by uuid REFERENCES app_user (id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (review_on IS NULL OR review_on >= issued_on),
  CHECK (expires_on IS NULL OR expires_on >= issued_on)
);
CREATE INDEX regulation_jurisdiction_idx ON regulation (jurisdiction, issued_on DESC);
CREATE INDEX regulation_review_idx ON regulation (review_on) WHERE review_warned_at IS NULL;
CREATE INDEX regulation_expiry_idx ON regulation (expires_on) WHERE expiry_warned_at IS NULL;
