-- The tamper-evident log (RFC 9162 Merkle tree over message_log entries).
-- Each entry commits to a salted digest of its payload; the salt lives with the payload, so
-- deleting a payload under retention leaves every leaf, root and proof intact.
ALTER TABLE message_log ADD COLUMN payload_digest bytea;
ALTER TABLE message_payload ADD COLUMN salt bytea;

-- Leaves in tree order, assigned by the single sequencer (advisory lock).
CREATE TABLE log_leaf (
  tree_index  bigint PRIMARY KEY,
  entry_id    bigint NOT NULL UNIQUE REFERENCES message_log (id),
  leaf_hash   bytea  NOT NULL
);

-- Signed tree heads (C2SP signed-note checkpoints).
CREATE TABLE log_checkpoint (
  tree_size  bigint      PRIMARY KEY,
  root_hash  bytea       NOT NULL,
  note       text        NOT NULL,
  signed_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TRIGGER log_leaf_append_only
  BEFORE UPDATE OR DELETE ON log_leaf
  FOR EACH ROW EXECUTE FUNCTION message_log_refuse_change();

CREATE TRIGGER log_checkpoint_append_only
  BEFORE UPDATE OR DELETE ON log_checkpoint
  FOR EACH ROW EXECUTE FUNCTION message_log_refuse_change();

-- TRUNCATE bypasses row triggers: refuse it on every append-only table.
CREATE TRIGGER message_log_no_truncate BEFORE TRUNCATE ON message_log
  FOR EACH STATEMENT EXECUTE FUNCTION message_log_refuse_change();
CREATE TRIGGER log_leaf_no_truncate BEFORE TRUNCATE ON log_leaf
  FOR EACH STATEMENT EXECUTE FUNCTION message_log_refuse_change();
CREATE TRIGGER log_checkpoint_no_truncate BEFORE TRUNCATE ON log_checkpoint
  FOR EACH STATEMENT EXECUTE FUNCTION message_log_refuse_change();
