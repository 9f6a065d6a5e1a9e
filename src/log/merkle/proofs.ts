/**
 * Inclusion and consistency proofs of RFC 9162: generation (§2.1.3.1, §2.1.4.1) over any
 * {@link SubtreeHasher}, and verification exactly as the algorithms of §2.1.3.2 and §2.1.4.2.
 *
 * Proofs are arrays of 32-byte hashes ordered as the RFC orders them: from the leaf (or the
 * smaller tree) up to the root.
 * @module
 */
import { emptyRoot, equalBytes, hashChildren, isHash } from './hash.ts';
import type { SubtreeHasher } from './tree.ts';
import { assertTreeSize, createSubtreeHasher, splitPoint } from './tree.ts';

/**
 * Where proof nodes come from: leaf hashes in log order, or a function returning
 * `MTH(D[start:end])` (e.g. answered by storage from cached subtree hashes).
 */
export type ProofSource = readonly Uint8Array[] | SubtreeHasher;

function toSubtreeHasher(source: ProofSource): SubtreeHasher {
  return typeof source === 'function' ? source : createSubtreeHasher(source);
}

/**
 * Inclusion proof `PATH(index, D[size])` of RFC 9162 §2.1.3.1: the sibling subtree hashes on
 * the way from leaf `index` to the root of the tree of `size` leaves, nearest the leaf first.
 *
 * @param source - leaf hashes (at least `size`) or a {@link SubtreeHasher}.
 * @param index - 0-based leaf index, `index < size`.
 * @param size - tree size.
 * @throws RangeError when `index >= size` or an argument is not a safe integer.
 */
export function inclusionProof(source: ProofSource, index: number, size: number): Uint8Array[] {
  assertTreeSize(index, 'index');
  assertTreeSize(size, 'size');
  if (index >= size) {
    throw new RangeError(`index ${index} is not in a tree of size ${size}`);
  }
  const hashRange = toSubtreeHasher(source);
  const path: Uint8Array[] = [];
  let start = 0;
  let end = size;
  while (end - start > 1) {
    const k = splitPoint(end - start);
    if (index < start + k) {
      path.push(hashRange(start + k, end));
      end = start + k;
    } else {
      path.push(hashRange(start, start + k));
      start += k;
    }
  }
  return path.reverse();
}

/**
 * Consistency proof `PROOF(first, D[second])` of RFC 9162 §2.1.4.1, showing that the tree of
 * `first` leaves is a prefix of the tree of `second` leaves. Empty when `first` is 0 or equal
 * to `second` (nothing to prove).
 *
 * @param source - leaf hashes (at least `second`) or a {@link SubtreeHasher}.
 * @param first - size of the older tree.
 * @param second - size of the newer tree, `first <= second`.
 * @throws RangeError when `first > second` or an argument is not a safe integer.
 */
export function consistencyProof(source: ProofSource, first: number, second: number): Uint8Array[] {
  assertTreeSize(first, 'first');
  assertTreeSize(second, 'second');
  if (first > second) {
    throw new RangeError(`first size ${first} is larger than second size ${second}`);
  }
  if (first === 0 || first === second) {
    return [];
  }
  const hashRange = toSubtreeHasher(source);
  const proof: Uint8Array[] = [];
  let start = 0;
  let end = second;
  let m = first; // leaves of the old tree inside the current subtree [start, end)
  // SUBPROOF's flag b: still on the left edge, where the subtree the recursion ends on is the
  // old tree itself, whose root the verifier already holds.
  let isWholeOldTree = true;
  while (m !== end - start) {
    const k = splitPoint(end - start);
    if (m <= k) {
      proof.push(hashRange(start + k, end));
      end = start + k;
    } else {
      proof.push(hashRange(start, start + k));
      start += k;
      m -= k;
      isWholeOldTree = false;
    }
  }
  if (!isWholeOldTree) {
    proof.push(hashRange(start, end));
  }
  return proof.reverse();
}

/** `LSB(x)` of RFC 9162 §2.1.3.2: whether the least significant bit of `x` is set. */
function isOdd(x: number): boolean {
  return x % 2 === 1;
}

