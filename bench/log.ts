/**
 * Benchmarks for the tamper-evident log (issue 7), each with its baseline in the same run:
 *  1. durable appends/s (group-committed message log + sequencer building the Merkle tree and
 *     signing checkpoints) against plain batched INSERTs into a bare table, same database;
 *  2. `siteds audit verify` over an export of 1,000,000 entries: entries/s (tree recomputation);
 *  3. `verify --payloads`: message signatures checked per second.
 * Run alone with `npx tsx bench/log.ts`, or as part of `npm run bench`.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { verifyExport } from '../src/audit/verify-export.ts';
import { signDetached } from '../src/jose/detached-jws.ts';
import { generateSigningKey } from '../src/jose/key-files.ts';
import { signingKeyFromPem } from '../src/jose/signing-key.ts';
import { encodeCanonicalEntry, type CanonicalEntry } from '../src/log/canonical-entry.ts';
import { createPgMessageLog } from '../src/log/message-log.ts';
import { signCheckpoint } from '../src/log/merkle/checkpoint.ts';
import { hashLeaf } from '../src/log/merkle/hash.ts';
import { encodeVerifierKey } from '../src/log/merkle/note.ts';
import { TreeBuilder } from '../src/log/merkle/tree.ts';
import { createSequencer } from '../src/log/sequencer.ts';
import { migrate } from '../src/store/migrate.ts';
import { openStore } from '../src/store/open-store.ts';

const ADMIN = 'postgresql://postgres@127.0.0.1:5432/postgres';
const PAYLOAD = Buffer.from(JSON.stringify({ resourceType: 'Bundle', pad: 'x'.repeat(1400) }));

async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const name = `siteds_bench_log_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    return await fn(ADMIN.replace(/\/postgres$/, `/${name}`));
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

/** Plain batched INSERTs of comparable rows (≈1.5 KB) into a bare table, 200 rows a statement. */
async function plainInsertRate(url: string, rows: number, writers: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: writers });
  await pool.query(
    'CREATE TABLE bench_plain (id bigserial PRIMARY KEY, kind text, sender text, payload bytea)',
  );
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let done = 0; done < rows / writers; done += 200) {
        const values = Array.from(
          { length: 200 },
          (_, i) => `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`,
        );
        const params = Array.from({ length: 200 }).flatMap(() => [
          'request-in',
          '00009845',
          PAYLOAD,
        ]);
        await pool.query(
          `INSERT INTO bench_plain (kind, sender, payload) VALUES ${values.join(',')}`,
          params,
        );
      }
    }),
  );
  const rate = rows / ((performance.now() - started) / 1000);
  await pool.end();
  return rate;
}

/** Our appends: each awaited until durable, `writers` at a time, the sequencer running alongside. */
async function logAppendRate(
  url: string,
  rows: number,
  writers: number,
): Promise<{ rate: number; size: number }> {
  const store = await openStore({ databaseUrl: url, dataDir: '' });
  await migrate(store);
  const log = createPgMessageLog(store);
  const { privateKey } = generateKeyPairSync('ed25519');
  const sequencer = createSequencer(store, {
    origin: 'bench/log',
    keyName: 'bench/log',
    privateKey,
  });
  sequencer.start(250, (err) => {
    console.error(err);
  });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = 0; i < rows / writers; i++) {
        await log.append({
          correlationId: crypto.randomUUID(),
          kind: 'request-in',
          route: 'bench',
          sender: '00009845',
          payload: PAYLOAD,
          outcome: 'received',
        });
      }
    }),
  );
  await sequencer.stop();
  let size = 0;
  for (
    let r = await sequencer.integrate();
    r.added > 0 || size === 0;
    r = await sequencer.integrate()
  ) {
    size = r.size;
  }
  const rate = rows / ((performance.now() - started) / 1000);
  await store.close();
  return { rate, size };
}

export async function benchAppends(): Promise<void> {
  const rows = 20_000;
  const writers = Number(process.env.BENCH_LOG_WRITERS ?? 256);
  await withDatabase(async (url) => {
    const plain = await plainInsertRate(url, rows, 4);
    const ours = await logAppendRate(url, rows, writers);
    console.log('\n## message log: durable appends (PostgreSQL, fsync on)');
    console.log('| path | rows/s |\n|---|---:|');
    console.log(
      `| plain batched INSERT, 200 rows/statement, 4 connections (baseline) | ${plain.toFixed(0)} |`,
    );
    console.log(
      `| message log append, ${writers} concurrent callers, each awaited durable; sequenced into the tree (size ${ours.size}) | ${ours.rate.toFixed(0)} |`,
    );
    console.log(`ratio log/plain: ${(ours.rate / plain).toFixed(2)} (target ≥ 0.5)`);
  });
}

