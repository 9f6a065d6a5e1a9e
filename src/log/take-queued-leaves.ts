import type { SqlClient } from '../store/open-store.ts';
import { encodeCanonicalEntry } from './canonical-entry.ts';
import { compareIds } from './compare-ids.ts';
import type { LeafCache } from './leaf-cache.ts';
import { hashLeaf, HASH_SIZE } from './merkle/hash.ts';
import { CANONICAL_COLUMNS, toCanonical, type CanonicalRow } from './read-canonical.ts';

/** An entry on its way into the tree: its id and leaf hash. */
export interface QueuedLeaf {
  readonly id: string;
  readonly leaf: Uint8Array;
}

interface QueuedBatch {
  first_id: string;
  /** The batch's ids, comma-separated (cheaper to read than an array). */
  ids: string;
}

/**
 * Takes whole group-commit batches off the queue (`log_pending_batch`), oldest first, until about
 * `batchSize` entries, and returns their entries in id order with their leaf hashes: from this
 * process's `leaves` cache when the batch is there (appended here), otherwise recomputed from the
 * stored entries. Runs inside the sequencer's transaction: if it rolls back, the batches stay
 * queued (and are read back next time).
 */
export async function takeQueuedLeaves(
  tx: SqlClient,
  batchSize: number,
  leaves: LeafCache | undefined,
): Promise<QueuedLeaf[]> {
  const batches = await tx.query<QueuedBatch>(
    `DELETE FROM log_pending_batch WHERE first_id IN (
       SELECT first_id FROM (
         SELECT first_id, sum(cardinality(ids)) OVER (ORDER BY first_id) - cardinality(ids) AS before
           FROM log_pending_batch) queued
        WHERE before < $1)
     RETURNING first_id::text AS first_id, array_to_string(ids, ',') AS ids`,
    [batchSize],
    { name: 'log-sequencer-take' },
  );
  const taken: QueuedLeaf[] = [];
  const unhashed: string[] = [];
  for (const batch of batches) {
    const ids = batch.ids.split(',');
    const hashes = leaves?.take(batch.first_id);
    if (hashes?.length === ids.length * HASH_SIZE) {
      taken.push(...splitLeaves(ids, hashes));
    } else {
      unhashed.push(...ids);
    }
  }
  if (unhashed.length > 0) {
    taken.push(...(await hashStoredEntries(tx, unhashed)));
  }
  return taken.sort((a, b) => compareIds(a.id, b.id));
}

function splitLeaves(ids: readonly string[], hashes: Uint8Array): QueuedLeaf[] {
  return ids.map((id, i) => ({
    id,
    leaf: new Uint8Array(hashes.buffer, hashes.byteOffset + i * HASH_SIZE, HASH_SIZE),
  }));
}

/** Leaf hashes recomputed from the stored entries (batches queued without them). */
async function hashStoredEntries(tx: SqlClient, ids: readonly string[]): Promise<QueuedLeaf[]> {
  const rows = await tx.query<CanonicalRow>(
    `SELECT ${CANONICAL_COLUMNS} FROM message_log m WHERE m.id = ANY ($1::bigint[])`,
    [ids],
  );
  return rows.map((r) => ({ id: r.id, leaf: hashLeaf(encodeCanonicalEntry(toCanonical(r))) }));
}
