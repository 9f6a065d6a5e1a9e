import { generateKeyPairSync } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGroupCommit, MAX_BATCH_BYTES } from '../../src/log/group-commit.ts';
import { createPgMessageLog, type LogEntryInput } from '../../src/log/message-log.ts';
import { readSequencedEntries } from '../../src/log/read-canonical.ts';
import { createSequencer } from '../../src/log/sequencer.ts';
import { migrate } from '../../src/store/migrate.ts';
import type { Store } from '../../src/store/open-store.ts';
import { openTestStore } from '../helpers/fresh-database.ts';

const { privateKey } = generateKeyPairSync('ed25519');
const signer = { origin: 'test.siteds/log', keyName: 'test.siteds/log', privateKey };
const MIGRATIONS = fileURLToPath(new URL('../../src/store/migrations/', import.meta.url));

describe.each(['postgres', 'pglite'] as const)('batched appends (%s)', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind, 'log_append');
    await migrate(store);
  });
  afterAll(async () => store.close());

  it('keeps every field of every entry of a batch, in the canonical entry the leaf commits to', async () => {
    const log = createPgMessageLog(store);
    const original = await log.append({
      correlationId: crypto.randomUUID(),
      kind: 'request-in',
      route: 'fhir.eligibility.submit',
      payload: Buffer.from('original'),
      outcome: 'received',
    });
    const replayId = crypto.randomUUID();
    const full: LogEntryInput = {
      correlationId: crypto.randomUUID(),
      kind: 'replay',
      route: 'x12.270',
      sender: 'Clínica "Ñandú" {1}',
      recipient: '20001',
      contentType: 'application/fhir+json; charset=utf-8',
      payload: Buffer.from([0x00, 0x5c, 0x22, 0x2c, 0x7b, 0xff]),
      httpStatus: 502,
      outcome: 'error',
      errorCode: 'BRK_UPSTREAM_UNAVAILABLE',
      durationMs: 12.6,
      signature: 'eyJhbGciOiJFUzI1NiJ9..c2ln',
      verdicts: { request: { result: 'valid', kid: 'k,1' }, note: 'a "quoted" \\ value' },
      replayId,
      replayOf: original.id,
    };
    const empty: LogEntryInput = {
      correlationId: crypto.randomUUID(),
      kind: 'response-out',
      route: 'r',
      payload: Buffer.alloc(0),
      outcome: 'ok',
    };
    const [a, b] = await Promise.all([log.append(full), log.append(empty)]);
    await createSequencer(store, signer).integrate();
    const [{ n } = { n: '0' }] = await store.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM log_leaf',
    );
    const entries = await readSequencedEntries(store, 0, Number(n), true);
    const got = entries.find((e) => e.entry.id === a.id);
    expect(got?.entry).toMatchObject({
      correlationId: full.correlationId,
      kind: 'replay',
      route: 'x12.270',
      sender: full.sender,
      recipient: '20001',
      contentType: full.contentType,
      payloadSize: 6,
      httpStatus: 502,
      outcome: 'error',
      errorCode: 'BRK_UPSTREAM_UNAVAILABLE',
      durationMs: 13,
      signature: full.signature,
      verdicts: full.verdicts,
      replayId,
      replayOf: original.id,
    });
    expect(Buffer.from(got?.payload?.bytes ?? []).equals(full.payload)).toBe(true);
    const none = entries.find((e) => e.entry.id === b.id);
    expect(none?.entry).toMatchObject({ sender: null, verdicts: null, payloadSize: 0 });
    expect(none?.payload?.bytes.length).toBe(0);
  });

  it('splits a batch whose payloads would pass its byte cap', async () => {
    // The cap is MAX_BATCH_BYTES (32 MiB) in the broker; a small one here keeps PGlite quick.
    expect(MAX_BATCH_BYTES).toBeLessThan(1024 ** 3); // one bytea parameter holds at most 1 GB
    const append = createGroupCommit(store, {
      maxBatch: 1000,
      maxInFlight: 2,
      maxBytes: 64 * 1024,
    });
    const correlationId = crypto.randomUUID();
    const size = 16 * 1024;
    const results = await Promise.all(
      Array.from({ length: 21 }, (_, i) =>
        append({
          correlationId,
          kind: 'request-in',
          route: 't',
          payload: Buffer.alloc(size, i),
          outcome: 'received',
        }),
      ),
    );
    // However the 21 are shared between the two statements in flight, none carries more than
    // 64 KiB of payload (4 entries), and the cap does bind.
    const statements = await store.query<{ n: string; bytes: string }>(
      `SELECT count(*)::text AS n, sum(length(p.bytes))::text AS bytes
         FROM message_log m JOIN message_payload p ON p.entry_id = m.id WHERE m.correlation_id = $1
        GROUP BY m.xmin::text`,
      [correlationId],
    );
    expect(statements.reduce((n, s) => n + Number(s.n), 0)).toBe(21);
    expect(statements.every((s) => Number(s.bytes) <= 64 * 1024)).toBe(true);
    expect(Math.max(...statements.map((s) => Number(s.n)))).toBe(4);
    const log = createPgMessageLog(store);
    for (const [i, r] of results.entries()) {
      expect((await log.readPayload(r.id))?.equals(Buffer.alloc(size, i))).toBe(true);
    }
  });

  it('a batch that fails rejects each of its appends and leaves nothing behind', async () => {
    const log = createPgMessageLog(store);
    const correlationId = crypto.randomUUID();
    const good = (i: number): LogEntryInput => ({
      correlationId,
      kind: 'request-in',
      route: 't',
      payload: Buffer.from(`p${i}`),
      outcome: 'received',
    });
    // The first two are written at once (two statements in flight); the next two wait and are
    // written together: the bad entry takes the good one of its batch down with it.
    const results = await Promise.allSettled([
      log.append(good(0)),
      log.append(good(1)),
      log.append({ ...good(2), kind: 'not-a-kind' as LogEntryInput['kind'] }),
      log.append(good(3)),
    ]);
    expect(results.map((r) => r.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'rejected',
    ]);
    const rows = await store.query<{ n: string }>(
      'SELECT count(*)::text AS n FROM message_log WHERE correlation_id = $1',
      [correlationId],
    );
    const fulfilled = results.filter((r) => r.status === 'fulfilled').length;
    expect(Number(rows[0]?.n)).toBe(fulfilled);
    const orphans = await store.query(
      `SELECT 1 FROM message_payload p WHERE NOT EXISTS (SELECT 1 FROM message_log m WHERE m.id = p.entry_id)`,
    );
    expect(orphans).toEqual([]);
  });
});

