import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCanonicalEntry } from '../../src/log/canonical-entry.ts';
import { createPgMessageLog } from '../../src/log/message-log.ts';
import { consistencyProof, inclusionProof } from '../../src/log/merkle/proofs.ts';
import { computeRootAtSize } from '../../src/log/merkle/tree.ts';
import { readLeafHashes, readSequencedEntries } from '../../src/log/read-canonical.ts';
import { createSequencer, type LogSigner } from '../../src/log/sequencer.ts';
import { proveFromStore, STORED_LEVEL_MIN } from '../../src/log/stored-subtrees.ts';
import { migrate } from '../../src/store/migrate.ts';
import type { Store } from '../../src/store/open-store.ts';
import { openTestStore } from '../helpers/fresh-database.ts';
import { referencePath, referenceProof } from '../unit/merkle/reference-tree.ts';

const { privateKey } = generateKeyPairSync('ed25519');
const signer: LogSigner = { origin: 'test.siteds/log', keyName: 'test.siteds/log', privateKey };
const MIGRATIONS = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));
/** Large enough for stored subtrees up to level 11 (2,048 leaves) and a ragged right edge. */
const BIG = 3_001;

const hex = (proof: readonly Uint8Array[]): string =>
  proof.map((h) => Buffer.from(h).toString('hex')).join(',');

async function appendEntries(store: Store, n: number): Promise<void> {
  const log = createPgMessageLog(store);
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      log.append({
        correlationId: crypto.randomUUID(),
        kind: 'request-in',
        route: 'test',
        sender: i % 2 === 0 ? '00009845' : '20001',
        payload: Buffer.from(`entry ${i}`),
        outcome: 'received',
      }),
    ),
  );
}

/** `MTH` of every stored node, recomputed in memory from the leaves: the mismatching ones. */
async function wrongNodes(store: Store, leaves: readonly Uint8Array[]): Promise<string[]> {
  const rows = await store.query<{ level: number; idx: string; hash: Uint8Array }>(
    'SELECT level, idx::text AS idx, hash FROM log_node ORDER BY level, idx',
  );
  expect(rows.length).toBeGreaterThan(0);
  return rows
    .filter((r) => {
      const width = 2 ** r.level;
      const start = Number(r.idx) * width;
      const expected = computeRootAtSize(leaves.slice(start, start + width), width);
      return hex([expected]) !== hex([new Uint8Array(r.hash)]);
    })
    .map((r) => `${r.level}:${r.idx}`);
}

