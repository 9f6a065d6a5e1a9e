/**
 * Merkle Tree Hash (MTH) of RFC 9162 §2.1.1, computed incrementally.
 *
 * `MTH({}) = SHA-256()`, `MTH({d0}) = SHA-256(0x00 ‖ d0)`, and for n > 1 with k the largest
 * power of two smaller than n: `MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n]))`.
 *
 * Sizes and indexes are JavaScript numbers, checked to be safe integers; no bitwise operators
 * are used, so trees past 2^31 leaves work.
 * @module
 */
import { assertHashSize, emptyRoot, hashChildren } from './hash.ts';

/** Reads the leaf hash at a 0-based index (from memory now, from storage later). */
export type LeafHashReader = (index: number) => Uint8Array;

/**
 * Told of a perfect subtree completed by an append: `hash` is `MTH` of the leaves
 * `[index * 2^level, (index + 1) * 2^level)`.
 */
export type NodeListener = (level: number, index: number, hash: Uint8Array) => void;

/**
 * Returns `MTH(D[start:end])`, the hash of the leaves `start` (inclusive) to `end` (exclusive).
 * Proof generation only needs this; storage can answer it from cached subtree hashes.
 */
export type SubtreeHasher = (start: number, end: number) => Uint8Array;

/**
 * Throws a `RangeError` unless `value` is a safe integer ≥ 0 (a tree size or leaf index).
 *
 * @param value - the number to check.
 * @param what - its name, for the error message.
 */
export function assertTreeSize(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`${what} must be a non-negative safe integer`);
  }
}

/**
 * The split point k of RFC 9162 §2.1.1: the largest power of two strictly smaller than `n`.
 *
 * @param n - a tree size ≥ 2.
 */
export function splitPoint(n: number): number {
  if (!Number.isSafeInteger(n) || n < 2) {
    throw new RangeError('splitPoint needs a tree size of at least 2');
  }
  let k = 1;
  while (k * 2 < n) {
    k *= 2;
  }
  return k;
}

/** Number of 1 bits of a safe integer: the number of perfect subtrees in a tree of that size. */
function countOnes(n: number): number {
  let ones = 0;
  for (let rest = n; rest > 0; rest = Math.floor(rest / 2)) {
    ones += rest % 2;
  }
  return ones;
}

/**
 * Incremental MTH builder (RFC 9162 §2.1.1) keeping only the compact range: the roots of the
 * perfect subtrees that cover leaves `[0, size)`, one per 1 bit of `size`, largest first. An
 * append costs one leaf plus on average one `hashChildren`; the root at the current size costs
 * at most log2(size) more. State is O(log n), so a million-entry log is replayed in one pass.
 */
export class TreeBuilder {
  #size = 0;
  readonly #range: Uint8Array[] = [];

  /**
   * Resumes a builder from a stored compact range (see {@link TreeBuilder.compactRange}).
   *
   * @param size - number of leaves the range covers.
   * @param range - the perfect subtree roots, largest (leftmost) first.
   * @throws RangeError when the number of hashes is not the number of 1 bits of `size`.
   */
  static fromCompactRange(size: number, range: readonly Uint8Array[]): TreeBuilder {
    assertTreeSize(size, 'size');
    if (range.length !== countOnes(size)) {
      throw new RangeError(`a compact range of size ${size} has ${countOnes(size)} hashes`);
    }
    const builder = new TreeBuilder();
    for (const node of range) {
      assertHashSize(node, 'compact range hash');
      builder.#range.push(node);
    }
    builder.#size = size;
    return builder;
  }

  /** Number of leaves appended so far. */
  get size(): number {
    return this.#size;
  }

  /**
   * Appends the next leaf hash (already `hashLeaf`-ed), merging equal-sized subtrees.
   *
   * @param leafHash - the 32-byte leaf hash of entry number {@link TreeBuilder.size}.
   * @param onNode - told of every perfect subtree this leaf completes (level 1 and up).
   */
  append(leafHash: Uint8Array, onNode?: NodeListener): void {
    assertHashSize(leafHash, 'leaf hash');
    let node = leafHash;
    let level = 0;
    for (let rest = this.#size; rest % 2 === 1; rest = (rest - 1) / 2) {
      const left = this.#range.pop();
      if (left === undefined) {
        throw new Error('compact range is shorter than its size implies');
      }
      node = hashChildren(left, node);
      level += 1;
      onNode?.(level, (rest - 1) / 2, node);
    }
    this.#range.push(node);
    this.#size += 1;
  }

