import type { Resource } from 'fhir/r4.js';
import type { BrokerError } from '../errors/broker-error.ts';
import type { Hl7Exchange } from '../gateway/hl7v2/hl7-exchange.ts';
import type { SitedsExchange } from '../gateway/siteds/siteds-exchange.ts';
import type { InsurerAnswer } from '../egress/insurer-client.ts';
import type { FhirFormat } from '../formats/fhir/fhir-format.ts';
import type { EligibilityQuery } from '../formats/fhir/read-eligibility-request.ts';
import type { Participant } from '../registry/participant.ts';
import type { Identity } from '../transport/identify-participant.ts';

/**
 * Everything known about one request as it moves through the pipeline. Steps read and add to
 * it; the correlation id is the broker's own request id (never a client-supplied value).
 */
export interface Exchange {
  readonly correlationId: string;
  /** Logical route name, e.g. `fhir.eligibility.submit`, used in the log and metrics. */
  readonly route: string;
  readonly startedAt: number;
  readonly identity: Identity;
  /** The exact request bytes and their declared content type. */
  raw: Buffer;
  contentType: string | undefined;
  inboundLogged: boolean;
  /** The sender's detached JWS (`x-jws-signature`), as received. */
  readonly signature: string | undefined;
  /** Verification results of this exchange, recorded with its closing log entry. */
  readonly verdicts: Record<string, Verdict>;
  /** The FHIR format the caller wants answers and errors in (`Accept`, `_format`). */
  readonly answerFormat: FhirFormat;
  /** The language of error texts (`Accept-Language`: Spanish unless English is preferred). */
  readonly language: 'es' | 'en';
  /**
   * How errors are written for this caller when it does not speak FHIR (a SOAP answer with
   * `coError`, an HL7 v2 ACK); `OperationOutcome` otherwise. Chosen by the route.
   */
  readonly renderError?: ErrorRenderer | undefined;
  /** What a SITEDS caller sent (SOAP request, transaction model), once read. */
  siteds?: SitedsExchange;
  /** What an HL7 v2 caller sent (the parsed RQI^I01), once read. */
  hl7?: Hl7Exchange;
  resource?: Resource;
  query?: EligibilityQuery;
  insurer?: Participant;
  answer?: InsurerAnswer;
  answerResource?: Resource;
  /**
   * Set when the broker changed the insurer's answer (e.g. `hta-link`): it then goes out as the
   * broker's own bytes, with the insurer's JWS and bytes kept as its origin.
   */
  answerAmended?: string;
}

/** The outcome of one signature check: `valid`, `absent` (allowed by policy) or an error code. */
export interface Verdict {
  readonly result: string;
  readonly kid?: string;
  readonly alg?: string;
  readonly detail?: string;
}

/** The participant's code, or `unknown` before identification succeeded. */
export function senderCode(exchange: Exchange): string {
  return exchange.identity.participant?.code ?? 'unknown';
}

/** An error written in the caller's own format: status, content type and exact bytes. */
export interface RenderedError {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
}

/** Writes a catalogued error in one wire format (the catalog says which code, status, coError, ACK). */
export type ErrorRenderer = (error: BrokerError, x: Exchange) => RenderedError;
