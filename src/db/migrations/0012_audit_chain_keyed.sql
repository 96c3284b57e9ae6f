-- The audit chain, keyed and off the request path (issue 9 §2, decision 017).
--
-- A request only INSERTs its audit rows and a marker for each in `audit_pending` (no lock, no
-- read of the previous row). One background chainer at a time (transaction-scoped advisory lock)
-- gives each committed row its place in the chain in `audit_chain`: the place (1, 2, 3 … with no
-- gap), the row's id and a keyed MAC (HMAC-SHA-256 under a subkey of the master key, which is
-- never in the database) over the previous MAC, the place and the row's content; then it removes
-- the markers. Audit rows themselves are never changed, not even to chain them. `simpul audit
-- verify` walks the chain by place and reports the rows not chained yet. Rows written before
-- this migration keep their old unkeyed `prev_hash`/`hash` (no longer written or trusted) and
-- are chained like any other row.
ALTER TABLE audit_event ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_event ALTER COLUMN hash DROP NOT NULL;

CREATE TABLE audit_chain (
  seq bigint PRIMARY KEY,
  -- no foreign key: it would lock the audit row; a chained row that is gone is what verify finds
  event_id bigint NOT NULL UNIQUE,
  mac text NOT NULL
);

-- Rows waiting for their place in the chain: the chainer's work list.
CREATE TABLE audit_pending (event_id bigint PRIMARY KEY);
INSERT INTO audit_pending (event_id) SELECT id FROM audit_event;

-- Append-only, enforced by the database on both engines: no UPDATE, DELETE or TRUNCATE of audit
-- rows or of the chain, whoever asks (a superuser or an owner can still drop the trigger: what
-- then remains possible is in docs/security.md).
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_chain_append_only BEFORE UPDATE OR DELETE ON audit_chain
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_chain_no_truncate BEFORE TRUNCATE ON audit_chain
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();

-- Privileges (PostgreSQL; the embedded engine runs as its superuser, where only the trigger
-- holds): nobody keeps UPDATE, DELETE or TRUNCATE on audit rows or the chain, not even the role
-- that runs this migration (an owner may revoke its own privileges). Production with a dedicated
-- application role: docs/security.md.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event, audit_chain FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event, audit_chain FROM CURRENT_USER;

-- Less to write per request: indexes on columns that are empty for most rows (public and system
-- audit rows have no actor and most no case; most reports no phone and no case yet) keep only
-- the rows that have a value. Every query on them asks for a value, so they still serve it.
DROP INDEX audit_event_actor_idx;
CREATE INDEX audit_event_actor_idx ON audit_event (actor_id) WHERE actor_id IS NOT NULL;
DROP INDEX audit_event_case_detail_idx;
CREATE INDEX audit_event_case_detail_idx ON audit_event ((detail->>'caseId'))
  WHERE (detail->>'caseId') IS NOT NULL;
DROP INDEX intake_phone_idx;
CREATE INDEX intake_phone_idx ON intake (contact_phone_hash) WHERE contact_phone_hash IS NOT NULL;
DROP INDEX intake_case_idx;
CREATE INDEX intake_case_idx ON intake (case_id) WHERE case_id IS NOT NULL;

-- Public reports count against their kab/kota's hourly limit by counting the reports themselves
-- (no counter row that every report of a kab/kota would update under its commit).
CREATE INDEX intake_public_region_idx ON intake (jurisdiction, received_at) WHERE channel = 'daring';
