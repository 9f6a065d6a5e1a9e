import { equalBytes, HASH_SIZE, hashLeafTextBase64 } from '../log/merkle/hash.ts';
import { computeRoot } from '../log/merkle/tree.ts';
import {
  checkEntryPayload,
  createKeyBook,
  decodeSaltedPayload,
  type KeyBook,
} from './check-entry-payload.ts';
import { forEachEntryLine, type EntryLineChunk } from './entry-line-chunk.ts';

/** What the entry lines of one chunk of an export prove, in line order. */
export interface EntryLinesResult {
  /** Each entry's leaf hash recomputed from its canonical text, 32 bytes each, concatenated. */
  readonly leaves: Uint8Array;
  /** Entries checked (the chunk's lines). */
  readonly entries: number;
  /**
   * The problems found, in line order, each with its line in the chunk (`at`): an entry's index,
   * its leaf hash, its payload's digest and signature.
   */
  readonly problems: readonly { readonly at: number; readonly text: string }[];
  /** Entries whose payload was exported and checked. */
  readonly payloads: number;
  /** When the chunk holds 2^k entries: the root of the perfect subtree of their leaves. */
  readonly root?: Uint8Array | undefined;
}

/**
 * Checks a run of consecutive `entry` lines of an export, the first of which should be entry
 * `firstIndex` (`verify-export.ts` builds the tree from the leaves, in order): each entry's index,
 * its leaf hash recomputed from the canonical text against the exported one, and, for entries
 * exported with their payload, the salted digest and message signature.
 * Runs on the verify worker threads (`verify-worker.ts`), or in the calling thread. Each line is
 * decoded only when its turn comes, so that a chunk's strings do not outlive their check.
 */
export function checkEntryLines(
  chunk: EntryLineChunk,
  keysJson: string,
  firstIndex: number,
): EntryLinesResult {
  const entries = chunk.ends.length;
  const leaves = Buffer.alloc(HASH_SIZE * entries);
  const problems: { at: number; text: string }[] = [];
  let payloads = 0;
  let book: KeyBook | undefined; // built on the chunk's first payload
  const keys = (): KeyBook => (book ??= createKeyBook(JSON.parse(keysJson) as unknown));
  forEachEntryLine(chunk, (line, at) => {
    const checked = checkEntryLine(line, firstIndex + at, keys);
    leaves.write(checked.leaf, at * HASH_SIZE, 'base64');
    payloads += checked.withPayload ? 1 : 0;
    for (const text of checked.problems) {
      problems.push({ at, text });
    }
  });
  const plain = new Uint8Array(leaves.buffer, leaves.byteOffset, leaves.length);
  return { leaves: plain, entries, problems, payloads, root: subtreeRootOf(plain, entries) };
}

/** One entry line: its leaf hash (base64), and its problems (those of its payload included). */
function checkEntryLine(
  line: string,
  expected: number,
  keys: () => KeyBook,
): { leaf: string; withPayload: boolean; problems: string[] } {
  const record = JSON.parse(line) as Record<string, unknown>;
  const index = Number(record.index);
  const canonical = String(record.canonical);
  const leaf = hashLeafTextBase64(canonical);
  // The id, for a problem's message only (parsing every entry for it cost a fifth of the time).
  const id = (): string => String((JSON.parse(canonical) as unknown[])[1]);
  const problems: string[] = [];
  if (index !== expected) {
    problems.push(
      `entry ${expected}: found index ${index} (id ${id()}): entries deleted, inserted or reordered`,
    );
  }
  if (leaf !== record.leafHash && !sameBase64(leaf, String(record.leafHash))) {
    problems.push(`entry ${index} (id ${id()}): its content does not match its leaf hash`);
  }
  if (typeof record.payload !== 'string' || typeof record.salt !== 'string') {
    return { leaf, withPayload: false, problems };
  }
  const fields = JSON.parse(canonical) as unknown[];
  const payload = decodeSaltedPayload(record.salt, record.payload);
  problems.push(...checkEntryPayload(index, fields, payload, keys()));
  return { leaf, withPayload: true, problems };
}

/** The same bytes in base64 written two ways (the strings differ: another writer's padding). */
function sameBase64(a: string, b: string): boolean {
  return equalBytes(Buffer.from(a, 'base64'), Buffer.from(b, 'base64'));
}

/** The root of the perfect subtree of `count` leaves, when `count` is a power of two. */
function subtreeRootOf(leaves: Uint8Array, count: number): Uint8Array | undefined {
  if (count === 0 || (count & (count - 1)) !== 0) {
    return undefined;
  }
  return computeRoot(
    Array.from({ length: count }, (_, i) => leaves.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE)),
  );
}
