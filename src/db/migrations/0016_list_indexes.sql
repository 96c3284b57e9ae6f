-- Lists flat at a million cases (issue 10 §5): an index for each filter the case list offers, in
-- the order the list is read (newest first, the id breaking ties), and case numbers searched by
-- prefix. Counts stop at 1 000 (src/domain/contract/define.ts COUNT_CAP), so each page reads at
-- most about a thousand index entries whatever the size of the kab/kota.
DROP INDEX IF EXISTS case_file_scope_idx;
CREATE INDEX case_file_scope_idx ON case_file (jurisdiction, received_at DESC, id);
DROP INDEX IF EXISTS case_file_stage_idx;
CREATE INDEX case_file_stage_idx ON case_file (jurisdiction, stage, received_at DESC, id);
CREATE INDEX case_file_risk_idx ON case_file (jurisdiction, risk, received_at DESC, id);
-- "PPA-3602-2026-0001…" as typed: exact or prefix, never a substring scan
CREATE INDEX case_file_number_prefix_idx ON case_file (number text_pattern_ops);
-- a partner's inbox at 1 M cases: open referrals first, newest first (listReferrals orders by the
-- same expression), so a page is read from the index instead of sorting every referral received
CREATE INDEX referral_inbox_idx ON referral
  (to_org_id, (status IN ('terkirim', 'diterima', 'dalam_layanan')) DESC, sent_at DESC, number DESC);
-- the inbox in the order it is read (src/db/intake.repository.ts listInbox orders by these same
-- expressions): open first; danger or high risk, medium, unassessed, low; newest first
CREATE INDEX intake_inbox_order_idx ON intake (jurisdiction,
  (CASE WHEN status IN ('baru','ditangani') THEN 0 ELSE 1 END),
  (CASE WHEN risk = 'tinggi' OR (risk IS NULL AND danger_now) THEN 0 WHEN risk = 'sedang' THEN 1 WHEN risk IS NULL THEN 2 ELSE 3 END),
  received_at DESC, id);
