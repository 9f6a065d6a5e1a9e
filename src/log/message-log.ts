import { BrokerError } from '../errors/broker-error.ts';
import type { SqlClient, Store } from '../store/open-store.ts';
import { createGroupCommit } from './group-commit.ts';
import type { LeafCache } from './leaf-cache.ts';

export const LOG_KINDS = [
  'request-in',
  'request-out',
  'response-in',
  'response-out',
  'replay',
  'request-canonical',
  'response-canonical',
] as const;
/** Direction and role of a logged message: what came in, what went out to an insurer, and back. */
export type LogKind = (typeof LOG_KINDS)[number];

/** What a pipeline step hands to the log. */
export interface LogEntryInput {
  readonly correlationId: string;
  readonly kind: LogKind;
  /** The route or operation, e.g. `fhir.eligibility.submit`. */
  readonly route: string;
  readonly sender?: string | undefined;
  readonly recipient?: string | undefined;
  readonly contentType?: string | undefined;
  /** The exact bytes, as received or as sent. */
  readonly payload: Buffer;
  readonly httpStatus?: number | undefined;
  /** `received`, `forwarded`, `answered`, `ok` or `error`. */
  readonly outcome: string;
  readonly errorCode?: string | undefined;
  readonly durationMs?: number | undefined;
  /** The detached JWS that came or went with these bytes. */
  readonly signature?: string | undefined;
  /** Signature verification results (on the entry closing an exchange). */
  readonly verdicts?: Record<string, unknown> | undefined;
  /** For `replay` entries: the replay run, and the entry it re-ran. */
  readonly replayId?: string | undefined;
  readonly replayOf?: string | undefined;
}

/**
 * Appends, turning a store failure into `BRK_STORE_UNAVAILABLE` (503): nothing goes on without
 * being on record.
 */
export async function appendOrUnavailable(log: MessageLog, entry: LogEntryInput): Promise<void> {
  try {
    await log.append(entry);
  } catch (err) {
    throw new BrokerError('BRK_STORE_UNAVAILABLE', [], { cause: err });
  }
}

/** A stored entry (without its payload). */
export interface LogEntry {
  readonly id: string;
  readonly correlationId: string;
  readonly kind: LogKind;
  readonly loggedAt: Date;
  readonly route: string;
  readonly sender: string | null;
  readonly recipient: string | null;
  readonly contentType: string | null;
  readonly payloadSize: number;
  /** base64url SHA-256(salt ‖ payload): what the Merkle leaf commits to (null before migration 003). */
  readonly payloadDigest: string | null;
  readonly httpStatus: number | null;
  readonly outcome: string;
  readonly errorCode: string | null;
  readonly durationMs: number | null;
  readonly signature: string | null;
  readonly verdicts: Record<string, unknown> | null;
}

/** The message log: append-only storage of every message with its raw bytes. */
export interface MessageLog {
  /**
   * Durably appends one entry and its payload; resolves once committed, with the entry's id and
   * the database time it was logged at, as the canonical entry writes it (UTC, microseconds).
   */
  append(entry: LogEntryInput): Promise<{ id: string; loggedAt: string }>;
  /** The latest `n` entries, newest last. */
  tail(n: number): Promise<LogEntry[]>;
  /** Every entry of one exchange, in order. */
  findByCorrelation(correlationId: string): Promise<LogEntry[]>;
  /** The raw bytes of an entry, or `undefined` when deleted under retention. */
  readPayload(id: string): Promise<Buffer | undefined>;
}

const COLUMNS = `id::text AS id, correlation_id, kind, logged_at, route, sender, recipient, content_type,
  payload_size, encode(payload_digest, 'hex') AS payload_digest, http_status, outcome, error_code, duration_ms,
  signature, verdicts`;

/**
 * `MessageLog` over PostgreSQL or PGlite (same SQL, see `src/store/migrations/`). Appends are
 * group-committed (`group-commit.ts`): concurrent appends share a transaction, each still durable
 * before its promise resolves. With `leaves` (shared with this process's sequencer), each batch's
 * leaf hashes are left there so that the sequencer need not read the entries back.
 */
export function createPgMessageLog(store: Store, leaves?: LeafCache): MessageLog {
  const sql: SqlClient = store;
  return {
    append: createGroupCommit(store, { leaves }),
    async tail(n) {
      const rows = await sql.query<Row>(
        `SELECT * FROM (SELECT ${COLUMNS}, id AS seq FROM message_log ORDER BY message_log.id DESC LIMIT $1) t ORDER BY seq`,
        [n],
      );
      return rows.map(toEntry);
    },
    async findByCorrelation(correlationId) {
      const rows = await sql.query<Row>(
        `SELECT ${COLUMNS} FROM message_log WHERE correlation_id = $1 ORDER BY message_log.id`,
        [correlationId],
      );
      return rows.map(toEntry);
    },
    async readPayload(id) {
      const rows = await sql.query<{ bytes: Buffer }>(
        'SELECT bytes FROM message_payload WHERE entry_id = $1',
        [id],
      );
      return rows[0] === undefined ? undefined : Buffer.from(rows[0].bytes);
    },
  };
}

interface Row {
  id: string;
  correlation_id: string;
  kind: LogKind;
  logged_at: Date;
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
  verdicts: Record<string, unknown> | null;
}

function toEntry(r: Row): LogEntry {
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
    verdicts: r.verdicts,
  };
}
