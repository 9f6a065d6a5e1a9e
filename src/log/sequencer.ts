import type { KeyObject } from 'node:crypto';
import type { Store, SqlClient } from '../store/open-store.ts';
import { encodeCanonicalEntry } from './canonical-entry.ts';
import { signCheckpoint } from './merkle/checkpoint.ts';
import { hashLeaf } from './merkle/hash.ts';
import { TreeBuilder } from './merkle/tree.ts';
import { readTreeSize } from './tree-size.ts';
import {
  CANONICAL_COLUMNS,
  readLeafHashes,
  toCanonical,
  type CanonicalRow,
} from './read-canonical.ts';

/** Advisory lock key: whoever holds it (for one transaction) is the log's only writer. */
const SEQUENCER_LOCK = 727_002;

/** The log's identity and Ed25519 key, used to sign checkpoints. */
export interface LogSigner {
  readonly origin: string;
  readonly keyName: string;
  readonly privateKey: KeyObject;
}

export interface Sequencer {
  /** One batch: new entries become leaves, and a signed checkpoint covers them. */
  integrate(): Promise<{ added: number; size: number }>;
  /** Integrates every `intervalMs` until stopped. */
  start(intervalMs: number, onError: (err: unknown) => void): void;
  stop(): Promise<void>;
}

/**
 * The sequencer: takes entries not yet in the tree (in id order), appends their leaf hashes,
 * and signs a checkpoint, all in one transaction under a transaction-scoped advisory lock, so
 * any number of broker processes may run one and exactly one writes at a time. The tree state
 * is kept in memory (a compact range) and rebuilt from `log_leaf` when another process moved it.
 */
export function createSequencer(store: Store, signer: LogSigner, batchSize = 2000): Sequencer {
  let builder = new TreeBuilder();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  const integrate = (): Promise<{ added: number; size: number }> =>
    store.transaction(async (tx) => {
      const [lock] = await tx.query<{ ok: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS ok', [
        SEQUENCER_LOCK,
      ]);
      if (lock?.ok !== true) {
        return { added: 0, size: -1 };
      }
      const size = await readTreeSize(tx);
      if (builder.size !== size) {
        builder = new TreeBuilder();
        (await readLeafHashes(tx, size)).forEach((h) => {
          builder.append(h);
        });
      }
      const rows = await tx.query<CanonicalRow>(
        `WITH next AS (
           DELETE FROM log_pending WHERE entry_id IN (SELECT entry_id FROM log_pending ORDER BY entry_id LIMIT $1)
           RETURNING entry_id)
         SELECT ${CANONICAL_COLUMNS} FROM message_log m JOIN next ON next.entry_id = m.id ORDER BY m.id`,
        [batchSize],
      );
      if (rows.length === 0) {
        return { added: 0, size };
      }
      const leaves = rows.map((r) => hashLeaf(encodeCanonicalEntry(toCanonical(r))));
      await insertLeaves(tx, size, rows, leaves);
      leaves.forEach((h) => {
        builder.append(h);
      });
      await insertCheckpoint(tx, signer, builder);
      return { added: rows.length, size: builder.size };
    });

  return {
    integrate,
    start(intervalMs, onError) {
      timer = setInterval(() => {
        running = running.then(integrate).catch(onError);
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

async function insertLeaves(
  tx: SqlClient,
  size: number,
  rows: readonly CanonicalRow[],
  leaves: readonly Uint8Array[],
): Promise<void> {
  const values = rows.map(
    (_, i) => `($${i * 3 + 1}::bigint, $${i * 3 + 2}::bigint, $${i * 3 + 3}::bytea)`,
  );
  const params = rows.flatMap((r, i) => [size + i, r.id, Buffer.from(leaves[i] ?? [])]);
  await tx.query(
    `INSERT INTO log_leaf (tree_index, entry_id, leaf_hash) VALUES ${values.join(',')}`,
    params,
  );
}

async function insertCheckpoint(
  tx: SqlClient,
  signer: LogSigner,
  builder: TreeBuilder,
): Promise<void> {
  const rootHash = builder.rootHash();
  const note = signCheckpoint(
    { origin: signer.origin, size: builder.size, rootHash, timestamp: Date.now() },
    signer.privateKey,
    signer.keyName,
  );
  await tx.query('INSERT INTO log_checkpoint (tree_size, root_hash, note) VALUES ($1, $2, $3)', [
    builder.size,
    Buffer.from(rootHash),
    note,
  ]);
}
