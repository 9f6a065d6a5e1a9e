import { encodeCanonicalEntry, type CanonicalEntry } from '../../src/log/canonical-entry.ts';
import { hashLeaf } from '../../src/log/merkle/hash.ts';

/** The `i`-th entry of a synthetic log: a request received from 00009845, entry id `i + 1`. */
export function syntheticEntry(i: number): CanonicalEntry {
  return {
    id: String(i + 1),
    correlationId: '019ac5a0-0000-7000-8000-000000000000',
    kind: 'request-in',
    loggedAt: '2026-11-27T20:00:00.000000Z',
    route: 'fhir.eligibility.submit',
    sender: '00009845',
    recipient: null,
    contentType: 'application/fhir+json',
    payloadSize: 10,
    payloadDigest: null,
    httpStatus: null,
    outcome: 'received',
    errorCode: null,
    durationMs: null,
    signature: null,
    verdicts: null,
    replayId: null,
    replayOf: null,
  };
}

/**
 * Entry `i` of the synthetic log as `siteds audit export` writes its line (no payload), with its
 * leaf hash; `leafHash` may re-encode the hash's base64 (another writer's form, or a wrong one).
 */
export function exportedEntryLine(
  i: number,
  leafHash = (base64: string): string => base64,
): { line: string; leaf: Uint8Array } {
  const canonical = encodeCanonicalEntry(syntheticEntry(i));
  const leaf = hashLeaf(canonical);
  const b64 = Buffer.from(leaf).toString('base64');
  const record = {
    type: 'entry',
    index: i,
    leafHash: leafHash(b64),
    canonical: canonical.toString(),
  };
  return { line: JSON.stringify(record), leaf };
}
