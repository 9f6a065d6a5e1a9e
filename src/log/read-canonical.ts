import type { SqlClient } from '../store/open-store.ts';
import type { CanonicalEntry } from './canonical-entry.ts';

/** `logged_at` of table alias `t` as the canonical encoding writes it: UTC with microseconds. */
export const canonicalLoggedAt = (t: string): string =>
  `to_char(${t}.logged_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/** The columns of `message_log m` in the form the canonical encoding needs (UTC, microseconds). */
export const CANONICAL_COLUMNS = `m.id::text AS id, m.correlation_id::text AS correlation_id, m.kind,
  ${canonicalLoggedAt('m')} AS logged_at, m.route,
  m.sender, m.recipient, m.content_type, m.payload_size, encode(m.payload_digest, 'hex') AS payload_digest,
  m.http_status, m.outcome, m.error_code, m.duration_ms, m.signature, m.verdicts,
  m.replay_id::text AS replay_id, m.replay_of::text AS replay_of`;

export interface CanonicalRow {
  id: string;
  correlation_id: string;
  kind: string;
  logged_at: string;
  route: string;
  sender: string | null;
  recipient: string | null;
  content_type: string | null;
  payload_size: number;
  payload_digest: string | null;
  http_status: number | null;
  outcome: string;
  error_code: string | null;
  duration_ms: number | null;
  signature: string | null;
  verdicts: unknown;
  replay_id: string | null;
  replay_of: string | null;
}

export function toCanonical(r: CanonicalRow): CanonicalEntry {
  return {
    id: r.id,
    correlationId: r.correlation_id,
    kind: r.kind,
    loggedAt: r.logged_at,
    route: r.route,
    sender: r.sender,
    recipient: r.recipient,
    contentType: r.content_type,
    payloadSize: r.payload_size,
    payloadDigest:
      r.payload_digest === null ? null : Buffer.from(r.payload_digest, 'hex').toString('base64url'),
    httpStatus: r.http_status,
    outcome: r.outcome,
    errorCode: r.error_code,
    durationMs: r.duration_ms,
    signature: r.signature,
    verdicts: r.verdicts ?? null,
    replayId: r.replay_id,
    replayOf: r.replay_of,
  };
}

/** A sequenced entry; with `withPayloads`, its bytes and salt while retention has not deleted them. */
export interface SequencedEntry {
  readonly index: number;
  readonly leafHash: Uint8Array;
  readonly entry: CanonicalEntry;
  readonly payload?: { readonly bytes: Uint8Array; readonly salt: Uint8Array } | undefined;
}

/** Sequenced entries `[start, end)` in tree order, with their stored leaf hashes. */
export async function readSequencedEntries(
  sql: SqlClient,
  start: number,
  end: number,
  withPayloads = false,
): Promise<SequencedEntry[]> {
  type Row = CanonicalRow & {
    tree_index: string;
    leaf_hash: Uint8Array;
    bytes?: Uint8Array | null;
    salt?: Uint8Array | null;
  };
  const rows = await sql.query<Row>(
    `SELECT l.tree_index::text AS tree_index, l.leaf_hash, ${CANONICAL_COLUMNS}
            ${withPayloads ? ', p.bytes, p.salt' : ''}
       FROM log_leaf l JOIN message_log m ON m.id = l.entry_id
            ${withPayloads ? 'LEFT JOIN message_payload p ON p.entry_id = m.id' : ''}
      WHERE l.tree_index >= $1 AND l.tree_index < $2 ORDER BY l.tree_index`,
    [start, end],
  );
  return rows.map((r) => ({
    index: Number(r.tree_index),
    leafHash: new Uint8Array(r.leaf_hash),
    entry: toCanonical(r),
    payload:
      r.bytes === undefined || r.bytes === null || r.salt === undefined || r.salt === null
        ? undefined
        : { bytes: new Uint8Array(r.bytes), salt: new Uint8Array(r.salt) },
  }));
}

/** Leaf hashes `[0, size)` in tree order. */
export async function readLeafHashes(sql: SqlClient, size: number): Promise<Uint8Array[]> {
  const rows = await sql.query<{ leaf_hash: Uint8Array }>(
    'SELECT leaf_hash FROM log_leaf WHERE tree_index < $1 ORDER BY tree_index',
    [size],
  );
  return rows.map((r) => new Uint8Array(r.leaf_hash));
}
