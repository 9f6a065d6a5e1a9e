import {
  buildBodies,
  createLoadClient,
  runBatch,
  summarize,
  SUBMIT_PATH,
  type BatchResult,
  type ClientTls,
  type LoadClient,
  type Summary,
} from './load.ts';
import type { IssuedCertificate } from '../src/pki/issue-certificate.ts';
import type { BenchPki } from './pki.ts';
import { startBroker } from './servers.ts';
import type { BenchStore } from './store.ts';

/** Load shape: the same for the broker path and the direct baseline. */
export interface LoadPlan {
  readonly warmup: number;
  readonly batches: number;
  readonly batchSize: number;
  readonly concurrency: number;
}

/** What one scenario measured: broker path, direct baseline, and the log sanity check. */
export interface ScenarioResult {
  readonly storeLabel: string;
  readonly broker: Summary;
  readonly direct: Summary;
  readonly brokerRequests: number;
  readonly logEntries: number;
}

function tlsOf(pki: BenchPki, cert: IssuedCertificate): ClientTls {
  return { cert: cert.certPem, key: cert.keyPem, ca: pki.caPem };
}

/** One request each way, checked in full: 200 and an in-force CoverageEligibilityResponse. */
async function checkAnswer(name: string, client: LoadClient): Promise<void> {
  const { status, body } = await client.send(0);
  const doc = JSON.parse(body) as { resourceType?: string; insurance?: { inforce?: boolean }[] };
  if (
    status !== 200 ||
    doc.resourceType !== 'CoverageEligibilityResponse' ||
    doc.insurance?.[0]?.inforce !== true
  ) {
    throw new Error(`${name}: unexpected answer HTTP ${status}: ${body.slice(0, 400)}`);
  }
}

function failOnErrors(name: string, result: BatchResult): BatchResult {
  if (result.errors > 0) {
    throw new Error(`${name}: ${result.errors} failed requests; first: ${result.firstError ?? ''}`);
  }
  return result;
}

/**
 * Warm-up, then `plan.batches` rounds; each round runs one broker batch and one direct batch,
 * alternating which goes first, so drift (JIT, caches, disk) hits both sides alike.
 */
async function measure(
  viaBroker: LoadClient,
  direct: LoadClient,
  plan: LoadPlan,
): Promise<{ broker: BatchResult[]; direct: BatchResult[] }> {
  failOnErrors('broker warm-up', await runBatch(viaBroker, plan.warmup, plan.concurrency));
  failOnErrors('direct warm-up', await runBatch(direct, plan.warmup, plan.concurrency));
  const out = { broker: [] as BatchResult[], direct: [] as BatchResult[] };
  for (let round = 0; round < plan.batches; round++) {
    const order =
      round % 2 === 0 ? (['broker', 'direct'] as const) : (['direct', 'broker'] as const);
    for (const side of order) {
      const client = side === 'broker' ? viaBroker : direct;
      const result = await runBatch(client, plan.batchSize, plan.concurrency);
      out[side].push(failOnErrors(side, result));
    }
  }
  return out;
}

/** Starts a broker on `store`, drives both paths against the running insurer, stops the broker. */
export async function runScenario(
  pki: BenchPki,
  store: BenchStore,
  insurerUrl: string,
  plan: LoadPlan,
): Promise<ScenarioResult> {
  const broker = await startBroker(pki, store, insurerUrl);
  const bodies = buildBodies(plan.batchSize);
  const viaBroker = createLoadClient(tlsOf(pki, pki.ipress), `${broker.url}${SUBMIT_PATH}`, bodies);
  const direct = createLoadClient(tlsOf(pki, pki.direct), `${insurerUrl}${SUBMIT_PATH}`, bodies);
  try {
    await checkAnswer('via broker', viaBroker);
    await checkAnswer('direct', direct);
    const measured = await measure(viaBroker, direct, plan);
    return {
      storeLabel: store.label,
      broker: summarize(measured.broker),
      direct: summarize(measured.direct),
      brokerRequests: 1 + plan.warmup + plan.batches * plan.batchSize,
      logEntries: await store.countEntries(),
    };
  } finally {
    await viaBroker.close();
    await direct.close();
    await broker.close();
  }
}
