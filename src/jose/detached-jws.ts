import { flattenedVerify, FlattenedSign, type JWSHeaderParameters } from 'jose';
import type { SigningKey } from './signing-key.ts';

/** The protected header the broker signs and expects (RFC 7515, RFC 7797). */
export interface MessageHeader extends JWSHeaderParameters {
  readonly alg: string;
  readonly kid: string;
  readonly iat: number;
  /** The message id; unique per sender within the replay window. */
  readonly jti: string;
  /** Sender's participant code. */
  readonly sub: string;
  /** Recipient's participant code. */
  readonly aud: string;
  readonly b64: false;
  readonly crit: ['b64'];
}

/** A detached JWS split into its two base64url parts (`<protected>..<signature>`). */
export interface DetachedJws {
  readonly protected: string;
  readonly signature: string;
  readonly header: Record<string, unknown>;
}

/**
 * Signs `payload` as a detached JWS with unencoded payload (RFC 7515 Appendix F, RFC 7797):
 * the value for an `x-jws-signature` header, `<protected>..<signature>`.
 */
export async function signDetached(
  payload: Uint8Array,
  key: SigningKey,
  claims: { jti: string; sub: string; aud: string; iat?: number; extra?: Record<string, unknown> },
): Promise<string> {
  const header = {
    ...claims.extra,
    alg: key.alg,
    kid: key.kid,
    iat: claims.iat ?? Math.floor(Date.now() / 1000),
    jti: claims.jti,
    sub: claims.sub,
    aud: claims.aud,
    b64: false,
    crit: ['b64'],
  };
  const jws = await new FlattenedSign(payload).setProtectedHeader(header).sign(key.privateKey);
  return `${jws.protected ?? ''}..${jws.signature}`;
}

/**
 * Splits a detached compact JWS (`<protected>..<signature>`, surrounding whitespace ignored);
 * `undefined` when it is not of that form or its header is not a JSON object. Found with
 * `indexOf` rather than `split`: `audit verify` parses one per exported payload.
 */
export function parseDetached(value: string): DetachedJws | undefined {
  const jws = value.trim();
  const dot = jws.indexOf('.');
  const DOT = 0x2e;
  if (dot <= 0 || jws.charCodeAt(dot + 1) !== DOT || dot + 2 >= jws.length) {
    return undefined;
  }
  if (jws.indexOf('.', dot + 2) !== -1) {
    return undefined;
  }
  const protectedPart = jws.slice(0, dot);
  try {
    const header = JSON.parse(Buffer.from(protectedPart, 'base64url').toString('utf8')) as unknown;
    if (header === null || typeof header !== 'object' || Array.isArray(header)) {
      return undefined;
    }
    return {
      protected: protectedPart,
      signature: jws.slice(dot + 2),
      header: header as Record<string, unknown>,
    };
  } catch {
    return undefined;
  }
}

/**
 * Verifies a JWS signature over the payload bytes with one key and an algorithm allowlist.
 * Honors RFC 7797: with `b64: false` the payload is signed as is, otherwise base64url-encoded.
 * Resolves `true` or `false`; never throws for a bad signature.
 */
export async function verifyJwsSignature(
  jws: { protected: string; signature: string; header: Record<string, unknown> },
  payload: Uint8Array,
  key: Parameters<typeof flattenedVerify>[1],
  algorithms: readonly string[],
): Promise<boolean> {
  const unencoded = jws.header.b64 === false;
  try {
    await flattenedVerify(
      {
        protected: jws.protected,
        signature: jws.signature,
        payload: unencoded ? payload : Buffer.from(payload).toString('base64url'),
      },
      key,
      { algorithms: [...algorithms] },
    );
    return true;
  } catch {
    return false;
  }
}
