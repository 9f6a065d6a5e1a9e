import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportLog } from '../../src/audit/export-log.ts';
import { verifyExport } from '../../src/audit/verify-export.ts';
import { verifyCheckpoint } from '../../src/log/merkle/checkpoint.ts';
import { hashLeaf } from '../../src/log/merkle/hash.ts';
import { stringifySorted } from '../../src/log/canonical-entry.ts';
import { verifyConsistency, verifyInclusion } from '../../src/log/merkle/proofs.ts';
import { buildEligibilityRequest } from '../../src/sim/build-eligibility-request.ts';
import { freshDatabase } from '../helpers/fresh-database.ts';
import { startTestBroker, type TestBroker } from '../helpers/test-broker.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'siteds-audit-'));
const b64 = (s: string): Uint8Array => Buffer.from(s, 'base64');

async function traffic(broker: TestBroker, n: number): Promise<void> {
  for (let i = 0; i < n; i++) {
    const body = JSON.stringify(
      buildEligibilityRequest({ ipress: '00009845', iafas: '10001', dni: '41000001' }),
    );
    await broker
      .client('00009845')
      .post('/fhir/CoverageEligibilityRequest/$submit', 'application/fhir+json', body);
  }
  await broker.sequencer.integrate();
}

describe.each(['postgres', 'pglite'] as const)('auditing the log (%s)', (store) => {
  let broker: TestBroker;
  let firstCheckpoint = '';
  beforeAll(async () => {
    // A database of its own: tree positions below must be this test's entries only.
    const databaseUrl = store === 'postgres' ? await freshDatabase('audit') : undefined;
    broker = await startTestBroker({
      store,
      ...(databaseUrl === undefined ? {} : { databaseUrl }),
    });
    await traffic(broker, 3);
    firstCheckpoint = (
      await broker.client('auditor-test').get('/audit/checkpoint')
    ).body.toString();
    await traffic(broker, 2);
  });
  afterAll(async () => broker.close());

  it('serves a signed checkpoint, inclusion and consistency proofs that verify', async () => {
    const auditor = broker.client('auditor-test');
    const note = (await auditor.get('/audit/checkpoint')).body.toString();
    const head = verifyCheckpoint(note, broker.logKey.publicKey, broker.logKey.keyName);
    const first = verifyCheckpoint(firstCheckpoint, broker.logKey.publicKey, broker.logKey.keyName);
    if (!head.ok || !first.ok) {
      throw new Error('checkpoints must verify');
    }
    const size = head.checkpoint.size;
    expect(size).toBeGreaterThanOrEqual(20); // 5 exchanges × 4 entries, plus any others
    const inc = JSON.parse(
      (await auditor.get(`/audit/proof/inclusion?index=5&size=${size}`)).body.toString(),
    ) as {
      leafHash: string;
      proof: string[];
    };
    expect(
      verifyInclusion(b64(inc.leafHash), 5, size, inc.proof.map(b64), head.checkpoint.rootHash),
    ).toBe(true);
    const from = first.checkpoint.size;
    const cons = JSON.parse(
      (await auditor.get(`/audit/proof/consistency?from=${from}&to=${size}`)).body.toString(),
    ) as {
      proof: string[];
    };
    expect(
      verifyConsistency(
        from,
        size,
        first.checkpoint.rootHash,
        head.checkpoint.rootHash,
        cons.proof.map(b64),
      ),
    ).toBe(true);
  });

  it('finds entries by participant, exchange, outcome and time', async () => {
    const auditor = broker.client('auditor-test');
    const search = async (q: string) =>
      JSON.parse((await auditor.get(`/audit/search?${q}`)).body.toString()) as {
        entries: {
          index: number | null;
          correlationId: string;
          sender: string | null;
          outcome: string;
        }[];
      };
    const byClinic = await search('participant=00009845&limit=1000');
    expect(byClinic.entries.length).toBe(10); // 5 exchanges: request-in and response-out each
    const one = byClinic.entries[0]!.correlationId;
    const exchange = await search(`correlationId=${one}`);
    expect(exchange.entries.map((e) => e.sender).sort()).toEqual([
      '00009845',
      '10001',
      'broker',
      'broker',
    ]);
    expect(exchange.entries.every((e) => e.index !== null)).toBe(true);
    expect((await search(`correlationId=${one.toUpperCase()}`)).entries).toEqual(exchange.entries);
    expect((await auditor.get('/audit/search?correlationId=not-a-uuid')).status).toBe(422);
    expect((await search('outcome=error')).entries).toEqual([]);
    expect((await search(`from=${new Date(Date.now() + 60_000).toISOString()}`)).entries).toEqual(
      [],
    );
    expect((await auditor.get('/audit/search?from=yesterday')).status).toBe(422);
  });

  it('is for auditors only', async () => {
    const res = await broker.client('00009845').get('/audit/checkpoint');
    expect(res.status).toBe(403);
  });

  it('exports, and an untouched export verifies', async () => {
    const file = path.join(dir, `${store}-clean.ndjson`);
    const done = await exportLog(broker.client('auditor-test'), file, () => undefined);
    expect(done.entries).toBeGreaterThanOrEqual(20);
    const report = await verifyExport(file, { trusted: [firstCheckpoint] });
    expect(report.problems).toEqual([]);
    expect(report.entries).toBe(done.entries);
  });

  it('with payloads, checks each payload digest and message signature', async () => {
    const file = path.join(dir, `${store}-payloads.ndjson`);
    await exportLog(broker.client('auditor-test'), file, () => undefined, true);
    const clean = await verifyExport(file);
    expect(clean.problems).toEqual([]);
    expect(clean.payloads).toBe(clean.entries);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const at = lines.findIndex((l) => l.includes('"index":0,'));
    const e = JSON.parse(lines[at]!) as { payload: string };
    const bytes = Buffer.from(e.payload, 'base64');
    bytes[bytes.length - 3] = 0x20; // one byte of the logged request
    lines[at] = JSON.stringify({ ...e, payload: bytes.toString('base64') });
    const problems = await problemsOf(lines, `${store}-payload`);
    expect(problems).toContainEqual(
      expect.stringMatching(/^entry 0 \(id \d+\): its payload does not match the digest/),
    );
    expect(problems).toContainEqual(
      expect.stringMatching(/^entry 0 \(id \d+\): message signature by key .* does not verify/),
    );
  });

  it('a payload deleted under retention leaves every proof intact', async () => {
    const [first] = await broker.store.query<{ entry_id: string }>(
      'SELECT entry_id::text FROM log_leaf WHERE tree_index = 0',
    );
    await broker.store.query('DELETE FROM message_payload WHERE entry_id = $1', [first!.entry_id]);
    const file = path.join(dir, `${store}-retention.ndjson`);
    await exportLog(broker.client('auditor-test'), file, () => undefined, true);
    const report = await verifyExport(file, { trusted: [firstCheckpoint] });
    expect(report.problems).toEqual([]);
    expect(report.payloads).toBe(report.entries - 1);
  });

  it('names a changed entry, a deleted one, and a reordered pair', async () => {
    const file = path.join(dir, `${store}-clean.ndjson`);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const entryAt = (i: number): number => lines.findIndex((l) => l.includes(`"index":${i},`));
    const changed = [...lines];
    changed[entryAt(4)] = editCanonical(changed[entryAt(4)]!, (c) => {
      const fields = JSON.parse(c) as unknown[];
      fields[5] = `${String(fields[5])}-changed`; // the route
      return stringifySorted(fields);
    });
    expect(await problemsOf(changed, 'changed')).toContainEqual(
      expect.stringMatching(/^entry 4 \(id \d+\): its content does not match/),
    );
    const deleted = lines.filter((_, i) => i !== entryAt(6));
    expect((await problemsOf(deleted, 'deleted')).join('\n')).toMatch(/entry 6: found index 7/);
    const reordered = [...lines];
    [reordered[entryAt(2)], reordered[entryAt(3)]] = [
      reordered[entryAt(3)]!,
      reordered[entryAt(2)]!,
    ];
    expect((await problemsOf(reordered, 'reordered')).join('\n')).toMatch(/entry 2: found index 3/);
  });

  it('catches a tree rebuilt to hide a change, with an earlier trusted checkpoint', async () => {
    const file = path.join(dir, `${store}-clean.ndjson`);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    // The forger changes entry 1 and recomputes its leaf hash, drops every checkpoint it cannot re-sign.
    const forged = lines
      .filter((l) => !l.includes('"type":"checkpoint"'))
      .map((l) => {
        if (!l.includes('"index":1,')) {
          return l;
        }
        const e = JSON.parse(
          editCanonical(l, (c) => {
            const fields = JSON.parse(c) as unknown[];
            fields[12] = 'forged'; // the outcome
            return stringifySorted(fields);
          }),
        ) as {
          canonical: string;
          leafHash: string;
        };
        e.leafHash = Buffer.from(hashLeaf(Buffer.from(e.canonical))).toString('base64');
        return JSON.stringify(e);
      });
    expect(await problemsOf(forged, 'forged')).toEqual([]); // alone, the forgery is self-consistent…
    const problems = await problemsOf(forged, 'forged', [firstCheckpoint]); // …but not with what the auditor kept
    expect(problems.join('\n')).toMatch(/trusted checkpoint \(size \d+\): root does not match/);
  });
});

/** Changes the canonical bytes of one exported entry line (the leaf hash stays the log's). */
function editCanonical(line: string, edit: (canonical: string) => string): string {
  const e = JSON.parse(line) as { canonical: string };
  const canonical = edit(e.canonical);
  expect(canonical).not.toBe(e.canonical);
  return JSON.stringify({ ...e, canonical });
}

async function problemsOf(
  lines: string[],
  name: string,
  trusted: string[] = [],
): Promise<string[]> {
  const file = path.join(dir, `${name}-${Date.now()}.ndjson`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  // The calling thread and the worker threads must find exactly the same.
  const [inThread, onWorkers] = await Promise.all([
    verifyExport(file, { trusted, threads: 0 }),
    verifyExport(file, { trusted, threads: 2 }),
  ]);
  expect(inThread.threads).toBe(0);
  expect(onWorkers).toEqual({ ...inThread, threads: expect.any(Number) as unknown });
  expect(onWorkers.threads).toBeGreaterThan(0); // a small export may not reach the second
  return inThread.problems;
}
