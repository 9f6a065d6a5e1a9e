-- Replays: an auditor re-runs logged requests; each result is a new entry linked to the
-- original (history is never edited), and the run's report is kept once under its own id.
ALTER TABLE message_log DROP CONSTRAINT message_log_kind_check;
ALTER TABLE message_log ADD CONSTRAINT message_log_kind_check
  CHECK (kind IN ('request-in', 'request-out', 'response-in', 'response-out', 'replay'));
ALTER TABLE message_log ADD COLUMN replay_id uuid;
ALTER TABLE message_log ADD COLUMN replay_of bigint REFERENCES message_log (id);
CREATE INDEX message_log_replay ON message_log (replay_id) WHERE replay_id IS NOT NULL;

CREATE TABLE replay_run (
  id            uuid        PRIMARY KEY,
  requested_by  text        NOT NULL,
  parameters    jsonb       NOT NULL,
  report        jsonb       NOT NULL,
  finished_at   timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER replay_run_append_only
  BEFORE UPDATE OR DELETE ON replay_run
  FOR EACH ROW EXECUTE FUNCTION message_log_refuse_change();
