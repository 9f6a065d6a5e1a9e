import { BrokerError, brokerError } from '../errors/broker-error.ts';
import type { Participant, Registry } from '../registry/participant.ts';
import { isAllowedAlgorithm } from './algorithms.ts';
import { parseDetached, verifyJwsSignature, type DetachedJws } from './detached-jws.ts';
import { keyUnusableReason } from './participant-keys.ts';

/** A signature that passed every check. */
export interface VerifiedSignature {
  readonly value: string;
  readonly kid: string;
  readonly alg: string;
  readonly jti: string;
  readonly iat: number;
}

export interface VerifyExpectation {
  /** The participant the transport identified: the key must be theirs and `sub` their code. */
  readonly sender: Participant;
  /** Who the message is for: `aud` must be this code. */
  readonly audience: string;
  /** Allowed distance between `iat` and now, in seconds. */
  readonly windowSeconds: number;
  readonly nowSeconds: number;
}

/**
 * Checks a detached JWS over the exact message bytes, in this order, each failure with its own
 * code: form and `crit: ["b64"]`, algorithm allowlist, key known, key of the sender, key usable
 * (not revoked, inside nbf/exp), signature, `sub`, `aud`, `iat` window. Replay (`jti`) is checked
 * by the caller against the store.
 */
export async function verifyMessage(
  value: string | undefined,
  payload: Uint8Array,
  registry: Registry,
  expect: VerifyExpectation,
): Promise<VerifiedSignature> {
  if (value === undefined || value.trim() === '') {
    throw new BrokerError('BRK_SIG_MISSING');
  }
  const jws = parseDetached(value);
  if (jws === undefined || !hasUnencodedCrit(jws)) {
    throw brokerError(
      'BRK_SIG_MALFORMED',
      'expected <protected>..<signature> with b64:false and crit ["b64"]',
    );
  }
  const { alg, kid, jti, iat, sub, aud } = jws.header;
  if (!isAllowedAlgorithm(alg)) {
    throw brokerError(
      'BRK_SIG_ALG_REFUSED',
      `alg ${JSON.stringify(alg)} is not one of ES256, EdDSA, PS256`,
    );
  }
  if (typeof kid !== 'string' || typeof jti !== 'string' || jti === '' || typeof iat !== 'number') {
    throw brokerError('BRK_SIG_MALFORMED', 'the protected header needs kid, jti and iat');
  }
  const key = checkKey(kid, registry, expect);
  if (key.alg !== alg) {
    throw brokerError(
      'BRK_SIG_ALG_REFUSED',
      `key ${kid} is registered for ${key.alg}, the header says ${alg}`,
    );
  }
  if (!(await verifyJwsSignature(jws, payload, key.publicKey, [alg]))) {
    throw brokerError(
      'BRK_SIG_INVALID',
      `signature by key ${kid} does not verify over the ${payload.length} bytes received`,
    );
  }
  checkClaims({ sub, aud, iat }, expect);
  return { value, kid, alg, jti, iat };
}

function hasUnencodedCrit(jws: DetachedJws): boolean {
  const crit = jws.header.crit;
  return jws.header.b64 === false && Array.isArray(crit) && crit.includes('b64');
}

function checkKey(kid: string, registry: Registry, expect: VerifyExpectation) {
  const found = registry.findKey(kid);
  if (found === undefined) {
    throw brokerError('BRK_SIG_KEY_UNKNOWN', `no registered key has kid ${kid}`);
  }
  if (found.owner.code !== expect.sender.code) {
    throw brokerError(
      'BRK_SIG_KEY_FOREIGN',
      `key ${kid} belongs to ${found.owner.code}, the connection is ${expect.sender.code}`,
    );
  }
  const unusable = keyUnusableReason(found.key, expect.nowSeconds);
  if (unusable !== undefined) {
    throw brokerError('BRK_SIG_KEY_REVOKED', unusable);
  }
  return found.key;
}

function checkClaims(
  claims: { sub: unknown; aud: unknown; iat: number },
  expect: VerifyExpectation,
): void {
  if (claims.sub !== expect.sender.code) {
    throw brokerError(
      'BRK_SIG_WRONG_SENDER',
      `sub is ${JSON.stringify(claims.sub)}, expected ${expect.sender.code}`,
    );
  }
  if (claims.aud !== expect.audience) {
    throw brokerError(
      'BRK_SIG_WRONG_AUDIENCE',
      `aud is ${JSON.stringify(claims.aud)}, expected ${expect.audience}`,
    );
  }
  if (Math.abs(expect.nowSeconds - claims.iat) > expect.windowSeconds) {
    throw brokerError(
      'BRK_SIG_STALE',
      `iat ${claims.iat} is more than ${expect.windowSeconds} s from now (${expect.nowSeconds})`,
    );
  }
}
