-- The audit chain, keyed and off the request path (issue 9 §2, decision 017).
--
-- A request now only INSERTs its audit rows (no lock, no read of the previous row). One
-- background chainer at a time (transaction-scoped advisory lock) gives each committed row its
-- place in the chain (`chain_seq`, 1, 2, 3 … with no gap) and a keyed MAC (`chain_mac`,
-- HMAC-SHA-256 under a subkey of the master key, which is never in the database) over the
-- previous MAC, its place and its content. `simpul audit verify` walks the chain by `chain_seq`
-- and reports the rows not chained yet. Rows written before this migration keep their old
-- unkeyed `prev_hash`/`hash` (no longer written or trusted) and are chained like any other row.
ALTER TABLE audit_event ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_event ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_event ADD COLUMN chain_seq bigint;
ALTER TABLE audit_event ADD COLUMN chain_mac text;
CREATE UNIQUE INDEX audit_event_chain_seq_idx ON audit_event (chain_seq);
-- the chainer's work list: only rows not chained yet are in it
CREATE INDEX audit_event_unchained_idx ON audit_event (id) WHERE chain_seq IS NULL;

-- Append-only, enforced by the database on both engines: no DELETE, no TRUNCATE, and an UPDATE
-- only when it is the chainer placing a row that has no place yet (chain_seq and chain_mac from
-- NULL to a value), every other column unchanged. A forged place or MAC is caught by verify.
CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.chain_seq IS NULL AND OLD.chain_mac IS NULL
       AND NEW.chain_seq IS NOT NULL AND NEW.chain_mac IS NOT NULL
       AND (NEW.id, NEW.at, NEW.actor_id, NEW.actor_role, NEW.action, NEW.entity, NEW.entity_id,
            NEW.ip, NEW.user_agent, NEW.request_id, NEW.outcome, NEW.detail, NEW.prev_hash, NEW.hash)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.at, OLD.actor_id, OLD.actor_role, OLD.action, OLD.entity, OLD.entity_id,
            OLD.ip, OLD.user_agent, OLD.request_id, OLD.outcome, OLD.detail, OLD.prev_hash, OLD.hash)
    THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_event is append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
  FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
  FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();

-- Privileges (PostgreSQL; the embedded engine runs as its superuser, where only the trigger
-- holds): nobody gets UPDATE, DELETE or TRUNCATE on audit rows by default, not even the role that
-- runs this migration (an owner may revoke its own privileges); it keeps the right to place rows
-- in the chain. Production with a dedicated application role: docs/security.md.
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM PUBLIC;
REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM CURRENT_USER;
GRANT UPDATE (chain_seq, chain_mac) ON audit_event TO CURRENT_USER;

-- Public reports count against their kab/kota's hourly limit by counting the reports themselves
-- (no counter row that every report of a kab/kota would update under its commit).
CREATE INDEX intake_public_region_idx ON intake (jurisdiction, received_at) WHERE channel = 'daring';
