import { describe, expect, it } from 'vitest';
import { encodeCanonicalEntry, stringifySorted } from '../../../src/log/canonical-entry.ts';

/** The element-by-element encoding as first written (commit 71ab8b5): the reference. */
function referenceStringify(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(referenceStringify).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    const obj = value as Record<string, unknown>;
    return `{${keys.map((k) => `${JSON.stringify(k)}:${referenceStringify(obj[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const samples: unknown[] = [
  [1, '42', 'a "quoted" \\ value\n\u0001\u2028', null, undefined, 0, -0, 1.5, 1e21, true, false],
  [1, 'ñandú 💉', { b: 1, a: [3, { y: null, x: 'é' }], '10': 'ten', '9': 'nine', '': 0 }],
  [[], {}, [[1, 2], [undefined]], { z: undefined }],
  [Number.NaN, Number.POSITIVE_INFINITY, 'end'],
  { request: { result: 'valid', kid: 'k' }, answer: { result: 'absent' } },
  'only a string',
  null,
];

describe('the canonical encoding', () => {
  it('writes exactly what the element-by-element reference writes', () => {
    for (const sample of samples) {
      expect(stringifySorted(sample)).toBe(referenceStringify(sample));
    }
  });

  it('is byte for byte the documented entry (fixed vector)', () => {
    const bytes = encodeCanonicalEntry({
      id: '17',
      correlationId: '4f9d1f3e-6c1a-4b7e-9a53-0c2f6f1a9e10',
      kind: 'response-out',
      loggedAt: '2026-11-27T14:02:46.338123Z',
      route: 'fhir.eligibility.submit',
      sender: '00009845',
      recipient: null,
      contentType: 'application/fhir+json',
      payloadSize: 1434,
      payloadDigest: 'q83vEjRWeJA',
      httpStatus: 200,
      outcome: 'ok',
      errorCode: null,
      durationMs: 18,
      signature: null,
      verdicts: { request: { result: 'valid' }, answer: { kid: 'k', result: 'valid' } },
      replayId: null,
      replayOf: null,
    });
    expect(bytes.toString('utf8')).toBe(
      '[1,"17","4f9d1f3e-6c1a-4b7e-9a53-0c2f6f1a9e10","response-out","2026-11-27T14:02:46.338123Z",' +
        '"fhir.eligibility.submit","00009845",null,"application/fhir+json",1434,"q83vEjRWeJA",200,' +
        '"ok",null,18,null,{"answer":{"kid":"k","result":"valid"},"request":{"result":"valid"}},null,null]',
    );
  });
});
