/** Severity of a validation issue, as in `OperationOutcome.issue.severity`. */
export type IssueSeverity = 'error' | 'warning' | 'information';

/** The `OperationOutcome.issue.code` values (FHIR issue-type) this validator uses. */
export type IssueCode =
  | 'structure'
  | 'required'
  | 'value'
  | 'invariant'
  | 'code-invalid'
  | 'not-found'
  | 'not-supported'
  | 'extension'
  | 'processing';

/** A message in both languages the broker answers in. */
export interface LocalizedText {
  readonly es: string;
  readonly en: string;
}

/** One problem found in a resource. */
export interface ValidationIssue {
  readonly severity: IssueSeverity;
  readonly code: IssueCode;
  /** FHIRPath of the element: `CoverageEligibilityRequest.insurance[0].coverage`. */
  readonly expression: string;
  readonly message: LocalizedText;
  /** The rule that failed: an invariant key (`ces-1`), or `cardinality`, `binding`, `slicing`… */
  readonly rule: string;
}

/** True when some issue is an error: the resource is not valid. */
export function hasErrors(issues: readonly ValidationIssue[]): boolean {
  return issues.some((i) => i.severity === 'error');
}
