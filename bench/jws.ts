/**
 * JWS micro-benchmark: the broker's own signing and verification (`signDetached`,
 * `verifyMessage`, both through `jose` and WebCrypto) against the raw cost floor, a plain
 * `crypto.sign` / `crypto.verify` ES256 (P-256, SHA-256, IEEE P1363 signature) over the same bytes.
 * One operation at a time (each awaited before the next), in alternating time slices.
 */
import { randomUUID, sign, verify } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { signDetached } from '../src/jose/detached-jws.ts';
import type { ParticipantKey } from '../src/jose/participant-keys.ts';
import { verifyMessage } from '../src/jose/verify-message.ts';
import { createRegistry, type Participant } from '../src/registry/participant.ts';
import { buildEligibilityRequest } from '../src/sim/build-eligibility-request.ts';
import { percentile } from './load.ts';
import { CODES, createSigning } from './pki.ts';

/** Body size: the eligibility request JSON padded with trailing whitespace (still valid JSON). */
export const JWS_BODY_BYTES = 2048;
/** Rounds of one time slice per operation; the order of the operations alternates per round. */
export const JWS_ROUNDS = 7;
export const JWS_SLICE_MS = 150;
const WARMUP_MS = 200;

type Operation = () => unknown;

/** Ours vs. the floor, for one kind of operation. */
export interface JwsPair {
  readonly name: string;
  /** What each side calls, for the report. */
  readonly labels: readonly [ours: string, raw: string];
  readonly ours: Operation;
  readonly raw: Operation;
}

/** Median and range of the per-slice rates, in operations per second. */
export interface Rate {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export interface JwsResult {
  readonly name: string;
  readonly labels: readonly [ours: string, raw: string];
  readonly ours: Rate;
  readonly raw: Rate;
}

function body(): Buffer {
  const json = JSON.stringify(
    buildEligibilityRequest({ ipress: CODES.ipress, iafas: CODES.iafas, dni: '41000001' }),
  );
  if (Buffer.byteLength(json) > JWS_BODY_BYTES) {
    throw new Error(`the request is already larger than ${JWS_BODY_BYTES} bytes`);
  }
  return Buffer.from(json.padEnd(JWS_BODY_BYTES, ' '));
}

/** The IPRESS whose messages are verified: only its signing key matters here (no certificate). */
function senderOf(signingKeys: readonly ParticipantKey[]): Participant {
  return {
    code: CODES.ipress,
    kind: 'ipress',
    name: 'bench IPRESS',
    status: 'active',
    spkiPins: [],
    endpoint: undefined,
    signingKeys,
    signaturePolicy: 'required',
  };
}

/** The four operations over one body, each checked once before anything is timed. */
export async function jwsPairs(): Promise<{ bodyBytes: number; pairs: JwsPair[] }> {
  const { signer, signingKeys } = createSigning(CODES.ipress);
  const sender = senderOf(signingKeys);
  const registry = createRegistry([sender]);
  const bytes = body();
  const claims = (): { jti: string; sub: string; aud: string } => ({
    jti: randomUUID(),
    sub: CODES.ipress,
    aud: CODES.broker,
  });
  const jws = await signDetached(bytes, signer, claims());
  const expect = (): Parameters<typeof verifyMessage>[3] => ({
    sender,
    audience: CODES.broker,
    windowSeconds: 300,
    nowSeconds: Math.floor(Date.now() / 1000),
  });
  const ecdsa = { dsaEncoding: 'ieee-p1363' } as const;
  const rawSignature = sign('sha256', bytes, { key: signer.privateKey, ...ecdsa });
  if (!verify('sha256', bytes, { key: signingKeys[0]!.publicKey, ...ecdsa }, rawSignature)) {
    throw new Error('raw ES256 signature does not verify');
  }
  await verifyMessage(jws, bytes, registry, expect()); // throws when it does not verify
  return {
    bodyBytes: bytes.length,
    pairs: [
      {
        name: 'verify',
        labels: ['verifyMessage', 'crypto.verify'],
        ours: () => verifyMessage(jws, bytes, registry, expect()),
        raw: () =>
          verify('sha256', bytes, { key: signingKeys[0]!.publicKey, ...ecdsa }, rawSignature),
      },
      {
        name: 'sign',
        labels: ['signDetached', 'crypto.sign'],
        ours: () => signDetached(bytes, signer, claims()),
        raw: () => sign('sha256', bytes, { key: signer.privateKey, ...ecdsa }),
      },
    ],
  };
}

/** Runs `op` back to back (awaiting it when it returns a promise) for `ms`; operations per second. */
async function rateOf(op: Operation, ms: number): Promise<number> {
  const started = performance.now();
  const end = started + ms;
  let done = 0;
  let now = started;
  while (now < end) {
    for (let k = 0; k < 8; k++) {
      const result = op();
      if (result instanceof Promise) {
        await result;
      }
    }
    done += 8;
    now = performance.now();
  }
  return done / ((now - started) / 1000);
}

function rate(samples: number[]): Rate {
  const sorted = [...samples].sort((a, b) => a - b);
  return { median: percentile(sorted, 50), min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** Warm-up, then `JWS_ROUNDS` rounds of one slice per operation, alternating the order. */
export async function runJwsBench(pairs: readonly JwsPair[]): Promise<JwsResult[]> {
  const ops = pairs.flatMap((p) => [p.ours, p.raw]);
  for (const op of ops) {
    await rateOf(op, WARMUP_MS);
  }
  const samples = ops.map((): number[] => []);
  for (let round = 0; round < JWS_ROUNDS; round++) {
    const order = ops.map((_, i) => i);
    if (round % 2 === 1) {
      order.reverse();
    }
    for (const i of order) {
      samples[i]!.push(await rateOf(ops[i]!, JWS_SLICE_MS));
    }
  }
  return pairs.map((p, i) => ({
    name: p.name,
    labels: p.labels,
    ours: rate(samples[2 * i]!),
    raw: rate(samples[2 * i + 1]!),
  }));
}