/** Right-shift by one without 32-bit bitwise operators. */
function half(x: number): number {
  return Math.floor(x / 2);
}

function isPowerOfTwo(x: number): boolean {
  let rest = x;
  while (rest > 1 && !isOdd(rest)) {
    rest /= 2;
  }
  return rest === 1;
}

function isValidSize(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/**
 * Root recomputed from an inclusion proof by the algorithm of RFC 9162 §2.1.3.2 (steps 1–4 and
 * the `sn == 0` check of step 5); `undefined` wherever that algorithm fails.
 *
 * @param leafHash - the leaf hash claimed to be at `index`.
 * @param index - 0-based leaf index.
 * @param size - tree size the proof is for.
 * @param proof - the inclusion path, nearest the leaf first.
 */
export function rootFromInclusionProof(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
): Uint8Array | undefined {
  if (!isValidSize(index) || !isValidSize(size) || index >= size) {
    return undefined;
  }
  if (!isHash(leafHash) || !proof.every(isHash)) {
    return undefined;
  }
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) {
      return undefined;
    }
    if (isOdd(fn) || fn === sn) {
      r = hashChildren(p, r);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : undefined;
}

/**
 * Verifies an inclusion proof exactly as RFC 9162 §2.1.3.2: true only when `leafHash` is leaf
 * `index` of the tree of `size` leaves whose root is `root`. Never throws.
 *
 * @param leafHash - the leaf hash (`hashLeaf(entry)`).
 * @param index - 0-based leaf index.
 * @param size - tree size.
 * @param proof - the inclusion path from {@link inclusionProof}.
 * @param root - the trusted root hash at `size` (from a verified checkpoint).
 */
export function verifyInclusion(
  leafHash: Uint8Array,
  index: number,
  size: number,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  const computed = rootFromInclusionProof(leafHash, index, size, proof);
  return computed !== undefined && isHash(root) && equalBytes(computed, root);
}

/**
 * Verifies a consistency proof exactly as RFC 9162 §2.1.4.2 for `0 < first < second`. The
 * trivial cases the RFC leaves out are decided as follows: `first === second` needs an empty
 * proof and equal roots; `first === 0` needs an empty proof and `rootFirst` equal to
 * `emptyRoot()`; `first > second` fails. Never throws.
 *
 * @param first - size of the older tree.
 * @param second - size of the newer tree.
 * @param rootFirst - trusted root at `first`.
 * @param rootSecond - trusted root at `second`.
 * @param proof - the consistency path from {@link consistencyProof}.
 */
export function verifyConsistency(
  first: number,
  second: number,
  rootFirst: Uint8Array,
  rootSecond: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  if (!isValidSize(first) || !isValidSize(second) || first > second) {
    return false;
  }
  if (!isHash(rootFirst) || !isHash(rootSecond) || !proof.every(isHash)) {
    return false;
  }
  if (first === 0) {
    return proof.length === 0 && equalBytes(rootFirst, emptyRoot());
  }
  if (first === second) {
    return proof.length === 0 && equalBytes(rootFirst, rootSecond);
  }
  return runConsistencyAlgorithm(first, second, rootFirst, rootSecond, proof);
}

/** RFC 9162 §2.1.4.2 steps 1–7 for `0 < first < second`, inputs already checked. */
function runConsistencyAlgorithm(
  first: number,
  second: number,
  rootFirst: Uint8Array,
  rootSecond: Uint8Array,
  proof: readonly Uint8Array[],
): boolean {
  const path = isPowerOfTwo(first) ? [rootFirst, ...proof] : [...proof];
  const [seed, ...rest] = path;
  if (seed === undefined || proof.length === 0) {
    return false;
  }
  let fn = first - 1;
  let sn = second - 1;
  while (isOdd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = seed;
  let sr = seed;
  for (const c of rest) {
    if (sn === 0) {
      return false;
    }
    if (isOdd(fn) || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (!isOdd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equalBytes(fr, rootFirst) && equalBytes(sr, rootSecond);
}
