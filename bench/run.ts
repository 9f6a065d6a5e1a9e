/**
 * End-to-end eligibility benchmark: IPRESS → broker (mTLS, 4 durable log writes) → demo IAFAS,
 * against the baseline of the same requests sent straight to the demo IAFAS by a client holding
 * a `broker`-kind certificate. Main store: a fresh PostgreSQL database (PGlite if PostgreSQL is
 * not reachable); then, as extras, a diagnostic broker whose log keeps nothing (hop cost without
 * the log) and PGlite. Loopback only; bounded loops; stops by itself.
 *
 *   npm run bench
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Summary } from './load.ts';
import { createBenchPki, type BenchPki } from './pki.ts';
import { runScenario, type LoadPlan, type ScenarioResult } from './scenario.ts';
import { startInsurer } from './servers.ts';
import {
  openDiscardingStore,
  openPgliteStore,
  openPostgresStore,
  postgresVersion,
  type BenchStore,
} from './store.ts';

const PLAN: LoadPlan = { warmup: 200, batches: 7, batchSize: 500, concurrency: 8 };
/** The optional PGlite scenario runs only if the main one finished within this many seconds. */
const PGLITE_BUDGET_S = 30;
/** Last resort: the process exits even if something hangs (each request also has a timeout). */
const WATCHDOG_MS = 150_000;

function printMachine(pgVersion: string | undefined): void {
  const cpus = os.cpus();
  const gib = (os.totalmem() / 1024 ** 3).toFixed(1);
  console.log('# siteds-broker benchmark: end-to-end eligibility check');
  console.log(`date:     ${new Date().toISOString()}`);
  console.log(`cpu:      ${cpus[0]?.model ?? 'unknown'} x ${cpus.length}`);
  console.log(`memory:   ${gib} GiB`);
  console.log(`os:       ${os.type()} ${os.release()} (${os.arch()})`);
  console.log(`node:     ${process.version}`);
  console.log(`postgres: ${pgVersion ?? 'not reachable on 127.0.0.1:5432'}`);
  const { warmup, batches, batchSize, concurrency } = PLAN;
  console.log(
    `load:     warm-up ${warmup}, ${batches} batches x ${batchSize} requests per path, ` +
      `concurrency ${concurrency}, keep-alive, single Node process (client, broker, insurer)\n`,
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
  const expected = 4 * r.brokerRequests;
  const check = r.logEntries === expected ? 'ok' : 'MISMATCH';
  console.log(
    `message log: ${r.logEntries} entries for ${r.brokerRequests} exchanges ` +
      `(expected ${expected}: ${check})\n`,
  );
  if (r.logEntries !== expected) {
    process.exitCode = 1;
  }
}

async function scenario(
  pki: BenchPki,
  open: () => Promise<BenchStore>,
  insurerUrl: string,
): Promise<ScenarioResult> {
  const store = await open();
  try {
    const result = await runScenario(pki, store, insurerUrl, PLAN);
    printResult(result);
    return result;
  } finally {
    await store.dispose();
  }
}

/** Optional scenarios: a store-less diagnostic, then PGlite if the time budget allows. */
async function extras(pki: BenchPki, insurerUrl: string, started: number): Promise<void> {
  await scenario(pki, () => Promise.resolve(openDiscardingStore()), insurerUrl);
  const elapsedS = (performance.now() - started) / 1000;
  if (elapsedS > PGLITE_BUDGET_S) {
    console.log(`skipping the PGlite scenario: ${fmt(elapsedS)} s already spent\n`);
    return;
  }
  await scenario(pki, openPgliteStore, insurerUrl);
}

async function main(): Promise<void> {
  const started = performance.now();
  const pgVersion = await postgresVersion();
  printMachine(pgVersion);
  if (pgVersion === undefined) {
    console.log('PostgreSQL is not reachable: falling back to PGlite (memory://) as the store.\n');
  }
  const pki = await createBenchPki();
  const insurer = await startInsurer(pki);
  try {
    if (pgVersion === undefined) {
      await scenario(pki, openPgliteStore, insurer.url);
      await scenario(pki, () => Promise.resolve(openDiscardingStore()), insurer.url);
      return;
    }
    await scenario(pki, openPostgresStore, insurer.url);
    await extras(pki, insurer.url, started);
  } finally {
    await insurer.close();
    await pki.remove();
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
