import type {
  Bundle,
  Coverage,
  CoverageEligibilityRequest,
  Organization,
  Patient,
} from 'fhir/r4.js';
import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import { SYSTEMS } from '../../fhir/identifier-systems.ts';
import type { Hl7Message } from '../message.ts';
import { cxToIdentifiers } from './cx-identifier.ts';
import { readRqi } from './read-rqi.ts';
import { RQI_SPEC, runHl7Spec } from './run-hl7-spec.ts';

type View = Record<
  'request' | 'patient' | 'ipress' | 'iafas' | 'coverage',
  Record<string, unknown> | undefined
>;

/**
 * An RQI^I01 (parsed, profile-checked) → the canonical request Bundle, shaped like the one a FHIR
 * IPRESS sends (`buildEligibilityRequest`): CoverageEligibilityRequest, Patient, Organization
 * IPRESS, Organization IAFAS, Coverage. `ipressCode` is the RENIPRESS code of the IPRESS its
 * certificate identified: used when PRD-7 names none. Every value not mapped is in `issues`.
 */
export function mapRqiToFhir(
  message: Hl7Message,
  ctx: { readonly ipressCode: string; readonly mappings: MappingSet },
): { bundle: Bundle; issues: MappingIssue[] } {
  const read = readRqi(message);
  const result = runHl7Spec(ctx.mappings, RQI_SPEC, 'to-fhir', read.model);
  const issues = [...read.issues, ...result.issues];
  const view = result.target as Partial<View>;
  const identifier = cxToIdentifiers(read.model.patient.identifiers, ctx.mappings, issues);
  const [req, pat, prov, ins, cov] = [0, 1, 2, 3, 4].map(() => `urn:uuid:${crypto.randomUUID()}`);
  const request = {
    resourceType: 'CoverageEligibilityRequest',
    ...view.request,
    status: 'active',
    purpose: ['validation', 'benefits'],
    patient: { reference: pat },
    provider: { reference: prov },
    insurer: { reference: ins },
    insurance: [{ focal: true, coverage: { reference: cov } }],
  } as CoverageEligibilityRequest;
  const patient = { resourceType: 'Patient', ...view.patient, identifier } as Patient;
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
  const bundle: Bundle = {
    resourceType: 'Bundle',
    type: 'collection',
    entry: [
      { fullUrl: req, resource: request },
      { fullUrl: pat, resource: patient },
      { fullUrl: prov, resource: ipress },
      { fullUrl: ins, resource: { resourceType: 'Organization', ...view.iafas } },
      { fullUrl: cov, resource: coverage },
    ],
  };
  return { bundle, issues };
}
