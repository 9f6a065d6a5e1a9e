import type { CoverageEligibilityRequest, CoverageEligibilityResponse } from 'fhir/r4.js';

/**
 * What every answer repeats of the request it answers: its purposes (`validation` when it named
 * none) and a reference to it (by id, else by its first identifier).
 */
export function answerBasisOf(
  request: CoverageEligibilityRequest,
): Pick<CoverageEligibilityResponse, 'purpose' | 'request'> {
  return {
    purpose: request.purpose.length > 0 ? request.purpose : ['validation'],
    request:
      request.id === undefined
        ? { identifier: request.identifier?.[0] ?? { value: 'unidentified' } }
        : { reference: `CoverageEligibilityRequest/${request.id}` },
  };
}
