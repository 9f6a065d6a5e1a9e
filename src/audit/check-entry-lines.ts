import { equalBytes, HASH_SIZE, hashLeafText } from '../log/merkle/hash.ts';
import { computeRoot } from '../log/merkle/tree.ts';
import { checkEntryPayload, createKeyBook, type KeyBook } from './check-entry-payload.ts';

/** What the entry lines of one chunk of an export prove, in line order. */
export interface EntryLinesResult {
  /** Each entry's `index` as exported. */
  readonly indexes: number[];
  /** Each entry's leaf hash recomputed from its canonical text, 32 bytes each, concatenated. */
  readonly leaves: Uint8Array;
  /** Each entry's problems: its index, its leaf hash, its payload's digest and signature. */
  readonly problems: string[][];
  /** Entries whose payload was exported and checked. */
  readonly payloads: number;
  /** When the chunk holds 2^k entries: the root of the perfect subtree of their leaves. */
  readonly root?: Uint8Array | undefined;
}

const books = new Map<string, KeyBook>();

/** The key book of an export's `keys`, built once per distinct document. */
function keyBookOf(keysJson: string): KeyBook {
  let book = books.get(keysJson);
  if (book === undefined) {
    book = createKeyBook(JSON.parse(keysJson) as unknown);
    books.set(keysJson, book);
  }
  return book;
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
  const indexes: number[] = [];
  const leaves = new Uint8Array(HASH_SIZE * lines.length);
  const checks: Promise<string[]>[] = [];
  let payloads = 0;
  lines.forEach((line, i) => {
    const record = JSON.parse(line) as Record<string, unknown>;
    const index = Number(record.index);
    const canonical = String(record.canonical);
    const leaf = hashLeafText(canonical);
    leaves.set(leaf, i * HASH_SIZE);
    indexes.push(index);
    // The id, for a problem's message only (parsing every entry for it cost a fifth of the time).
    const id = (): string => String((JSON.parse(canonical) as unknown[])[1]);
    const own: string[] = [];
    if (index !== firstIndex + i) {
      own.push(
        `entry ${firstIndex + i}: found index ${index} (id ${id()}): entries deleted, inserted or reordered`,
      );
    }
    if (!equalBytes(leaf, Buffer.from(String(record.leafHash), 'base64'))) {
      own.push(`entry ${index} (id ${id()}): its content does not match its leaf hash`);
    }
    if (typeof record.payload === 'string' && typeof record.salt === 'string') {
      payloads += 1;
      checks.push(
        checkPayload(index, canonical, record.payload, record.salt, keysJson).then((p) => [
          ...own,
          ...p,
        ]),
      );
    } else {
      checks.push(Promise.resolve(own));
    }
  });
  const count = lines.length;
  const root =
    count > 0 && (count & (count - 1)) === 0
      ? computeRoot(
          Array.from({ length: count }, (_, i) =>
            leaves.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE),
          ),
        )
      : undefined;
  return { indexes, leaves, problems: await Promise.all(checks), payloads, root };
}

function checkPayload(
  index: number,
  canonical: string,
  payload: string,
  salt: string,
  keysJson: string,
): Promise<string[]> {
  const fields = JSON.parse(canonical) as unknown[];
  const bytes = { bytes: Buffer.from(payload, 'base64'), salt: Buffer.from(salt, 'base64') };
  return checkEntryPayload(index, fields, bytes, keyBookOf(keysJson));
}
