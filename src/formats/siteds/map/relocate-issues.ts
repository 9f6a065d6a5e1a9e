import type { MappingIssue } from '../../../mapping/mapping-issue.ts';

/** A view prefix (`patient.`) and the FHIRPath it stands for (`….patient.resolve().`). */
export type Relocation = readonly [view: RegExp, fhirPath: (match: RegExpExecArray) => string];

/** Where each part of the request view lives in the canonical request. */
export const REQUEST_LOCATIONS: readonly Relocation[] = [
  [/^request\./, () => 'CoverageEligibilityRequest.'],
  [/^patient\./, () => 'CoverageEligibilityRequest.patient.resolve().'],
  [/^ipress\./, () => 'CoverageEligibilityRequest.provider.resolve().'],
  [/^iafas\./, () => 'CoverageEligibilityRequest.insurer.resolve().'],
  [
    /^coverage\./,
    () => 'CoverageEligibilityRequest.insurance.where(focal = true).coverage.resolve().',
  ],
];

/** Where each part of the answer view lives in a CoverageEligibilityResponse. */
export const RESPONSE_LOCATIONS: readonly Relocation[] = [
  [/^response\./, () => 'CoverageEligibilityResponse.'],
  [
    /^entries\[(\d+)\]\.insurance\./,
    (m) => `CoverageEligibilityResponse.insurance[${m[1] ?? ''}].`,
  ],
  [
    /^entries\[(\d+)\]\.coverage\./,
    (m) => `CoverageEligibilityResponse.insurance[${m[1] ?? ''}].coverage.resolve().`,
  ],
  [
    /^entries\[(\d+)\]\.patient\./,
    (m) =>
      `CoverageEligibilityResponse.insurance[${m[1] ?? ''}].coverage.resolve().beneficiary.resolve().`,
  ],
];

/**
 * Rewrites the paths of issues found reading a view (FHIR → SITEDS) as FHIRPath on the real
 * resources, so a caller can point at the element of the message it received.
 */
export function relocateIssues(
  issues: readonly MappingIssue[],
  locations: readonly Relocation[],
): MappingIssue[] {
  return issues.map((issue) => {
    for (const [view, fhirPath] of locations) {
      const match = view.exec(issue.path);
      if (match !== null) {
        return { ...issue, path: fhirPath(match) + issue.path.slice(match[0].length) };
      }
    }
    return issue;
  });
}
