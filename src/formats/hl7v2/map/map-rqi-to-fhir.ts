import type { Bundle } from 'fhir/r4.js';
import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import { assembleRequestBundle, type RequestView } from '../../fhir/request-view.ts';
import type { Hl7Message } from '../message.ts';
import { cxToIdentifiers } from './cx-identifier.ts';
import { readRqi } from './read-rqi.ts';
import { RQI_SPEC, runHl7Spec } from './run-hl7-spec.ts';

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
  const view = result.target as RequestView;
  const identifier = cxToIdentifiers(read.model.patient.identifiers, ctx.mappings, issues);
  const bundle = assembleRequestBundle(
    { ...view, patient: { ...view.patient, identifier } },
    { ipressCode: ctx.ipressCode, purpose: ['validation', 'benefits'] },
  );
  return { bundle, issues };
}
