import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseCheckpoint, verifyCheckpoint } from '../log/merkle/checkpoint.ts';
import { HASH_SIZE } from '../log/merkle/hash.ts';
import { parseVerifierKey } from '../log/merkle/note.ts';
import { TreeBuilder } from '../log/merkle/tree.ts';
import type { EntryLinesResult } from './check-entry-lines.ts';
import { createEntryLinePool, type EntryLinePool } from './entry-line-pool.ts';
import { readLines } from './read-lines.ts';

/** What `siteds audit verify` found: counts, and every problem with where it is. */
export interface VerifyReport {
  readonly entries: number;
  readonly checkpoints: number;
  /** Entries whose payload was exported and checked (digest and message signature). */
  readonly payloads: number;
  readonly problems: string[];
  /** Worker threads that checked entry lines (0: the calling thread checked them all). */
  readonly threads: number;
}

export interface VerifyOptions {
  /** The log's verifier key as the auditor knows it; default: the one in the export (weaker). */
  readonly verifierKey?: string | undefined;
  /** Checkpoints the auditor saved earlier: each must match the recomputed tree. */
  readonly trusted?: readonly string[];
  /**
   * Called with the entries verified so far each time another `progressEvery` are done, and the
   * share of the file (by bytes, 0–1) that they and the lines before them make up.
   */
  readonly onProgress?: (entries: number, share: number) => void;
  /** Entries between two progress calls (default 100,000). */
  readonly progressEvery?: number;
  /**
   * Worker threads for the entry lines: default one per core for an export of more than 4 MB,
   * none (the calling thread) for a smaller one, where starting them (≈0.05 s to bundle their
   * code, ≈0.05 s for the threads to start, and a slow first chunk while their code warms up)
   * costs more than they save.
   */
  readonly threads?: number;
}

const THREADED_FROM_BYTES = 4 * 1024 * 1024;

/**
 * Recomputes the whole tree from an export (NDJSON: a `log` line, `checkpoint` lines, then
 * `entry` lines in tree order) without trusting any stored hash: each entry's leaf is rehashed
 * from its canonical bytes and compared with the log's; indexes must run 0, 1, 2 … (a deleted,
 * inserted or reordered entry shows); every checkpoint's signature is checked and its root
 * compared with the recomputed root at its size, which also proves successive checkpoints
 * consistent; trusted earlier checkpoints catch a log rebuilt to hide a change. Entries exported
 * with their payload also get their salted digest and their message signature checked.
 *
 * The calling thread reads the file as bytes and hands entry lines, in chunks of bytes, to worker
 * threads, one per core (`entry-line-pool.ts`: parsing, leaf hashes, payload digests and
 * signatures); it builds the tree from their leaves, in order, and applies checkpoints and the
 * other records exactly where they stand among the entries.
 */
export async function verifyExport(
  file: string,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const fileBytes = statSync(file).size;
  const run = newRun(options, fileBytes);
  const threads = options.threads ?? (fileBytes > THREADED_FROM_BYTES ? availableParallelism() : 0);
  const pool = createEntryLinePool(threads);
  let lineNo = 0;
  let threadsUsed = 0;
  try {
    await readLines(file, (line) => {
      lineNo += 1;
      run.bytesLeft -= line.length + 1;
      return isEntryLine(line)
        ? addEntryLine(run, pool, line)
        : addOtherLine(run, pool, line, `line ${lineNo}`, options);
    });
    dispatch(run, pool);
    await settle(run, 0);
  } finally {
    threadsUsed = pool.threads();
    await pool.close();
  }
  for (const [size, labels] of run.due) {
    run.problems.push(
      `${labels.join(', ')}: covers ${size} entries but the export has ${run.builder.size}`,
    );
  }
  return {
    entries: run.builder.size,
    checkpoints: run.checkpoints,
    payloads: run.payloads,
    problems: run.problems,
    threads: threadsUsed,
  };
}

/** How an `entry` line written by `siteds audit export` begins (others are parsed first). */
const ENTRY_LINE = Buffer.from('{"type":"entry"');

function isEntryLine(line: Buffer): boolean {
  return (
    line.length >= ENTRY_LINE.length &&
    line.compare(ENTRY_LINE, 0, ENTRY_LINE.length, 0, ENTRY_LINE.length) === 0
  );
}

