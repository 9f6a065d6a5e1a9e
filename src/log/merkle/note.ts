/**
 * Signed notes (https://c2sp.org/signed-note) with Ed25519 signatures: a text ending in a
 * newline, a blank line, then one line per signature `— <key name> <base64(key ID ‖ sig)>`.
 * Only what a checkpoint needs: one signature type (0x01, Ed25519).
 * @module
 */
import { createHash, sign, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { exportRawPublicKey, importRawPublicKey } from './keys.ts';

/** Signature type identifier byte of Ed25519 in c2sp.org/signed-note ("Signature types"). */
export const ED25519_SIGNATURE_TYPE = 0x01;
/** Most signature lines accepted in one note (the spec asks verifiers to accept at least 16). */
export const MAX_SIGNATURES = 100;

const EM_DASH_PREFIX = '\u2014 ';
const ED25519_SIGNATURE_SIZE = 64;
const LONE_SURROGATE = /\p{Cs}/u;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** One signature line of a note, decoded but not verified. */
export interface NoteSignature {
  readonly keyName: string;
  /** uint32 key ID, the first four signature bytes read big-endian. */
  readonly keyId: number;
  /** The signature proper (for Ed25519, 64 bytes). */
  readonly signature: Uint8Array;
}

/**
 * Whether a text breaks c2sp.org/signed-note ("Format"): an ASCII control character other than
 * newline (below U+0020), or a lone UTF-16 surrogate (which has no UTF-8 encoding).
 */
export function hasForbiddenCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) {
      return true;
    }
  }
  return LONE_SURROGATE.test(text);
}

/** A note split into its text (with final newline) and its signature lines. */
export interface ParsedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/**
 * Whether a key name is allowed by c2sp.org/signed-note ("Format"): non-empty, with no
 * Unicode space and no `+`, and no control character.
 */
export function isValidKeyName(keyName: string): boolean {
  return keyName.length > 0 && !/[\s+]/u.test(keyName) && !hasForbiddenCharacter(keyName);
}

function assertKeyName(keyName: string): void {
  if (!isValidKeyName(keyName)) {
    throw new TypeError('a key name must be non-empty, without spaces or "+"');
  }
}

/**
 * Ed25519 key ID of c2sp.org/signed-note ("Ed25519 signatures"): the first four bytes, read
 * big-endian, of `SHA-256(key name ‖ 0x0A ‖ 0x01 ‖ 32-byte public key)`.
 *
 * @param keyName - the key name, hashed as UTF-8.
 * @param rawPublicKey - the 32-byte Ed25519 public key.
 */
export function computeKeyId(keyName: string, rawPublicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(keyName, 'utf8')
    .update(Uint8Array.of(0x0a, ED25519_SIGNATURE_TYPE))
    .update(rawPublicKey)
    .digest();
  return digest.readUInt32BE(0);
}

/** A key ID as the 8 lowercase hex digits used in verifier keys. */
export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** Strict standard base64 (RFC 4648 §4): padded, canonical, nothing else. */
export function decodeBase64Strict(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) {
    return undefined;
  }
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? new Uint8Array(bytes) : undefined;
}

/**
 * Signs a note text (c2sp.org/signed-note "Format") with one Ed25519 key.
 *
 * @param text - the note text: non-empty, ending in a newline, no control characters.
 * @param privateKey - Ed25519 private key.
 * @param keyName - the signer's key name.
 * @returns the note: text, a blank line, and one signature line.
 */
export function signNote(text: string, privateKey: KeyObject, keyName: string): string {
  assertKeyName(keyName);
  if (!text.endsWith('\n') || hasForbiddenCharacter(text)) {
    throw new TypeError('a note text must end in a newline and hold no control characters');
  }
  const keyId = Buffer.alloc(4);
  keyId.writeUInt32BE(computeKeyId(keyName, exportRawPublicKey(privateKey)));
  const signature = sign(null, Buffer.from(text, 'utf8'), privateKey);
  const encoded = Buffer.concat([keyId, signature]).toString('base64');
  return `${text}\n${EM_DASH_PREFIX}${keyName} ${encoded}\n`;
}

function parseSignatureLine(line: string): NoteSignature | undefined {
  if (!line.startsWith(EM_DASH_PREFIX)) {
    return undefined;
  }
  const [keyName, encoded, ...extra] = line.slice(EM_DASH_PREFIX.length).split(' ');
  if (keyName === undefined || encoded === undefined || extra.length > 0) {
    return undefined;
  }
  const bytes = decodeBase64Strict(encoded);
  if (!isValidKeyName(keyName) || bytes === undefined || bytes.length < 5) {
    return undefined;
  }
  const keyId = Buffer.from(bytes.subarray(0, 4)).readUInt32BE(0);
  return { keyName, keyId, signature: bytes.subarray(4) };
}

