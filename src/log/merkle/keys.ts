/**
 * Ed25519 keys as the raw bytes of RFC 8032 §5.1.5 (32-byte public key, 32-byte private seed),
 * converted to and from node:crypto `KeyObject`s. Signed notes (c2sp.org/signed-note) hash
 * and publish the raw public key, never its DER form.
 * @module
 */
import { createPrivateKey, createPublicKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';

/** Length of a raw Ed25519 public key and of a private seed (RFC 8032 §5.1.5). */
export const ED25519_KEY_SIZE = 32;

/** DER SubjectPublicKeyInfo header for Ed25519 (RFC 8410 §4); the raw key follows. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
/** DER PKCS #8 header for an Ed25519 seed (RFC 8410 §7); the 32-byte seed follows. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

function assertEd25519(key: KeyObject): void {
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new TypeError(`expected an Ed25519 key, got ${key.asymmetricKeyType ?? key.type}`);
  }
}

/**
 * The raw 32-byte public key (RFC 8032 §5.1.5) of an Ed25519 key: the last 32 bytes of its
 * SPKI DER encoding.
 *
 * @param key - an Ed25519 public or private `KeyObject`.
 */
export function exportRawPublicKey(key: KeyObject): Uint8Array {
  assertEd25519(key);
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return new Uint8Array(der.subarray(der.length - ED25519_KEY_SIZE));
}

/**
 * An Ed25519 public `KeyObject` from its raw 32 bytes (RFC 8032 §5.1.5).
 *
 * @param raw - the 32-byte public key.
 * @throws RangeError when `raw` is not 32 bytes.
 */
export function importRawPublicKey(raw: Uint8Array): KeyObject {
  if (raw.length !== ED25519_KEY_SIZE) {
    throw new RangeError(`an Ed25519 public key is ${ED25519_KEY_SIZE} bytes, got ${raw.length}`);
  }
  return createPublicKey({
    key: Buffer.concat([SPKI_PREFIX, raw]),
    format: 'der',
    type: 'spki',
  });
}

/**
 * An Ed25519 private `KeyObject` from its 32-byte seed (RFC 8032 §5.1.5), e.g. a log key kept
 * as raw bytes in a secret store.
 *
 * @param seed - the 32-byte private seed.
 * @throws RangeError when `seed` is not 32 bytes.
 */
export function importPrivateKeySeed(seed: Uint8Array): KeyObject {
  if (seed.length !== ED25519_KEY_SIZE) {
    throw new RangeError(`an Ed25519 seed is ${ED25519_KEY_SIZE} bytes, got ${seed.length}`);
  }
  return createPrivateKey({
    key: Buffer.concat([PKCS8_PREFIX, seed]),
    format: 'der',
    type: 'pkcs8',
  });
}
