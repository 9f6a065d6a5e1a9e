import { describe, expect, it } from 'vitest';
import { describeProgress } from '../../src/cli/describe-progress.ts';

describe('describeProgress', () => {
  it('says entries, share, rate and about how long is left', () => {
    expect(describeProgress(300_000, 0.31, 28.8)).toBe(
      'verified 300,000 entries (31 %, 10,417 entries/s, ≈64 s left)…',
    );
    expect(describeProgress(400_000, 0.1, 40)).toBe(
      'verified 400,000 entries (10 %, 10,000 entries/s, ≈6 min left)…',
    );
    expect(describeProgress(100_000, 0.5, 10)).toBe(
      'verified 100,000 entries (50 %, 10,000 entries/s, ≈10 s left)…',
    );
  });

  it('leaves out what it cannot know yet, and keeps the share between 0 and 100 %', () => {
    expect(describeProgress(5, 0, 0)).toBe('verified 5 entries (0 %)…');
    expect(describeProgress(1_000, 1, 2)).toBe('verified 1,000 entries (100 %, 500 entries/s)…');
    expect(describeProgress(10, 1.2, 1)).toBe('verified 10 entries (100 %, 10 entries/s)…');
  });
});
