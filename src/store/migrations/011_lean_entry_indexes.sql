-- Leaner appends, continued (issue 7, item 9: durable appends at half the rate of a plain INSERT).
-- Each index and constraint on message_log is paid for by every append, so each must earn it.
--
-- 1. `logged_at` gets a BRIN index instead of a B-tree. Entries are only ever appended, with
--    `clock_timestamp()`, so the heap is in time order: a BRIN index (a min/max summary per 128
--    pages) answers the time-range searches (auditor search, `audit replay --from --to`) by block
--    ranges, and an append no longer inserts into a second B-tree (one WAL record and index page
--    write less per entry). Ranges not yet summarised are simply scanned; `autosummarize` keeps
--    them few.
DROP INDEX message_log_logged_at;
CREATE INDEX message_log_logged_at ON message_log USING brin (logged_at) WITH (autosummarize = on);

-- 2. The self-reference `replay_of → message_log (id)` goes: it queued a trigger event per
--    appended entry (NULL or not) and a lookup per replay entry, guarding what the schema already
--    guarantees: entries are never updated or deleted (append-only triggers of 001 and 003), and a
--    replay entry names an entry the replay has just read. The same reasoning dropped the other
--    foreign keys into message_log in 007.
ALTER TABLE message_log DROP CONSTRAINT message_log_replay_of_fkey;
