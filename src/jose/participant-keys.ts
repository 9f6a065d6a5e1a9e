import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import { isAllowedAlgorithm, type SignatureAlgorithm } from './algorithms.ts';
import { jwkThumbprint } from './jwk-thumbprint.ts';

/**
 * One public signing key of a participant, from its JWKS. Besides the standard JWK members the
 * registry uses `nbf` and `exp` (seconds since the epoch) for rotation, and `revoked: true`.
 */
export interface ParticipantKey {
  readonly kid: string;
  readonly alg: SignatureAlgorithm;
  readonly jwk: JsonWebKey;
  readonly publicKey: KeyObject;
  readonly nbf: number | undefined;
  readonly exp: number | undefined;
  readonly revoked: boolean;
}

/** Why a key may not be used at `nowSeconds`, or `undefined` when it may. */
export function keyUnusableReason(key: ParticipantKey, nowSeconds: number): string | undefined {
  if (key.revoked) {
    return `key ${key.kid} is revoked`;
  }
  if (key.nbf !== undefined && nowSeconds < key.nbf) {
    return `key ${key.kid} is not valid before ${new Date(key.nbf * 1000).toISOString()}`;
  }
  if (key.exp !== undefined && nowSeconds >= key.exp) {
    return `key ${key.kid} expired at ${new Date(key.exp * 1000).toISOString()}`;
  }
  return undefined;
}

/** Reads a JWKS (`{keys: [...]}`), collecting problems as `<at>.keys[i]...: message`. */
export function readJwks(doc: unknown, at: string, problems: string[]): ParticipantKey[] {
  const keys = (doc as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys)) {
    problems.push(`${at}.keys: must be an array of JWKs`);
    return [];
  }
  return keys.flatMap((raw: Record<string, unknown>, i) => {
    const where = `${at}.keys[${i}]`;
    try {
      return [readKey(raw, where, problems)].filter((k): k is ParticipantKey => k !== undefined);
    } catch (err) {
      problems.push(`${where}: not a usable public key (${(err as Error).message})`);
      return [];
    }
  });
}

function readKey(
  raw: Record<string, unknown>,
  at: string,
  problems: string[],
): ParticipantKey | undefined {
  if ('d' in raw) {
    problems.push(`${at}: contains private key material ("d"); publish public keys only`);
    return undefined;
  }
  const jwk = raw as JsonWebKey;
  const kid = jwkThumbprint(jwk);
  if (raw.kid !== kid) {
    problems.push(`${at}.kid: must be the RFC 7638 thumbprint ${kid}`);
  }
  if (!isAllowedAlgorithm(raw.alg)) {
    problems.push(`${at}.alg: must be one of ES256, EdDSA, PS256`);
    return undefined;
  }
  const time = (v: unknown, name: string): number | undefined => {
    if (v !== undefined && typeof v !== 'number') {
      problems.push(`${at}.${name}: must be seconds since the epoch`);
    }
    return typeof v === 'number' ? v : undefined;
  };
  return {
    kid,
    alg: raw.alg,
    jwk: publicMembers(jwk),
    publicKey: createPublicKey({ key: jwk, format: 'jwk' }),
    nbf: time(raw.nbf, 'nbf'),
    exp: time(raw.exp, 'exp'),
    revoked: raw.revoked === true,
  };
}

function publicMembers(jwk: JsonWebKey): JsonWebKey {
  const { kty, crv, x, y, n, e, kid, alg } = jwk as JsonWebKey & { kid?: string; alg?: string };
  return Object.fromEntries(
    Object.entries({ kty, crv, x, y, n, e, kid, alg, use: 'sig' }).filter(
      ([, v]) => v !== undefined,
    ),
  );
}
