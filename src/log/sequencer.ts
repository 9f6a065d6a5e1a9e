import type { KeyObject } from 'node:crypto';
import type { Store, SqlClient } from '../store/open-store.ts';
import { pgArrayLiteral } from '../store/pg-array-literal.ts';
import { signCheckpoint } from './merkle/checkpoint.ts';
import { TreeBuilder } from './merkle/tree.ts';
import { readCompactRange, STORED_LEVEL_MIN } from './stored-subtrees.ts';
import type { LeafCache } from './leaf-cache.ts';
import { takeQueuedLeaves, type QueuedLeaf } from './take-queued-leaves.ts';
import { readTreeSize } from './tree-size.ts';

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
  /**
   * Integrates every `intervalMs` until stopped; while a batch comes back full (a backlog),
   * the next one follows at once.
   */
  start(intervalMs: number, onError: (err: unknown) => void): void;
  stop(): Promise<void>;
}

export interface SequencerOptions {
  /** Entries per integration, about (whole queued batches are taken). */
  readonly batchSize?: number;
  /** Leaf hashes left by this process's appends (`createPgMessageLog(store, leaves)`). */
  readonly leaves?: LeafCache | undefined;
}

/**
 * The sequencer: takes entries not yet in the tree (whole group-commit batches from
 * `log_pending_batch`, oldest first, about `batchSize` entries, in id order), appends
 * their leaf hashes, stores the perfect subtrees of 16 leaves and more they complete
 * (`log_node`, for O(log n) proofs), and signs a checkpoint, all in one transaction under a
 * transaction-scoped advisory lock, so any number of broker processes may run one and exactly one
 * writes at a time. The tree state is kept in memory (a compact range) and, when another process
 * moved the tree, resumed from O(log n) stored subtrees.
 */
export function createSequencer(
  store: Store,
  signer: LogSigner,
  { batchSize = 5000, leaves }: SequencerOptions = {},
): Sequencer {
  let builder = new TreeBuilder();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const integrate = (): Promise<{ added: number; size: number }> =>
    store.transaction(async (tx) => {
      const [lock] = await tx.query<{ ok: boolean }>(
        'SELECT pg_try_advisory_xact_lock($1) AS ok',
        [SEQUENCER_LOCK],
        { name: 'log-sequencer-lock' },
      );
      if (lock?.ok !== true) {
        return { added: 0, size: -1 };
      }
      const size = await readTreeSize(tx);
      if (builder.size !== size) {
        builder = await readCompactRange(tx, size);
      }
      const taken = await takeQueuedLeaves(tx, batchSize, leaves);
      if (taken.length === 0) {
        return { added: 0, size };
      }
      try {
        await writeBatch(tx, signer, builder, taken);
      } catch (err) {
        builder = new TreeBuilder(); // the transaction rolls back: resume from the store next time
        throw err;
      }
      return { added: taken.length, size: builder.size };
    });

  const loop = async (): Promise<void> => {
    while (!stopped && (await integrate()).added >= batchSize) {
      // a backlog: the next batch at once
    }
  };

  return {
    integrate,
    start(intervalMs, onError) {
      stopped = false;
      timer = setInterval(() => {
        running = running.then(loop).catch(onError);
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * Appends the batch's leaves to `builder`, then writes leaves, completed subtrees and the signed
 * checkpoint in one statement (parameters: one array per column, hashes concatenated).
 */
async function writeBatch(
  tx: SqlClient,
  signer: LogSigner,
  builder: TreeBuilder,
  leaves: readonly QueuedLeaf[],
): Promise<void> {
  const size = builder.size;
  const nodes: { level: number; index: number; hash: Uint8Array }[] = [];
  for (const { leaf } of leaves) {
    builder.append(leaf, (level, index, hash) => {
      if (level >= STORED_LEVEL_MIN) {
        nodes.push({ level, index, hash });
      }
    });
  }
  const rootHash = builder.rootHash();
  const note = signCheckpoint(
    { origin: signer.origin, size: builder.size, rootHash, timestamp: Date.now() },
    signer.privateKey,
    signer.keyName,
  );
  await tx.query(
    `WITH leaves AS (
       INSERT INTO log_leaf (tree_index, entry_id, leaf_hash)
       SELECT $1::bigint + n - 1, entry_id, substring($3::bytea FROM (n::int - 1) * 32 + 1 FOR 32)
         FROM unnest($2::bigint[]) WITH ORDINALITY AS t(entry_id, n)
     ), nodes AS (
       INSERT INTO log_node (level, idx, hash)
       SELECT level, idx, substring($6::bytea FROM (n::int - 1) * 32 + 1 FOR 32)
         FROM unnest($4::smallint[], $5::bigint[]) WITH ORDINALITY AS t(level, idx, n)
     )
     INSERT INTO log_checkpoint (tree_size, root_hash, note) VALUES ($7, $8, $9)`,
    [
      size,
      pgArrayLiteral(leaves.map((l) => l.id)),
      Buffer.concat(leaves.map((l) => l.leaf)),
      pgArrayLiteral(nodes.map((n) => n.level)),
      pgArrayLiteral(nodes.map((n) => n.index)),
      Buffer.concat(nodes.map((n) => n.hash)),
      builder.size,
      Buffer.from(rootHash),
      note,
    ],
    { name: 'log-sequencer-write' },
  );
}
