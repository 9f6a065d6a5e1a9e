import { equalBytes, HASH_SIZE, hashLeafText } from '../log/merkle/hash.ts';
import { computeRoot } from '../log/merkle/tree.ts';
import { checkEntryPayload, createKeyBook, type KeyBook } from './check-entry-payload.ts';

/** What the entry lines of one chunk of an export prove, in line order. */
export interface EntryLinesResult {
  /** Each entry's leaf hash recomputed from its canonical text, 32 bytes each, concatenated. */
  readonly leaves: Uint8Array;
  /** Each entry's problems: its index, its leaf hash, its payload's digest and signature. */
  readonly problems: string[][];
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
 * Runs on the verify worker threads (`verify-worker.ts`), or in the calling thread.
 */
export async function checkEntryLines(
  lines: readonly string[],
  keysJson: string,
  firstIndex: number,
): Promise<EntryLinesResult> {
  const leaves = new Uint8Array(HASH_SIZE * lines.length);
  let payloads = 0;
  let book: KeyBook | undefined; // built on the chunk's first payload
  const keys = (): KeyBook => (book ??= createKeyBook(JSON.parse(keysJson) as unknown));
  const checks = lines.map((line, i) => {
    const checked = checkEntryLine(line, firstIndex + i, keys);
    leaves.set(checked.leaf, i * HASH_SIZE);
    payloads += checked.withPayload ? 1 : 0;
    return checked.problems;
  });
  return {
    leaves,
    problems: await Promise.all(checks),
    payloads,
    root: subtreeRootOf(leaves, lines.length),
  };
}

/** One entry line: its leaf hash, and its problems (those of its payload once checked). */
function checkEntryLine(
  line: string,
  expected: number,
  keys: () => KeyBook,
): { leaf: Uint8Array; withPayload: boolean; problems: Promise<string[]> } {
  const record = JSON.parse(line) as Record<string, unknown>;
  const index = Number(record.index);
  const canonical = String(record.canonical);
  const leaf = hashLeafText(canonical);
  // The id, for a problem's message only (parsing every entry for it cost a fifth of the time).
  const id = (): string => String((JSON.parse(canonical) as unknown[])[1]);
  const own: string[] = [];
  if (index !== expected) {
    own.push(
      `entry ${expected}: found index ${index} (id ${id()}): entries deleted, inserted or reordered`,
    );
  }
  if (!equalBytes(leaf, Buffer.from(String(record.leafHash), 'base64'))) {
    own.push(`entry ${index} (id ${id()}): its content does not match its leaf hash`);
  }
  if (typeof record.payload !== 'string' || typeof record.salt !== 'string') {
    return { leaf, withPayload: false, problems: Promise.resolve(own) };
  }
  const payload = checkPayload(index, canonical, record.payload, record.salt, keys());
  return { leaf, withPayload: true, problems: payload.then((p) => [...own, ...p]) };
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

function checkPayload(
  index: number,
  canonical: string,
  payload: string,
  salt: string,
  keys: KeyBook,
): Promise<string[]> {
  const fields = JSON.parse(canonical) as unknown[];
  const bytes = { bytes: Buffer.from(payload, 'base64'), salt: Buffer.from(salt, 'base64') };
  return checkEntryPayload(index, fields, bytes, keys);
}
