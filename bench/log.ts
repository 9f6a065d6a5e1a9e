/**
 * Benchmarks for the tamper-evident log (issue 7), each with its baseline in the same run:
 *  1. durable appends/s (group-committed message log + sequencer building the Merkle tree and
 *     signing checkpoints) against plain batched INSERTs into a bare table, same database;
 *  2. `siteds audit verify` over an export of 1,000,000 entries: entries/s (tree recomputation);
 *  3. `verify` of entries exported with payloads: message signatures checked per second, against
 *     jose's `flattenedVerify` called one at a time (the per-core reference), and as a
 *     share of node's bare ES256 check on every core measured after each run (the ceiling).
 * Run alone with `npx tsx bench/log.ts`, or as part of `npm run bench`.
 */
import { createHash, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyExport, type VerifyReport } from '../src/audit/verify-export.ts';
import { parseDetached, signDetached, verifyJwsSignature } from '../src/jose/detached-jws.ts';
import { generateSigningKey } from '../src/jose/key-files.ts';
import { signingKeyFromPem } from '../src/jose/signing-key.ts';
import { encodeCanonicalEntry, type CanonicalEntry } from '../src/log/canonical-entry.ts';
import { signCheckpoint } from '../src/log/merkle/checkpoint.ts';
import { hashLeaf } from '../src/log/merkle/hash.ts';
import { encodeVerifierKey } from '../src/log/merkle/note.ts';
import { TreeBuilder } from '../src/log/merkle/tree.ts';
import { measureEcdsaCeiling } from './ecdsa-ceiling.ts';
import { cpuReport, cpuSnapshot, loadAverage } from './machine.ts';

import { benchAppends, PAYLOAD } from './log-appends.ts';

export { benchAppends };

/** What a signed entry of the export carries: its message signature and salted payload digest. */
interface SignedPayload {
  readonly jws: string;
  readonly salt: Buffer;
  readonly digest: string;
}

function entryAt(i: number, signed?: SignedPayload): CanonicalEntry {
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
    payloadDigest: signed?.digest ?? null,
    httpStatus: null,
    outcome: 'received',
    errorCode: null,
    durationMs: null,
    signature: signed?.jws ?? null,
    verdicts: null,
    replayId: null,
    replayOf: null,
  };
}

/**
 * Signs entry `i`'s payload as its sender would: its own message id, so every entry has its own
 * signature (nothing the verifier could reuse), and its own salt.
 */
async function signPayload(
  key: ReturnType<typeof generateSigningKey>,
  i: number,
): Promise<SignedPayload> {
  const jws = await signDetached(PAYLOAD, signingKeyFromPem(key.pem), {
    jti: `bench-${i}`,
    sub: '00009845',
    aud: 'broker',
  });
  const salt = randomBytes(16);
  const digest = createHash('sha256').update(salt).update(PAYLOAD).digest('base64url');
  return { jws, salt, digest };
}

/**
 * Writes an export of `n` synthetic entries with a signed checkpoint every 100,000; with `key`,
 * each entry carries its payload, signed by that key. Two passes (checkpoints first, as
 * `siteds audit export` writes them), keeping only the leaves and signatures in between.
 */