/**
 * Entry lines per job for the workers (a power of two: a full chunk at an aligned index is a
 * perfect subtree, whose root the worker computes), and jobs under way at most. 1,024 rather than
 * 2,048: when the workers finish, one may wait for the other's last chunk. The last
 * {@link TAIL_CHUNKS} chunks' worth of the file goes out in quarter chunks, so that the workers
 * finish closer together (a chunk of signed entries is ≈0.15–0.2 s of one worker here).
 */
const CHUNK_LEVEL = 10;
const CHUNK = 2 ** CHUNK_LEVEL;
const TAIL_CHUNK = CHUNK / 4;
const TAIL_CHUNKS = 2;
const PENDING = 8;

interface Run {
  header: { origin: string; verifierKey: string } | undefined;
  keysJson: string;
  due: Map<number, string[]>;
  checkpoints: number;
  payloads: number;
  problems: string[];
  builder: TreeBuilder;
  /** Entry lines waiting for the next job, and entries handed out so far. */
  chunk: Uint8Array[];
  /** Bytes of the chunk being filled, of the last full chunk, and of the file not yet read. */
  chunkBytes: number;
  lastChunkBytes: number;
  fileBytes: number;
  bytesLeft: number;
  dispatched: number;
  /** Jobs under way, in order, each with the bytes of the file read when it was handed out. */
  pending: { result: Promise<EntryLinesResult>; read: number }[];
  onProgress: ((entries: number, share: number) => void) | undefined;
  progressEvery: number;
}

function newRun(options: VerifyOptions, fileBytes: number): Run {
  return {
    onProgress: options.onProgress,
    progressEvery: options.progressEvery ?? 100_000,
    header: undefined,
    keysJson: 'null',
    due: new Map(),
    checkpoints: 0,
    payloads: 0,
    problems: [],
    builder: new TreeBuilder(),
    chunk: [],
    chunkBytes: 0,
    lastChunkBytes: 0,
    fileBytes,
    bytesLeft: fileBytes,
    dispatched: 0,
    pending: [],
  };
}

/** Queues an entry line; once a chunk is full, hands it out (and then waits while too many are). */
function addEntryLine(run: Run, pool: EntryLinePool, line: Uint8Array): Promise<void> | undefined {
  run.chunk.push(line);
  run.chunkBytes += line.length + 1;
  const lines = run.chunk.length;
  if (lines === CHUNK) {
    run.lastChunkBytes = run.chunkBytes;
  } else if (!(lines >= TAIL_CHUNK && isPowerOfTwo(lines) && nearEnd(run))) {
    return undefined;
  }
  dispatch(run, pool);
  return settle(run, PENDING);
}

/** Whether the rest of the file is the last {@link TAIL_CHUNKS} chunks' worth (by bytes). */
function nearEnd(run: Run): boolean {
  return run.bytesLeft < run.lastChunkBytes * TAIL_CHUNKS;
}

/** A chunk of 2^k lines keeps the next chunk aligned (each starts at a multiple of its size). */
function isPowerOfTwo(n: number): boolean {
  return (n & (n - 1)) === 0;
}

/** Any other line: blank, a record (applied where it stands among the entries), or an entry
 * line written differently (another writer's key order). */
async function addOtherLine(
  run: Run,
  pool: EntryLinePool,
  line: Buffer,
  label: string,
  options: VerifyOptions,
): Promise<void> {
  const text = line.toString('utf8');
  if (text.trim() === '') {
    return;
  }
  await settle(run, 0);
  const record = JSON.parse(text) as Record<string, unknown>;
  if (record.type === 'entry') {
    await addEntryLine(run, pool, line);
  } else {
    addRecord(record, label, run, options);
  }
}

function dispatch(run: Run, pool: EntryLinePool): void {
  if (run.chunk.length > 0) {
    const result = pool.check(run.chunk, run.keysJson, run.dispatched);
    run.pending.push({ result, read: run.fileBytes - run.bytesLeft });
    run.dispatched += run.chunk.length;
    run.chunk = [];
    run.chunkBytes = 0;
  }
}

