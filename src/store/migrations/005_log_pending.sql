-- Entries waiting for the sequencer: written with the entry (same transaction), removed when the
-- entry becomes a leaf. The sequencer reads this small queue instead of scanning the whole log.
CREATE TABLE log_pending (entry_id bigint PRIMARY KEY REFERENCES message_log (id));
INSERT INTO log_pending (entry_id)
  SELECT m.id FROM message_log m WHERE NOT EXISTS (SELECT 1 FROM log_leaf l WHERE l.entry_id = m.id);
