/**
 * Benchmarks for the tamper-evident log (issue 7), each with its baseline in the same run:
 *  1. durable appends/s (group-committed message log + sequencer building the Merkle tree and
 *     signing checkpoints) against plain batched INSERTs into a bare table, same database;
 *  2. `siteds audit verify` over an export of 1,000,000 entries: entries/s (tree recomputation);
 *  3. `verify` of entries exported with payloads: message signatures checked per second, against
 *     jose's `flattenedVerify` called one at a time (the per-core reference).
 * Run alone with `npx tsx bench/log.ts`, or as part of `npm run bench`.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { verifyExport } from '../src/audit/verify-export.ts';
import { parseDetached, signDetached, verifyJwsSignature } from '../src/jose/detached-jws.ts';
import { generateSigningKey } from '../src/jose/key-files.ts';
import { signingKeyFromPem } from '../src/jose/signing-key.ts';
import { encodeCanonicalEntry, type CanonicalEntry } from '../src/log/canonical-entry.ts';
import { createPgMessageLog, type LogEntryInput } from '../src/log/message-log.ts';
import { signCheckpoint } from '../src/log/merkle/checkpoint.ts';
import { hashLeaf } from '../src/log/merkle/hash.ts';
import { encodeVerifierKey } from '../src/log/merkle/note.ts';
import { TreeBuilder } from '../src/log/merkle/tree.ts';
import { createSequencer } from '../src/log/sequencer.ts';
import { migrate } from '../src/store/migrate.ts';
import { openStore } from '../src/store/open-store.ts';
import { cpuReport, cpuSnapshot, loadAverage } from './machine.ts';

const ADMIN = 'postgresql://postgres@127.0.0.1:5432/postgres';
const PAYLOAD = Buffer.from(JSON.stringify({ resourceType: 'Bundle', pad: 'x'.repeat(1400) }));
/** Rows per statement of the plain-INSERT baseline. */
const BATCH = 200;

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

/** One row as the broker logs it: the metadata of a `request-in` entry and its ≈1.4 KB payload. */
function benchEntry(): LogEntryInput {
  return {
    correlationId: crypto.randomUUID(),
    kind: 'request-in',
    route: 'fhir.eligibility.submit',
    sender: '00009845',
    contentType: 'application/fhir+json',
    payload: PAYLOAD,
    outcome: 'received',
  };
}

/**
 * The baseline: plain batched INSERTs (multi-row VALUES, `BATCH` rows a statement, each statement
 * its own transaction, synchronous_commit on) of the same rows (the entry's metadata and the same
 * payload bytes) into one bare table with only a primary key, from `connections` connections.
 */
async function plainInsertRate(url: string, rows: number, connections: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  pool.on('error', () => undefined); // DROP DATABASE … WITH (FORCE) may end an idle client
  await pool.query('DROP TABLE IF EXISTS bench_plain');
  await pool.query(
    `CREATE TABLE bench_plain (id bigserial PRIMARY KEY, correlation_id uuid NOT NULL,
       kind text NOT NULL, logged_at timestamptz NOT NULL DEFAULT clock_timestamp(),
       route text NOT NULL, sender text, content_type text, payload_size integer NOT NULL,
       outcome text NOT NULL, payload bytea NOT NULL)`,
  );
  const started = performance.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let done = 0; done < rows / connections; done += BATCH) {
        const values = Array.from({ length: BATCH }, (_, i) => {
          const at = i * 8;
          return `(${Array.from({ length: 8 }, (_, c) => `$${at + c + 1}`).join(', ')})`;
        });
        const params = Array.from({ length: BATCH }).flatMap(() => {
          const e = benchEntry();
          return [
            e.correlationId,
            e.kind,
            e.route,
            e.sender,
            e.contentType,
            e.payload.length,
            e.outcome,
            e.payload,
          ];
        });
        await pool.query(
          `INSERT INTO bench_plain (correlation_id, kind, route, sender, content_type, payload_size,
             outcome, payload) VALUES ${values.join(',')}`,
          params,
        );
      }
    }),
  );
  const rate = rows / ((performance.now() - started) / 1000);
  await pool.end();
  return rate;
}

interface AppendResult {
  /** Appends resolved (committed) per second. */
  readonly durable: number;
  /** Entries per second until the last one was also a leaf under a signed checkpoint. */
  readonly sequenced: number;
  readonly size: number;
}

/**
 * Our appends: `writers` callers, each awaiting every append until durable, with the sequencer
 * running alongside (as in the broker, every 250 ms and at once again while it has a backlog).
 */
async function logAppendRate(url: string, rows: number, writers: number): Promise<AppendResult> {
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
        await log.append(benchEntry());
      }
    }),
  );
  const durable = rows / ((performance.now() - started) / 1000);
  await sequencer.stop();
  let r = await sequencer.integrate();
  while (r.added > 0) {
    r = await sequencer.integrate();
  }
  const size = r.size;
  const sequenced = rows / ((performance.now() - started) / 1000);
  await store.close();
  return { durable, sequenced, size };
}

