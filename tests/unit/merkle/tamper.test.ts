import { describe, expect, it } from 'vitest';
import { emptyRoot, hashLeaf } from '../../../src/log/merkle/hash.ts';
import {
  consistencyProof,
  inclusionProof,
  verifyConsistency,
  verifyInclusion,
} from '../../../src/log/merkle/proofs.ts';
import { computeRoot, computeRootAtSize } from '../../../src/log/merkle/tree.ts';
import { flipBit, sampleEntries } from './reference-tree.ts';

/** Exhaustive over every size up to this (and every index / old size). */
const MAX_SIZE = 32;
const leafHashes = sampleEntries(MAX_SIZE).map(hashLeaf);
const roots = Array.from({ length: MAX_SIZE + 1 }, (_, n) => computeRootAtSize(leafHashes, n));
const rootAt = (n: number): Uint8Array => roots[n]!;
const leafAt = (i: number): Uint8Array => leafHashes[i]!;
const sizes = Array.from({ length: MAX_SIZE }, (_, i) => i + 1);

/** Every way we corrupt a proof's list of nodes: flip a bit per node, add, drop, reorder. */
function corruptedProofs(proof: readonly Uint8Array[]): Uint8Array[][] {
  const out: Uint8Array[][] = [];
  proof.forEach((node, i) => {
    for (const [byte, bit] of [
      [0, 0],
      [31, 7],
      [17, 3],
    ] as const) {
      out.push(proof.map((p, j) => (j === i ? flipBit(node, byte, bit) : p)));
    }
  });
  out.push([...proof, emptyRoot()], [emptyRoot(), ...proof]);
  if (proof.length > 0) {
    out.push(proof.slice(0, -1), proof.slice(1));
  }
  if (proof.length > 1) {
    out.push([...proof].reverse());
  }
  return out;
}

function swapped(list: readonly Uint8Array[], a: number, b: number): Uint8Array[] {
  const copy = [...list];
  [copy[a], copy[b]] = [list[b]!, list[a]!];
  return copy;
}

describe('inclusion proofs fail on any tampering (every size 1..32, every index)', () => {
  it('a flipped bit in the leaf, a proof node or the root', () => {
    for (const n of sizes) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(leafHashes, i, n);
        expect(verifyInclusion(flipBit(leafAt(i), 5, 1), i, n, proof, rootAt(n))).toBe(false);
        expect(verifyInclusion(leafAt(i), i, n, proof, flipBit(rootAt(n), 31, 0))).toBe(false);
        for (const bad of corruptedProofs(proof)) {
          expect(verifyInclusion(leafAt(i), i, n, bad, rootAt(n)), `${i}/${n}`).toBe(false);
        }
      }
    }
  });

  it('another leaf, or the proof used for another index of the same tree', () => {
    for (const n of sizes) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(leafHashes, i, n);
        for (let j = 0; j < n; j++) {
          if (j !== i) {
            expect(verifyInclusion(leafAt(i), j, n, proof, rootAt(n))).toBe(false);
            expect(verifyInclusion(leafAt(j), i, n, proof, rootAt(n))).toBe(false);
          }
        }
        expect(verifyInclusion(leafAt(i), n + i, n, proof, rootAt(n))).toBe(false);
      }
    }
  });

  it('a proof for one tree size checked against the signed root of another size', () => {
    for (const n of sizes) {
      for (let i = 0; i < n; i++) {
        const proof = inclusionProof(leafHashes, i, n);
        for (const other of sizes.filter((s) => s !== n && s > i)) {
          expect(verifyInclusion(leafAt(i), i, other, proof, rootAt(other))).toBe(false);
        }
      }
    }
  });

  it('binds the tree size only through the root: the size must come with the root', () => {
    // RFC 9162 §2.1.3.2 never hashes the size in. Leaf 2 of the 3-leaf tree hangs off the root
    // exactly as leaf 1 of a 2-leaf tree does, so the claim "index 1 of size 2" recomputes the
    // size-3 root. Callers must take `size` from the same checkpoint as `root`.
    const proof = inclusionProof(leafHashes, 2, 3);
    expect(verifyInclusion(leafAt(2), 1, 2, proof, rootAt(3))).toBe(true);
    expect(verifyInclusion(leafAt(2), 1, 2, proof, rootAt(2))).toBe(false);
  });

  it('two swapped leaves change the root, so no proof from the swapped log verifies', () => {
    for (const n of sizes.filter((s) => s > 1 && s <= 16)) {
      for (let a = 0; a < n; a++) {
        for (let b = a + 1; b < n; b++) {
          const forged = swapped(leafHashes.slice(0, n), a, b);
          expect(computeRoot(forged)).not.toEqual(rootAt(n));
          const proof = inclusionProof(forged, a, n);
          expect(verifyInclusion(forged[a]!, a, n, proof, rootAt(n))).toBe(false);
        }
      }
    }
  });
});

describe('consistency proofs fail on any tampering (every 0 < m < n <= 32)', () => {
  it('a flipped bit in a proof node or either root; swapped roots; extra or missing nodes', () => {
    for (const n of sizes) {
      for (let m = 1; m < n; m++) {
        const proof = consistencyProof(leafHashes, m, n);
        const [rm, rn] = [rootAt(m), rootAt(n)];
        expect(verifyConsistency(m, n, flipBit(rm, 0, 7), rn, proof)).toBe(false);
        expect(verifyConsistency(m, n, rm, flipBit(rn, 9, 2), proof)).toBe(false);
        expect(verifyConsistency(m, n, rn, rm, proof)).toBe(false);
        expect(verifyConsistency(m, n, rm, rn, [])).toBe(false);
        for (const bad of corruptedProofs(proof)) {
          expect(verifyConsistency(m, n, rm, rn, bad), `${m}->${n}`).toBe(false);
        }
      }
    }
  });

  it('a proof used for other sizes, checked against the honest roots of those sizes', () => {
    for (const n of sizes) {
      for (let m = 1; m < n; m++) {
        const proof = consistencyProof(leafHashes, m, n);
        for (const [m2, n2] of [
          [m - 1, n],
          [m + 1, n],
          [m, n - 1],
          [m, n + 1],
        ] as const) {
          if (m2 >= 1 && m2 < n2 && n2 <= MAX_SIZE) {
            expect(verifyConsistency(m2, n2, rootAt(m2), rootAt(n2), proof)).toBe(false);
          }
        }
      }
    }
  });

  it('a rewritten history (two leaves swapped, one inside the old tree) is caught', () => {
    for (const n of sizes.filter((s) => s > 1 && s <= 16)) {
      for (let a = 0; a < n; a++) {
        for (let b = a + 1; b < n; b++) {
          const forged = swapped(leafHashes.slice(0, n), a, b);
          for (let m = a + 1; m < n; m++) {
            const proof = consistencyProof(forged, m, n);
            const forgedRoot = computeRoot(forged);
            expect(verifyConsistency(m, n, rootAt(m), forgedRoot, proof), `${a}<->${b}`).toBe(
              false,
            );
          }
        }
      }
    }
  });
});
