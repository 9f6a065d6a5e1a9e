/**
 * Durable message-log appends against a plain batched INSERT of the same rows (issue 7, item 9),
 * measured side by side in each round, with the CPU time each path costs (this process and the
 * PostgreSQL backends of the path's database), which a busy shared machine does not skew.
 */
import { generateKeyPairSync } from 'node:crypto';
import pg from 'pg';
import { createLeafCache } from '../src/log/leaf-cache.ts';
import { newCorrelationId } from '../src/log/new-correlation-id.ts';
import { createPgMessageLog, type LogEntryInput } from '../src/log/message-log.ts';
import { createSequencer } from '../src/log/sequencer.ts';
import { migrate } from '../src/store/migrate.ts';
import { openStore } from '../src/store/open-store.ts';
import { startCpuMeter } from './backend-cpu.ts';
import { cpuReport, cpuSnapshot, loadAverage } from './machine.ts';

const ADMIN = 'postgresql://postgres@127.0.0.1:5432/postgres';
/** A ≈1.4 KB FHIR-like body, as in the verify benchmark. */
export const PAYLOAD = Buffer.from(
  JSON.stringify({ resourceType: 'Bundle', pad: 'x'.repeat(1400) }),
);
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

const databaseOf = (url: string): string => new URL(url).pathname.slice(1);

/** One row as the broker logs it: the metadata of a `request-in` entry and its ≈1.4 KB payload. */
function benchEntry(): LogEntryInput {
  return {
    correlationId: newCorrelationId(),
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
async function plainInsertRate(
  url: string,
  rows: number,
  connections: number,
): Promise<{ rate: number; cpuMs: number }> {
  const pool = new pg.Pool({ connectionString: url, max: connections });
  pool.on('error', () => undefined); // DROP DATABASE … WITH (FORCE) may end an idle client
  await pool.query('DROP TABLE IF EXISTS bench_plain');
  await pool.query(
    `CREATE TABLE bench_plain (id bigserial PRIMARY KEY, correlation_id uuid NOT NULL,
       kind text NOT NULL, logged_at timestamptz NOT NULL DEFAULT clock_timestamp(),
       route text NOT NULL, sender text, content_type text, payload_size integer NOT NULL,
       outcome text NOT NULL, payload bytea NOT NULL)`,
  );
  const cpu = await startCpuMeter(ADMIN, databaseOf(url));
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
  const cpuMs = await cpu();
  await pool.end();
  return { rate, cpuMs };
}

interface AppendResult {
  /** Appends resolved (committed) per second. */
  readonly durable: number;
  /** Entries per second until the last one was also a leaf under a signed checkpoint. */
  readonly sequenced: number;
  readonly size: number;
  /** CPU time of the whole path, appends and sequencing (see `backend-cpu.ts`). */
  readonly cpuMs: number;
}

/**
 * Our appends: `writers` callers, each awaiting every append until durable, with the sequencer
 * running alongside (as in the broker, every 250 ms and at once again while it has a backlog).
 */
async function logAppendRate(url: string, rows: number, writers: number): Promise<AppendResult> {
  const store = await openStore({ databaseUrl: url, dataDir: '' });
  await migrate(store);
  const leaves = createLeafCache();
  const log = createPgMessageLog(store, leaves);
  const { privateKey } = generateKeyPairSync('ed25519');
  const sequencer = createSequencer(
    store,
    { origin: 'bench/log', keyName: 'bench/log', privateKey },
    { leaves },
  );
  sequencer.start(250, (err) => {
    console.error(err);
  });
  const cpu = await startCpuMeter(ADMIN, databaseOf(url));
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
  const cpuMs = await cpu();
  await store.close();
  return { durable, sequenced, size, cpuMs };
}

interface AppendRound {
  readonly plain: { rate: number; cpuMs: number };
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
    const plain = {
      rate: (before.rate + after.rate) / 2,
      cpuMs: (before.cpuMs + after.cpuMs) / 2,
    };
    return { plain, ours, cpu: cpuReport(cpu) };
  });
}

const median = (xs: readonly number[]): number => {
  const sorted = [...xs].sort((x, y) => x - y);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/**
 * Durable appends against the plain-INSERT baseline: a warm-up round (printed, not counted: both
 * paths' code is compiled by the JIT, the hashing thread and the prepared statements start), then
 * `BENCH_LOG_ROUNDS` rounds (5), each in a fresh database and each with its own baseline
 * (measured just before and just after, averaged); the ratio is the median of the per-round ratios.
 */
export async function benchAppends(): Promise<void> {
  const writers = Number(process.env.BENCH_LOG_WRITERS ?? 256);
  const rounds = Number(process.env.BENCH_LOG_ROUNDS ?? 5);
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
    '| round | baseline rows/s | ours: durable appends/s | ratio | ours: until sequenced /s | ratio | ' +
      'CPU ms per 1,000 rows, baseline / ours (appends + sequencing) | machine during the round |',
  );
  console.log('|---:|---:|---:|---:|---:|---:|---:|---|');
  const durable: number[] = [];
  const sequenced: number[] = [];
  const cpuRatio: number[] = [];
  for (let round = 0; round <= rounds; round++) {
    const { plain, ours, cpu } = await appendRound(rows, writers);
    if (round > 0) {
      durable.push(ours.durable / plain.rate);
      sequenced.push(ours.sequenced / plain.rate);
      cpuRatio.push(plain.cpuMs / ours.cpuMs);
    }
    const perK = (ms: number): string => ((1000 * ms) / rows).toFixed(0);
    console.log(
      `| ${round === 0 ? 'warm-up (not counted)' : round} | ${plain.rate.toFixed(0)} | ${ours.durable.toFixed(0)} | ${(ours.durable / plain.rate).toFixed(2)} | ` +
        `${ours.sequenced.toFixed(0)} (tree size ${ours.size}) | ${(ours.sequenced / plain.rate).toFixed(2)} | ` +
        `${perK(plain.cpuMs)} / ${perK(ours.cpuMs)} | ${cpu} |`,
    );
  }
  console.log(
    `ratio log/plain, median of ${rounds} rounds: durable ${median(durable).toFixed(2)} (target ≥ 0.5), ` +
      `until sequenced ${median(sequenced).toFixed(2)}; CPU cost per row baseline/ours ` +
      `${median(cpuRatio).toFixed(2)} (what the durable ratio tends to on a machine bound by CPU); ` +
      `loadavg ${loadAverage()}`,
  );
}
