import type { CanonicalEntry } from '../../src/log/canonical-entry.ts';

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
