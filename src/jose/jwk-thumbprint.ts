import { createHash } from 'node:crypto';
import type { JsonWebKey } from 'node:crypto';

/** The members RFC 7638 §3.2 hashes, per key type, in lexicographic order. */
const REQUIRED: Record<string, readonly (keyof JsonWebKey)[]> = {
  EC: ['crv', 'kty', 'x', 'y'],
  OKP: ['crv', 'kty', 'x'],
  RSA: ['e', 'kty', 'n'],
};

/**
 * RFC 7638 JWK thumbprint (SHA-256, base64url): the `kid` of every signing key in the registry.
 * Synchronous, so registry loading stays synchronous.
 */
export function jwkThumbprint(jwk: JsonWebKey): string {
  const members = REQUIRED[jwk.kty ?? ''];
  if (members === undefined) {
    throw new Error(`unsupported key type ${String(jwk.kty)}`);
  }
  const canonical = `{${members.map((m) => `"${m}":${JSON.stringify(String(jwk[m]))}`).join(',')}}`;
  return createHash('sha256').update(canonical).digest('base64url');
}
