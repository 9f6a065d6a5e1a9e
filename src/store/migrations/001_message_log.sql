-- The message log: one row per message the broker received or sent, append-only.
-- Payload bytes live apart from the entry so that retention can delete personal data
-- while the entry (and, later, its Merkle leaf) stays.
CREATE TABLE message_log (
  id              bigserial PRIMARY KEY,
  correlation_id  uuid        NOT NULL,
  kind            text        NOT NULL CHECK (kind IN ('request-in', 'request-out', 'response-in', 'response-out')),
  logged_at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  route           text        NOT NULL,
  sender          text,
  recipient       text,
  content_type    text,
  payload_size    integer     NOT NULL,
  payload_sha256  bytea       NOT NULL,
  http_status     integer,
  outcome         text        NOT NULL,
  error_code      text,
  duration_ms     integer
);

CREATE INDEX message_log_correlation ON message_log (correlation_id);
CREATE INDEX message_log_logged_at ON message_log (logged_at);

CREATE TABLE message_payload (
  entry_id  bigint PRIMARY KEY REFERENCES message_log (id),
  bytes     bytea  NOT NULL
);

-- Append-only: updates are refused; deletes are allowed only on payloads (retention).
CREATE FUNCTION message_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'message_log is append-only';
END;
$$;

CREATE TRIGGER message_log_append_only
  BEFORE UPDATE OR DELETE ON message_log
  FOR EACH ROW EXECUTE FUNCTION message_log_refuse_change();
