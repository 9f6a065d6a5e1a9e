/**
 * Benchmarks, each with its own baseline in the same run (sections 3–5: bench/validation.ts,
 * bench/log.ts — profile validation vs @medplum/core, durable log appends vs plain INSERT,
 * audit verify of 1,000,000 entries and of message signatures; then the standalone ones listed
 * in `STANDALONE`):
 *
 * 1. JWS micro-benchmark: `verifyMessage` / `signDetached` against plain `crypto.verify` /
 *    `crypto.sign` (ES256) over the same ~2 KB body (bench/jws.ts).
 * 2. End-to-end eligibility, with message signatures: IPRESS (signs) → broker (mTLS, verifies,
 *    signs the forward, verifies the insurer's answer, countersigns; 4 durable log entries and 2
 *    replay ids in the store; the rest of its pipeline as in src/app.ts) → demo IAFAS (verifies,
 *    signs its answer), against the baseline of the
 *    same requests sent, signed, straight to the demo IAFAS by a client holding a `broker`-kind
 *    certificate. Main store: a fresh PostgreSQL database (PGlite if PostgreSQL is not
 *    reachable); then, as extras, a diagnostic broker with no store (log discarded, replay ids
 *    in memory) and PGlite.
 *
 * Loopback only; bounded loops; stops by itself.
 *
 *   npm run bench
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  jwsPairs,
  runJwsBench,
  JWS_ROUNDS,
  JWS_SLICE_MS,
  type JwsResult,
  type Rate,
} from './jws.ts';
import type { Summary } from './load.ts';
import { benchAppends, benchVerify } from './log.ts';
import { benchValidation } from './validation.ts';
import { cpuReport, cpuSnapshot, loadAverage, printMachine } from './machine.ts';
import { createBenchPki, type BenchPki } from './pki.ts';
import { runScenario, type LoadPlan, type ScenarioResult } from './scenario.ts';
import {
  openDiscardingStore,
  openPgliteStore,
  openPostgresStore,
  postgresVersion,
  type BenchStore,
} from './store.ts';

const PLAN: LoadPlan = { warmup: 200, batches: 5, batchSize: 250, concurrency: 8 };
/**
 * The optional PGlite scenario runs only if the end-to-end part so far (main scenario and the
 * diagnostic one) took at most this many seconds.
 */
const PGLITE_BUDGET_S = 30;
/** Last resort: the process exits even if something hangs (each request also has a timeout). */
const WATCHDOG_MS = 900_000;

/**
 * Benchmarks that run as their own process (each prints its section, baseline and ratio): SITEDS
 * wire (SOAP + X12 + validation vs XML/JSON parsing), SITEDS ↔ FHIR mapping, the mapping engine
 * vs a hand-written mapper, HL7 v2 parse/serialize vs @medplum/core, HTA links vs answer
 * validation.
 */
const STANDALONE = ['siteds.ts', 'siteds-mapping.ts', 'mapping.ts', 'hl7v2.ts', 'hta-link.ts'];

function runStandalone(files: readonly string[]): void {
  for (const file of files) {
    console.log(`\n## bench/${file}`);
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, file)],
      {
        stdio: 'inherit',
        timeout: 180_000,
      },
    );
    if (run.status !== 0) {
      console.log(`bench/${file} did not finish (status ${String(run.status)})`);
      process.exitCode = 1;
    }
  }
}

function printHeader(pgVersion: string | undefined): void {
  console.log('# siteds-broker benchmark: JWS signatures and end-to-end eligibility check');
  printMachine(pgVersion);
  const { warmup, batches, batchSize, concurrency } = PLAN;
  console.log(
    `load:     warm-up ${warmup}, ${batches} batches x ${batchSize} requests per path, ` +
      `concurrency ${concurrency}, keep-alive, single Node process (client, broker, insurer)`,
  );
  console.log(
    'signing:  ES256 detached JWS on every message; the clients sign each request inside ' +
      'the timed loop (fresh jti)\n',
  );
}

const fmt = (n: number, digits = 0): string => n.toFixed(digits);

function row(name: string, s: Summary): string {
  return (
    `| ${name} | ${fmt(s.rpsMedian)} | ${fmt(s.rpsMin)}–${fmt(s.rpsMax)} | ` +
    `${fmt(s.p50Ms, 2)} | ${fmt(s.p99Ms, 2)} | ${s.requests} |`
  );
}

