-- Idempotency keys are reserved inside the create's own transaction (decision 019): the row is
-- inserted first, the primary key (actor_id, key) makes a second request with the same key wait
-- for the first one's commit, and the answer is written in the same transaction. A WhatsApp
-- reply, whose Graph API call cannot run inside a transaction, reserves its key before the call
-- and fills the answer after it: NULL means "being sent" until then.
ALTER TABLE idempotency_key ALTER COLUMN response DROP NOT NULL;
ALTER TABLE idempotency_key ALTER COLUMN status DROP NOT NULL;
