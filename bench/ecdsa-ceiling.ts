/**
 * The ceiling for `audit verify`'s signature check on this machine, measured in the same run:
 * one worker thread per core doing nothing but node's ES256 check (`createVerify`, as
 * `src/audit/verify-jws.ts` calls it) of one signature, again and again, for `ms` milliseconds.
 * `verify` also parses each line, hashes the entry and its payload and builds the tree, so it
 * stays below this; the ratio says how much of what node's ECDSA allows here it reaches, which,
 * unlike the rate itself, does not move with the machine's speed from one run to the next.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { JsonWebKey } from 'node:crypto';

/** Plain JavaScript (no TypeScript to load in the thread): it needs nothing but node:crypto. */
const WORKER = `
const { parentPort, workerData: w } = require('node:worker_threads');
const { createPublicKey, createVerify } = require('node:crypto');
const options = { key: createPublicKey({ key: w.jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' };
const body = Buffer.from(w.body);
const signature = Buffer.from(w.signature, 'base64url');
const check = () => createVerify('sha256').update(w.head, 'latin1').update(body).verify(options, signature);
if (!check()) throw new Error('the ceiling signature must verify');
let n = 0;
const started = performance.now();
while (performance.now() - started < w.ms) { check(); n += 1; }
parentPort.postMessage(n / ((performance.now() - started) / 1000));
`;

/** Signatures per second, summed over `threads` threads, for one detached ES256 JWS. */
export async function measureEcdsaCeiling(
  jws: string,
  payload: Uint8Array,
  jwk: JsonWebKey,
  ms = 2000,
  threads = availableParallelism(),
): Promise<number> {
  const [protectedPart = '', , signature = ''] = jws.split('.');
  const workerData = { jwk, head: `${protectedPart}.`, body: payload, signature, ms };
  const rates = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<number>((resolve, reject) => {
          const worker = new Worker(WORKER, { eval: true, workerData });
          worker.once('message', (rate: number) => {
            resolve(rate);
            void worker.terminate();
          });
          worker.once('error', reject);
        }),
    ),
  );
  return rates.reduce((sum, rate) => sum + rate, 0);
}
