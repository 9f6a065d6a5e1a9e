import type { CoverageEligibilityResponse } from 'fhir/r4.js';
import { resolveReference } from '../../fhir/resolve-reference.ts';

/** The canonical response as the RPI spec sees it (references and structure left out). */
export interface RpiView {
  readonly response?: Record<string, unknown>;
  readonly patient?: Record<string, unknown>;
  readonly coverage?: Record<string, unknown>;
  readonly insurance?: Record<string, unknown>;
  readonly insurer?: Record<string, unknown>;
}

const STRUCTURE = ['resourceType', 'id', 'meta', 'text', 'contained'];

function contentOf(
  r: object | undefined,
  skip: readonly string[] = [],
): Record<string, unknown> | undefined {
  if (r === undefined) {
    return undefined;
  }
  const drop = new Set([...STRUCTURE, ...skip]);
  return Object.fromEntries(Object.entries(r).filter(([k]) => !drop.has(k)));
}

/**
 * The view of a canonical response: the response without its references, the Patient and
 * Coverage it references (contained), its first insurance and its insurer reference.
 */
export function readResponseView(response: CoverageEligibilityResponse): RpiView {
  const scope = { contained: response.contained ?? [], bundle: undefined };
  const insurance = response.insurance?.[0];
  const patient = resolveReference(response.patient, scope);
  const coverage = resolveReference(insurance?.coverage, scope);
  const view = {
    response: contentOf(response, ['patient', 'insurer', 'request', 'insurance', 'requestor']),
    patient: patient?.resourceType === 'Patient' ? contentOf(patient) : undefined,
    coverage: coverage?.resourceType === 'Coverage' ? contentOf(coverage) : undefined,
    insurance: contentOf(insurance),
    insurer: contentOf(response.insurer),
  };
  return Object.fromEntries(Object.entries(view).filter(([, v]) => v !== undefined));
}