/**
 * Splits a signed note into its text and signature lines (c2sp.org/signed-note "Format"),
 * without verifying anything: the text must be ignored until {@link verifyNote} accepts it.
 *
 * @param note - the whole note.
 * @returns the parts, or `undefined` when the note is malformed.
 */
export function parseNote(note: string): ParsedNote | undefined {
  if (hasForbiddenCharacter(note)) {
    return undefined;
  }
  const split = note.lastIndexOf('\n\n');
  const block = split < 0 ? '' : note.slice(split + 2);
  if (block === '' || !block.endsWith('\n')) {
    return undefined;
  }
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) {
    return undefined;
  }
  const signatures: NoteSignature[] = [];
  for (const line of lines) {
    const signature = parseSignatureLine(line);
    if (signature === undefined) {
      return undefined;
    }
    signatures.push(signature);
  }
  return { text: note.slice(0, split + 1), signatures };
}

/** Why a note was not accepted. */
export type NoteFailureCode = 'malformed-note' | 'unknown-key' | 'invalid-signature';

/** Outcome of {@link verifyNote}. */
export type VerifyNoteResult =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: NoteFailureCode; readonly message: string };

/**
 * Verifies a note against one trusted Ed25519 key, per c2sp.org/signed-note ("Signatures"):
 * lines from other keys (another name or another key ID) are ignored; every line from this key
 * must verify; at least one must be present.
 *
 * @param note - the whole signed note.
 * @param publicKey - the trusted Ed25519 public key.
 * @param keyName - the name that key signs under.
 */
export function verifyNote(note: string, publicKey: KeyObject, keyName: string): VerifyNoteResult {
  const parsed = parseNote(note);
  if (parsed === undefined) {
    return { ok: false, code: 'malformed-note', message: 'not a signed note' };
  }
  const keyId = computeKeyId(keyName, exportRawPublicKey(publicKey));
  const ours = parsed.signatures.filter((s) => s.keyName === keyName && s.keyId === keyId);
  const keyLabel = `${keyName}+${formatKeyId(keyId)}`;
  if (ours.length === 0) {
    return { ok: false, code: 'unknown-key', message: `no signature by ${keyLabel}` };
  }
  const message = Buffer.from(parsed.text, 'utf8');
  for (const { signature } of ours) {
    const good =
      signature.length === ED25519_SIGNATURE_SIZE && verify(null, message, publicKey, signature);
    if (!good) {
      return { ok: false, code: 'invalid-signature', message: `bad signature by ${keyLabel}` };
    }
  }
  return { ok: true, text: parsed.text };
}

/**
 * Encodes a verifier key, the published form of a note key (as golang.org/x/mod/sumdb/note and
 * c2sp.org/signed-note users do): `<name>+<hex key ID>+<base64(0x01 ‖ 32-byte public key)>`.
 *
 * @param keyName - the key name.
 * @param publicKey - Ed25519 public (or private) key.
 */
export function encodeVerifierKey(keyName: string, publicKey: KeyObject): string {
  assertKeyName(keyName);
  const raw = exportRawPublicKey(publicKey);
  const material = Buffer.concat([Uint8Array.of(ED25519_SIGNATURE_TYPE), raw]);
  return `${keyName}+${formatKeyId(computeKeyId(keyName, raw))}+${material.toString('base64')}`;
}

/** A decoded verifier key. */
export interface VerifierKey {
  readonly keyName: string;
  readonly keyId: number;
  readonly publicKey: KeyObject;
}

/**
 * Decodes a verifier key written by {@link encodeVerifierKey}, checking the algorithm byte,
 * the key length and that the key ID matches the name and key.
 *
 * @returns the key, or `undefined` when the text is not a valid Ed25519 verifier key.
 */
export function parseVerifierKey(vkey: string): VerifierKey | undefined {
  // Split on the first two "+" only: the base64 part may itself contain "+".
  const [keyName = '', hexId = ''] = vkey.split('+', 2);
  const encoded = vkey.slice(keyName.length + hexId.length + 2);
  const material = decodeBase64Strict(encoded);
  if (!isValidKeyName(keyName) || !/^[0-9a-f]{8}$/.test(hexId) || material?.length !== 33) {
    return undefined;
  }
  const raw = material.subarray(1);
  const keyId = computeKeyId(keyName, raw);
  if (material[0] !== ED25519_SIGNATURE_TYPE || formatKeyId(keyId) !== hexId) {
    return undefined;
  }
  return { keyName, keyId, publicKey: importRawPublicKey(raw) };
}
