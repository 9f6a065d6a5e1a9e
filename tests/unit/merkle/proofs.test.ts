import { describe, expect, it } from 'vitest';
import { emptyRoot, hashLeaf } from '../../../src/log/merkle/hash.ts';
import {
  consistencyProof,
  inclusionProof,
  rootFromInclusionProof,
  verifyConsistency,
  verifyInclusion,
} from '../../../src/log/merkle/proofs.ts';
import {
  computeRootAtSize,
  createSubtreeHasher,
  TreeBuilder,
} from '../../../src/log/merkle/tree.ts';
import { referencePath, referenceProof, sampleEntries } from './reference-tree.ts';
import { CT_CONSISTENCY_PROOFS, CT_INCLUSION_PROOFS, CT_LEAF_INPUTS, CT_ROOTS } from './vectors.ts';

const MAX_SIZE = 64;
const entries = sampleEntries(MAX_SIZE);
const leafHashes = entries.map(hashLeaf);

/** roots[n] = root of the first n sample entries, n = 0..MAX_SIZE. */
const roots: Uint8Array[] = (() => {
  const builder = new TreeBuilder();
  const out = [builder.rootHash()];
  for (const h of leafHashes) {
    builder.append(h);
    out.push(builder.rootHash());
  }
  return out;
})();

const rootAt = (n: number): Uint8Array => roots[n]!;
const leafAt = (i: number): Uint8Array => leafHashes[i]!;
/** A proof as one hex string, for cheap exact comparison. */
const toHex = (proof: readonly Uint8Array[]): string =>
  proof.map((node) => Buffer.from(node).toString('hex')).join(',');
const sizes = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('known CT proofs (transparency-dev/merkle vectors)', () => {
  const ctLeafHashes = CT_LEAF_INPUTS.map(hashLeaf);

  it('generates and verifies the published inclusion proofs', () => {
    for (const { first: index, size, proof } of CT_INCLUSION_PROOFS) {
      expect(inclusionProof(ctLeafHashes, index, size)).toEqual(proof);
      const leaf = ctLeafHashes[index]!;
      expect(verifyInclusion(leaf, index, size, proof, CT_ROOTS[size]!)).toBe(true);
      expect(rootFromInclusionProof(leaf, index, size, proof)).toEqual(CT_ROOTS[size]);
    }
  });

  it('generates and verifies the published consistency proofs', () => {
    for (const { first, size, proof } of CT_CONSISTENCY_PROOFS) {
      expect(consistencyProof(ctLeafHashes, first, size)).toEqual(proof);
      expect(verifyConsistency(first, size, CT_ROOTS[first]!, CT_ROOTS[size]!, proof)).toBe(true);
    }
  });
});

describe('agreement with the naive RFC 9162 definitions, every size 1..64', () => {
  // Mismatches are collected and compared once: thousands of deep `toEqual`s on byte arrays
  // would dominate the run time.
  it('inclusion: PATH(m, D[n]) for every index, and it verifies', () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const n of sizes(1, MAX_SIZE)) {
      const slice = entries.slice(0, n);
      for (let m = 0; m < n; m++) {
        const proof = inclusionProof(leafHashes, m, n);
        if (toHex(proof) !== toHex(referencePath(m, slice))) {
          mismatches.push(`PATH(${m}, D[${n}]) differs`);
        }
        if (!verifyInclusion(leafAt(m), m, n, proof, rootAt(n))) {
          mismatches.push(`PATH(${m}, D[${n}]) does not verify`);
        }
        checked += 1;
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe((MAX_SIZE * (MAX_SIZE + 1)) / 2);
  });

  it('consistency: PROOF(m, D[n]) for every 0 < m <= n, and it verifies', () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const n of sizes(1, MAX_SIZE)) {
      const slice = entries.slice(0, n);
      for (let m = 1; m <= n; m++) {
        const proof = consistencyProof(leafHashes, m, n);
        if (toHex(proof) !== toHex(referenceProof(m, slice))) {
          mismatches.push(`PROOF(${m}, D[${n}]) differs`);
        }
        if (!verifyConsistency(m, n, rootAt(m), rootAt(n), proof)) {
          mismatches.push(`PROOF(${m}, D[${n}]) does not verify`);
        }
        checked += 1;
      }
      expect(consistencyProof(leafHashes, 0, n)).toEqual([]);
      expect(verifyConsistency(0, n, emptyRoot(), rootAt(n), [])).toBe(true);
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe((MAX_SIZE * (MAX_SIZE + 1)) / 2);
  });

  it('asks storage only for perfect subtrees, plus at most one range ending at the size', () => {
    const isPerfect = (start: number, end: number): boolean => {
      const width = end - start;
      return width > 0 && (width & (width - 1)) === 0 && start % width === 0;
    };
    for (const n of sizes(1, MAX_SIZE)) {
      const proofs: [number, (h: (s: number, e: number) => Uint8Array) => unknown][] = [];
      for (let m = 0; m < n; m++) {
        proofs.push([m, (h) => inclusionProof(h, m, n)], [m, (h) => consistencyProof(h, m, n)]);
      }
      for (const [m, prove] of proofs) {
        const ranges: [number, number][] = [];
        prove((start, end) => {
          ranges.push([start, end]);
          return rootAt(1);
        });
        const ragged = ranges.filter(([start, end]) => !isPerfect(start, end));
        expect(ragged.length, `${m}/${n}`).toBeLessThanOrEqual(1);
        expect(ragged.every(([, end]) => end === n)).toBe(true);
      }
    }
  });

  it('gives the same proofs from a storage-style subtree hasher', () => {
    const requested: string[] = [];
    const fromLeaves = createSubtreeHasher(leafHashes);
    const hashRange = (start: number, end: number): Uint8Array => {
      requested.push(`${start}-${end}`);
      return fromLeaves(start, end);
    };
    expect(inclusionProof(hashRange, 5, 13)).toEqual(inclusionProof(leafHashes, 5, 13));
    expect(consistencyProof(hashRange, 6, 13)).toEqual(consistencyProof(leafHashes, 6, 13));
    expect(requested.length).toBeGreaterThan(0);
    expect(computeRootAtSize(leafHashes, 13)).toEqual(rootAt(13));
  });
});
