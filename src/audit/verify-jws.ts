import { constants, createVerify, verify, type KeyObject } from 'node:crypto';
import type { DetachedJws } from '../jose/detached-jws.ts';

/** How each allowed algorithm verifies with node's crypto (RFC 7518 §3.4, §3.5; RFC 8037). */
const SCHEMES: Record<
  string,
  {
    digest: string | null;
    keyType: string[];
    curve?: string;
    options?: object;
    signatureBytes?: number;
  }
> = {
  ES256: {
    digest: 'sha256',
    keyType: ['ec'],
    curve: 'prime256v1',
    options: { dsaEncoding: 'ieee-p1363' },
    signatureBytes: 64,
  },
  EdDSA: { digest: null, keyType: ['ed25519', 'ed448'] },
  PS256: {
    digest: 'sha256',
    keyType: ['rsa', 'rsa-pss'],
    options: { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
  },
};

/**
 * Verifies a detached JWS (RFC 7515, with RFC 7797's `b64: false`) over `payload` for the
 * auditor's offline check: the header's `alg` must be the key's own, `crit` may only name `b64`
 * (and must, when `b64` is false), the signature is checked over `protected '.' payload` (the
 * payload base64url-encoded unless `b64` is false). It verifies synchronously in the calling
 * thread — the verify worker threads, one per core (`entry-line-pool.ts`) — with `createVerify`,
 * fed the signing input in two pieces (no copy of the payload). Against the one-shot
 * `crypto.verify` it measured 8,500–9,700 against 5,000–8,300 ES256 checks/s on one core in
 * earlier sessions, and 107–126 against 111–129 µs a check (the same, within the noise) in
 * session 5 (BENCHMARKS.md). Never throws; `false` for anything that does not verify.
 */
export function verifyDetachedJws(
  jws: DetachedJws,
  payload: Uint8Array,
  key: KeyObject,
  alg: string,
): boolean {
  const scheme = SCHEMES[alg];
  if (scheme === undefined || !headerFits(jws.header, alg) || !keyFits(key, scheme)) {
    return false;
  }
  const signature = Buffer.from(jws.signature, 'base64url');
  if (scheme.signatureBytes !== undefined && signature.length !== scheme.signatureBytes) {
    return false;
  }
  const head = `${jws.protected}.`;
  const body =
    jws.header.b64 === false ? payload : Buffer.from(Buffer.from(payload).toString('base64url'));
  try {
    return scheme.digest === null
      ? verify(null, Buffer.concat([Buffer.from(head, 'latin1'), body]), key, signature)
      : createVerify(scheme.digest)
          .update(head, 'latin1')
          .update(body)
          .verify(scheme.options === undefined ? key : { key, ...scheme.options }, signature);
  } catch {
    return false;
  }
}

/** `alg` as expected; `crit` only `b64`, present when `b64` is false; `b64` a boolean if given. */
function headerFits(header: Record<string, unknown>, alg: string): boolean {
  const crit = header.crit;
  const critOk =
    crit === undefined
      ? header.b64 !== false
      : Array.isArray(crit) && crit.length > 0 && crit.every((c) => c === 'b64') && 'b64' in header;
  return (
    header.alg === alg && critOk && (header.b64 === undefined || typeof header.b64 === 'boolean')
  );
}

function keyFits(key: KeyObject, scheme: { keyType: string[]; curve?: string }): boolean {
  return (
    scheme.keyType.includes(key.asymmetricKeyType ?? '') &&
    (scheme.curve === undefined || key.asymmetricKeyDetails?.namedCurve === scheme.curve)
  );
}
