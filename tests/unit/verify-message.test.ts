import { createPublicKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { BrokerError } from '../../src/errors/broker-error.ts';
import { signDetached } from '../../src/jose/detached-jws.ts';
import { generateSigningKey } from '../../src/jose/key-files.ts';
import { readJwks } from '../../src/jose/participant-keys.ts';
import { ipressWithKeys } from '../helpers/ipress-with-keys.ts';
import { signingKeyFromPem, type SigningKey } from '../../src/jose/signing-key.ts';
import { verifyMessage, type VerifyExpectation } from '../../src/jose/verify-message.ts';
import { createRegistry, type Participant } from '../../src/registry/participant.ts';

const NOW = 1_800_000_000;

function participant(code: string, keys: { jwk: object }[]): Participant {
  return ipressWithKeys(
    code,
    keys.map((k) => k.jwk),
  );
}

const a = generateSigningKey(NOW - 100);
const b = generateSigningKey(NOW - 100);
const revoked = generateSigningKey(NOW - 100);
const expired = generateSigningKey(NOW - 100);
const stranger = generateSigningKey(NOW - 100);
const clinicA = participant('00009845', [
  a,
  { jwk: { ...revoked.jwk, revoked: true } },
  { jwk: { ...expired.jwk, exp: NOW - 1 } },
]);
const clinicB = participant('00019049', [b]);
const registry = createRegistry([clinicA, clinicB]);
const keyOf = (k: { pem: string }): SigningKey => signingKeyFromPem(k.pem);

const body = Buffer.from('{"resourceType":"Bundle"}');
const expectation: VerifyExpectation = {
  sender: clinicA,
  audience: 'broker',
  windowSeconds: 300,
  nowSeconds: NOW,
};
const claims = { jti: 'm-1', sub: '00009845', aud: 'broker', iat: NOW };

async function codeOf(value: string | undefined, payload: Buffer = body): Promise<string> {
  try {
    await verifyMessage(value, payload, registry, expectation);
    return 'valid';
  } catch (err) {
    return (err as BrokerError).code;
  }
}

const header = (h: object, sig = 'c2ln'): string =>
  `${Buffer.from(JSON.stringify(h)).toString('base64url')}..${sig}`;

describe('verifyMessage refuses each fault with its own code', () => {
  it('accepts a good signature and reports kid, alg and jti', async () => {
    const value = await signDetached(body, keyOf(a), claims);
    const ok = await verifyMessage(value, body, registry, expectation);
    expect(ok).toMatchObject({ kid: a.jwk.kid, alg: 'ES256', jti: 'm-1', iat: NOW });
  });

  it.each([
    ['no signature', () => undefined, 'BRK_SIG_MISSING'],
    ['not a detached JWS', () => 'abc.def.ghi', 'BRK_SIG_MALFORMED'],
    ['b64 not false', () => header({ alg: 'ES256', kid: a.jwk.kid }), 'BRK_SIG_MALFORMED'],
    ['alg none', () => header({ alg: 'none', b64: false, crit: ['b64'] }, ''), 'BRK_SIG_MALFORMED'],
    [
      'alg none with a signature part',
      () => header({ alg: 'none', b64: false, crit: ['b64'] }),
      'BRK_SIG_ALG_REFUSED',
    ],
    [
      'alg HS256',
      () => header({ alg: 'HS256', b64: false, crit: ['b64'], kid: a.jwk.kid }),
      'BRK_SIG_ALG_REFUSED',
    ],
    ['an unknown key', () => signDetached(body, keyOf(stranger), claims), 'BRK_SIG_KEY_UNKNOWN'],
    [
      'a key of another participant',
      () => signDetached(body, keyOf(b), claims),
      'BRK_SIG_KEY_FOREIGN',
    ],
    ['a revoked key', () => signDetached(body, keyOf(revoked), claims), 'BRK_SIG_KEY_REVOKED'],
    ['an expired key', () => signDetached(body, keyOf(expired), claims), 'BRK_SIG_KEY_REVOKED'],
    [
      'another sub',
      () => signDetached(body, keyOf(a), { ...claims, sub: '00019049' }),
      'BRK_SIG_WRONG_SENDER',
    ],
    [
      'another aud',
      () => signDetached(body, keyOf(a), { ...claims, aud: '10001' }),
      'BRK_SIG_WRONG_AUDIENCE',
    ],
    [
      'iat too old',
      () => signDetached(body, keyOf(a), { ...claims, iat: NOW - 301 }),
      'BRK_SIG_STALE',
    ],
    [
      'iat in the future',
      () => signDetached(body, keyOf(a), { ...claims, iat: NOW + 301 }),
      'BRK_SIG_STALE',
    ],
  ] as [string, () => string | undefined | Promise<string>, string][])(
    '%s',
    async (_name, make, code) => {
      expect(await codeOf(await make())).toBe(code);
    },
  );

  it('a body changed by one byte', async () => {
    const value = await signDetached(body, keyOf(a), claims);
    const changed = Buffer.from(body);
    changed[3] = 0x41;
    expect(await codeOf(value, changed)).toBe('BRK_SIG_INVALID');
  });

  it('a protected header changed by one claim (same signature)', async () => {
    const value = await signDetached(body, keyOf(a), claims);
    const [, , sig] = value.split('.');
    const forged = header(
      {
        ...(JSON.parse(Buffer.from(value.split('.')[0]!, 'base64url').toString()) as object),
        jti: 'm-2',
      },
      sig,
    );
    expect(await codeOf(forged)).toBe('BRK_SIG_INVALID');
  });

  it('keys in a JWKS must carry their thumbprint as kid and no private part', () => {
    const problems: string[] = [];
    readJwks(
      {
        keys: [
          { ...a.jwk, kid: 'x' },
          { ...a.jwk, d: 'secret' },
        ],
      },
      'p',
      problems,
    );
    expect(problems.join('\n')).toMatch(/p\.keys\[0\]\.kid[\s\S]*p\.keys\[1\]: contains private/);
    expect(createPublicKey({ key: a.jwk, format: 'jwk' }).asymmetricKeyType).toBe('ec');
  });
});
