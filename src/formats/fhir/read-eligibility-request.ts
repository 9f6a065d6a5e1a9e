import type {
  Bundle,
  CoverageEligibilityRequest,
  Identifier,
  Organization,
  Patient,
  Reference,
  Resource,
} from 'fhir/r4.js';
import { BrokerError, type ErrorIssue } from '../../errors/broker-error.ts';
import { SYSTEMS } from './identifier-systems.ts';
import { resolveReference, type ReferenceScope } from './resolve-reference.ts';

/** What the broker needs from an eligibility request to authorize and route it. */
export interface EligibilityQuery {
  readonly request: CoverageEligibilityRequest;
  readonly patient: Patient | undefined;
  readonly dni: string;
  /** SUSALUD code of the insurer asked. */
  readonly insurerCode: string;
  /** RENIPRESS code of the asking IPRESS, when the request names one. */
  readonly providerCode: string | undefined;
}

/**
 * Reads a `CoverageEligibilityRequest` (with contained resources) or a `Bundle` holding one with
 * its `Patient`, `Coverage` and `Organization`s. Collects every missing or malformed part, with
 * its FHIRPath location, and fails once with `BRK_REQUEST_INVALID`.
 */
export function readEligibilityRequest(resource: Resource): EligibilityQuery {
  const issues: ErrorIssue[] = [];
  const { request, scope, prefix } = unwrap(resource, issues);
  if (request === undefined) {
    throw new BrokerError('BRK_REQUEST_INVALID', issues);
  }
  const patient = resolveReference(request.patient, scope) as Patient | undefined;
  const dni = readDni(request.patient, patient, `${prefix}.patient`, issues);
  const insurerCode = readOrgCode(request.insurer, scope, SYSTEMS.iafas, /^\d{5}$/, {
    at: `${prefix}.insurer`,
    what: 'the insurer (IAFAS) SUSALUD code, 5 digits',
    issues,
  });
  const providerCode =
    request.provider === undefined
      ? undefined
      : readOrgCode(request.provider, scope, SYSTEMS.renipress, /^\d{8}$/, {
          at: `${prefix}.provider`,
          what: 'the provider (IPRESS) RENIPRESS code, 8 digits',
          issues,
        });
  if (issues.length > 0 || dni === undefined || insurerCode === undefined) {
    throw new BrokerError('BRK_REQUEST_INVALID', issues);
  }
  return { request, patient, dni, insurerCode, providerCode };
}

function unwrap(
  resource: Resource,
  issues: ErrorIssue[],
): { request?: CoverageEligibilityRequest; scope: ReferenceScope; prefix: string } {
  if (resource.resourceType === 'CoverageEligibilityRequest') {
    const request = resource as CoverageEligibilityRequest;
    return {
      request,
      scope: { contained: request.contained ?? [], bundle: undefined },
      prefix: 'CoverageEligibilityRequest',
    };
  }
  if (resource.resourceType === 'Bundle') {
    const bundle = resource as Bundle;
    const index = (bundle.entry ?? []).findIndex(
      (e) => e.resource?.resourceType === 'CoverageEligibilityRequest',
    );
    const request = bundle.entry?.[index]?.resource as CoverageEligibilityRequest | undefined;
    if (request === undefined) {
      issues.push({
        expression: 'Bundle.entry',
        detail: 'the Bundle holds no CoverageEligibilityRequest',
      });
      return { scope: { contained: [], bundle }, prefix: 'Bundle' };
    }
    return {
      request,
      scope: { contained: request.contained ?? [], bundle },
      prefix: `Bundle.entry[${index}].resource`,
    };
  }
  issues.push({
    expression: 'resourceType',
    detail: `expected CoverageEligibilityRequest or Bundle, got ${resource.resourceType}`,
  });
  return { scope: { contained: [], bundle: undefined }, prefix: resource.resourceType };
}

function readDni(
  ref: Reference | undefined,
  patient: Patient | undefined,
  at: string,
  issues: ErrorIssue[],
): string | undefined {
  if (ref === undefined) {
    issues.push({ expression: at, detail: 'patient is required' });
    return undefined;
  }
  const candidates: Identifier[] = [
    ...(patient?.identifier ?? []),
    ...(ref.identifier ? [ref.identifier] : []),
  ];
  const dni = candidates.find((i) => i.system === SYSTEMS.dni)?.value;
  if (dni === undefined) {
    issues.push({
      expression: at,
      detail: `the patient needs an identifier with system ${SYSTEMS.dni} (DNI)`,
    });
    return undefined;
  }
  if (!/^\d{8}$/.test(dni)) {
    issues.push({ expression: at, detail: `DNI must be 8 digits, got "${dni}"` });
    return undefined;
  }
  return dni;
}

interface OrgContext {
  readonly at: string;
  readonly what: string;
  readonly issues: ErrorIssue[];
}

function readOrgCode(
  ref: Reference | undefined,
  scope: ReferenceScope,
  system: string,
  pattern: RegExp,
  ctx: OrgContext,
): string | undefined {
  const org = resolveReference(ref, scope) as Organization | undefined;
  const candidates: Identifier[] = [
    ...(org?.identifier ?? []),
    ...(ref?.identifier ? [ref.identifier] : []),
  ];
  const code = candidates.find((i) => i.system === system)?.value;
  if (code === undefined || !pattern.test(code)) {
    const got = code === undefined ? 'none found' : `got "${code}"`;
    ctx.issues.push({ expression: ctx.at, detail: `needs ${ctx.what} (system ${system}); ${got}` });
    return undefined;
  }
  return code;
}
