import { BrokerError, type ErrorIssue } from '../../errors/broker-error.ts';
import type { ErrorCode } from '../../errors/catalog.ts';
import type { Hl7ErrorCode, Hl7Severity } from './error-codes.ts';
import { formatLocation, type Hl7Location } from './hl7-location.ts';
import type { Hl7ParseError } from './parse-er7.ts';

/** One problem in an HL7 v2 message: where, its table 0357 code, severity, and texts. */
export interface Hl7Problem {
  readonly location?: Hl7Location;
  readonly code: Hl7ErrorCode;
  readonly severity: Hl7Severity;
  /** For the user (ERR-8), in Spanish. */
  readonly es: string;
  /** For the integrator (ERR-7 diagnostic), in English. */
  readonly en: string;
}

/**
 * A catalogued broker error that carries HL7 problems, so an HL7 ingress answers one ERR per
 * problem while other formats still see ordinary `BrokerError` issues (location as expression).
 */
export class Hl7Rejection extends BrokerError {
  readonly problems: readonly Hl7Problem[];
  constructor(code: ErrorCode, problems: readonly Hl7Problem[], options?: { cause?: unknown }) {
    super(code, problems.map(toIssue), options);
    this.name = 'Hl7Rejection';
    this.problems = problems;
  }
}

function toIssue(p: Hl7Problem): ErrorIssue {
  const severity: ErrorIssue['severity'] =
    p.severity === 'W' ? 'warning' : p.severity === 'I' ? 'information' : 'error';
  const detail = p.location ? `${formatLocation(p.location)}: ${p.en}` : p.en;
  return p.location
    ? { expression: formatLocation(p.location), detail, severity, text: { es: p.es, en: p.en } }
    : { detail, severity, text: { es: p.es, en: p.en } };
}

/** Bytes that are not readable ER7, as the AR `BRK_HL7_PARSE` with one ERR (102) per problem. */
export function parseRejection(err: Hl7ParseError): Hl7Rejection {
  return new Hl7Rejection(
    'BRK_HL7_PARSE',
    err.issues.map((i) => ({
      code: '102',
      severity: 'E',
      es: `${i.location}: ${i.detail}`,
      en: `not readable as ER7 at ${i.location}: ${i.detail}`,
    })),
  );
}
