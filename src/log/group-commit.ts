import type { Store } from '../store/open-store.ts';
import { hashAppendedLeaves } from './hash-appended-leaves.ts';
import { insertEntries, type InsertedBatch } from './insert-entries.ts';
import type { LeafCache } from './leaf-cache.ts';
import type { LogEntryInput } from './message-log.ts';

interface Waiting {
  readonly entry: LogEntryInput;
  resolve(value: { id: string; loggedAt: string }): void;
  reject(err: unknown): void;
}

/**
 * Group commit: appends that arrive while writes are in flight wait and are written together in
 * the next one. One batch is one INSERT statement (prepared once per connection), committed on
 * its own; each caller resolves only when its batch has committed, so every append is as durable
 * as if written alone, for a fraction of the statements and fsyncs. The first append on an idle
 * log is written at once.
 *
 * Up to `maxInFlight` statements run at once, so that this process prepares one batch while the
 * database executes and commits another. A batch takes its share of the work under way: the
 * waiting appends and those in flight, divided by `maxInFlight` (at least one append, at most
 * `maxBatch` rows and `maxBytes` of payload). Batches so stay about equal in size under load,
 * instead of a large one alternating with a small one that pays a statement's fixed cost for a
 * few rows (measured with `bench/log-appends.ts`).
 */
export function createGroupCommit(
  store: Store,
  { maxBatch = 1000, maxInFlight = 2, maxBytes = MAX_BATCH_BYTES, leaves }: GroupCommitOptions = {},
): (entry: LogEntryInput) => Promise<{ id: string; loggedAt: string }> {
  const queue: Waiting[] = [];
  let writing = 0;
  let inFlight = 0;
  const writeBatch = async (batch: readonly Waiting[]): Promise<void> => {
    inFlight += batch.length;
    try {
      const entries = batch.map((w) => w.entry);
      const inserted = await insertEntries(store, entries);
      if (leaves !== undefined) {
        leaveLeafHashes(leaves, entries, inserted);
      }
      batch.forEach((w, i) => {
        const s = inserted.stored[i];
        if (s === undefined) {
          w.reject(new Error('message log batch returned fewer rows'));
        } else {
          w.resolve({ id: s.id, loggedAt: s.logged_at });
        }
      });
    } catch (err) {
      batch.forEach((w) => {
        w.reject(err);
      });
    } finally {
      inFlight -= batch.length;
    }
  };
  const flush = async (): Promise<void> => {
    writing += 1;
    while (queue.length > 0) {
      const share = Math.ceil((queue.length + inFlight) / maxInFlight);
      await writeBatch(queue.splice(0, batchLength(queue, Math.min(share, maxBatch), maxBytes)));
    }
    writing -= 1;
  };
  return (entry) =>
    new Promise((resolve, reject) => {
      queue.push({ entry, resolve, reject });
      if (writing < maxInFlight) {
        void flush();
      }
    });
}

/**
 * Leaves a committed batch's leaf hashes for this process's sequencer. Only an optimisation:
 * should it fail, the sequencer reads the entries back, and the appends stay committed.
 */
function leaveLeafHashes(
  leaves: LeafCache,
  entries: readonly LogEntryInput[],
  inserted: InsertedBatch,
): void {
  try {
    const { firstId, leafHashes } = hashAppendedLeaves(entries, inserted);
    leaves.put(firstId, leafHashes);
  } catch {
    // read back by the sequencer instead
  }
}

export interface GroupCommitOptions {
  /** Entries per statement, at most. */
  readonly maxBatch?: number;
  /** Statements in flight at once, at most. */
  readonly maxInFlight?: number;
  /** Payload bytes per statement, at most (one payload alone may exceed it). */
  readonly maxBytes?: number;
  /** Where to leave each committed batch's leaf hashes for this process's sequencer. */
  readonly leaves?: LeafCache | undefined;
}

/**
 * Payload bytes one statement carries at most: the payloads travel as one `bytea` parameter,
 * which PostgreSQL caps at 1 GB (a single payload is bounded by `SITEDS_BODY_LIMIT`, 64 MiB).
 */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;

/** How many waiting appends the next batch takes: at most `maxBatch` and `maxBytes`, at least one. */
function batchLength(queue: readonly Waiting[], maxBatch: number, maxBytes: number): number {
  let bytes = 0;
  let n = 0;
  for (const w of queue) {
    bytes += w.entry.payload.length;
    if (n === maxBatch || (n > 0 && bytes > maxBytes)) {
      break;
    }
    n += 1;
  }
  return n;
}
