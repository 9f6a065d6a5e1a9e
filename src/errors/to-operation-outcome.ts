import type { OperationOutcome, OperationOutcomeIssue } from 'fhir/r4.js';
import { ERROR_CODE_SYSTEM } from './catalog.ts';
import type { BrokerError } from './broker-error.ts';

/**
 * Renders a `BrokerError` as a FHIR R4 OperationOutcome: one issue per problem found, each with
 * the catalog code in `details.coding`, Spanish text in `details.text`, English in `diagnostics`
 * and, where known, the FHIRPath `expression` of the offending element.
 */
export function toOperationOutcome(error: BrokerError, requestId?: string): OperationOutcome {
  const spec = error.spec;
  const base = (): OperationOutcomeIssue => ({
    severity: spec.status >= 500 ? 'fatal' : 'error',
    code: spec.issueType as OperationOutcomeIssue['code'],
    details: {
      coding: [{ system: ERROR_CODE_SYSTEM, code: error.code }],
      text: spec.es,
    },
    diagnostics: spec.en,
  });
  const issues =
    error.issues.length === 0
      ? [base()]
      : error.issues.map((i) => ({
          ...base(),
          diagnostics: `${spec.en} ${i.detail}`,
          ...(i.expression === undefined ? {} : { expression: [i.expression] }),
        }));
  return {
    resourceType: 'OperationOutcome',
    ...(requestId === undefined ? {} : { id: requestId }),
    issue: issues,
  };
}
