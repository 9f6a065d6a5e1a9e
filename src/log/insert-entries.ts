import { createHash, randomBytes } from 'node:crypto';
import type { SqlClient } from '../store/open-store.ts';
import type { LogEntryInput } from './message-log.ts';

const SALT_SIZE = 16;
const DIGEST_SIZE = 32;

/**
 * One statement for a whole batch, whatever its size (19 parameters: one array per column, and
 * the payloads, salts and digests each concatenated into one binary parameter, cut apart by
 * `substring` on the server). Ids are drawn from the sequence in the first step and tie each
 * entry to its payload by the batch position `n`, not by RETURNING order. The batch queues its
 * ids for the sequencer as one row (`log_pending_batch`, migration 007).
 */
const INSERT_BATCH = `WITH src AS MATERIALIZED (
  SELECT nextval('message_log_id_seq') AS id, t.*
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
                $8::int[], $9::text[], $10::text[], $11::int[], $12::text[], $13::text[],
                $14::uuid[], $15::bigint[], $16::int[])
         WITH ORDINALITY AS t(correlation_id, kind, route, sender, recipient, content_type,
                              payload_size, http_status, outcome, error_code, duration_ms,
                              signature, verdicts, replay_id, replay_of, payload_at, n)
), entries AS (
  INSERT INTO message_log (id, correlation_id, kind, route, sender, recipient, content_type,
    payload_size, http_status, outcome, error_code, duration_ms, signature, verdicts,
    payload_digest, replay_id, replay_of)
  SELECT id, correlation_id, kind, route, sender, recipient, content_type, payload_size,
    http_status, outcome, error_code, duration_ms, signature, verdicts::jsonb,
    substring($17::bytea FROM (n::int - 1) * ${DIGEST_SIZE} + 1 FOR ${DIGEST_SIZE}), replay_id, replay_of
    FROM src
  RETURNING id, logged_at
), payloads AS (
  INSERT INTO message_payload (entry_id, bytes, salt)
  SELECT id, substring($18::bytea FROM payload_at FOR payload_size),
    substring($19::bytea FROM (n::int - 1) * ${SALT_SIZE} + 1 FOR ${SALT_SIZE})
    FROM src
), pending AS (
  INSERT INTO log_pending_batch (first_id, ids) SELECT min(id), array_agg(id ORDER BY id) FROM src
)
SELECT s.n::int AS n, e.id::text AS id, e.logged_at FROM entries e JOIN src s ON s.id = e.id`;

/**
 * Inserts entries, their payloads and their queue row with one statement: on its own (autocommit) it is one
 * transaction, durable when it returns. Each payload gets a fresh 16-byte salt; the entry keeps
 * SHA-256(salt ‖ payload). Results are in the order of `entries`.
 */
export async function insertEntries(
  sql: SqlClient,
  entries: readonly LogEntryInput[],
): Promise<{ id: string; loggedAt: Date }[]> {
  const salts = randomBytes(SALT_SIZE * entries.length);
  const digests = Buffer.allocUnsafe(DIGEST_SIZE * entries.length);
  const payloadAt: number[] = [];
  let at = 1;
  entries.forEach((e, i) => {
    const salt = salts.subarray(i * SALT_SIZE, (i + 1) * SALT_SIZE);
    createHash('sha256')
      .update(salt)
      .update(e.payload)
      .digest()
      .copy(digests, i * DIGEST_SIZE);
    payloadAt.push(at);
    at += e.payload.length;
  });
  const rows = await sql.query<{ n: number; id: string; logged_at: Date }>(INSERT_BATCH, [
    ...columnArrays(entries),
    payloadAt,
    digests,
    Buffer.concat(entries.map((e) => e.payload)),
    salts,
  ]);
  const byPosition = new Map(rows.map((r) => [r.n, r]));
  return entries.map((_, i) => {
    const row = byPosition.get(i + 1);
    if (row === undefined) {
      throw new Error(`message log batch returned no row for entry ${i + 1}`);
    }
    return { id: row.id, loggedAt: row.logged_at };
  });
}

/** Parameters $1–$15: one array per entry column, in the order of `INSERT_BATCH`. */
function columnArrays(entries: readonly LogEntryInput[]): unknown[][] {
  const column = <T>(pick: (e: LogEntryInput) => T): T[] => entries.map(pick);
  return [
    column((e) => e.correlationId),
    column((e) => e.kind),
    column((e) => e.route),
    column((e) => e.sender ?? null),
    column((e) => e.recipient ?? null),
    column((e) => e.contentType ?? null),
    column((e) => e.payload.length),
    column((e) => e.httpStatus ?? null),
    column((e) => e.outcome),
    column((e) => e.errorCode ?? null),
    column((e) => (e.durationMs === undefined ? null : Math.round(e.durationMs))),
    column((e) => e.signature ?? null),
    column((e) => (e.verdicts === undefined ? null : JSON.stringify(e.verdicts))),
    column((e) => e.replayId ?? null),
    column((e) => e.replayOf ?? null),
  ];
}
