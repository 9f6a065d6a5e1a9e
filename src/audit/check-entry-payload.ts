import { createPublicKey, hash, type JsonWebKey, type KeyObject } from 'node:crypto';
import { parseDetached } from '../jose/detached-jws.ts';
import { verifyDetachedJws } from './verify-jws.ts';

/** Public signing keys by `kid`, with their owner, as exported from `GET /audit/keys`. */
export interface KeyBook {
  find(kid: string): { owner: string; key: KeyObject; alg: string } | undefined;
}

export function createKeyBook(doc: unknown): KeyBook {
  const byKid = new Map<string, { owner: string; key: KeyObject; alg: string }>();
  for (const [owner, jwks] of Object.entries(
    (doc ?? {}) as Record<string, { keys?: JsonWebKey[] }>,
  )) {
    for (const jwk of jwks.keys ?? []) {
      const { kid, alg } = jwk as JsonWebKey & { kid?: string; alg?: string };
      if (kid !== undefined && alg !== undefined) {
        byKid.set(kid, { owner, key: createPublicKey({ key: jwk, format: 'jwk' }), alg });
      }
    }
  }
  return { find: (kid) => byKid.get(kid) };
}

/** Positions in the canonical entry array (see `src/log/canonical-entry.ts`). */
const F = { id: 1, sender: 6, payloadDigest: 10, signature: 15 } as const;

/** An exported payload, decoded: `salt ‖ payload` in one buffer (as digested), and the payload. */
export interface SaltedPayload {
  readonly salted: Buffer;
  readonly bytes: Buffer;
}

/** Decodes an export's base64 `salt` and `payload` into one buffer, without a second copy. */
export function decodeSaltedPayload(salt: string, payload: string): SaltedPayload {
  const salted = Buffer.allocUnsafe(
    Buffer.byteLength(salt, 'base64') + Buffer.byteLength(payload, 'base64'),
  );
  const saltLength = salted.write(salt, 0, 'base64');
  const end = saltLength + salted.write(payload, saltLength, 'base64');
  return { salted: salted.subarray(0, end), bytes: salted.subarray(saltLength, end) };
}

/**
 * What an exported payload proves: its salted digest must be the one the leaf committed to, and
 * the entry's JWS must verify over it with a key of the entry's sender. Returns the problems.
 */
export function checkEntryPayload(
  index: number,
  fields: readonly unknown[],
  payload: SaltedPayload,
  keys: KeyBook,
): string[] {
  const where = (): string => `entry ${index} (id ${String(fields[F.id])})`;
  const problems: string[] = [];
  if (hash('sha256', payload.salted, 'base64url') !== fields[F.payloadDigest]) {
    problems.push(`${where()}: its payload does not match the digest in the entry`);
  }
  const signature = fields[F.signature];
  if (typeof signature === 'string') {
    const problem = checkSignature(signature, payload.bytes, String(fields[F.sender]), keys);
    if (problem !== undefined) {
      problems.push(`${where()}: message signature ${problem}`);
    }
  }
  return problems;
}

function checkSignature(
  value: string,
  bytes: Buffer,
  sender: string,
  keys: KeyBook,
): string | undefined {
  const jws = parseDetached(value);
  const kid = jws?.header.kid;
  if (jws === undefined || typeof kid !== 'string') {
    return 'is malformed';
  }
  const found = keys.find(kid);
  if (found === undefined) {
    return `key ${kid} is not in the exported keys`;
  }
  // An entry without a sender is a connection the broker could not identify: the signature is
  // checked for the key's own owner.
  const expected = sender === 'null' ? found.owner : sender;
  if (found.owner !== expected || jws.header.sub !== expected) {
    return `key ${kid} belongs to ${found.owner}, sub is ${String(jws.header.sub)}, the sender is ${sender}`;
  }
  return verifyDetachedJws(jws, bytes, found.key, found.alg)
    ? undefined
    : `by key ${kid} does not verify`;
}
