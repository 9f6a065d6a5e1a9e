import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4.js';
import { ERROR_CODE_SYSTEM } from './catalog.ts';
import type { BrokerError } from './broker-error.ts';

/**
 * Renders a `BrokerError` as a FHIR R4 OperationOutcome: one issue per problem found, each with
 * the catalog code in `details.coding`, text in `details.text` (Spanish, or English when the caller
 * prefers it: `Accept-Language`), English details in `diagnostics`
 * and, where known, the FHIRPath `expression` of the offending element.
 */
export function toOperationOutcome(
  error: BrokerError,
  requestId?: string,
  language: 'es' | 'en' = 'es',
): OperationOutcome {
  const spec = error.spec;
  const base = (): OperationOutcomeIssue => ({
    severity: spec.status >= 500 ? 'fatal' : 'error',
    code: spec.issueType as OperationOutcomeIssue['code'],
    details: {
      coding: [{ system: ERROR_CODE_SYSTEM, code: error.code }],
      text: spec[language],
    },
    diagnostics: spec.en,
  });
  const issues =
    error.issues.length === 0
      ? [base()]
      : error.issues.map((i) => ({
          ...base(),
          ...(i.severity === undefined ? {} : { severity: i.severity }),
          ...(i.issueType === undefined
            ? {}
            : { code: i.issueType as OperationOutcomeIssue['code'] }),
          ...(i.text === undefined
            ? {}
            : {
                details: {
                  coding: [{ system: ERROR_CODE_SYSTEM, code: error.code }],
                  text: i.text[language],
                },
              }),
          diagnostics: `${spec.en} ${i.detail}`,
          ...(i.expression === undefined ? {} : { expression: [i.expression] }),
        }));
  return {
    resourceType: 'OperationOutcome',
    ...(requestId === undefined ? {} : { id: requestId }),
    issue: issues,
  };
}
