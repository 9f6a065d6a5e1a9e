import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Agent, request } from 'undici';
import { signDetached } from '../src/jose/detached-jws.ts';
import type { SigningKey } from '../src/jose/signing-key.ts';
import { buildEligibilityRequest } from '../src/sim/build-eligibility-request.ts';
import { CODES } from './pki.ts';

const FHIR_JSON = 'application/fhir+json';
export const SUBMIT_PATH = '/fhir/CoverageEligibilityRequest/$submit';
/** Per-request time limit: a stuck request fails the run instead of hanging it. */
const REQUEST_TIMEOUT_MS = 10_000;

/** What came back: the HTTP status, the exact body bytes and the `x-jws-signature` header. */
export interface Answer {
  readonly status: number;
  readonly body: Buffer;
  readonly signature: string | undefined;
}

/** An mTLS client with keep-alive posting prebuilt eligibility requests to one URL. */
export interface LoadClient {
  /** Signs request body `i` (modulo the pool), sends it and returns what came back. */
  send(i: number): Promise<Answer>;
  close(): Promise<void>;
}

/** Who signs the requests (`sub`, the key's owner) and for whom (`aud`, the first recipient). */
export interface RequestSigner {
  readonly key: SigningKey;
  readonly sub: string;
  readonly aud: string;
}

export interface ClientTls {
  readonly cert: string;
  readonly key: string;
  readonly ca: string;
}

/** Prebuilds `count` distinct request bodies (DNI 41000001, SIS 10001) outside the timed loop. */
export function buildBodies(count: number): readonly Buffer[] {
  return Array.from({ length: count }, () =>
    Buffer.from(
      JSON.stringify(
        buildEligibilityRequest({ ipress: CODES.ipress, iafas: CODES.iafas, dni: '41000001' }),
      ),
    ),
  );
}

/**
 * Each `send` signs its body (detached ES256 JWS, a fresh `jti`) just before posting it, inside
 * the timed region: what a real client pays per request.
 */
export function createLoadClient(
  tls: ClientTls,
  url: string,
  bodies: readonly Buffer[],
  signer: RequestSigner,
): LoadClient {
  const agent = new Agent({ connect: { ...tls }, keepAliveTimeout: 30_000 });
  return {
    async send(i) {
      const body = bodies[i % bodies.length]!;
      const jws = await signDetached(body, signer.key, {
        jti: randomUUID(),
        sub: signer.sub,
        aud: signer.aud,
      });
      const res = await request(url, {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': FHIR_JSON, accept: FHIR_JSON, 'x-jws-signature': jws },
        body,
        headersTimeout: REQUEST_TIMEOUT_MS,
        bodyTimeout: REQUEST_TIMEOUT_MS,
      });
      const signature = res.headers['x-jws-signature'];
      return {
        status: res.statusCode,
        body: Buffer.from(await res.body.arrayBuffer()),
        signature: typeof signature === 'string' ? signature : undefined,
      };
    },
    close: () => agent.close(),
  };
}

/** One timed batch: throughput, per-request latencies (ms) and non-200 answers. */
export interface BatchResult {
  readonly rps: number;
  readonly latenciesMs: readonly number[];
  readonly errors: number;
  readonly firstError: string | undefined;
}

/** Sends `n` requests with `concurrency` in flight (closed loop) and times them. */
export async function runBatch(
  client: LoadClient,
  n: number,
  concurrency: number,
): Promise<BatchResult> {
  const latenciesMs: number[] = new Array<number>(n).fill(0);
  let next = 0;
  let errors = 0;
  let firstError: string | undefined;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      const t0 = performance.now();
      const { status, body } = await client.send(i);
      latenciesMs[i] = performance.now() - t0;
      if (status !== 200) {
        errors++;
        firstError ??= `HTTP ${status}: ${body.subarray(0, 300).toString('utf8')}`;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedS = (performance.now() - started) / 1000;
  return { rps: n / elapsedS, latenciesMs, errors, firstError };
}

/** Median of batch throughputs and pooled latency percentiles over all batches. */
export interface Summary {
  readonly batches: number;
  readonly requests: number;
  readonly rpsMedian: number;
  readonly rpsMin: number;
  readonly rpsMax: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export function summarize(results: readonly BatchResult[]): Summary {
  const rps = results.map((r) => r.rps).sort((a, b) => a - b);
  const lat = results.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  return {
    batches: results.length,
    requests: lat.length,
    rpsMedian: percentile(rps, 50),
    rpsMin: rps[0] ?? Number.NaN,
    rpsMax: rps[rps.length - 1] ?? Number.NaN,
    p50Ms: percentile(lat, 50),
    p99Ms: percentile(lat, 99),
    errors: results.reduce((sum, r) => sum + r.errors, 0),
  };
}
