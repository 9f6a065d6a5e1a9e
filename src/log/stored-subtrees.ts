import type { SqlClient } from '../store/open-store.ts';
import { hashChildren } from './merkle/hash.ts';
import { TreeBuilder, splitPoint, type SubtreeHasher } from './merkle/tree.ts';

/**
 * Perfect subtrees of at least 2^4 = 16 leaves are stored in `log_node` (migration 007) as the
 * sequencer completes them; smaller ones are recomputed from at most 15 leaf hashes. That keeps
 * the stored nodes to about an eighth of the leaves, and any proof to O(log n) rows read.
 */
export const STORED_LEVEL_MIN = 4;

/** The perfect subtree of leaves `[index * 2^level, (index + 1) * 2^level)`. */
export interface Node {
  readonly level: number;
  readonly index: number;
}

const keyOf = (n: Node): string => `${n.level}:${n.index}`;

/**
 * The perfect subtrees whose hashes make `MTH(D[start:end])`, following RFC 9162 §2.1.1: a range
 * that is a whole, aligned power of two is one node; any other splits at its largest power of two.
 */
function nodesOf(start: number, end: number, into: Node[]): void {
  const n = end - start;
  if (n <= 0) {
    throw new RangeError(`empty range [${start}, ${end}) in a proof`);
  }
  let level = 0;
  while (2 ** (level + 1) <= n) {
    level += 1;
  }
  if (2 ** level === n && start % n === 0) {
    into.push({ level, index: start / n });
    return;
  }
  const k = splitPoint(n);
  nodesOf(start, start + k, into);
  nodesOf(start + k, end, into);
}

/** `MTH(D[start:end])` from the hashes of its perfect subtrees (same recursion as `nodesOf`). */
function hashOf(start: number, end: number, known: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const n = end - start;
  let level = 0;
  while (2 ** (level + 1) <= n) {
    level += 1;
  }
  if (2 ** level === n && start % n === 0) {
    const hash = known.get(keyOf({ level, index: start / n }));
    if (hash === undefined) {
      throw new Error(`subtree ${level}:${start / n} is not in the store`);
    }
    return hash;
  }
  const k = splitPoint(n);
  return hashChildren(hashOf(start, start + k, known), hashOf(start + k, end, known));
}

/**
 * Reads the hashes of perfect subtrees: stored nodes from `log_node`, smaller ones recomputed
 * from their leaves in `log_leaf`. Two queries whatever the number of nodes.
 */
export async function readSubtrees(
  sql: SqlClient,
  nodes: readonly Node[],
): Promise<Map<string, Uint8Array>> {
  const stored = nodes.filter((n) => n.level >= STORED_LEVEL_MIN);
  const small = nodes.filter((n) => n.level < STORED_LEVEL_MIN);
  const leafIndexes = small.flatMap((n) =>
    Array.from({ length: 2 ** n.level }, (_, i) => n.index * 2 ** n.level + i),
  );
  const [nodeRows, leafRows] = await Promise.all([
    stored.length === 0
      ? []
      : sql.query<{ level: number; idx: string; hash: Uint8Array }>(
          `SELECT level, idx::text AS idx, hash FROM log_node
            WHERE (level, idx) IN (SELECT * FROM unnest($1::smallint[], $2::bigint[]))`,
          [stored.map((n) => n.level), stored.map((n) => n.index)],
        ),
    leafIndexes.length === 0
      ? []
      : sql.query<{ tree_index: string; leaf_hash: Uint8Array }>(
          'SELECT tree_index::text AS tree_index, leaf_hash FROM log_leaf WHERE tree_index = ANY($1::bigint[])',
          [leafIndexes],
        ),
  ]);
  const known = new Map<string, Uint8Array>(
    nodeRows.map((r) => [`${r.level}:${r.idx}`, new Uint8Array(r.hash)]),
  );
  const leaves = new Map(leafRows.map((r) => [Number(r.tree_index), new Uint8Array(r.leaf_hash)]));
  for (const n of small) {
    const builder = new TreeBuilder();
    for (let i = 0; i < 2 ** n.level; i++) {
      const leaf = leaves.get(n.index * 2 ** n.level + i);
      if (leaf === undefined) {
        throw new Error(`leaf ${n.index * 2 ** n.level + i} is not in the store`);
      }
      builder.append(leaf);
    }
    known.set(keyOf(n), builder.rootHash());
  }
  return known;
}

/**
 * Runs a proof generator (`inclusionProof`, `consistencyProof`) over the stored tree: a first,
 * dry run records the subtree ranges the proof needs; their perfect subtrees are read at once;
 * the second run computes the proof from them. The proof is the generator's own, node for node.
 */
export async function proveFromStore<T>(
  sql: SqlClient,
  prove: (hasher: SubtreeHasher) => T,
): Promise<T> {
  const nodes: Node[] = [];
  const placeholder = new Uint8Array(32);
  prove((start, end) => {
    nodesOf(start, end, nodes);
    return placeholder;
  });
  const known = await readSubtrees(sql, nodes);
  return prove((start, end) => hashOf(start, end, known));
}

/**
 * The compact range of the tree of `size` leaves (one perfect subtree per 1 bit of `size`,
 * largest first), read from the store: what the sequencer resumes from in O(log n).
 */
export async function readCompactRange(sql: SqlClient, size: number): Promise<TreeBuilder> {
  const nodes: Node[] = [];
  let start = 0;
  for (let level = Math.floor(Math.log2(Math.max(size, 1))) + 1; level >= 0; level--) {
    if (start + 2 ** level <= size) {
      nodes.push({ level, index: start / 2 ** level });
      start += 2 ** level;
    }
  }
  const known = await readSubtrees(sql, nodes);
  return TreeBuilder.fromCompactRange(
    size,
    nodes.map((n) => known.get(keyOf(n)) ?? new Uint8Array()),
  );
}
