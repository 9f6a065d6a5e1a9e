import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseCheckpoint, verifyCheckpoint } from '../log/merkle/checkpoint.ts';
import { equalBytes, hashLeafText } from '../log/merkle/hash.ts';
import { parseVerifierKey } from '../log/merkle/note.ts';
import { TreeBuilder } from '../log/merkle/tree.ts';
import { checkEntryPayload, createKeyBook, type KeyBook } from './check-entry-payload.ts';

/** Payload checks (message signatures) running at once. */
const IN_FLIGHT = 512;

/** What `siteds audit verify` found: counts, and every problem with where it is. */
export interface VerifyReport {
  readonly entries: number;
  readonly checkpoints: number;
  /** Entries whose payload was exported and checked (digest and message signature). */
  readonly payloads: number;
  readonly problems: string[];
}

export interface VerifyOptions {
  /** The log's verifier key as the auditor knows it; default: the one in the export (weaker). */
  readonly verifierKey?: string | undefined;
  /** Checkpoints the auditor saved earlier: each must match the recomputed tree. */
  readonly trusted?: readonly string[];
  readonly onProgress?: (entries: number) => void;
}

/**
 * Recomputes the whole tree from an export (NDJSON: a `log` line, `checkpoint` lines, then
 * `entry` lines in tree order) without trusting any stored hash: each entry's leaf is rehashed
 * from its canonical bytes and compared with the log's; indexes must run 0, 1, 2 … (a deleted,
 * inserted or reordered entry shows); every checkpoint's signature is checked and its root
 * compared with the recomputed root at its size, which also proves successive checkpoints
 * consistent; trusted earlier checkpoints catch a log rebuilt to hide a change. Entries exported
 * with their payload also get their salted digest and their message signature checked.
 */
export async function verifyExport(
  file: string,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const problems: string[] = [];
  const state = {
    header: undefined as undefined | { origin: string; verifierKey: string },
    due: new Map<number, string[]>(),
    entries: 0,
    checkpoints: 0,
    keys: createKeyBook(undefined),
    signed: 0,
  };
  const inFlight = new Set<Promise<void>>();
  const builder = new TreeBuilder();
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let lineNo = 0;
  for await (const line of lines) {
    lineNo += 1;
    if (line.trim() === '') {
      continue;
    }
    const record = JSON.parse(line) as Record<string, unknown>;
    if (record.type === 'log') {
      state.header = { origin: String(record.origin), verifierKey: String(record.verifierKey) };
      state.keys = createKeyBook(record.keys);
      for (const note of options.trusted ?? []) {
        addCheckpoint(note, 'trusted checkpoint', state, options, problems);
      }
    } else if (record.type === 'checkpoint') {
      addCheckpoint(String(record.note), `line ${lineNo}`, state, options, problems);
    } else if (record.type === 'entry') {
      checkEntry(record, builder, problems);
      if (typeof record.payload === 'string' && typeof record.salt === 'string') {
        state.signed += 1;
        await startPayloadCheck(checkPayloadOf(record, state.keys, problems), inFlight);
      }
      state.entries += 1;
      checkDue(builder, state.due, problems);
      if (state.entries % 100_000 === 0) {
        options.onProgress?.(state.entries);
      }
    }
  }
  await Promise.all(inFlight);
  for (const [size, labels] of state.due) {
    problems.push(
      `${labels.join(', ')}: covers ${size} entries but the export has ${builder.size}`,
    );
  }
  return {
    entries: state.entries,
    checkpoints: state.checkpoints,
    payloads: state.signed,
    problems,
  };
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

/**
 * Signatures verify on libuv's thread pool (every core) while the main thread reads on: at most
 * `IN_FLIGHT` checks at once, a new one starting as soon as any finishes.
 */
async function startPayloadCheck(
  check: Promise<void>,
  inFlight: Set<Promise<void>>,
): Promise<void> {
  const tracked = check.finally(() => {
    inFlight.delete(tracked);
  });
  inFlight.add(tracked);
  if (inFlight.size >= IN_FLIGHT) {
    await Promise.race(inFlight);
  }
}

async function checkPayloadOf(
  record: Record<string, unknown>,
  keys: KeyBook,
  problems: string[],
): Promise<void> {
  const fields = JSON.parse(String(record.canonical)) as unknown[];
  const payload = {
    bytes: Buffer.from(String(record.payload), 'base64'),
    salt: Buffer.from(String(record.salt), 'base64'),
  };
  problems.push(...(await checkEntryPayload(Number(record.index), fields, payload, keys)));
}

function checkEntry(
  record: Record<string, unknown>,
  builder: TreeBuilder,
  problems: string[],
): void {
  const index = Number(record.index);
  const canonical = String(record.canonical);
  // The entry's id, for a problem's message only (parsing every entry for it cost a fifth of
  // the time per entry).
  const id = (): string => String((JSON.parse(canonical) as unknown[])[1]);
  if (index !== builder.size) {
    problems.push(
      `entry ${builder.size}: found index ${index} (id ${id()}): entries deleted, inserted or reordered`,
    );
  }
  const leaf = hashLeafText(canonical);
  if (!equalBytes(leaf, Buffer.from(String(record.leafHash), 'base64'))) {
    problems.push(`entry ${index} (id ${id()}): its content does not match its leaf hash`);
  }
  builder.append(leaf);
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
