import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SignatureAlgorithm } from './algorithms.ts';
import { jwkThumbprint } from './jwk-thumbprint.ts';

/** A private signing key with what a JWS header needs about it. */
export interface SigningKey {
  readonly kid: string;
  readonly alg: SignatureAlgorithm;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** The JWS algorithm that goes with a key: P-256 → ES256, Ed25519 → EdDSA, RSA-PSS/RSA → PS256. */
export function algorithmFor(key: KeyObject): SignatureAlgorithm {
  const type = key.asymmetricKeyType;
  if (type === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1') {
    return 'ES256';
  }
  if (type === 'ed25519') {
    return 'EdDSA';
  }
  if (type === 'rsa' || type === 'rsa-pss') {
    return 'PS256';
  }
  throw new Error(`no allowed JWS algorithm for a ${String(type)} key`);
}

/** Reads a PKCS#8 PEM private key file; its `kid` is the RFC 7638 thumbprint of the public key. */
export function loadSigningKey(file: string): SigningKey {
  return signingKeyFromPem(readFileSync(file));
}

/** A signing key from PKCS#8 PEM. */
export function signingKeyFromPem(pem: string | Buffer): SigningKey {
  const privateKey = createPrivateKey(pem);
  const publicKey = createPublicKey(privateKey);
  return {
    kid: jwkThumbprint(publicKey.export({ format: 'jwk' })),
    alg: algorithmFor(privateKey),
    privateKey,
    publicKey,
  };
}
