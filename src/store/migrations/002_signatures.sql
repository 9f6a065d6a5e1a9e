-- Message signatures: each entry keeps the JWS that came or went with its bytes, and the entry
-- that closes an exchange records every verification verdict of that exchange.
ALTER TABLE message_log ADD COLUMN signature text;
ALTER TABLE message_log ADD COLUMN verdicts jsonb;

-- Replay protection: a (sender, jti) pair is accepted once while its signature is fresh.
CREATE TABLE jws_replay (
  sender      text        NOT NULL,
  jti         text        NOT NULL,
  expires_at  timestamptz NOT NULL,
  PRIMARY KEY (sender, jti)
);
CREATE INDEX jws_replay_expires ON jws_replay (expires_at);