function printResult(r: ScenarioResult): void {
  console.log(`## store: ${r.storeLabel}`);
  console.log('| path | req/s (median) | req/s (min–max) | p50 ms | p99 ms | requests |');
  console.log('|---|---:|---:|---:|---:|---:|');
  console.log(row('IPRESS → broker → IAFAS', r.broker));
  console.log(row('direct → IAFAS (baseline)', r.direct));
  const ratio = r.broker.rpsMedian / r.direct.rpsMedian;
  console.log(
    `ratio broker/direct: throughput ${fmt(ratio, 3)} (${fmt(100 * ratio, 1)} % of baseline), ` +
      `p50 latency x${fmt(r.broker.p50Ms / r.direct.p50Ms, 2)}, ` +
      `p99 latency x${fmt(r.broker.p99Ms / r.direct.p99Ms, 2)}`,
  );
  countCheck('message log', r.logEntries, 4 * r.brokerRequests, r.brokerRequests);
  if (r.replayEntries === undefined) {
    console.log('jws_replay: not in the store (in-memory replay guard)');
  } else {
    countCheck('jws_replay', r.replayEntries, 2 * r.brokerRequests, r.brokerRequests);
  }
}

/** Prints a row-count sanity check; a mismatch fails the run. */
function countCheck(what: string, actual: number, expected: number, exchanges: number): void {
  const ok = actual === expected;
  console.log(
    `${what}: ${actual} entries for ${exchanges} exchanges ` +
      `(expected ${expected}: ${ok ? 'ok' : 'MISMATCH'})`,
  );
  if (!ok) {
    process.exitCode = 1;
  }
}

const rateText = (r: Rate): string => `${fmt(r.median)} (${fmt(r.min)}–${fmt(r.max)})`;

function printJws(results: readonly JwsResult[], bodyBytes: number): void {
  console.log(`## JWS micro-benchmark: ES256 over a ${bodyBytes}-byte body`);
  console.log(
    `one operation at a time, ${JWS_ROUNDS} rounds x ${JWS_SLICE_MS} ms per operation, ` +
      'median (min–max) over the rounds; ours/raw is the median of the per-round ratios',
  );
  console.log('| operation | ours ops/s | raw crypto ops/s | ours/raw | µs/op ours | µs/op raw |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const [ours, raw] = r.labels;
    console.log(
      `| ${r.name}: ${ours} vs ${raw} | ${rateText(r.ours)} | ${rateText(r.raw)} | ` +
        `${fmt(r.ratio.median, 3)} (${fmt(r.ratio.min, 2)}–${fmt(r.ratio.max, 2)}) | ` +
        `${fmt(1e6 / r.ours.median, 1)} | ` +
        `${fmt(1e6 / r.raw.median, 1)} |`,
    );
  }
}

async function scenario(pki: BenchPki, open: () => Promise<BenchStore>): Promise<ScenarioResult> {
  const store = await open();
  try {
    const cpu = cpuSnapshot();
    const result = await runScenario(pki, store, PLAN);
    printResult(result);
    console.log(`cpu: ${cpuReport(cpu)}\n`);
    return result;
  } finally {
    await store.dispose();
  }
}

/** Optional scenarios: a store-less diagnostic, then PGlite if the time budget allows. */
async function extras(pki: BenchPki, started: number): Promise<void> {
  await scenario(pki, () => Promise.resolve(openDiscardingStore()));
  const elapsedS = (performance.now() - started) / 1000;
  if (elapsedS > PGLITE_BUDGET_S) {
    console.log(`skipping the PGlite scenario: ${fmt(elapsedS)} s already spent end to end\n`);
    return;
  }
  await scenario(pki, openPgliteStore);
}

async function jwsSection(): Promise<void> {
  const { bodyBytes, pairs } = await jwsPairs();
  const cpu = cpuSnapshot();
  printJws(await runJwsBench(pairs), bodyBytes);
  console.log(`cpu: ${cpuReport(cpu)}\n`);
}

async function main(): Promise<void> {
  const started = performance.now();
  const cpuAtStart = cpuSnapshot();
  const pgVersion = await postgresVersion();
  printHeader(pgVersion);
  await jwsSection();
  if (pgVersion === undefined) {
    console.log('PostgreSQL is not reachable: falling back to PGlite (memory://) as the store.\n');
  }
  const pki = await createBenchPki();
  const endToEndStarted = performance.now();
  try {
    if (pgVersion === undefined) {
      await scenario(pki, openPgliteStore);
      await scenario(pki, () => Promise.resolve(openDiscardingStore()));
      return;
    }
    await scenario(pki, openPostgresStore);
    await extras(pki, endToEndStarted);
    console.log(`JWS and end-to-end sections: ${fmt((performance.now() - started) / 1000, 1)} s\n`);
    benchValidation();
    await benchAppends();
    await benchVerify();
    runStandalone(STANDALONE);
  } finally {
    await pki.remove();
    console.log(`loadavg at end: ${loadAverage()} (1/5/15 min)`);
    console.log(`cpu over the whole run: ${cpuReport(cpuAtStart)}`);
    console.log(`total time: ${fmt((performance.now() - started) / 1000, 1)} s`);
  }
}

const watchdog = setTimeout(() => {
  console.error(`benchmark still running after ${WATCHDOG_MS / 1000} s: giving up`);
  process.exit(2);
}, WATCHDOG_MS);
watchdog.unref();

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
