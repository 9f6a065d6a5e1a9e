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
 * payload base64url-encoded unless `b64` is false). It verifies in the calling thread — the
 * verify worker threads, one per core (`entry-line-pool.ts`) — with `createVerify`, which on this
 * project's machine checked 9,700 ES256 signatures/s on one core where the one-shot
 * `crypto.verify` checked 5,000–6,800. Never throws; resolves `false` for anything that does not
 * verify.
 */
export function verifyDetachedJws(
  jws: DetachedJws,
  payload: Uint8Array,
  key: KeyObject,
  alg: string,
): Promise<boolean> {
  const scheme = SCHEMES[alg];
  const { header } = jws;
  const crit = header.crit;
  const unencoded = header.b64 === false;
  const critOk =
    crit === undefined
      ? !unencoded
      : Array.isArray(crit) && crit.length > 0 && crit.every((c) => c === 'b64') && 'b64' in header;
  if (
    scheme === undefined ||
    header.alg !== alg ||
    !critOk ||
    (header.b64 !== undefined && typeof header.b64 !== 'boolean') ||
    !scheme.keyType.includes(key.asymmetricKeyType ?? '') ||
    (scheme.curve !== undefined && key.asymmetricKeyDetails?.namedCurve !== scheme.curve)
  ) {
    return Promise.resolve(false);
  }
  const signature = Buffer.from(jws.signature, 'base64url');
  if (scheme.signatureBytes !== undefined && signature.length !== scheme.signatureBytes) {
    return Promise.resolve(false);
  }
  const input = Buffer.concat([
    Buffer.from(`${jws.protected}.`, 'ascii'),
    unencoded ? payload : Buffer.from(Buffer.from(payload).toString('base64url'), 'ascii'),
  ]);
  try {
    return Promise.resolve(
      scheme.digest === null
        ? verify(null, input, key, signature)
        : createVerify(scheme.digest)
            .update(input)
            .verify({ key, ...scheme.options }, signature),
    );
  } catch {
    return Promise.resolve(false);
  }
}
