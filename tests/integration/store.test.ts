import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPgMessageLog } from '../../src/log/message-log.ts';
import { migrate } from '../../src/store/migrate.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';

describe.each(['postgres', 'pglite'] as const)('store and message log (%s)', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openStore(
      kind === 'postgres'
        ? { databaseUrl: inject('databaseUrl'), dataDir: '' }
        : { databaseUrl: undefined, dataDir: 'memory://' },
    );
    await migrate(store);
  });
  afterAll(async () => store.close());

  it('applies each migration once', async () => {
    expect(await migrate(store)).toEqual([]);
    const rows = await store.query<{ name: string }>('SELECT name FROM schema_migrations');
    expect(rows.map((r) => r.name)).toContain('001_message_log.sql');
  });

  it('keeps the exact bytes and their salted SHA-256 (the salt stored with the payload)', async () => {
    const log = createPgMessageLog(store);
    const payload = Buffer.from([0x00, 0xff, 0x7b, 0x0a]);
    const correlationId = crypto.randomUUID();
    const { id } = await log.append({
      correlationId,
      kind: 'request-in',
      route: 't',
      payload,
      outcome: 'received',
    });
    expect((await log.readPayload(id))?.equals(payload)).toBe(true);
    const [entry] = await log.findByCorrelation(correlationId);
    const [{ salt } = { salt: new Uint8Array() }] = await store.query<{ salt: Uint8Array }>(
      'SELECT salt FROM message_payload WHERE entry_id = $1',
      [id],
    );
    expect(salt.length).toBe(16);
    const salted = createHash('sha256').update(salt).update(payload).digest('base64url');
    expect(entry?.payloadDigest).toBe(salted);
    expect(salted).not.toBe(createHash('sha256').update(payload).digest('base64url'));
    expect(entry?.payloadSize).toBe(4);
  });

  it('group-commits concurrent appends: each gets its own id and its own bytes back', async () => {
    const log = createPgMessageLog(store);
    const correlationId = crypto.randomUUID();
    const payloads = Array.from({ length: 150 }, (_, i) =>
      Buffer.from(`payload-${i}-${'x'.repeat(i)}`),
    );
    const results = await Promise.all(
      payloads.map((payload) =>
        log.append({ correlationId, kind: 'request-in', route: 't', payload, outcome: 'received' }),
      ),
    );
    expect(new Set(results.map((r) => r.id)).size).toBe(150);
    for (const [i, r] of results.entries()) {
      expect((await log.readPayload(r.id))?.equals(payloads[i]!)).toBe(true);
    }
    const batches = await store.query<{ n: string }>(
      'SELECT count(DISTINCT xmin::text)::text AS n FROM message_log WHERE correlation_id = $1',
      [correlationId],
    );
    expect(Number(batches[0]?.n)).toBeLessThan(150); // fewer transactions than appends
  });

  it('is append-only: UPDATE and DELETE of an entry are refused', async () => {
    const log = createPgMessageLog(store);
    const { id } = await log.append({
      correlationId: crypto.randomUUID(),
      kind: 'request-in',
      route: 't',
      payload: Buffer.from('x'),
      outcome: 'received',
    });
    await expect(
      store.query("UPDATE message_log SET outcome = 'ok' WHERE id = $1", [id]),
    ).rejects.toThrow(/append-only/);
    await expect(store.query('DELETE FROM message_log WHERE id = $1', [id])).rejects.toThrow(
      /append-only/,
    );
  });

  it('lets retention delete a payload while the entry stays', async () => {
    const log = createPgMessageLog(store);
    const correlationId = crypto.randomUUID();
    const { id } = await log.append({
      correlationId,
      kind: 'request-in',
      route: 't',
      payload: Buffer.from('DNI 41000001'),
      outcome: 'received',
    });
    await store.query('DELETE FROM message_payload WHERE entry_id = $1', [id]);
    expect(await log.readPayload(id)).toBeUndefined();
    expect(await log.findByCorrelation(correlationId)).toHaveLength(1);
  });
});
