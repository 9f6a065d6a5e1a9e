import { describe, expect, it } from 'vitest';
import { parseDetached } from '../../src/jose/detached-jws.ts';

const b64url = (s: string): string => Buffer.from(s).toString('base64url');
const HEADER = b64url('{"alg":"ES256","kid":"k1","b64":false,"crit":["b64"]}');

describe('parseDetached', () => {
  it('splits `<protected>..<signature>` and decodes the header, surrounding whitespace ignored', () => {
    expect(parseDetached(`  ${HEADER}..c2ln\n`)).toEqual({
      protected: HEADER,
      signature: 'c2ln',
      header: { alg: 'ES256', kid: 'k1', b64: false, crit: ['b64'] },
    });
  });

  it.each([
    ['no dots', `${HEADER}c2ln`],
    ['one dot', `${HEADER}.c2ln`],
    ['a payload (not detached)', `${HEADER}.cGF5bG9hZA.c2ln`],
    ['four parts', `${HEADER}..c2ln.eHg`],
    ['a dot at the end', `${HEADER}..c2ln.`],
    ['no protected header', '..c2ln'],
    ['no signature', `${HEADER}..`],
    ['empty', ''],
    ['a header that is not JSON', `${b64url('not json')}..c2ln`],
    ['a header that is an array', `${b64url('["alg"]')}..c2ln`],
    ['a header that is null', `${b64url('null')}..c2ln`],
    ['a header that is a number', `${b64url('7')}..c2ln`],
  ])('refuses %s', (_, value) => {
    expect(parseDetached(value)).toBeUndefined();
  });
});
