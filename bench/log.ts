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
import { verifyExport } from '../src/audit/verify-export.ts';
import { parseDetached, signDetached, verifyJwsSignature } from '../src/jose/detached-jws.ts';
import { generateSigningKey } from '../src/jose/key-files.ts';
import { signingKeyFromPem } from '../src/jose/signing-key.ts';
import { encodeCanonicalEntry, type CanonicalEntry } from '../src/log/canonical-entry.ts';
import { signCheckpoint } from '../src/log/merkle/checkpoint.ts';
import { hashLeaf } from '../src/log/merkle/hash.ts';
import { encodeVerifierKey } from '../src/log/merkle/note.ts';
import { TreeBuilder } from '../src/log/merkle/tree.ts';
import { cpuReport, cpuSnapshot, loadAverage } from './machine.ts';

import { benchAppends, PAYLOAD } from './log-appends.ts';

export { benchAppends };

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

/**
 * Entries exported with a signed payload for the signature check: enough that the verify worker
 * threads' start (≈0.8 s, tsx loading the modules in each) does not dominate the rate.
 */
const SIGNED_ENTRIES = 50_000;

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
    await writeExport(signedFile, SIGNED_ENTRIES, { key, jws });
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
      `signatures: ${(sigRate / joseRate).toFixed(2)}× the rate of jose's flattenedVerify awaited one at a time ` +
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
