import { hash, randomBytes } from 'node:crypto';
import type { SqlClient } from '../store/open-store.ts';
import { pgArrayLiteral } from '../store/pg-array-literal.ts';
import { stringifySorted } from './canonical-entry.ts';
import { canonicalLoggedAt } from './read-canonical.ts';
import type { LogEntryInput } from './message-log.ts';

const SALT_SIZE = 16;
const DIGEST_SIZE = 32;

/**
 * One statement for a whole batch, whatever its size (18 parameters: one array per column, the
 * digests concatenated into one binary parameter, and each entry's `salt ‖ payload` concatenated
 * into another, cut apart by `substring` on the server). Ids are drawn from the sequence in the first step and tie each
 * entry to its payload by the batch position `n`, not by RETURNING order. The batch queues its
 * ids for the sequencer as one row (`log_pending_batch`, migration 007). It returns, per entry,
 * the values the database assigned or normalised (id, time, UUIDs), in their canonical form.
 */
const INSERT_BATCH = `WITH src AS MATERIALIZED (
  SELECT nextval('message_log_id_seq') AS id, t.*
    FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[],
                $8::int[], $9::text[], $10::text[], $11::int[], $12::text[], $13::text[],
                $14::uuid[], $15::bigint[], $16::int[])
         WITH ORDINALITY AS t(correlation_id, kind, route, sender, recipient, content_type,
                              payload_size, http_status, outcome, error_code, duration_ms,
                              signature, verdicts, replay_id, replay_of, salt_at, n)
), entries AS (
  INSERT INTO message_log (id, correlation_id, kind, route, sender, recipient, content_type,
    payload_size, http_status, outcome, error_code, duration_ms, signature, verdicts,
    payload_digest, replay_id, replay_of)
  SELECT id, correlation_id, kind, route, sender, recipient, content_type, payload_size,
    http_status, outcome, error_code, duration_ms, signature, verdicts::jsonb,
    substring($17::bytea FROM (n::int - 1) * ${DIGEST_SIZE} + 1 FOR ${DIGEST_SIZE}), replay_id, replay_of
    FROM src
  RETURNING id, correlation_id, logged_at, replay_id, replay_of
), payloads AS (
  INSERT INTO message_payload (entry_id, bytes, salt)
  SELECT id, substring($18::bytea FROM salt_at + ${SALT_SIZE} FOR payload_size),
    substring($18::bytea FROM salt_at FOR ${SALT_SIZE})
    FROM src
), pending AS (
  INSERT INTO log_pending_batch (first_id, ids) SELECT min(id), array_agg(id ORDER BY id) FROM src
)
SELECT s.n::int AS n, e.id::text AS id, e.correlation_id::text AS correlation_id,
  ${canonicalLoggedAt('e')} AS logged_at,
  e.replay_id::text AS replay_id, e.replay_of::text AS replay_of
  FROM entries e JOIN src s ON s.id = e.id`;

/** What the database assigned or normalised for one entry. */
export interface StoredEntry {
  n: number;
  id: string;
  correlation_id: string;
  /** Canonical form: UTC with microseconds. */
  logged_at: string;
  replay_id: string | null;
  replay_of: string | null;
}

/** A committed batch: per entry (in input order) what the database assigned, and its payload digest. */
export interface InsertedBatch {
  readonly stored: readonly StoredEntry[];
  /** The payload digests, 32 bytes each, concatenated in input order. */
  readonly digests: Buffer;
}

/**
 * Inserts entries, their payloads and their queue row (`log_pending_batch`, one row per batch)
 * with one statement: on its own (autocommit) it is one transaction, durable when it returns.
 * Each payload gets a fresh 16-byte salt; the entry keeps SHA-256(salt ‖ payload).
 */
export async function insertEntries(
  sql: SqlClient,
  entries: readonly LogEntryInput[],
): Promise<InsertedBatch> {
  const { blob, at, digests } = saltAndDigest(entries);
  const rows = await sql.query<StoredEntry>(
    INSERT_BATCH,
    [...columnArrays(entries), pgArrayLiteral(at), digests, blob],
    { name: 'message-log-insert' },
  );
  return { stored: inEntryOrder(rows, entries.length), digests };
}

/**
 * Each payload behind a fresh 16-byte salt, all in one buffer (`salt ‖ payload` per entry, at
 * the 1-based positions `at`), and each entry's digest SHA-256(salt ‖ payload), hashed in place
 * (32 bytes each, concatenated).
 */
function saltAndDigest(entries: readonly LogEntryInput[]): {
  blob: Buffer;
  at: number[];
  digests: Buffer;
} {
  const salts = randomBytes(SALT_SIZE * entries.length);
  const blob = Buffer.allocUnsafe(entries.reduce((n, e) => n + SALT_SIZE + e.payload.length, 0));
  const at: number[] = [];
  const digests = Buffer.allocUnsafe(DIGEST_SIZE * entries.length);
  let offset = 0;
  entries.forEach((e, i) => {
    salts.copy(blob, offset, i * SALT_SIZE, (i + 1) * SALT_SIZE);
    e.payload.copy(blob, offset + SALT_SIZE);
    const end = offset + SALT_SIZE + e.payload.length;
    hash('sha256', blob.subarray(offset, end), 'buffer').copy(digests, i * DIGEST_SIZE);
    at.push(offset + 1);
    offset = end;
  });
  return { blob, at, digests };
}

function inEntryOrder(rows: readonly StoredEntry[], length: number): StoredEntry[] {
  const ordered: (StoredEntry | undefined)[] = Array.from({ length });
  for (const row of rows) {
    ordered[row.n - 1] = row;
  }
  return ordered.map((row, i) => {
    if (row === undefined) {
      throw new Error(`message log batch returned no row for entry ${i + 1}`);
    }
    return row;
  });
}

/**
 * Text as PostgreSQL stores it: a lone UTF-16 surrogate cannot travel as UTF-8, so it becomes
 * U+FFFD, both in the row and in the leaf hash computed from the input (`hash-appended-leaves.ts`).
 */
export const storedText = (s: string): string => s.toWellFormed();
export const storedOptionalText = (s: string | undefined): string | null =>
  s === undefined ? null : storedText(s);

/** Parameters $1–$16: one array literal per entry column, in the order of `INSERT_BATCH`. */
function columnArrays(entries: readonly LogEntryInput[]): string[] {
  const column = (pick: (e: LogEntryInput) => string | number | null): string =>
    pgArrayLiteral(entries.map(pick));
  return [
    column((e) => e.correlationId),
    column((e) => e.kind),
    column((e) => storedText(e.route)),
    column((e) => storedOptionalText(e.sender)),
    column((e) => storedOptionalText(e.recipient)),
    column((e) => storedOptionalText(e.contentType)),
    column((e) => e.payload.length),
    column((e) => e.httpStatus ?? null),
    column((e) => storedText(e.outcome)),
    column((e) => storedOptionalText(e.errorCode)),
    column((e) => (e.durationMs === undefined ? null : Math.round(e.durationMs))),
    column((e) => storedOptionalText(e.signature)),
    column((e) => (e.verdicts === undefined ? null : stringifySorted(e.verdicts))),
    column((e) => e.replayId ?? null),
    column((e) => e.replayOf ?? null),
  ];
}