interface AppendRound {
  readonly plain: number;
  readonly ours: AppendResult;
  readonly cpu: string;
}

/** One round in a fresh database: baseline, ours, baseline again (the machine is shared). */
async function appendRound(rows: number, writers: number): Promise<AppendRound> {
  return withDatabase(async (url) => {
    const cpu = cpuSnapshot();
    const before = await plainInsertRate(url, rows, 4);
    const ours = await logAppendRate(url, rows, writers);
    const after = await plainInsertRate(url, rows, 4);
    return { plain: (before + after) / 2, ours, cpu: cpuReport(cpu) };
  });
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/**
 * Durable appends against the plain-INSERT baseline: `ROUNDS` rounds, each in a fresh database
 * and each with its own baseline (measured just before and just after, averaged); the ratio is
 * the median of the per-round ratios.
 */
export async function benchAppends(): Promise<void> {
  const writers = Number(process.env.BENCH_LOG_WRITERS ?? 256);
  const rounds = Number(process.env.BENCH_LOG_ROUNDS ?? 3);
  const rows = writers * Math.ceil(20_000 / writers);
  console.log('\n## message log: durable appends (PostgreSQL, fsync on, synchronous_commit on)');
  console.log(
    `${rows} rows per path and round, ≈${PAYLOAD.length}-byte payloads. Baseline: plain batched INSERT ` +
      `(multi-row VALUES, ${BATCH} rows/statement, one transaction each, 4 connections) of the same ` +
      'metadata and payload into one bare table with a primary key only, measured just before and ' +
      'after ours in each round (mean). Ours: message log appends from ' +
      `${writers} concurrent callers, each awaited until committed, sequencer running alongside.`,
  );
  console.log(
    '| round | baseline rows/s | ours: durable appends/s | ratio | ours: until sequenced and checkpointed /s | ratio | machine |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---|');
  const durable: number[] = [];
  const sequenced: number[] = [];
  for (let round = 1; round <= rounds; round++) {
    const r = await appendRound(rows, writers);
    durable.push(r.ours.durable / r.plain);
    sequenced.push(r.ours.sequenced / r.plain);
    console.log(
      `| ${round} | ${r.plain.toFixed(0)} | ${r.ours.durable.toFixed(0)} | ${(r.ours.durable / r.plain).toFixed(2)} | ` +
        `${r.ours.sequenced.toFixed(0)} (tree size ${r.ours.size}) | ${(r.ours.sequenced / r.plain).toFixed(2)} | ${r.cpu} |`,
    );
  }
  console.log(
    `ratio log/plain, median of ${rounds} rounds: durable ${median(durable).toFixed(2)} (target ≥ 0.5), ` +
      `until sequenced ${median(sequenced).toFixed(2)}; loadavg ${loadAverage()}`,
  );
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

/** Baseline for the signature check: jose's `flattenedVerify`, one at a time, for 2 s. */
async function joseOneAtATime(jws: string, key: KeyObject): Promise<number> {
  const parsed = parseDetached(jws);
  if (parsed === undefined) {
    throw new Error('the bench signature must parse');
  }
  const started = performance.now();
  let n = 0;
  while (performance.now() - started < 2000) {
    if (!(await verifyJwsSignature(parsed, PAYLOAD, key, ['ES256']))) {
      throw new Error('the bench signature must verify');
    }
    n += 1;
  }
  return n / ((performance.now() - started) / 1000);
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
    const sigCpu = cpuSnapshot();
    started = performance.now();
    const signedReport = await verifyExport(signedFile);
    const sigRate = signedReport.payloads / ((performance.now() - started) / 1000);
    const sigMachine = cpuReport(sigCpu);
    const sigProblems = signedReport.problems.filter((p) => p.includes('signature')).length;
    const joseRate = await joseOneAtATime(jws, signingKeyFromPem(key.pem).publicKey);
    console.log('\n## audit verify');
    console.log('| what | entries | problems | entries/s | target |\n|---|---:|---:|---:|---:|');
    console.log(
      `| tree recomputation + 10 checkpoints | ${report.entries} | ${report.problems.length} | ${treeRate.toFixed(0)} | ≥ 100,000 |`,
    );
    console.log(
      `| with payloads: digest + ES256 message signature each | ${signedReport.payloads} | ${sigProblems} signature | ${sigRate.toFixed(0)} | ≥ 10,000 |`,
    );
    console.log(
      `signatures: ${(sigRate / joseRate).toFixed(2)}× the rate of jose verifying one at a time on one thread ` +
        `(${joseRate.toFixed(0)}/s, same run); during the signature check: ${sigMachine}; loadavg ${loadAverage()}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  await benchAppends();
  await benchVerify();
}
