/**
 * The two hash functions of an RFC 9162 Merkle tree (§2.1.1), SHA-256 with one domain-separation
 * byte: `0x00` before a leaf, `0x01` before two child hashes. A leaf can therefore never be
 * mistaken for an interior node (the second-preimage attack RFC 9162 §2.1.1 guards against).
 *
 * Every hash is a plain 32-byte `Uint8Array` (a view on the digest, never a `Buffer`), so
 * values compare equal whatever produced them.
 * @module
 */
import { hash } from 'node:crypto';

/** Length in bytes of every hash in the tree (SHA-256). */
export const HASH_SIZE = 32;

const LEAF_PREFIX = Uint8Array.of(0x00);
const NODE_PREFIX = 0x01;

/** SHA-256 of `input` as a plain `Uint8Array` view (no copy). */
function sha256(input: Uint8Array): Uint8Array {
  const digest = hash('sha256', input, 'buffer');
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.length);
}

/** Reused input for {@link hashChildren}: safe because `crypto.hash` is synchronous. */
const childrenInput = new Uint8Array(1 + 2 * HASH_SIZE);
childrenInput[0] = NODE_PREFIX;

/**
 * Leaf hash of an entry: `SHA-256(0x00 ‖ bytes)` (RFC 9162 §2.1.1, `MTH({d(0)})`).
 *
 * @param bytes - the canonical entry, exactly as committed to the log.
 * @returns the 32-byte leaf hash.
 */
export function hashLeaf(bytes: Uint8Array): Uint8Array {
  return sha256(Buffer.concat([LEAF_PREFIX, bytes]));
}

/**
 * Leaf hash of an entry given as text: `SHA-256(0x00 ‖ UTF-8(text))`, the same as
 * {@link hashLeaf} of the text's UTF-8 bytes, without building them first.
 *
 * @param text - the canonical entry as text (well-formed: a lone surrogate would be hashed as
 *   U+FFFD, as `Buffer.from` would encode it).
 */
export function hashLeafText(text: string): Uint8Array {
  const digest = hash('sha256', `\u0000${text}`, 'buffer');
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.length);
}

/**
 * {@link hashLeafText} as standard base64, the form of an export's `leafHash`: `audit verify`
 * compares the two as strings (a digest as a `Buffer` cost ≈1–2 µs more per entry here).
 */
export function hashLeafTextBase64(text: string): string {
  return hash('sha256', `\u0000${text}`, 'base64');
}

/**
 * Interior node hash: `SHA-256(0x01 ‖ left ‖ right)` (RFC 9162 §2.1.1).
 *
 * @param left - hash of the left subtree (32 bytes).
 * @param right - hash of the right subtree (32 bytes).
 * @returns the 32-byte hash of the node.
 * @throws RangeError when either input is not 32 bytes long.
 */
export function hashChildren(left: Uint8Array, right: Uint8Array): Uint8Array {
  assertHashSize(left, 'left');
  assertHashSize(right, 'right');
  childrenInput.set(left, 1);
  childrenInput.set(right, 1 + HASH_SIZE);
  return sha256(childrenInput);
}

/**
 * Root hash of the empty tree: SHA-256 of the empty string (RFC 9162 §2.1.1, `MTH({})`),
 * `e3b0c442…7852b855`.
 */
export function emptyRoot(): Uint8Array {
  return sha256(new Uint8Array(0));
}

/**
 * Whether a value has the shape of a tree hash (a `Uint8Array` of {@link HASH_SIZE} bytes).
 * Used by the verifiers of RFC 9162 §2.1.3.2 and §2.1.4.2, which must fail (not throw) on
 * malformed input.
 */
export function isHash(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array && value.length === HASH_SIZE;
}

/**
 * Byte-for-byte equality of two hashes (or any two byte strings). Roots and hashes compared
 * here are public values, so a constant-time comparison is not needed.
 */
export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) {
    return false;
  }
  for (let i = 0; i < a.length; i++) {
    if (a[i] !== b[i]) {
      return false;
    }
  }
  return true;
}

/** Throws a `RangeError` naming `what` unless `value` is a 32-byte hash. */
export function assertHashSize(value: Uint8Array, what: string): void {
  if (value.length !== HASH_SIZE) {
    throw new RangeError(`${what} must be a ${HASH_SIZE}-byte hash, got ${value.length} bytes`);
  }
}
