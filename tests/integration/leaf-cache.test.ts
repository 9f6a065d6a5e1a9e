import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCanonicalEntry } from '../../src/log/canonical-entry.ts';
import { createLeafCache, type LeafCache } from '../../src/log/leaf-cache.ts';
import { hashLeaf } from '../../src/log/merkle/hash.ts';
import { createPgMessageLog, type LogEntryInput } from '../../src/log/message-log.ts';
import { readSequencedEntries } from '../../src/log/read-canonical.ts';
import { createSequencer } from '../../src/log/sequencer.ts';
import { readTreeSize } from '../../src/log/tree-size.ts';
import { migrate } from '../../src/store/migrate.ts';
import type { Store } from '../../src/store/open-store.ts';
import { openTestStore } from '../helpers/fresh-database.ts';

const { privateKey } = generateKeyPairSync('ed25519');
const signer = { origin: 'test.siteds/log', keyName: 'test.siteds/log', privateKey };

/**
 * Entries whose stored form differs from what the caller handed over: an upper-case correlation
 * UUID (stored lower-case), a lone UTF-16 surrogate (stored as U+FFFD), a duration with a
 * fraction (stored rounded), verdicts with keys out of order, nesting, non-ASCII text and
 * numbers jsonb rewrites (1e21, 1e-7), and a replay entry.
 */
function awkwardEntries(): LogEntryInput[] {
  const base: LogEntryInput = {
    correlationId: crypto.randomUUID().toUpperCase(),
    kind: 'response-out',
    route: 'fhir.eligibility.submit',
    payload: Buffer.from('{"resourceType":"Bundle"}'),
    outcome: 'answered',
  };
  return [
    base,
    { ...base, sender: 'IPRESS \ud800 lone', contentType: 'text/plain; charset="utf-8"' },
    { ...base, durationMs: 12.6, httpStatus: 200, errorCode: 'BRK_X', signature: 'a..b' },
    {
      ...base,
      verdicts: { z: 1e21, a: [1e-7, 'ñandú', { y: null, b: true }], ä: '"quoted"\n' },
    },
    { ...base, kind: 'replay', replayId: crypto.randomUUID().toUpperCase(), replayOf: '1' },
  ];
}

/** Every sequenced leaf against the leaf recomputed from its entry as read back from the store. */
async function expectLeavesMatchStoredEntries(store: Store): Promise<number> {
  const size = await readTreeSize(store);
  const entries = await readSequencedEntries(store, 0, size);
  for (const e of entries) {
    expect(Buffer.from(e.leafHash).toString('hex'), `leaf ${e.index}`).toBe(
      Buffer.from(hashLeaf(encodeCanonicalEntry(e.entry))).toString('hex'),
    );
  }
  return entries.length;
}

describe.each(['postgres', 'pglite'] as const)('leaf hashes left by the appender (%s)', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind, 'leaf_cache');
    await migrate(store);
  });
  afterAll(async () => store.close());

  it('equal the leaves of the entries as stored, and spare the sequencer the read-back', async () => {
    const leaves = createLeafCache();
    const taken: string[] = [];
    let left = 0;
    const watched: LeafCache = {
      put: (id, hashes) => {
        left += hashes.length / 32;
        leaves.put(id, hashes);
      },
      take: (id) => {
        const hashes = leaves.take(id);
        taken.push(hashes === undefined ? 'miss' : 'hit');
        return hashes;
      },
    };
    const log = createPgMessageLog(store, watched);
    const before = await readTreeSize(store);
    await Promise.all(awkwardEntries().map((e) => log.append(e)));
    await log.append({ ...awkwardEntries()[0]!, kind: 'request-in' });
    expect(left).toBe(6); // left before the appends resolve
    expect(await createSequencer(store, signer, { leaves: watched }).integrate()).toMatchObject({
      added: 6,
      size: before + 6,
    });
    expect(taken.length).toBeGreaterThan(0);
    expect(taken.every((t) => t === 'hit')).toBe(true);
    expect(await expectLeavesMatchStoredEntries(store)).toBe(before + 6);
  });

  it('a batch another process appended is read back and hashed from the store', async () => {
    const before = await readTreeSize(store);
    const elsewhere = createPgMessageLog(store, createLeafCache());
    await Promise.all(awkwardEntries().map((e) => elsewhere.append(e)));
    const here = createLeafCache();
    expect(await createSequencer(store, signer, { leaves: here }).integrate()).toMatchObject({
      added: 5,
      size: before + 5,
    });
    expect(await expectLeavesMatchStoredEntries(store)).toBe(before + 5);
  });

  it('a failure to hash the leaves does not fail appends that are committed', async () => {
    const before = await readTreeSize(store);
    const broken: LeafCache = {
      put: () => {
        throw new Error('cache broken');
      },
      take: () => undefined,
    };
    const log = createPgMessageLog(store, broken);
    const results = await Promise.allSettled(awkwardEntries().map((e) => log.append(e)));
    expect(results.map((r) => r.status)).toEqual(Array(5).fill('fulfilled'));
    await createSequencer(store, signer, { leaves: broken }).integrate();
    expect(await expectLeavesMatchStoredEntries(store)).toBe(before + 5);
  });
});

describe('the leaf cache', () => {
  const hashes = (n: number, fill: number): Uint8Array => new Uint8Array(32 * n).fill(fill);

  it('gives a batch once, then forgets it', () => {
    const cache = createLeafCache();
    cache.put('7', hashes(2, 7));
    expect(cache.take('7')).toEqual(hashes(2, 7));
    expect(cache.take('7')).toBeUndefined();
    expect(cache.take('8')).toBeUndefined();
  });

  it('holds at most maxLeaves leaves, forgetting the oldest batches first', () => {
    const cache = createLeafCache(5);
    cache.put('1', hashes(2, 1));
    cache.put('3', hashes(2, 3));
    cache.put('5', hashes(2, 5)); // 6 leaves: batch 1 goes
    expect(cache.take('1')).toBeUndefined();
    expect(cache.take('3')).toEqual(hashes(2, 3));
    cache.put('7', hashes(3, 7)); // 2 + 3 leaves: within bounds
    expect(cache.take('5')).toEqual(hashes(2, 5));
    expect(cache.take('7')).toEqual(hashes(3, 7));
  });
});
