import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from '../../src/cli/args.ts';

const OPTIONS = {
  as: { type: 'string' },
  kid: { type: 'string' },
  direct: { type: 'boolean' },
} as const;

describe('parseOptions', () => {
  it('takes a value that begins with a dash (a base64url key id) as the option’s value', () => {
    // Seen in CI: a generated kid beginning with "-" made `siteds keys revoke --kid …` fail.
    const { values } = parseOptions(['--as', '00009845', '--kid', '-Ab_9', '--direct'], OPTIONS);
    expect(values).toEqual({ as: '00009845', kid: '-Ab_9', direct: true });
    expect(parseOptions(['--kid=-x'], OPTIONS).values).toEqual({ kid: '-x' });
  });

  it('does not swallow the next option as a value, and refuses unknown options', () => {
    expect(() => parseOptions(['--as', '--kid', 'k'], OPTIONS)).toThrow(UsageError);
    expect(() => parseOptions(['--nope'], OPTIONS)).toThrow(UsageError);
  });
});