  /**
   * Appends a whole perfect subtree of `2^level` leaves at once, given its root: the same state
   * as appending its leaves one by one, for `level` fewer hashes per leaf. The tree's size must be
   * a multiple of `2^level` (the subtree starts where an aligned one can).
   *
   * @param level - the subtree's height (0: one leaf).
   * @param root - MTH of its leaves.
   * @throws RangeError when the size is not a multiple of `2^level`.
   */
  appendSubtree(level: number, root: Uint8Array): void {
    assertHashSize(root, 'subtree root');
    const width = 2 ** level;
    if (!Number.isInteger(level) || level < 0 || this.#size % width !== 0) {
      throw new RangeError(`a subtree of 2^${level} leaves cannot start at ${this.#size}`);
    }
    let node = root;
    for (let rest = this.#size / width; rest % 2 === 1; rest = (rest - 1) / 2) {
      const left = this.#range.pop();
      if (left === undefined) {
        throw new Error('compact range is shorter than its size implies');
      }
      node = hashChildren(left, node);
    }
    this.#range.push(node);
    this.#size += width;
  }

  /** MTH of all leaves appended so far (RFC 9162 §2.1.1); `emptyRoot()` when none. */
  rootHash(): Uint8Array {
    const right = this.#range.at(-1);
    if (right === undefined) {
      return emptyRoot();
    }
    let root = right;
    for (const left of this.#range.slice(0, -1).reverse()) {
      root = hashChildren(left, root);
    }
    return root;
  }

  /** A copy of the compact range (largest subtree first), for storing and resuming later. */
  compactRange(): Uint8Array[] {
    return [...this.#range];
  }
}

/**
 * MTH of a whole list of leaf hashes (RFC 9162 §2.1.1).
 *
 * @param leafHashes - leaf hashes in log order.
 */
export function computeRoot(leafHashes: Iterable<Uint8Array>): Uint8Array {
  const builder = new TreeBuilder();
  for (const leafHash of leafHashes) {
    builder.append(leafHash);
  }
  return builder.rootHash();
}

/**
 * `MTH(D[start:end])` read leaf by leaf (RFC 9162 §2.1.1); `emptyRoot()` when `start === end`.
 * O(end − start): fine for tests and small trees; storage should cache perfect subtrees.
 *
 * @param readLeafHash - reads leaf hashes by index.
 * @param start - first leaf (inclusive).
 * @param end - last leaf (exclusive).
 */
export function hashSubtree(readLeafHash: LeafHashReader, start: number, end: number): Uint8Array {
  assertTreeSize(start, 'start');
  assertTreeSize(end, 'end');
  if (start > end) {
    throw new RangeError('start must not be past end');
  }
  const builder = new TreeBuilder();
  for (let i = start; i < end; i++) {
    builder.append(readLeafHash(i));
  }
  return builder.rootHash();
}

/**
 * A {@link LeafHashReader} over an in-memory array that throws on a missing index.
 *
 * @param leafHashes - leaf hashes in log order.
 */
export function createLeafHashReader(leafHashes: readonly Uint8Array[]): LeafHashReader {
  return (index) => {
    const leafHash = leafHashes[index];
    if (leafHash === undefined) {
      throw new RangeError(`no leaf hash at index ${index} (have ${leafHashes.length})`);
    }
    return leafHash;
  };
}

/**
 * A {@link SubtreeHasher} that recomputes each subtree from its leaves.
 *
 * @param leaves - leaf hashes in log order, or a reader of them.
 */
export function createSubtreeHasher(leaves: readonly Uint8Array[] | LeafHashReader): SubtreeHasher {
  const read = typeof leaves === 'function' ? leaves : createLeafHashReader(leaves);
  return (start, end) => hashSubtree(read, start, end);
}

/**
 * Root of the tree formed by the first `size` leaves (RFC 9162 §2.1.1): what a checkpoint at
 * that size must carry.
 *
 * @param leaves - leaf hashes in log order, or a reader of them.
 * @param size - number of leaves in the prefix.
 */
export function computeRootAtSize(
  leaves: readonly Uint8Array[] | LeafHashReader,
  size: number,
): Uint8Array {
  return createSubtreeHasher(leaves)(0, size);
}
