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
import { verifyMessage } from '../src/jose/verify-message.ts';
import type { IssuedCertificate } from '../src/pki/issue-certificate.ts';
import { createRegistry, type Registry } from '../src/registry/participant.ts';
import { CODES, participantOf, type BenchParty, type BenchPki } from './pki.ts';
import { startBroker, startInsurer } from './servers.ts';
import type { BenchStore } from './store.ts';

/** Load shape: the same for the broker path and the direct baseline. */
export interface LoadPlan {
  readonly warmup: number;
  readonly batches: number;
  readonly batchSize: number;
  readonly concurrency: number;
}

/** What one scenario measured: broker path, direct baseline, and the store sanity checks. */
export interface ScenarioResult {
  readonly storeLabel: string;
  readonly broker: Summary;
  readonly direct: Summary;
  readonly brokerRequests: number;
  readonly logEntries: number;
  /** Rows in `jws_replay`; `undefined` when the replay guard is in memory. */
  readonly replayEntries: number | undefined;
}

function tlsOf(pki: BenchPki, cert: IssuedCertificate): ClientTls {
  return { cert: cert.certPem, key: cert.keyPem, ca: pki.caPem };
}

/** Who must have signed an answer, for whom, and the keys to check it with. */
interface AnswerCheck {
  readonly signedBy: BenchParty;
  readonly audience: string;
  readonly trust: Registry;
}

/**
 * One request each way, checked in full: 200, an in-force CoverageEligibilityResponse, and an
 * `x-jws-signature` that verifies over the answer bytes (by the broker, or by the insurer on the
 * direct path). Outside the timed loop.
 */
async function checkAnswer(name: string, client: LoadClient, check: AnswerCheck): Promise<void> {
  const { status, body, signature } = await client.send(0);
  const doc = JSON.parse(body.toString('utf8')) as {
    resourceType?: string;
    insurance?: { inforce?: boolean }[];
  };
  if (
    status !== 200 ||
    doc.resourceType !== 'CoverageEligibilityResponse' ||
    doc.insurance?.[0]?.inforce !== true
  ) {
    const text = body.subarray(0, 400).toString('utf8');
    throw new Error(`${name}: unexpected answer HTTP ${status}: ${text}`);
  }
  const sender = check.trust.findByCode(check.signedBy.code)!;
  await verifyMessage(signature, body, check.trust, {
    sender,
    audience: check.audience,
    windowSeconds: 300,
    nowSeconds: Math.floor(Date.now() / 1000),
  }).catch((err: unknown) => {
    throw new Error(`${name}: the answer's signature does not verify`, { cause: err });
  });
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

/** A load client presenting `party`'s certificate and signing as `party` for `audience`. */
function clientOf(
  pki: BenchPki,
  party: BenchParty,
  url: string,
  bodies: readonly Buffer[],
  audience: string,
): LoadClient {
  return createLoadClient(tlsOf(pki, party), url, bodies, {
    key: party.signer,
    sub: party.code,
    aud: audience,
  });
}

/** The keys a client trusts to check answers: the broker's and the insurer's. */
function answerTrust(pki: BenchPki): Registry {
  return createRegistry([participantOf(pki.broker, 'broker'), participantOf(pki.iafas, 'iafas')]);
}

/**
 * Starts a fresh demo insurer (so its in-memory replay set starts empty in every scenario) and a
 * broker on `store`, drives both paths, checks the store, stops both servers.
 */
export async function runScenario(
  pki: BenchPki,
  store: BenchStore,
  plan: LoadPlan,
): Promise<ScenarioResult> {
  const insurer = await startInsurer(pki);
  const broker = await startBroker(pki, store, insurer.url).catch(async (err: unknown) => {
    await insurer.close();
    throw err;
  });
  const bodies = buildBodies(plan.batchSize);
  const viaBroker = clientOf(pki, pki.ipress, `${broker.url}${SUBMIT_PATH}`, bodies, CODES.broker);
  const direct = clientOf(pki, pki.direct, `${insurer.url}${SUBMIT_PATH}`, bodies, CODES.iafas);
  try {
    const trust = answerTrust(pki);
    await checkAnswer('via broker', viaBroker, {
      signedBy: pki.broker,
      audience: CODES.ipress,
      trust,
    });
    await checkAnswer('direct', direct, { signedBy: pki.iafas, audience: CODES.direct, trust });
    const measured = await measure(viaBroker, direct, plan);
    return {
      storeLabel: store.label,
      broker: summarize(measured.broker),
      direct: summarize(measured.direct),
      brokerRequests: 1 + plan.warmup + plan.batches * plan.batchSize,
      logEntries: await store.countEntries(),
      replayEntries: await store.countReplayEntries(),
    };
  } finally {
    await viaBroker.close();
    await direct.close();
    await broker.close();
    await insurer.close();
  }
}
