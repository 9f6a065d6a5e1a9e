import { describe, expect, it } from 'vitest';
import { emptyRoot, hashLeaf } from '../../../src/log/merkle/hash.ts';
import {
  computeRoot,
  computeRootAtSize,
  createLeafHashReader,
  createSubtreeHasher,
  splitPoint,
  TreeBuilder,
} from '../../../src/log/merkle/tree.ts';
import { referenceRoot, sampleEntries } from './reference-tree.ts';
import { CT_COMPACT_RANGES, CT_LEAF_INPUTS, CT_ROOTS } from './vectors.ts';

const ctLeafHashes = CT_LEAF_INPUTS.map(hashLeaf);

function compactRangeOf(leaves: readonly Uint8Array[], size: number): Uint8Array[] {
  const builder = new TreeBuilder();
  leaves.slice(0, size).forEach((l) => {
    builder.append(l);
  });
  return builder.compactRange();
}

describe('splitPoint (RFC 9162 §2.1.1: largest power of two smaller than n)', () => {
  it('splits small and large sizes', () => {
    expect([2, 3, 4, 5, 8, 9, 1000].map(splitPoint)).toEqual([1, 2, 2, 4, 4, 8, 512]);
    expect(splitPoint(2 ** 40 + 1)).toBe(2 ** 40);
    expect(splitPoint(2 ** 40)).toBe(2 ** 39);
  });

  it('has no split for trees of 0 or 1 leaves', () => {
    expect(() => splitPoint(1)).toThrow(RangeError);
    expect(() => splitPoint(0)).toThrow(RangeError);
    expect(() => splitPoint(2.5)).toThrow(RangeError);
  });
});

describe('TreeBuilder (incremental MTH, RFC 9162 §2.1.1)', () => {
  it('gives the published CT roots and compact ranges at every size 0..8', () => {
    const builder = new TreeBuilder();
    expect(builder.rootHash()).toEqual(CT_ROOTS[0]);
    expect(builder.compactRange()).toEqual(CT_COMPACT_RANGES[0]);
    ctLeafHashes.forEach((leafHash, i) => {
      builder.append(leafHash);
      expect(builder.size).toBe(i + 1);
      expect(builder.rootHash()).toEqual(CT_ROOTS[i + 1]);
      expect(builder.compactRange()).toEqual(CT_COMPACT_RANGES[i + 1]);
    });
  });

  it('matches the naive recursive MTH at every size up to 300', () => {
    const entries = sampleEntries(300);
    const builder = new TreeBuilder();
    for (let n = 0; n <= entries.length; n++) {
      expect(builder.rootHash(), `size ${n}`).toEqual(referenceRoot(entries.slice(0, n)));
      const next = entries[n];
      if (next !== undefined) {
        builder.append(hashLeaf(next));
      }
    }
  });

  it('resumes from a stored compact range and keeps O(log n) state', () => {
    const entries = sampleEntries(100);
    const full = new TreeBuilder();
    entries.slice(0, 77).forEach((e) => {
      full.append(hashLeaf(e));
    });
    // 77 = 0b1001101: four perfect subtrees (64, 8, 4, 1).
    expect(full.compactRange()).toHaveLength(4);
    const resumed = TreeBuilder.fromCompactRange(77, full.compactRange());
    entries.slice(77).forEach((e) => {
      resumed.append(hashLeaf(e));
    });
    expect(resumed.size).toBe(100);
    expect(resumed.rootHash()).toEqual(referenceRoot(entries));
  });

  it('refuses a compact range that does not fit its size, and non-hash leaves', () => {
    const range = CT_COMPACT_RANGES[7]!;
    expect(() => TreeBuilder.fromCompactRange(8, range)).toThrow(RangeError);
    expect(() => TreeBuilder.fromCompactRange(-1, [])).toThrow(RangeError);
    expect(() => TreeBuilder.fromCompactRange(1, [new Uint8Array(3)])).toThrow(RangeError);
    expect(() => {
      new TreeBuilder().append(new Uint8Array(31));
    }).toThrow(RangeError);
  });

  it('appends an aligned perfect subtree as it would its leaves one by one', () => {
    const entries = sampleEntries(300);
    const leaves = entries.map(hashLeaf);
    for (const [start, level] of [
      [0, 0],
      [0, 4],
      [16, 4],
      [48, 4],
      [64, 6],
      [128, 7],
      [256, 5],
    ] as const) {
      const width = 2 ** level;
      const bySubtree = TreeBuilder.fromCompactRange(start, compactRangeOf(leaves, start));
      bySubtree.appendSubtree(level, computeRoot(leaves.slice(start, start + width)));
      const byLeaf = TreeBuilder.fromCompactRange(start, compactRangeOf(leaves, start));
      leaves.slice(start, start + width).forEach((l) => {
        byLeaf.append(l);
      });
      expect(bySubtree.size).toBe(start + width);
      expect(bySubtree.compactRange()).toEqual(byLeaf.compactRange());
      expect(bySubtree.rootHash()).toEqual(referenceRoot(entries.slice(0, start + width)));
    }
  });

  it('refuses a subtree that would not be aligned', () => {
    const builder = new TreeBuilder();
    builder.append(hashLeaf(Uint8Array.of(1)));
    expect(() => {
      builder.appendSubtree(1, hashLeaf(Uint8Array.of(2)));
    }).toThrow(RangeError);
    expect(builder.size).toBe(1);
  });

  it('does not let callers change its state through compactRange()', () => {
    const builder = new TreeBuilder();
    ctLeafHashes.slice(0, 3).forEach((h) => {
      builder.append(h);
    });
    builder.compactRange().pop();
    expect(builder.rootHash()).toEqual(CT_ROOTS[3]);
  });
});

describe('roots of stored leaves', () => {
  it('computes the root of a whole list and of every prefix', () => {
    expect(computeRoot(ctLeafHashes)).toEqual(CT_ROOTS[8]);
    expect(computeRoot([])).toEqual(emptyRoot());
    for (let size = 0; size <= 8; size++) {
      expect(computeRootAtSize(ctLeafHashes, size)).toEqual(CT_ROOTS[size]);
      expect(computeRootAtSize(createLeafHashReader(ctLeafHashes), size)).toEqual(CT_ROOTS[size]);
    }
  });

  it('hashes any range [start, end) as MTH of that slice', () => {
    const entries = sampleEntries(20);
    const hashRange = createSubtreeHasher(entries.map(hashLeaf));
    for (let start = 0; start <= 20; start++) {
      for (let end = start; end <= 20; end++) {
        expect(hashRange(start, end)).toEqual(referenceRoot(entries.slice(start, end)));
      }
    }
    expect(() => hashRange(3, 2)).toThrow(RangeError);
  });

  it('fails loudly when a leaf is missing', () => {
    expect(() => computeRootAtSize(ctLeafHashes, 9)).toThrow(/no leaf hash at index 8/);
  });
});
