import { describe, expect, it } from 'vitest';
import { emptyRoot, hashLeaf } from '../../../src/log/merkle/hash.ts';
import {
  consistencyProof,
  inclusionProof,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from '../../../src/log/merkle/proofs.ts';
import { computeRootAtSize } from '../../../src/log/merkle/tree.ts';
import { sampleEntries } from './reference-tree.ts';

const leafHashes = sampleEntries(8).map(hashLeaf);
const root = (n: number): Uint8Array => computeRootAtSize(leafHashes, n);
const leaf0 = leafHashes[0]!;

describe('proof generation arguments', () => {
  it('refuses an index outside the tree and an old size past the new one', () => {
    expect(() => inclusionProof(leafHashes, 3, 3)).toThrow(RangeError);
    expect(() => inclusionProof(leafHashes, 0, 0)).toThrow(RangeError);
    expect(() => inclusionProof(leafHashes, -1, 3)).toThrow(RangeError);
    expect(() => inclusionProof(leafHashes, 0.5, 3)).toThrow(RangeError);
    expect(() => consistencyProof(leafHashes, 4, 3)).toThrow(RangeError);
    expect(() => inclusionProof(leafHashes, 0, 9)).toThrow(/no leaf hash/);
  });

  it('gives empty proofs where there is nothing to prove', () => {
    expect(inclusionProof(leafHashes, 0, 1)).toEqual([]);
    expect(consistencyProof(leafHashes, 0, 0)).toEqual([]);
    expect(consistencyProof(leafHashes, 5, 5)).toEqual([]);
  });
});

describe('verifyInclusion edge cases (RFC 9162 §2.1.3.2)', () => {
  it('accepts the single-leaf tree, whose root is the leaf hash', () => {
    expect(verifyInclusion(leaf0, 0, 1, [], leaf0)).toBe(true);
  });

  it('fails (never throws) on impossible or malformed arguments', () => {
    const proof = inclusionProof(leafHashes, 2, 5);
    const r5 = root(5);
    expect(verifyInclusion(leafHashes[2]!, 5, 5, proof, r5)).toBe(false); // index == size
    expect(verifyInclusion(leafHashes[2]!, 2, 0, proof, r5)).toBe(false);
    expect(verifyInclusion(leafHashes[2]!, -1, 5, proof, r5)).toBe(false);
    expect(verifyInclusion(leafHashes[2]!, 2.5, 5, proof, r5)).toBe(false);
    expect(verifyInclusion(leafHashes[2]!, 2, Number.MAX_SAFE_INTEGER + 2, proof, r5)).toBe(false);
    expect(verifyInclusion(new Uint8Array(31), 2, 5, proof, r5)).toBe(false);
    expect(verifyInclusion(leafHashes[2]!, 2, 5, proof, new Uint8Array(0))).toBe(false);
    expect(verifyInclusion(leafHashes[2]!, 2, 5, [...proof, new Uint8Array(5)], r5)).toBe(false);
    expect(verifyInclusion(leaf0, 0, 1, [], emptyRoot())).toBe(false);
    expect(rootFromInclusionProof(leafHashes[2]!, 2, 5, proof.slice(1))).toBeUndefined();
  });

  it('works with sizes past 2^32 (no 32-bit bitwise arithmetic)', () => {
    // Leaf 2^32 + 1 of a tree of 2^32 + 2 leaves: its sibling is leaf 2^32, then the perfect
    // left subtree of 2^32 leaves. Build that proof from stand-in hashes and recompute the root.
    const [left, sibling, leaf] = [hashLeaf(Uint8Array.of(1)), leafHashes[3]!, leafHashes[4]!];
    const size = 2 ** 32 + 2;
    const got = rootFromInclusionProof(leaf, 2 ** 32 + 1, size, [sibling, left]);
    const fromRange = inclusionProof(
      (start, end) => (start === 0 && end === 2 ** 32 ? left : sibling),
      2 ** 32 + 1,
      size,
    );
    expect(fromRange).toEqual([sibling, left]);
    expect(got).toBeDefined();
    expect(verifyInclusion(leaf, 2 ** 32 + 1, size, [sibling, left], got!)).toBe(true);
    expect(verifyInclusion(leaf, 1, 2, [sibling], got!)).toBe(false);
  });
});

describe('verifyConsistency edge cases (RFC 9162 §2.1.4.2 and the trivial sizes)', () => {
  it('accepts equal sizes only with equal roots and no proof', () => {
    expect(verifyConsistency(5, 5, root(5), root(5), [])).toBe(true);
    expect(verifyConsistency(5, 5, root(5), root(6), [])).toBe(false);
    expect(verifyConsistency(5, 5, root(5), root(5), [root(5)])).toBe(false);
    expect(verifyConsistency(0, 0, emptyRoot(), emptyRoot(), [])).toBe(true);
  });

  it('accepts growth from the empty tree only from the empty root and with no proof', () => {
    expect(verifyConsistency(0, 8, emptyRoot(), root(8), [])).toBe(true);
    expect(verifyConsistency(0, 8, root(1), root(8), [])).toBe(false);
    expect(verifyConsistency(0, 8, emptyRoot(), root(8), [root(1)])).toBe(false);
  });

  it('fails (never throws) on shrinking trees, empty proofs and malformed input', () => {
    const proof = consistencyProof(leafHashes, 3, 7);
    expect(verifyConsistency(3, 7, root(3), root(7), proof)).toBe(true);
    expect(verifyConsistency(7, 3, root(7), root(3), proof)).toBe(false);
    expect(verifyConsistency(3, 7, root(3), root(7), [])).toBe(false);
    expect(verifyConsistency(4, 8, root(4), root(8), [])).toBe(false); // power of two: still fails
    expect(verifyConsistency(-3, 7, root(3), root(7), proof)).toBe(false);
    expect(verifyConsistency(3, 7.5, root(3), root(7), proof)).toBe(false);
    expect(verifyConsistency(3, 7, root(3).slice(1), root(7), proof)).toBe(false);
    expect(verifyConsistency(3, 7, root(3), root(7), [...proof.slice(1), new Uint8Array(3)])).toBe(
      false,
    );
  });
});
