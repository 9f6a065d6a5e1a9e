import { canonicalEntryText, type CanonicalEntry } from './canonical-entry.ts';
import { compareIds } from './compare-ids.ts';
import {
  storedOptionalText,
  storedText,
  type InsertedBatch,
  type StoredEntry,
} from './insert-entries.ts';
import { hashLeafText, HASH_SIZE } from './merkle/hash.ts';
import type { LogEntryInput } from './message-log.ts';

/**
 * The leaf hashes of a batch just committed, computed from the entries as stored: the input's own
 * values (text as PostgreSQL keeps it) and what the database assigned or normalised (id, time,
 * UUIDs, as `insertEntries` returned them). Returns the batch's queue key (its smallest id) and
 * the hashes concatenated in ascending id order, as the sequencer takes them.
 */
export function hashAppendedLeaves(
  entries: readonly LogEntryInput[],
  batch: InsertedBatch,
): { firstId: string; leafHashes: Uint8Array } {
  const leaves = batch.stored.map((s, i) => {
    const entry = entries[i];
    if (entry === undefined) {
      throw new Error('message log batch is missing an entry');
    }
    const digest = batch.digests.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
    return { id: s.id, leaf: hashLeafText(canonicalEntryText(canonicalOf(entry, s, digest))) };
  });
  leaves.sort((a, b) => compareIds(a.id, b.id));
  const leafHashes = new Uint8Array(HASH_SIZE * leaves.length);
  leaves.forEach((l, i) => {
    leafHashes.set(l.leaf, i * HASH_SIZE);
  });
  return { firstId: leaves[0]?.id ?? '', leafHashes };
}

/** The canonical entry: the input's fields as `insertEntries` stores them, and what `s` says. */
function canonicalOf(e: LogEntryInput, s: StoredEntry, digest: Buffer): CanonicalEntry {
  return {
    id: s.id,
    correlationId: s.correlation_id,
    kind: e.kind,
    loggedAt: s.logged_at,
    route: storedText(e.route),
    sender: storedOptionalText(e.sender),
    recipient: storedOptionalText(e.recipient),
    contentType: storedOptionalText(e.contentType),
    payloadSize: e.payload.length,
    payloadDigest: digest.toString('base64url'),
    httpStatus: e.httpStatus ?? null,
    outcome: storedText(e.outcome),
    errorCode: storedOptionalText(e.errorCode),
    durationMs: e.durationMs === undefined ? null : Math.round(e.durationMs),
    signature: storedOptionalText(e.signature),
    verdicts: e.verdicts ?? null,
    replayId: s.replay_id,
    replayOf: s.replay_of,
  };
}