describe.each(['postgres', 'pglite'] as const)('migration 007 on a queued log (%s)', (kind) => {
  let store: Store;
  let upTo006: string;
  beforeAll(async () => {
    store = await openTestStore(kind, 'queue_migration');
    upTo006 = mkdtempSync(path.join(tmpdir(), 'siteds-migrations-'));
    for (const name of readdirSync(MIGRATIONS).filter((f) => f < '007')) {
      cpSync(path.join(MIGRATIONS, name), path.join(upTo006, name));
    }
  });
  afterAll(async () => {
    rmSync(upTo006, { recursive: true, force: true });
    await store.close();
  });

  it('moves entries still waiting in log_pending into the batch queue; the sequencer takes them', async () => {
    await migrate(store, upTo006);
    await store.exec(`
      INSERT INTO message_log (correlation_id, kind, route, payload_size, outcome)
        SELECT gen_random_uuid(), 'request-in', 'before-007', 0, 'received' FROM generate_series(1, 30);
      INSERT INTO log_pending (entry_id) SELECT id FROM message_log;`);
    expect((await migrate(store)).slice(0, 2)).toEqual([
      '007_lean_append_path.sql',
      '008_log_nodes.sql',
    ]);
    expect(await createSequencer(store, signer).integrate()).toEqual({ added: 30, size: 30 });
    const entries = await readSequencedEntries(store, 0, 30);
    expect(entries.map((e) => Number(e.entry.id))).toEqual(
      Array.from({ length: 30 }, (_, i) => i + 1),
    );
  });
});