/**
 * Applies finished jobs in order until at most `keep` are under way: each entry's problems, and
 * its leaf in the tree, checkpoints checked at every size one is due. A full chunk at an aligned
 * index with no checkpoint due inside it goes in as one perfect subtree (its root computed by the
 * worker), so that this thread does not rehash what the workers already did.
 */
async function settle(run: Run, keep: number): Promise<void> {
  while (run.pending.length > keep) {
    const job = run.pending.shift();
    if (job === undefined) {
      return;
    }
    const result = await job.result;
    const before = run.builder.size;
    run.payloads += result.payloads;
    if (result.root !== undefined && asOneSubtree(run, result.entries)) {
      run.problems.push(...result.problems.map((p) => p.text));
      run.builder.appendSubtree(Math.log2(result.entries), result.root);
      checkDue(run.builder, run.due, run.problems);
    } else {
      appendLeaves(run, result);
    }
    const every = run.progressEvery;
    if (Math.floor(before / every) !== Math.floor(run.builder.size / every)) {
      run.onProgress?.(run.builder.size, Math.min(job.read / Math.max(run.fileBytes, 1), 1));
    }
  }
}

/** The chunk's leaves one by one, each entry's problems before a checkpoint due after it. */
function appendLeaves(run: Run, result: EntryLinesResult): void {
  let next = 0;
  for (let i = 0; i < result.entries; i++) {
    for (; result.problems[next]?.at === i; next++) {
      run.problems.push(result.problems[next]?.text ?? '');
    }
    run.builder.append(result.leaves.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE));
    checkDue(run.builder, run.due, run.problems);
  }
}

/** Whether `count` leaves (a power of two) can go in as one subtree: aligned, no checkpoint inside. */
function asOneSubtree(run: Run, count: number): boolean {
  const start = run.builder.size;
  if (start % count !== 0) {
    return false;
  }
  for (const size of run.due.keys()) {
    if (size > start && size < start + count) {
      return false;
    }
  }
  return true;
}

function addRecord(
  record: Record<string, unknown>,
  label: string,
  run: Run,
  options: VerifyOptions,
): void {
  if (record.type === 'log') {
    run.header = { origin: String(record.origin), verifierKey: String(record.verifierKey) };
    run.keysJson = JSON.stringify(record.keys ?? null);
    for (const note of options.trusted ?? []) {
      addCheckpoint(note, 'trusted checkpoint', run, options, run.problems);
    }
  } else if (record.type === 'checkpoint') {
    addCheckpoint(String(record.note), label, run, options, run.problems);
  }
}

function addCheckpoint(
  note: string,
  label: string,
  state: {
    header?: { origin: string; verifierKey: string } | undefined;
    due: Map<number, string[]>;
    checkpoints: number;
  },
  options: VerifyOptions,
  problems: string[],
): void {
  const vkey = parseVerifierKey(options.verifierKey ?? state.header?.verifierKey ?? '');
  if (vkey === undefined) {
    problems.push(`${label}: no usable verifier key`);
    return;
  }
  const result = verifyCheckpoint(note, vkey.publicKey, vkey.keyName);
  if (!result.ok) {
    const size = parseCheckpoint(note);
    problems.push(
      `${label} (size ${size.ok ? size.checkpoint.size : '?'}): signature ${result.code}: ${result.message}`,
    );
    return;
  }
  if (state.header !== undefined && result.checkpoint.origin !== state.header.origin) {
    problems.push(`${label}: origin ${result.checkpoint.origin} is not ${state.header.origin}`);
  }
  state.checkpoints += 1;
  const key = result.checkpoint.size;
  state.due.set(key, [
    ...(state.due.get(key) ?? []),
    `${label} root ${Buffer.from(result.checkpoint.rootHash).toString('base64')}`,
  ]);
}

function checkDue(builder: TreeBuilder, due: Map<number, string[]>, problems: string[]): void {
  const labels = due.get(builder.size);
  if (labels === undefined) {
    return;
  }
  due.delete(builder.size);
  const root = Buffer.from(builder.rootHash()).toString('base64');
  for (const label of labels) {
    if (!label.endsWith(root)) {
      problems.push(
        `${label.replace(/ root .*/, '')} (size ${builder.size}): root does not match the recomputed tree (${root})`,
      );
    }
  }
}