describe.each(['postgres', 'pglite'] as const)('proofs from stored subtrees (%s)', (kind) => {
  let store: Store;
  let leaves: Uint8Array[];
  beforeAll(async () => {
    store = await openTestStore(kind, 'stored_proofs');
    await migrate(store);
    await appendEntries(store, BIG);
    // Two sequencers with odd batch sizes take turns: each resumes from the other's stored tree.
    const sequencers = [
      createSequencer(store, signer, { batchSize: 397 }),
      createSequencer(store, signer, { batchSize: 251 }),
    ];
    for (let turn = 0; (await sequencers[turn % 2]!.integrate()).added > 0; turn++) {
      // until every entry is a leaf
    }
    leaves = await readLeafHashes(store, BIG);
  }, 120_000);
  afterAll(async () => store.close());

  it('stores every perfect subtree of 16 leaves and more, each equal to its MTH', async () => {
    expect(leaves).toHaveLength(BIG);
    const [{ n } = { n: '' }] = await store.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM log_node WHERE level >= ${STORED_LEVEL_MIN}`,
    );
    // Perfect subtrees of 2^l leaves inside the first BIG leaves, l = 4..11.
    const expected = [4, 5, 6, 7, 8, 9, 10, 11].reduce(
      (sum, l) => sum + Math.floor(BIG / 2 ** l),
      0,
    );
    expect(Number(n)).toBe(expected);
    expect(await wrongNodes(store, leaves)).toEqual([]);
  });

  it('gives the same proofs as the in-memory tree, on a tree of 3,001 leaves', async () => {
    const sizes = [1, 2, 15, 16, 17, 255, 256, 257, 1000, 1023, 1024, 1025, 2047, 2048, 2049, BIG];
    const mismatches: string[] = [];
    for (const size of sizes) {
      for (const index of new Set(
        [0, 1, size >> 1, size - 2, size - 1].filter((i) => i >= 0 && i < size),
      )) {
        const stored = await proveFromStore(store, (h) => inclusionProof(h, index, size));
        if (hex(stored) !== hex(inclusionProof(leaves, index, size))) {
          mismatches.push(`inclusion ${index} in ${size}`);
        }
      }
      for (const first of new Set(
        [1, 7, 16, size >> 1, size - 1, size].filter((m) => m >= 1 && m <= size),
      )) {
        const stored = await proveFromStore(store, (h) => consistencyProof(h, first, size));
        if (hex(stored) !== hex(consistencyProof(leaves, first, size))) {
          mismatches.push(`consistency ${first} to ${size}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });

  it(
    'gives the reference implementation’s proofs for every size 1 to 64',
    { timeout: 120_000 },
    async () => {
      const entries = (await readSequencedEntries(store, 0, 64)).map((e) =>
        encodeCanonicalEntry(e.entry),
      );
      const mismatches: string[] = [];
      for (let n = 1; n <= 64; n++) {
        const slice = entries.slice(0, n);
        for (let m = 0; m < n; m++) {
          const stored = await proveFromStore(store, (h) => inclusionProof(h, m, n));
          if (hex(stored) !== hex(referencePath(m, slice))) {
            mismatches.push(`PATH(${m}, D[${n}])`);
          }
          if (m > 0) {
            const proof = await proveFromStore(store, (h) => consistencyProof(h, m, n));
            if (hex(proof) !== hex(referenceProof(m, slice))) {
              mismatches.push(`PROOF(${m}, D[${n}])`);
            }
          }
        }
      }
      expect(mismatches).toEqual([]);
    },
  );

  it('reads O(log n) rows per proof, in at most two queries', async () => {
    const asked: string[] = [];
    const counting = {
      exec: (sql: string) => store.exec(sql),
      query: async <R extends object>(sql: string, params?: readonly unknown[]) => {
        const rows = await store.query<R>(sql, params);
        asked.push(`${rows.length}`);
        return rows;
      },
    };
    await proveFromStore(counting, (h) => inclusionProof(h, 1234, BIG));
    const rowsRead = asked.reduce((sum, n) => sum + Number(n), 0);
    // Here 36 rows (12 stored nodes and 24 leaves for the subtrees under 16 leaves), against the
    // 3,001 leaf hashes read before the nodes were stored; the bound is 4·⌈log2 n⌉.
    expect(rowsRead).toBeLessThanOrEqual(4 * Math.ceil(Math.log2(BIG)));
    expect(asked.length).toBeLessThanOrEqual(2);
  });
});

describe.each(['postgres', 'pglite'] as const)('migration 008 on an existing tree (%s)', (kind) => {
  let store: Store;
  let upTo007: string;
  beforeAll(async () => {
    store = await openTestStore(kind, 'node_backfill');
    upTo007 = mkdtempSync(path.join(tmpdir(), 'siteds-migrations-'));
    for (const name of readdirSync(MIGRATIONS).filter((f) => f < '008')) {
      cpSync(path.join(MIGRATIONS, name), path.join(upTo007, name));
    }
  });
  afterAll(async () => {
    rmSync(upTo007, { recursive: true, force: true });
    await store.close();
  });

  it('backfills every stored subtree from the leaves already there', async () => {
    await migrate(store, upTo007);
    // A tree written before 008: 1,000 entries and their leaves (any 32-byte hashes will do).
    await store.exec(`
      INSERT INTO message_log (correlation_id, kind, route, payload_size, outcome)
        SELECT gen_random_uuid(), 'request-in', 'test', 0, 'received' FROM generate_series(1, 1000);
      INSERT INTO log_leaf (tree_index, entry_id, leaf_hash)
        SELECT id - 1, id, sha256(convert_to(id::text, 'UTF8')) FROM message_log;`);
    expect((await migrate(store))[0]).toBe('008_log_nodes.sql');
    const leaves = await readLeafHashes(store, 1000);
    expect(await wrongNodes(store, leaves)).toEqual([]);
    const [{ n } = { n: '' }] = await store.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM log_node',
    );
    expect(Number(n)).toBe([4, 5, 6, 7, 8, 9].reduce((s, l) => s + Math.floor(1000 / 2 ** l), 0));
    // The sequencer resumes from the backfilled nodes and extends the same tree.
    await appendEntries(store, 40);
    expect(await createSequencer(store, signer).integrate()).toEqual({ added: 40, size: 1040 });
    const all = await readLeafHashes(store, 1040);
    expect(await wrongNodes(store, all)).toEqual([]);
    const stored = await proveFromStore(store, (h) => consistencyProof(h, 1000, 1040));
    expect(hex(stored)).toBe(hex(consistencyProof(all, 1000, 1040)));
  });
});