async function writeExport(
  file: string,
  n: number,
  key?: ReturnType<typeof generateSigningKey>,
): Promise<void> {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const out = createWriteStream(file);
  const put = async (o: unknown): Promise<void> => {
    if (!out.write(`${JSON.stringify(o)}\n`)) {
      await once(out, 'drain');
    }
  };
  const tree = new TreeBuilder();
  const checkpoints: object[] = [];
  const leaves: string[] = [];
  const signatures: (SignedPayload | undefined)[] = [];
  for (let i = 0; i < n; i++) {
    const signed = key === undefined ? undefined : await signPayload(key, i);
    signatures.push(signed);
    const leaf = hashLeaf(encodeCanonicalEntry(entryAt(i, signed)));
    tree.append(leaf);
    leaves.push(Buffer.from(leaf).toString('base64'));
    if (tree.size % 100_000 === 0 || i === n - 1) {
      const checkpoint = { origin: 'bench/log', size: tree.size, rootHash: tree.rootHash() };
      checkpoints.push({
        type: 'checkpoint',
        note: signCheckpoint({ ...checkpoint, timestamp: Date.now() }, privateKey, 'bench/log'),
      });
    }
  }
  const keys = key === undefined ? undefined : { '00009845': { keys: [key.jwk] } };
  const verifierKey = encodeVerifierKey('bench/log', publicKey);
  await put({ type: 'log', origin: 'bench/log', verifierKey, keys });
  for (const c of checkpoints) {
    await put(c);
  }
  for (let i = 0; i < n; i++) {
    const signed = signatures[i];
    const canonical = encodeCanonicalEntry(entryAt(i, signed)).toString('utf8');
    const payload =
      signed === undefined
        ? {}
        : { payload: PAYLOAD.toString('base64'), salt: signed.salt.toString('base64') };
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

/**
 * Entries exported with a signed payload for the signature check, each with its own signature:
 * about five seconds of work, of which the verify worker threads' start (≈0.15 s, and a slower
 * first chunk) is a small part.
 */
const SIGNED_ENTRIES = 50_000;

/**
 * Runs of `verify` per export: the machine's speed drifts by ±10 % from one run to the next (the
 * same work took 9.1–10.8 s of CPU in ten runs in a row), so the median of five is reported, with
 * every run's rate.
 */
const RUNS = 5;

const median = (values: number[]): number =>
  [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)] ?? 0;

/**
 * Verifies `file` {@link RUNS} times: each run's rate (of `count` per second) and the median;
 * `after` runs after each (the signature ceiling, measured between runs).
 */
async function timeVerify(
  file: string,
  count: (report: VerifyReport) => number,
  after?: () => Promise<void>,
): Promise<{ rates: number[]; median: number; report: VerifyReport }> {
  const rates: number[] = [];
  let report: VerifyReport | undefined;
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    report = await verifyExport(file);
    rates.push(count(report) / ((performance.now() - started) / 1000));
    await after?.();
  }
  if (report === undefined) {
    throw new Error('RUNS must be at least 1');
  }
  return { rates, median: median(rates), report };
}

export async function benchVerify(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'siteds-bench-verify-'));
  try {
    const big = path.join(dir, 'million.ndjson');
    await writeExport(big, 1_000_000);
    const tree = await timeVerify(big, (r) => r.entries);
    const key = generateSigningKey();
    const signedFile = path.join(dir, 'signed.ndjson');
    await writeExport(signedFile, SIGNED_ENTRIES, key);
    const { jws } = await signPayload(key, 0);
    const ceilings: number[] = [];
    const sigCpu = cpuSnapshot();
    const signed = await timeVerify(
      signedFile,
      (r) => r.payloads,
      async () => void ceilings.push(await measureEcdsaCeiling(jws, PAYLOAD, key.jwk, 1000)),
    );
    const sigMachine = cpuReport(sigCpu);
    const joseRate = await joseOneAtATime(jws, signingKeyFromPem(key.pem).publicKey);
    const shares = signed.rates.map((rate, i) => rate / (ceilings[i] ?? Number.NaN));
    const runs = (rates: number[]): string => rates.map((r) => r.toFixed(0)).join(' / ');
    console.log(`\n## audit verify (median of ${RUNS} runs each)`);
    console.log(
      '| what | entries | problems | runs, entries/s | **median** | target |\n|---|---:|---:|---|---:|---:|',
    );
    console.log(
      `| tree recomputation + 10 checkpoints | ${tree.report.entries} | ${tree.report.problems.length} | ${runs(tree.rates)} | **${tree.median.toFixed(0)}** | ≥ 100,000 |`,
    );
    console.log(
      `| with payloads: digest + ES256 message signature each | ${signed.report.payloads} | ${signed.report.problems.length} | ${runs(signed.rates)} | **${signed.median.toFixed(0)}** | ≥ 10,000 |`,
    );
    console.log(
      `worker threads: ${tree.report.threads} (tree), ${signed.report.threads} (signatures); ` +
        `signatures: ${(signed.median / joseRate).toFixed(2)}× the rate of jose's flattenedVerify awaited one at a time ` +
        `(${joseRate.toFixed(0)}/s, same run); during the signature checks: ${sigMachine}; loadavg ${loadAverage()}`,
    );
    console.log(
      `ceiling: node's ES256 check alone on every core, measured after each run: ${runs(ceilings)}/s; ` +
        `each run's rate as a share of it: ${shares.map((x) => x.toFixed(2)).join(' / ')} (median ${median(shares).toFixed(2)})`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  await benchAppends();
  await benchVerify();
}
