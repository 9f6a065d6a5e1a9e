/**
 * The canonical encoding of a log entry: the exact bytes its Merkle leaf hashes
 * (leaf hash = SHA-256(0x00 ‖ bytes), RFC 9162 §2.1.1). UTF-8 JSON of one array, members in this
 * fixed order, no whitespace, objects inside with keys sorted by UTF-16 code units (as RFC 8785),
 * absent values as `null`:
 *
 *   [1, id, correlationId, kind, loggedAt, route, sender, recipient, contentType,
 *    payloadSize, payloadDigest, httpStatus, outcome, errorCode, durationMs, signature, verdicts,
 *    replayId, replayOf]
 *
 * `loggedAt` is the database time in UTC with microseconds (`2026-11-27T14:02:46.338123Z`);
 * `payloadDigest` is base64url(SHA-256(salt ‖ payload)) (the salt is stored, and deleted, with the
 * payload). The leading `1` is the encoding version.
 */
export interface CanonicalEntry {
  readonly id: string;
  readonly correlationId: string;
  readonly kind: string;
  readonly loggedAt: string;
  readonly route: string;
  readonly sender: string | null;
  readonly recipient: string | null;
  readonly contentType: string | null;
  readonly payloadSize: number;
  readonly payloadDigest: string | null;
  readonly httpStatus: number | null;
  readonly outcome: string;
  readonly errorCode: string | null;
  readonly durationMs: number | null;
  readonly signature: string | null;
  readonly verdicts: unknown;
  /** Set on `replay` entries: the replay run and the id of the entry re-run. */
  readonly replayId: string | null;
  readonly replayOf: string | null;
}

export const CANONICAL_VERSION = 1;

/** The bytes a leaf commits to: the UTF-8 encoding of {@link canonicalEntryText}. */
export function encodeCanonicalEntry(e: CanonicalEntry): Buffer {
  return Buffer.from(canonicalEntryText(e), 'utf8');
}

/** The canonical entry as text. */
export function canonicalEntryText(e: CanonicalEntry): string {
  const fields = [
    CANONICAL_VERSION,
    e.id,
    e.correlationId,
    e.kind,
    e.loggedAt,
    e.route,
    e.sender,
    e.recipient,
    e.contentType,
    e.payloadSize,
    e.payloadDigest,
    e.httpStatus,
    e.outcome,
    e.errorCode,
    e.durationMs,
    e.signature,
    e.verdicts ?? null,
    e.replayId,
    e.replayOf,
  ];
  return stringifySorted(fields);
}

/**
 * JSON with object keys sorted (RFC 8785 order for the strings, integers and nesting we use).
 * An array of primitives only (most canonical entries: `verdicts` is absent on all but the
 * closing entry of an exchange) is one native `JSON.stringify`, which writes exactly what the
 * element-by-element path writes; anything holding an object or array goes element by element.
 */
export function stringifySorted(value: unknown): string {
  if (Array.isArray(value)) {
    if (value.every(isPrimitive)) {
      return JSON.stringify(value);
    }
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      out += (i === 0 ? '' : ',') + stringifySorted(value[i]);
    }
    return `${out}]`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const obj = value as Record<string, unknown>;
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stringifySorted(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

function isPrimitive(value: unknown): boolean {
  return value === null || (typeof value !== 'object' && typeof value !== 'function');
}
