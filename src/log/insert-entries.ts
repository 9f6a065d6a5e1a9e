import { createHash, randomBytes } from 'node:crypto';
import type { SqlClient } from '../store/open-store.ts';
import type { LogEntryInput } from './message-log.ts';

const ENTRY_COLUMNS = `id, correlation_id, kind, route, sender, recipient, content_type, payload_size,
  http_status, outcome, error_code, duration_ms, signature, verdicts, payload_digest,
  replay_id, replay_of`;
const PER_ROW = 17;

/**
 * Inserts entries and their payloads in one transaction (the caller's): ids are drawn from the
 * sequence first, so each payload row is tied to its entry without relying on RETURNING order.
 * Each payload gets a fresh 16-byte salt; the entry keeps SHA-256(salt ‖ payload).
 */
export async function insertEntries(
  tx: SqlClient,
  entries: readonly LogEntryInput[],
): Promise<{ id: string; loggedAt: Date }[]> {
  const ids = (
    await tx.query<{ id: string }>(
      "SELECT nextval('message_log_id_seq')::text AS id FROM generate_series(1, $1)",
      [entries.length],
    )
  ).map((r) => r.id);
  const salts = entries.map(() => randomBytes(16));
  const rows = entries.map((e, i) => entryValues(ids[i] ?? '', e, salts[i] ?? Buffer.alloc(0)));
  const inserted = await tx.query<{ id: string; logged_at: Date }>(
    `INSERT INTO message_log (${ENTRY_COLUMNS}) VALUES ${placeholders(entries.length, PER_ROW)}
     RETURNING id::text AS id, logged_at`,
    rows.flat(),
  );
  await tx.query(
    `INSERT INTO message_payload (entry_id, bytes, salt) VALUES ${placeholders(entries.length, 3)}`,
    entries.flatMap((e, i) => [ids[i], e.payload, salts[i]]),
  );
  await tx.query(
    `INSERT INTO log_pending (entry_id) VALUES ${ids.map((_, i) => `($${i + 1})`).join(', ')}`,
    ids,
  );
  const at = new Map(inserted.map((r) => [r.id, r.logged_at]));
  return ids.map((id) => ({ id, loggedAt: at.get(id) ?? new Date() }));
}

function entryValues(id: string, e: LogEntryInput, salt: Buffer): unknown[] {
  return [
    id,
    e.correlationId,
    e.kind,
    e.route,
    e.sender ?? null,
    e.recipient ?? null,
    e.contentType ?? null,
    e.payload.length,
    e.httpStatus ?? null,
    e.outcome,
    e.errorCode ?? null,
    e.durationMs === undefined ? null : Math.round(e.durationMs),
    e.signature ?? null,
    e.verdicts === undefined ? null : JSON.stringify(e.verdicts),
    createHash('sha256').update(salt).update(e.payload).digest(),
    e.replayId ?? null,
    e.replayOf ?? null,
  ];
}

function placeholders(rows: number, perRow: number): string {
  return Array.from(
    { length: rows },
    (_, r) => `(${Array.from({ length: perRow }, (_, c) => `$${r * perRow + c + 1}`).join(', ')})`,
  ).join(', ');
}
