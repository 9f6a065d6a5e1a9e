import { HASH_SIZE } from './merkle/hash.ts';

/**
 * Leaf hashes of recently committed group-commit batches, computed by the appender from the rows
 * as the database returned them, kept for this process's sequencer so that it need not read the
 * entries back and encode them again (that read-back was about a third of the log's CPU time per
 * append). Keyed by the batch's queue key (`log_pending_batch.first_id`).
 *
 * Only an optimisation: a batch the cache does not hold (sequenced by another process, queued
 * before a restart, or evicted) is read back from the store, and `audit verify` recomputes every
 * leaf from the stored entries. Bounded: the oldest batches go first once `maxLeaves` is passed.
 */
export interface LeafCache {
  /** Remembers a committed batch: its ids in ascending order and their leaf hashes, in that order. */
  put(firstId: string, leafHashes: Uint8Array): void;
  /** The batch's leaf hashes (concatenated, in id order), forgotten once taken. */
  take(firstId: string): Uint8Array | undefined;
}

export function createLeafCache(maxLeaves = 100_000): LeafCache {
  const batches = new Map<string, Uint8Array>();
  let held = 0;
  return {
    put(firstId, leafHashes) {
      batches.set(firstId, leafHashes);
      held += leafHashes.length / HASH_SIZE;
      for (const [key, hashes] of batches) {
        if (held <= maxLeaves) {
          break;
        }
        batches.delete(key);
        held -= hashes.length / HASH_SIZE;
      }
    },
    take(firstId) {
      const hashes = batches.get(firstId);
      if (hashes !== undefined) {
        batches.delete(firstId);
        held -= hashes.length / HASH_SIZE;
      }
      return hashes;
    },
  };
}
