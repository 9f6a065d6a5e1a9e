import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCanonicalEntry } from '../../src/log/canonical-entry.ts';
import { createPgMessageLog, type MessageLog } from '../../src/log/message-log.ts';
import { verifyCheckpoint } from '../../src/log/merkle/checkpoint.ts';
import { hashLeaf, equalBytes } from '../../src/log/merkle/hash.ts';
import {
  consistencyProof,
  inclusionProof,
  verifyConsistency,
  verifyInclusion,
} from '../../src/log/merkle/proofs.ts';
import { computeRoot } from '../../src/log/merkle/tree.ts';
import { readLeafHashes, readSequencedEntries } from '../../src/log/read-canonical.ts';
import { createSequencer, type LogSigner } from '../../src/log/sequencer.ts';
import { migrate } from '../../src/store/migrate.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { freshDatabase, openTestStore } from '../helpers/fresh-database.ts';

const { privateKey, publicKey } = generateKeyPairSync('ed25519');
const signer: LogSigner = { origin: 'test.siteds/log', keyName: 'test.siteds/log', privateKey };

function append(log: MessageLog, n: number, tag: string): Promise<unknown[]> {
  return Promise.all(
    Array.from({ length: n }, (_, i) =>
      log.append({
        correlationId: crypto.randomUUID(),
        kind: 'request-in',
        route: 'test',
        sender: '00009845',
        payload: Buffer.from(`${tag}-${i}`),
        outcome: 'received',
        verdicts: { request: { result: 'valid', kid: 'k' } },
      }),
    ),
  );
}

async function latestCheckpoint(store: Store): Promise<string> {
  const [row] = await store.query<{ note: string }>(
    'SELECT note FROM log_checkpoint ORDER BY tree_size DESC LIMIT 1',
  );
  return row?.note ?? '';
}

describe.each(['postgres', 'pglite'] as const)('the Merkle log (%s)', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind, 'merkle');
    await migrate(store);
  });
  afterAll(async () => store.close());

  it('sequences entries into leaves of canonical entries and signs a checkpoint over the root', async () => {
    const log = createPgMessageLog(store);
    await append(log, 25, 'a');
    const seq = createSequencer(store, signer);
    expect(await seq.integrate()).toEqual({ added: 25, size: 25 });
    const entries = await readSequencedEntries(store, 0, 25);
    for (const e of entries) {
      expect(equalBytes(e.leafHash, hashLeaf(encodeCanonicalEntry(e.entry)))).toBe(true);
    }
    const checked = verifyCheckpoint(await latestCheckpoint(store), publicKey, signer.keyName);
    expect(checked.ok && checked.checkpoint.size).toBe(25);
    expect(
      checked.ok &&
        equalBytes(checked.checkpoint.rootHash, computeRoot(entries.map((e) => e.leafHash))),
    ).toBe(true);
  });

  it('extends the tree consistently; every entry has a valid inclusion proof', async () => {
    const log = createPgMessageLog(store);
    const before = verifyCheckpoint(await latestCheckpoint(store), publicKey, signer.keyName);
    await append(log, 14, 'b');
    await createSequencer(store, signer).integrate(); // a new process: rebuilds its state from the store
    const after = verifyCheckpoint(await latestCheckpoint(store), publicKey, signer.keyName);
    if (!before.ok || !after.ok) {
      throw new Error('checkpoints must verify');
    }
    const leaves = await readLeafHashes(store, after.checkpoint.size);
    const proof = consistencyProof(leaves, before.checkpoint.size, after.checkpoint.size);
    expect(
      verifyConsistency(
        before.checkpoint.size,
        after.checkpoint.size,
        before.checkpoint.rootHash,
        after.checkpoint.rootHash,
        proof,
      ),
    ).toBe(true);
    leaves.forEach((leaf, i) => {
      const p = inclusionProof(leaves, i, leaves.length);
      expect(verifyInclusion(leaf, i, leaves.length, p, after.checkpoint.rootHash)).toBe(true);
    });
  });

  it('deleting a payload under retention changes no leaf', async () => {
    const [first] = await readSequencedEntries(store, 0, 1);
    await store.query('DELETE FROM message_payload WHERE entry_id = $1', [first!.entry.id]);
    const [again] = await readSequencedEntries(store, 0, 1);
    expect(equalBytes(hashLeaf(encodeCanonicalEntry(again!.entry)), first!.leafHash)).toBe(true);
  });
});

describe('two sequencers on one PostgreSQL under load', () => {
  let a: Store;
  let b: Store;
  beforeAll(async () => {
    const url = await freshDatabase('merkle_two');
    a = await openStore({ databaseUrl: url, dataDir: '' });
    b = await openStore({ databaseUrl: url, dataDir: '' });
    await Promise.all([migrate(a), migrate(b)]);
  });
  afterAll(async () => {
    await a.close();
    await b.close();
  });

  it('produce one consistent tree with every entry exactly once', async () => {
    const seqA = createSequencer(a, signer, { batchSize: 37 });
    const seqB = createSequencer(b, signer, { batchSize: 41 });
    const writers = [createPgMessageLog(a), createPgMessageLog(b)];
    const load = Array.from({ length: 20 }, (_, round) =>
      append(writers[round % 2]!, 15, `r${round}`),
    );
    const sequencing = (async () => {
      for (let i = 0; i < 40; i++) {
        await Promise.all([seqA.integrate(), seqB.integrate()]);
      }
    })();
    await Promise.all([...load, sequencing]);
    while ((await seqA.integrate()).added > 0 || (await seqB.integrate()).added > 0) {
      // drain
    }
    const [{ n } = { n: '0' }] = await a.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM message_log',
    );
    const entries = await readSequencedEntries(a, 0, Number(n));
    expect(entries).toHaveLength(300);
    expect(new Set(entries.map((e) => e.entry.id)).size).toBe(300);
    const notes = await a.query<{ note: string; tree_size: string }>(
      'SELECT note, tree_size::text FROM log_checkpoint ORDER BY tree_size',
    );
    for (const { note, tree_size } of notes) {
      const v = verifyCheckpoint(note, publicKey, signer.keyName);
      const size = Number(tree_size);
      expect(
        v.ok &&
          equalBytes(
            v.checkpoint.rootHash,
            computeRoot(entries.slice(0, size).map((e) => hashLeaf(encodeCanonicalEntry(e.entry)))),
          ),
      ).toBe(true);
    }
  });
});
