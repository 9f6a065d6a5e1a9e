/**
 * Checkpoints (https://c2sp.org/tlog-checkpoint): the log's signed tree head as a signed note
 * (https://c2sp.org/signed-note). The note text is exactly
 *
 * ```text
 * <origin>\n
 * <tree size, decimal, no leading zeros>\n
 * <base64 of the 32-byte RFC 9162 root hash>\n
 * timestamp <unix time in milliseconds, decimal, no leading zeros>\n
 * ```
 *
 * The fourth line is a tlog-checkpoint extension line carrying the signing time (RFC 9162
 * §4.9–4.10 put a timestamp in every signed tree head; tlog-checkpoint has no field for it).
 * @module
 */
import type { KeyObject } from 'node:crypto';
import { HASH_SIZE } from './hash.ts';
import type { NoteFailureCode, NoteSignature } from './note.ts';
import {
  decodeBase64Strict,
  hasForbiddenCharacter,
  parseNote,
  signNote,
  verifyNote,
} from './note.ts';

/** A tree head: what a checkpoint commits to. */
export interface Checkpoint {
  /** Unique identity of the log; conventionally a schema-less URL, e.g. `siteds.pe/log/2026`. */
  readonly origin: string;
  /** Number of leaves in the tree. */
  readonly size: number;
  /** RFC 9162 §2.1.1 root hash of the first `size` leaves (32 bytes). */
  readonly rootHash: Uint8Array;
  /** When the log signed this head, in Unix milliseconds. */
  readonly timestamp: number;
}

/** Why a checkpoint was not accepted. */
export type CheckpointFailureCode = NoteFailureCode | 'malformed-checkpoint';

/** A rejected checkpoint: a stable code and an English explanation. */
export interface CheckpointFailure {
  readonly ok: false;
  readonly code: CheckpointFailureCode;
  readonly message: string;
}

/** Outcome of {@link verifyCheckpoint}. */
export type VerifyCheckpointResult =
  { readonly ok: true; readonly checkpoint: Checkpoint } | CheckpointFailure;

/** Outcome of {@link parseCheckpoint}: the fields and signatures, none of them verified. */
export type ParseCheckpointResult =
  | {
      readonly ok: true;
      readonly checkpoint: Checkpoint;
      readonly signatures: readonly NoteSignature[];
    }
  | CheckpointFailure;

const TIMESTAMP_PREFIX = 'timestamp ';
const DECIMAL = /^(?:0|[1-9][0-9]*)$/;

function parseDecimal(text: string): number | undefined {
  const value = Number(text);
  return DECIMAL.test(text) && Number.isSafeInteger(value) ? value : undefined;
}

function isValidOrigin(origin: string): boolean {
  return origin.length > 0 && !origin.includes('\n') && !hasForbiddenCharacter(origin);
}

/**
 * The note text of a checkpoint (c2sp.org/tlog-checkpoint "Note text", plus the timestamp
 * extension line), exactly the bytes that are signed.
 *
 * @param checkpoint - the tree head.
 * @throws TypeError when a field cannot be encoded (empty origin, bad size, hash or time).
 */
export function formatCheckpointBody(checkpoint: Checkpoint): string {
  const { origin, size, rootHash, timestamp } = checkpoint;
  if (!isValidOrigin(origin)) {
    throw new TypeError('origin must be non-empty with no newline or control character');
  }
  if (!Number.isSafeInteger(size) || size < 0) {
    throw new TypeError('size must be a non-negative safe integer');
  }
  if (rootHash.length !== HASH_SIZE) {
    throw new TypeError(`root hash must be ${HASH_SIZE} bytes`);
  }
  if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
    throw new TypeError('timestamp must be non-negative safe-integer Unix milliseconds');
  }
  const root = Buffer.from(rootHash).toString('base64');
  return `${origin}\n${size}\n${root}\n${TIMESTAMP_PREFIX}${timestamp}\n`;
}

/**
 * Reads a checkpoint note text (the four lines of {@link formatCheckpointBody}, nothing more).
 *
 * @returns the fields, or `undefined` when the text is not exactly that format.
 */
export function parseCheckpointBody(text: string): Checkpoint | undefined {
  const [origin, sizeLine, rootLine, timeLine, end, ...extra] = text.split('\n');
  if (end !== '' || extra.length > 0 || origin === undefined || !isValidOrigin(origin)) {
    return undefined;
  }
  const size = parseDecimal(sizeLine ?? '');
  const rootHash = decodeBase64Strict(rootLine ?? '');
  const timestamp = timeLine?.startsWith(TIMESTAMP_PREFIX)
    ? parseDecimal(timeLine.slice(TIMESTAMP_PREFIX.length))
    : undefined;
  if (size === undefined || timestamp === undefined || rootHash?.length !== HASH_SIZE) {
    return undefined;
  }
  return { origin, size, rootHash, timestamp };
}

/**
 * Signs a checkpoint with the log's Ed25519 key (c2sp.org/tlog-checkpoint "Signatures").
 *
 * @param checkpoint - origin, size, root hash and time of the tree head.
 * @param privateKey - the log's Ed25519 private key.
 * @param keyName - the key name; tlog-checkpoint says it SHOULD equal the origin.
 * @returns the signed note, ready to publish.
 */
export function signCheckpoint(
  checkpoint: Checkpoint,
  privateKey: KeyObject,
  keyName: string,
): string {
  return signNote(formatCheckpointBody(checkpoint), privateKey, keyName);
}

function malformedCheckpoint(): CheckpointFailure {
  return {
    ok: false,
    code: 'malformed-checkpoint',
    message: 'note text is not origin, size, root hash and timestamp lines',
  };
}

/**
 * Parses a signed checkpoint without checking any signature, e.g. to see which keys signed it.
 * Never trust the fields before {@link verifyCheckpoint} accepts the note.
 *
 * @param note - the signed checkpoint note.
 */
export function parseCheckpoint(note: string): ParseCheckpointResult {
  const parsed = parseNote(note);
  if (parsed === undefined) {
    return { ok: false, code: 'malformed-note', message: 'not a signed note' };
  }
  const checkpoint = parseCheckpointBody(parsed.text);
  if (checkpoint === undefined) {
    return malformedCheckpoint();
  }
  return { ok: true, checkpoint, signatures: parsed.signatures };
}

/**
 * Verifies a signed checkpoint against the log's public key (c2sp.org/signed-note
 * "Signatures"), then reads its fields (c2sp.org/tlog-checkpoint). Signatures by other keys
 * (witnesses, rotated keys) are ignored. The caller still checks that `origin` is the log it
 * expects and that the new head is consistent with the last one it trusted.
 *
 * @param note - the signed checkpoint note.
 * @param publicKey - the log's Ed25519 public key.
 * @param keyName - the log's key name.
 */
export function verifyCheckpoint(
  note: string,
  publicKey: KeyObject,
  keyName: string,
): VerifyCheckpointResult {
  const verified = verifyNote(note, publicKey, keyName);
  if (!verified.ok) {
    return verified;
  }
  const checkpoint = parseCheckpointBody(verified.text);
  return checkpoint === undefined ? malformedCheckpoint() : { ok: true, checkpoint };
}
