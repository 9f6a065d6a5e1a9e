import { createPublicKey, createSecretKey, generateKeyPairSync } from 'node:crypto';
import { calculateJwkThumbprint } from 'jose';
import { describe, expect, it } from 'vitest';
import { parseDetached, verifyJwsSignature } from '../../src/jose/detached-jws.ts';
import { jwkThumbprint } from '../../src/jose/jwk-thumbprint.ts';

// RFC 7797 §4.2 (https://www.rfc-editor.org/rfc/rfc7797#section-4.2): detached, unencoded
// payload "$.02", HS256 with the HMAC key of RFC 7515 Appendix A.1.
const RFC7797 = {
  jws: 'eyJhbGciOiJIUzI1NiIsImI2NCI6ZmFsc2UsImNyaXQiOlsiYjY0Il19..A5dxf2s96_n5FLueVuW1Z_vh161FwXZC4YLPff6dmDY',
  payload: '$.02',
  key: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow',
};

// RFC 7515 Appendix A.3 (https://www.rfc-editor.org/rfc/rfc7515#appendix-A.3): ES256 over the
// base64url-encoded JWT claims of Appendix A.1, with the P-256 key given there.
const RFC7515_A3 = {
  protected: 'eyJhbGciOiJFUzI1NiJ9',
  payload:
    'eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ',
  signature:
    'DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSApmWQxfKTUJqPP3-Kg6NU1Q',
  jwk: {
    kty: 'EC',
    crv: 'P-256',
    x: 'f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU',
    y: 'x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0',
  },
};

const flip = (s: string, i: number): string =>
  s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);

describe('RFC 7797 §4.2: detached JWS with unencoded payload', () => {
  const jws = parseDetached(RFC7797.jws)!;
  const key = createSecretKey(Buffer.from(RFC7797.key, 'base64url'));

  it('parses as b64:false with crit ["b64"] and verifies over the raw bytes', async () => {
    expect(jws.header).toEqual({ alg: 'HS256', b64: false, crit: ['b64'] });
    expect(await verifyJwsSignature(jws, Buffer.from(RFC7797.payload), key, ['HS256'])).toBe(true);
  });

  it('fails when one byte of the body changes', async () => {
    expect(await verifyJwsSignature(jws, Buffer.from('$.03'), key, ['HS256'])).toBe(false);
  });

  it('fails when one byte of the protected header changes', async () => {
    // A valid header that differs by one member: the signature no longer covers it.
    const changed = Buffer.from(
      JSON.stringify({ alg: 'HS256', b64: false, crit: ['b64'], kid: 'x' }),
    ).toString('base64url');
    const tampered = { ...jws, protected: changed };
    expect(await verifyJwsSignature(tampered, Buffer.from(RFC7797.payload), key, ['HS256'])).toBe(
      false,
    );
  });

  it('is refused when its algorithm is not on the allowlist', async () => {
    expect(await verifyJwsSignature(jws, Buffer.from(RFC7797.payload), key, ['ES256'])).toBe(false);
  });
});

describe('RFC 7515 Appendix A.3: ES256', () => {
  const key = createPublicKey({ key: RFC7515_A3.jwk, format: 'jwk' });
  const payload = Buffer.from(RFC7515_A3.payload, 'base64url');
  const jws = {
    protected: RFC7515_A3.protected,
    signature: RFC7515_A3.signature,
    header: { alg: 'ES256' },
  };

  it('verifies with the published public key', async () => {
    expect(await verifyJwsSignature(jws, payload, key, ['ES256'])).toBe(true);
  });

  it('fails when one byte of the payload changes', async () => {
    const changed = Buffer.from(payload);
    changed[5] = (changed[5] ?? 0) ^ 0x01;
    expect(await verifyJwsSignature(jws, changed, key, ['ES256'])).toBe(false);
  });

  it('fails when the signature changes', async () => {
    expect(
      await verifyJwsSignature({ ...jws, signature: flip(jws.signature, 3) }, payload, key, [
        'ES256',
      ]),
    ).toBe(false);
  });
});

describe('RFC 7638 JWK thumbprints (our kid)', () => {
  it.each(['ec', 'ed25519', 'rsa'] as const)('match jose for a %s key', async (type) => {
    const { publicKey } =
      type === 'ec'
        ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
        : type === 'rsa'
          ? generateKeyPairSync('rsa', { modulusLength: 2048 })
          : generateKeyPairSync('ed25519');
    const jwk = publicKey.export({ format: 'jwk' });
    expect(jwkThumbprint(jwk)).toBe(
      await calculateJwkThumbprint(jwk as Parameters<typeof calculateJwkThumbprint>[0]),
    );
  });
});
