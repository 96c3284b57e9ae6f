-- Survivor safety on the public pages (issue 8 §1).

-- The answer to a public report is a one-time page (/lapor/terkirim/<token>): the report's POST
-- is answered with a redirect to it, so no POST holding the story stays in the browser's history,
-- and the page shows the follow-up code and the secret once. The secret waits here, encrypted,
-- until that page is shown (then secret_enc is emptied and viewed_at set) or for 15 minutes at
-- most (then the row is deleted). token_hash is a keyed hash of the page's token (the token itself
-- is never stored).
CREATE TABLE intake_receipt (
  token_hash text PRIMARY KEY,
  intake_id uuid NOT NULL REFERENCES intake (id),
  secret_enc text,
  danger_now boolean NOT NULL,
  contact boolean NOT NULL,
  viewed_at timestamptz,
  expires_at timestamptz NOT NULL
);
CREATE INDEX intake_receipt_expiry_idx ON intake_receipt (expires_at);

-- One-time passes of the status page, so that no POST carrying the code and secret stays in the
-- browser's history: checking the code and secret, or answering, redirects to a view that can be
-- opened once ('lihat'); the view carries a pass to answer ('balas') instead of the secret.
-- problem/added say what the view should tell (an empty answer, "sent").
CREATE TABLE intake_pass (
  token_hash text PRIMARY KEY,
  intake_id uuid NOT NULL REFERENCES intake (id),
  kind text NOT NULL,
  problem text,
  added boolean NOT NULL DEFAULT false,
  used_at timestamptz,
  expires_at timestamptz NOT NULL
);
CREATE INDEX intake_pass_expiry_idx ON intake_pass (expires_at);

-- Messages from an officer to the reporter (author 'ke_pelapor') are shown on the status page;
-- seen_at records when the reporter first saw one.
ALTER TABLE intake_message ADD COLUMN seen_at timestamptz;

-- Checks that run once per local day (e.g. reports that no inbox can see): claimed by a
-- conditional update of last_day, so two processes run each once.
CREATE TABLE daily_check (
  name text PRIMARY KEY,
  last_day date NOT NULL,
  ran_at timestamptz NOT NULL
);

-- An open inbox item past its response deadline (1 hour when someone is in danger or the risk is
-- high, 6 hours medium) tells the inbox's readers once: claimed by a conditional update of this.
ALTER TABLE intake ADD COLUMN overdue_notified_at timestamptz;
CREATE INDEX intake_open_due_idx ON intake (received_at) WHERE status = 'baru' AND overdue_notified_at IS NULL;
