import type { Bundle, CoverageEligibilityRequest, Resource } from 'fhir/r4.js';
import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import { resolveReference, type ReferenceScope } from '../../fhir/resolve-reference.ts';
import { issueAt } from './run-spec.ts';

/**
 * The canonical request as the 270 spec sees it: each resource without its structure
 * (resourceType, id, references), which the functions around the spec own.
 */
export interface RequestView {
  readonly request?: Record<string, unknown> | undefined;
  readonly patient?: Record<string, unknown> | undefined;
  readonly ipress?: Record<string, unknown> | undefined;
  readonly iafas?: Record<string, unknown> | undefined;
  readonly coverage?: Record<string, unknown> | undefined;
}

const STRUCTURE = ['resourceType', 'id', 'meta', 'text', 'contained'];

/** A resource's content without structural keys and the reference keys given. */
export function contentOf(
  resource: Resource | undefined,
  references: readonly string[] = [],
): Record<string, unknown> | undefined {
  if (resource === undefined) {
    return undefined;
  }
  const skip = new Set([...STRUCTURE, ...references]);
  return Object.fromEntries(Object.entries(resource).filter(([k]) => !skip.has(k)));
}

/**
 * Reads the request view out of a canonical request Bundle (or a lone request with contained
 * resources): the CoverageEligibilityRequest and what its patient, provider, insurer and focal
 * insurance reference. Anything missing is an issue with its location.
 */
export function readRequestView(resource: Bundle | CoverageEligibilityRequest): {
  view: RequestView;
  request: CoverageEligibilityRequest | undefined;
  issues: MappingIssue[];
} {
  const issues: MappingIssue[] = [];
  const bundle = resource.resourceType === 'Bundle' ? resource : undefined;
  const request =
    resource.resourceType === 'Bundle'
      ? (resource.entry?.find((e) => e.resource?.resourceType === 'CoverageEligibilityRequest')
          ?.resource as CoverageEligibilityRequest | undefined)
      : resource;
  if (request === undefined) {
    issues.push(issueAt('transform-failed', 'Bundle.entry', 'no CoverageEligibilityRequest'));
    return { view: {}, request, issues };
  }
  const scope: ReferenceScope = { contained: request.contained ?? [], bundle };
  const resolve = (at: string, type: string): Resource | undefined => {
    const ref = readAt(request, at);
    const found = resolveReference(ref, scope);
    if (found?.resourceType === type) {
      return found;
    }
    if (ref !== undefined) {
      issues.push(
        issueAt('transform-failed', `CoverageEligibilityRequest.${at}`, `no ${type} resolved`),
      );
    }
    return undefined;
  };
  const coverage = resolve('insurance', 'Coverage');
  const view: RequestView = {
    request: contentOf(request, ['patient', 'provider', 'insurer', 'insurance', 'enterer']),
    patient: contentOf(resolve('patient', 'Patient')),
    ipress: contentOf(resolve('provider', 'Organization')),
    iafas: contentOf(resolve('insurer', 'Organization')),
    coverage: contentOf(coverage, ['beneficiary', 'payor', 'subscriber']),
  };
  return { view, request, issues };
}

function readAt(request: CoverageEligibilityRequest, at: string) {
  if (at === 'insurance') {
    const insurance = request.insurance ?? [];
    return (insurance.find((i) => i.focal === true) ?? insurance[0])?.coverage;
  }
  return request[at as 'patient' | 'provider' | 'insurer'];
}
