import { ERROR_CATALOG, type ErrorCode, type ErrorSpec } from './catalog.ts';

/** One problem found, with where it is (a FHIRPath expression for FHIR content). */
export interface ErrorIssue {
  readonly expression?: string;
  readonly detail: string;
  /** Set for validation issues: their own severity, issue type and texts in both languages. */
  readonly severity?: 'fatal' | 'error' | 'warning' | 'information';
  readonly issueType?: string;
  readonly text?: { readonly es: string; readonly en: string };
}

/** The only error type the pipeline throws on purpose: a catalogued code plus details. */
export class BrokerError extends Error {
  readonly code: ErrorCode;
  readonly issues: readonly ErrorIssue[];
  constructor(code: ErrorCode, issues: readonly ErrorIssue[] = [], options?: { cause?: unknown }) {
    super(`${code}: ${issues.map((i) => i.detail).join('; ') || ERROR_CATALOG[code].en}`, options);
    this.name = 'BrokerError';
    this.code = code;
    this.issues = issues;
  }

  get spec(): ErrorSpec {
    return ERROR_CATALOG[this.code];
  }
}

/** Shorthand for a `BrokerError` with a single issue. */
export function brokerError(code: ErrorCode, detail: string, expression?: string): BrokerError {
  return new BrokerError(code, [expression === undefined ? { detail } : { detail, expression }]);
}

/** Turns anything thrown into a `BrokerError`; unknown errors become `BRK_INTERNAL` without leaking details. */
export function normalizeError(err: unknown): BrokerError {
  if (err instanceof BrokerError) {
    return err;
  }
  const fastifyCode = (err as { code?: unknown } | null)?.code;
  if (fastifyCode === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return new BrokerError('BRK_REQUEST_TOO_LARGE');
  }
  if (fastifyCode === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return new BrokerError('BRK_REQUEST_UNSUPPORTED_MEDIA_TYPE');
  }
  return new BrokerError('BRK_INTERNAL', [], { cause: err });
}
