import { BrokerError, type ErrorIssue } from '../../errors/broker-error.ts';
import type { X12Issue } from '../x12/x12-types.ts';
import type { SitedsValidation } from './validation/validate-siteds-model.ts';

/** Where an X12 issue is: `SE[30]/SE-01`, `NM1[11]`. */
export function x12Location(issue: X12Issue): string {
  const at = `${issue.segment}[${issue.position}]`;
  return issue.element === undefined ? at : `${at}/${issue.element}`;
}

/** X12 problems (envelope, ST/GS mismatch) as one `BRK_SITEDS_X12_INVALID`, one issue each. */
export function x12IssuesToBrokerError(issues: readonly X12Issue[]): BrokerError {
  return new BrokerError(
    'BRK_SITEDS_X12_INVALID',
    issues.map((i): ErrorIssue => ({ detail: i.problem, expression: x12Location(i) })),
  );
}

/**
 * A failed validation as `BRK_SITEDS_VALIDATION_FAILED`; each issue keeps its SUSALUD code in
 * the detail. The SITEDS answer itself carries `validation.code` as its `coError`.
 */
export function validationToBrokerError(validation: SitedsValidation): BrokerError {
  return new BrokerError(
    'BRK_SITEDS_VALIDATION_FAILED',
    validation.issues.map((i) => ({
      detail: `${i.code} ${i.path}: ${i.message}`,
      expression: i.location,
    })),
  );
}
