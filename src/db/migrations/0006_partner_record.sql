-- Partners keep their own record of a referral (decision 010): who handles it at the recipient and
-- when the victim is expected, the police report number, "rujuk ulang" and the plan item carried out.
-- The investigation history is `referral_event` rows of type 'investigation'.

ALTER TABLE referral
  -- "rujuk ulang": the declined or cancelled referral this one sends again (each at most once)
  ADD COLUMN rereferral_of uuid REFERENCES referral (id),
  -- the intervention-plan item (case_record of kind 'plan_item', same case) it carries out
  ADD COLUMN plan_item_id uuid REFERENCES case_record (id),
  -- the recipient's officer: a user of the receiving organisation, or a name typed in (encrypted)
  ADD COLUMN officer_id uuid REFERENCES app_user (id),
  ADD COLUMN officer_name_enc text,
  -- the appointment with the victim; the place may locate her, so it is encrypted
  ADD COLUMN appointment_at timestamptz,
  ADD COLUMN appointment_place_enc text,
  -- police PPA unit: the Laporan Polisi number (encrypted: it finds the victim in police files)
  -- and the latest investigation status (INVESTIGATION_STATUSES; the history is in referral_event)
  ADD COLUMN police_report_number_enc text,
  ADD COLUMN investigation_status text;

CREATE UNIQUE INDEX referral_rereferral_idx ON referral (rereferral_of) WHERE rereferral_of IS NOT NULL;
CREATE INDEX referral_plan_item_idx ON referral (plan_item_id) WHERE plan_item_id IS NOT NULL;