function entryAt(i: number, signature: string | null): CanonicalEntry {
  return {
    id: String(i + 1),
    correlationId: '4f9d1f3e-6c1a-4b7e-9a53-0c2f6f1a9e10',
    kind: 'request-in',
    loggedAt: '2026-11-27T15:00:00.000000Z',
    route: 'fhir.eligibility.submit',
    sender: '00009845',
    recipient: null,
    contentType: 'application/fhir+json',
    payloadSize: PAYLOAD.length,
    payloadDigest: null,
    httpStatus: null,
    outcome: 'received',
    errorCode: null,
    durationMs: null,
    signature,
    verdicts: null,
    replayId: null,
    replayOf: null,
  };
}

/** Writes an export of `n` synthetic entries with a signed checkpoint every 100,000. */
async function writeExport(
  file: string,
  n: number,
  signed?: { key: ReturnType<typeof generateSigningKey>; jws: string },
): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const out = createWriteStream(file);
  const put = async (o: unknown): Promise<void> => {
    if (!out.write(`${JSON.stringify(o)}\n`)) {
      await once(out, 'drain');
    }
  };
  const tree = new TreeBuilder();
  const lines: object[] = [];
  const leaves: string[] = [];
  for (let i = 0; i < n; i++) {
    const canonical = encodeCanonicalEntry(entryAt(i, signed?.jws ?? null));
    const leaf = hashLeaf(canonical);
    tree.append(leaf);
    leaves.push(Buffer.from(leaf).toString('base64'));
    if (tree.size % 100_000 === 0 || i === n - 1) {
      lines.push({
        type: 'checkpoint',
        note: signCheckpoint(
          {
            origin: 'bench/log',
            size: tree.size,
            rootHash: tree.rootHash(),
            timestamp: Date.now(),
          },
          privateKey,
          'bench/log',
        ),
      });
    }
  }
  const keys = signed === undefined ? undefined : { '00009845': { keys: [signed.key.jwk] } };
  await put({
    type: 'log',
    origin: 'bench/log',
    verifierKey: encodeVerifierKey('bench/log', publicKey),
    keys,
  });
  for (const l of lines) {
    await put(l);
  }
  for (let i = 0; i < n; i++) {
    const canonical = encodeCanonicalEntry(entryAt(i, signed?.jws ?? null)).toString('utf8');
    const payload = signed === undefined ? {} : { payload: PAYLOAD.toString('base64'), salt: '' };
    await put({ type: 'entry', index: i, leafHash: leaves[i], canonical, ...payload });
  }
  out.end();
  await once(out, 'finish');
}

export async function benchVerify(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'siteds-bench-verify-'));
  try {
    const big = path.join(dir, 'million.ndjson');
    await writeExport(big, 1_000_000);
    let started = performance.now();
    const report = await verifyExport(big);
    const treeRate = report.entries / ((performance.now() - started) / 1000);
    const key = generateSigningKey();
    const jws = await signDetached(PAYLOAD, signingKeyFromPem(key.pem), {
      jti: 'bench',
      sub: '00009845',
      aud: 'broker',
    });
    const signedFile = path.join(dir, 'signed.ndjson');
    await writeExport(signedFile, 20_000, { key, jws });
    started = performance.now();
    const signedReport = await verifyExport(signedFile);
    const sigRate = signedReport.payloads / ((performance.now() - started) / 1000);
    const sigProblems = signedReport.problems.filter((p) => p.includes('signature')).length;
    console.log('\n## audit verify');
    console.log('| what | entries | problems | entries/s | target |\n|---|---:|---:|---:|---:|');
    console.log(
      `| tree recomputation + 10 checkpoints | ${report.entries} | ${report.problems.length} | ${treeRate.toFixed(0)} | ≥ 100,000 |`,
    );
    console.log(
      `| with payloads: digest + ES256 message signature each | ${signedReport.payloads} | ${sigProblems} signature | ${sigRate.toFixed(0)} | ≥ 10,000 |`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  await benchAppends();
  await benchVerify();
}
