import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verifyDetachedJws } from '../../../src/audit/verify-jws.ts';
import { parseDetached, signDetached, verifyJwsSignature } from '../../../src/jose/detached-jws.ts';
import { signingKeyFromPem } from '../../../src/jose/signing-key.ts';

const payload = Buffer.from('{"resourceType":"CoverageEligibilityRequest","id":"ñ"}');

function keyPair(type: 'ec' | 'ed25519' | 'rsa'): {
  privateKey: KeyObject;
  publicKey: KeyObject;
} {
  if (type === 'ec') {
    return generateKeyPairSync('ec', { namedCurve: 'P-256' });
  }
  if (type === 'rsa') {
    return generateKeyPairSync('rsa', { modulusLength: 2048 });
  }
  return generateKeyPairSync('ed25519');
}

async function signedBy(type: 'ec' | 'ed25519' | 'rsa') {
  const { privateKey } = keyPair(type);
  const key = signingKeyFromPem(privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const value = await signDetached(payload, key, { jti: 'j', sub: '00009845', aud: 'broker' });
  const jws = parseDetached(value);
  if (jws === undefined) {
    throw new Error('signDetached must produce a detached JWS');
  }
  return { jws, key };
}

/** A compact JWS with any header, signed ES256 over `protected.payload-part` by hand. */
function handMade(header: object, privateKey: KeyObject, encodePayload: boolean) {
  const protectedPart = Buffer.from(JSON.stringify(header)).toString('base64url');
  const payloadPart = encodePayload ? payload.toString('base64url') : payload.toString('latin1');
  const input = Buffer.concat([
    Buffer.from(`${protectedPart}.`),
    encodePayload ? Buffer.from(payloadPart) : payload,
  ]);
  const signature = sign('sha256', input, { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return parseDetached(`${protectedPart}..${signature.toString('base64url')}`)!;
}

describe('verifyDetachedJws (the auditor’s offline signature check)', () => {
  it.each(['ec', 'ed25519', 'rsa'] as const)(
    'agrees with jose on a %s signature from signDetached, and on the payload changed',
    async (type) => {
      const { jws, key } = await signedBy(type);
      const changed = Buffer.from(payload);
      changed[3] = (changed[3] ?? 0) ^ 0x01;
      for (const bytes of [payload, changed]) {
        expect(verifyDetachedJws(jws, bytes, key.publicKey, key.alg)).toBe(
          await verifyJwsSignature(jws, bytes, key.publicKey, [key.alg]),
        );
      }
      expect(verifyDetachedJws(jws, payload, key.publicKey, key.alg)).toBe(true);
      expect(verifyDetachedJws(jws, changed, key.publicKey, key.alg)).toBe(false);
    },
  );

  it('refuses another key, another algorithm, and a key of the wrong type', async () => {
    const { jws, key } = await signedBy('ec');
    const other = keyPair('ec').publicKey;
    expect(verifyDetachedJws(jws, payload, other, 'ES256')).toBe(false);
    expect(verifyDetachedJws(jws, payload, key.publicKey, 'EdDSA')).toBe(false);
    expect(verifyDetachedJws(jws, payload, key.publicKey, 'HS256')).toBe(false);
    const p384 = generateKeyPairSync('ec', { namedCurve: 'P-384' }).publicKey;
    expect(verifyDetachedJws(jws, payload, p384, 'ES256')).toBe(false);
  });

  it('follows RFC 7797: b64 false needs crit b64; an unknown crit fails; encoded payloads verify', async () => {
    const { privateKey, publicKey } = keyPair('ec');
    const ok = handMade({ alg: 'ES256', b64: false, crit: ['b64'] }, privateKey, false);
    expect(verifyDetachedJws(ok, payload, publicKey, 'ES256')).toBe(true);
    const noCrit = handMade({ alg: 'ES256', b64: false }, privateKey, false);
    expect(verifyDetachedJws(noCrit, payload, publicKey, 'ES256')).toBe(false);
    const unknown = handMade({ alg: 'ES256', b64: false, crit: ['b64', 'x'] }, privateKey, false);
    expect(verifyDetachedJws(unknown, payload, publicKey, 'ES256')).toBe(false);
    const encoded = handMade({ alg: 'ES256' }, privateKey, true);
    expect(verifyDetachedJws(encoded, payload, publicKey, 'ES256')).toBe(true);
    expect(await verifyJwsSignature(encoded, payload, publicKey, ['ES256'])).toBe(true);
    const truncated = { ...ok, signature: ok.signature.slice(0, -4) };
    expect(verifyDetachedJws(truncated, payload, publicKey, 'ES256')).toBe(false);
  });
});
