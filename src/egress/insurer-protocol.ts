import type { CoverageEligibilityResponse, Resource } from 'fhir/r4.js';
import { brokerError, type BrokerError } from '../errors/broker-error.ts';
import type { Exchange } from '../pipeline/exchange.ts';
import type { WireFormat } from '../registry/participant.ts';
import type { InsurerAnswer } from './insurer-client.ts';

/** A request as it leaves for an insurer: its wire form, where it goes, and its canonical form. */
export interface EncodedRequest {
  /** Relative to the insurer's endpoint URL. */
  readonly path: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * How the broker speaks to insurers of one wire format. The exchange carries the canonical FHIR
 * request (`x.resource`); a protocol writes it in the insurer's format and reads the insurer's
 * answer (already logged as bytes) back into a canonical `CoverageEligibilityResponse`, or throws
 * `BRK_INSURER_BAD_ANSWER` naming the insurer and what was wrong.
 */
export interface InsurerProtocol {
  readonly format: WireFormat;
  encodeRequest(x: Exchange & { resource: Resource }): EncodedRequest;
  decodeAnswer(answer: InsurerAnswer, x: Exchange): CoverageEligibilityResponse;
}

/** `BRK_INSURER_BAD_ANSWER` naming the exchange's insurer: `insurer 20006: <detail>`. */
export function badInsurerAnswer(x: Exchange, detail: string): BrokerError {
  return brokerError(
    'BRK_INSURER_BAD_ANSWER',
    `insurer ${x.insurer?.code ?? 'unknown'}: ${detail}`,
  );
}

/** Refuses an answer whose HTTP status is not 2xx, whatever the wire format. */
export function requireSuccessStatus(answer: InsurerAnswer, x: Exchange): void {
  if (answer.status < 200 || answer.status > 299) {
    throw badInsurerAnswer(x, `answered HTTP ${answer.status}`);
  }
}

/** The protocols the broker knows, one per wire format. */
export type InsurerProtocols = ReadonlyMap<WireFormat, InsurerProtocol>;

/** Indexes protocols by their format; two for one format is a programming error. */
export function insurerProtocols(...protocols: readonly InsurerProtocol[]): InsurerProtocols {
  const map = new Map<WireFormat, InsurerProtocol>();
  for (const p of protocols) {
    if (map.has(p.format)) {
      throw new Error(`two insurer protocols for format ${p.format}`);
    }
    map.set(p.format, p);
  }
  return map;
}
