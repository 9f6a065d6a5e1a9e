import { describe, expect, it } from 'vitest';
import { checkEntryLines } from '../../../src/audit/check-entry-lines.ts';
import { packEntryLines } from '../../../src/audit/entry-line-chunk.ts';
import { encodeCanonicalEntry } from '../../../src/log/canonical-entry.ts';
import { hashLeaf } from '../../../src/log/merkle/hash.ts';
import { exportedEntryLine, syntheticEntry } from '../../helpers/log-entries.ts';

const entryLine = (i: number, leafHash?: (b64: string) => string): Buffer =>
  Buffer.from(exportedEntryLine(i, leafHash).line);

const check = (lines: Buffer[]) => checkEntryLines(packEntryLines(lines), 'null', 0);

describe('checkEntryLines', () => {
  it("recomputes each entry's leaf hash from its canonical text, in line order", () => {
    const result = check([entryLine(0), entryLine(1)]);
    expect(result.problems).toEqual([]);
    expect(result.entries).toBe(2);
    expect(Buffer.from(result.leaves)).toEqual(
      Buffer.concat([0, 1].map((i) => hashLeaf(encodeCanonicalEntry(syntheticEntry(i))))),
    );
    expect(result.root).toHaveLength(32); // two leaves: a perfect subtree
  });

  it('accepts a leaf hash written in another base64 form (no padding) for the same bytes', () => {
    const result = check([entryLine(0, (b64) => b64.replace(/=+$/, ''))]);
    expect(result.problems).toEqual([]);
  });

  it('names an entry whose leaf hash is not that of its content', () => {
    const other = Buffer.from(hashLeaf(Buffer.from('other'))).toString('base64');
    const changed = Buffer.from(entryLine(1).toString().replace('received', 'rejected'));
    const result = check([entryLine(0, () => other), changed]);
    expect(result.problems.map((p) => p.at)).toEqual([0, 1]);
    for (const problem of result.problems) {
      expect(problem.text).toMatch(
        /^entry \d \(id \d\): its content does not match its leaf hash$/,
      );
    }
  });
});
