import { createHash, createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
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

/**
 * What an exported payload proves: its salted digest must be the one the leaf committed to, and
 * the entry's JWS must verify over it with a key of the entry's sender. Returns the problems.
 */
export async function checkEntryPayload(
  index: number,
  fields: readonly unknown[],
  payload: { bytes: Buffer; salt: Buffer },
  keys: KeyBook,
): Promise<string[]> {
  const where = `entry ${index} (id ${String(fields[F.id])})`;
  const problems: string[] = [];
  const digest = createHash('sha256')
    .update(payload.salt)
    .update(payload.bytes)
    .digest('base64url');
  if (digest !== fields[F.payloadDigest]) {
    problems.push(`${where}: its payload does not match the digest in the entry`);
  }
  const signature = fields[F.signature];
  if (typeof signature === 'string') {
    const problem = await checkSignature(signature, payload.bytes, String(fields[F.sender]), keys);
    if (problem !== undefined) {
      problems.push(`${where}: message signature ${problem}`);
    }
  }
  return problems;
}

async function checkSignature(
  value: string,
  bytes: Buffer,
  sender: string,
  keys: KeyBook,
): Promise<string | undefined> {
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
  return (await verifyDetachedJws(jws, bytes, found.key, found.alg))
    ? undefined
    : `by key ${kid} does not verify`;
}
