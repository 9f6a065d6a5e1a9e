import { describe, expect, it } from 'vitest';
import { newCorrelationId } from '../../../src/log/new-correlation-id.ts';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newCorrelationId', () => {
  it('is a UUID version 7 (RFC 9562) whose first 48 bits are the Unix time in milliseconds', () => {
    const before = Date.now();
    const id = newCorrelationId();
    const after = Date.now();
    expect(id).toMatch(V7);
    const ms = Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after);
  });

  it('writes the RFC 9562 test vector time as its test vector does (Appendix A.6)', () => {
    // RFC 9562 Appendix A.6: 2022-02-22 14:22:22 GMT-05:00 is 0x017F22E279B0 ms; its example
    // UUIDv7 is 017F22E2-79B0-7CC3-98C4-DC0C0C07398F.
    expect(newCorrelationId(0x017f22e279b0)).toMatch(/^017f22e2-79b0-7[0-9a-f]{3}-[89ab]/);
  });

  it('sorts by time across milliseconds, and never repeats', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => newCorrelationId(1_800_000_000_000 + i));
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(Array.from({ length: 10_000 }, () => newCorrelationId(1)))).toHaveProperty(
      'size',
      10_000,
    );
  });
});
