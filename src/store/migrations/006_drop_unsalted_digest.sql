-- The unsalted SHA-256 of each payload outlived retention: anyone could test a guessed payload
-- against it after the payload was deleted. The salted digest (payload_digest, committed by the
-- Merkle leaf; its salt is deleted with the payload) is the only digest kept.
ALTER TABLE message_log DROP COLUMN payload_sha256;
