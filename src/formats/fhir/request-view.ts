import type {
  Bundle,
  Coverage,
  CoverageEligibilityRequest,
  Organization,
  Resource,
} from 'fhir/r4.js';
import { SYSTEMS } from './identifier-systems.ts';
import { issueAt, type MappingIssue } from '../../mapping/mapping-issue.ts';
import { resolveReference, type ReferenceScope } from './resolve-reference.ts';

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

/**
 * The inverse of `readRequestView`: the canonical request Bundle (collection: the
 * CoverageEligibilityRequest, then Patient, Organization IPRESS, Organization IAFAS, Coverage,
 * tied by `urn:uuid` references), shaped like the one a FHIR IPRESS sends. The request is active
 * with `purpose`; the IPRESS carries its RENIPRESS code (`ipressCode`, from its certificate)
 * unless the view already names one.
 */
export function assembleRequestBundle(
  view: RequestView,
  ctx: {
    readonly ipressCode: string;
    readonly purpose: CoverageEligibilityRequest['purpose'];
  },
): Bundle {
  const [req, pat, prov, ins, cov] = [0, 1, 2, 3, 4].map(() => `urn:uuid:${crypto.randomUUID()}`);
  const request = {
    resourceType: 'CoverageEligibilityRequest',
    ...view.request,
    status: 'active',
    purpose: ctx.purpose,
    patient: { reference: pat },
    provider: { reference: prov },
    insurer: { reference: ins },
    insurance: [{ focal: true, coverage: { reference: cov } }],
  } as CoverageEligibilityRequest;
  const ipressIds = (view.ipress?.identifier ?? []) as NonNullable<Organization['identifier']>;
  const ipress = {
    resourceType: 'Organization',
    ...view.ipress,
    identifier: ipressIds.some((i) => i.system === SYSTEMS.renipress)
      ? ipressIds
      : [{ system: SYSTEMS.renipress, value: ctx.ipressCode }, ...ipressIds],
  } as Organization;
  const coverage = {
    resourceType: 'Coverage',
    status: 'active',
    ...view.coverage,
    beneficiary: { reference: pat },
    payor: [{ reference: ins }],
  } as Coverage;
  return {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: req, resource: request },
      { fullUrl: pat, resource: { resourceType: 'Patient', ...view.patient } },
      { fullUrl: prov, resource: ipress },
      { fullUrl: ins, resource: { resourceType: 'Organization', ...view.iafas } },
      { fullUrl: cov, resource: coverage },
    ],
  };
}
