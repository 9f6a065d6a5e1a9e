import { describe, expect, it } from 'vitest';
import { decodeSaltedPayload } from '../../../src/audit/check-entry-payload.ts';

describe('decodeSaltedPayload', () => {
  it('decodes salt and payload into salt ‖ payload, padded or not, an empty salt included', () => {
    const salt = Buffer.from('0123456789abcdef');
    const payload = Buffer.from('{"resourceType":"Bundle","ñ":1}');
    for (const [s, p] of [
      [salt.toString('base64'), payload.toString('base64')],
      [salt.toString('base64').replace(/=+$/, ''), payload.toString('base64').replace(/=+$/, '')],
    ] as const) {
      const decoded = decodeSaltedPayload(s, p);
      expect(decoded.salted).toEqual(Buffer.concat([salt, payload]));
      expect(decoded.bytes).toEqual(payload);
    }
    const unsalted = decodeSaltedPayload('', payload.toString('base64'));
    expect(unsalted.salted).toEqual(payload);
    expect(unsalted.bytes).toEqual(payload);
  });
});
