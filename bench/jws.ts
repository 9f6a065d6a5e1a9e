/**
 * JWS micro-benchmark: the broker's own signing and verification (`signDetached`,
 * `verifyMessage`, both through `jose` and WebCrypto) against the raw cost floor, a plain
 * `crypto.sign` / `crypto.verify` ES256 (P-256, SHA-256, IEEE P1363 signature) over the same bytes.
 * One operation at a time (each awaited before the next), in short time slices: each round
 * times ours and the floor back to back (alternating which goes first), so the per-round ratio
 * compares two slices that saw the same background load.
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
/** Rounds of one time slice per operation. */
export const JWS_ROUNDS = 15;
export const JWS_SLICE_MS = 60;
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

/** Median and range over the rounds: of a rate (operations per second) or of a ratio. */
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
  /** Ours / raw, per round. */
  readonly ratio: Rate;
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

/** Warm-up, then `JWS_ROUNDS` rounds; in each, ours and the floor back to back per pair. */
export async function runJwsBench(pairs: readonly JwsPair[]): Promise<JwsResult[]> {
  for (const p of pairs) {
    await rateOf(p.ours, WARMUP_MS);
    await rateOf(p.raw, WARMUP_MS);
  }
  const samples = pairs.map(() => ({ ours: [] as number[], raw: [] as number[] }));
  for (let round = 0; round < JWS_ROUNDS; round++) {
    const oursFirst = round % 2 === 0;
    for (const [i, p] of pairs.entries()) {
      const first = await rateOf(oursFirst ? p.ours : p.raw, JWS_SLICE_MS);
      const second = await rateOf(oursFirst ? p.raw : p.ours, JWS_SLICE_MS);
      samples[i]!.ours.push(oursFirst ? first : second);
      samples[i]!.raw.push(oursFirst ? second : first);
    }
  }
  return pairs.map((p, i) => {
    const { ours, raw } = samples[i]!;
    return {
      name: p.name,
      labels: p.labels,
      ours: rate(ours),
      raw: rate(raw),
      ratio: rate(ours.map((o, k) => o / raw[k]!)),
    };
  });
}
