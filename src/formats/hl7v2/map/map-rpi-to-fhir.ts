import { answerBasisOf } from '../../fhir/answer-basis.ts';
import type {
  Coverage,
  CoverageEligibilityRequest,
  CoverageEligibilityResponse,
  Patient,
} from 'fhir/r4.js';
import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingIssue } from '../../../mapping/mapping-issue.ts';
import type { Hl7Message } from '../message.ts';
import { cxToIdentifiers } from './cx-identifier.ts';
import { readRpi } from './read-rpi.ts';
import type { RpiView } from './response-view.ts';
import type { RpiModel } from './rpi-model.ts';
import { dtmToFhir } from './rqi-model.ts';
import { RPI_SPEC, runHl7Spec } from './run-hl7-spec.ts';

/**
 * An RPI^I01 from a v2 insurer (parsed, profile-checked, MSA-1 AA) → the canonical
 * `CoverageEligibilityResponse` answering `request`, shaped like a FHIR insurer's: contained
 * Patient and Coverage, one insurance. `created` is IN1-29, or MSH-7 when no IN1 came.
 */
export function mapRpiToFhir(
  message: Hl7Message,
  request: CoverageEligibilityRequest,
  ctx: { readonly mappings: MappingSet },
): { response: CoverageEligibilityResponse; issues: MappingIssue[] } {
  const read = readRpi(message);
  const result = runHl7Spec(ctx.mappings, RPI_SPEC, 'to-fhir', read.model);
  const issues = [...read.issues, ...result.issues];
  const view = result.target as RpiView;
  const identifier = cxToIdentifiers(read.model.patient.identifiers, ctx.mappings, issues);
  const found = read.model.insurance !== undefined;
  const patient = {
    resourceType: 'Patient',
    id: 'patient',
    ...view.patient,
    identifier,
  } as Patient;
  const inforce = inForce(view, read.model.insurance, issues);
  const coverage = {
    resourceType: 'Coverage',
    id: 'coverage',
    status: inforce === false ? 'cancelled' : 'active',
    ...view.coverage,
    beneficiary: { reference: '#patient' },
    payor: [view.insurer ?? { display: 'unknown' }],
  } as Coverage;
  const created =
    (view.response?.created as string | undefined) ?? dtmToFhir(message.header.field(7).value);
  const response = {
    resourceType: 'CoverageEligibilityResponse',
    ...(found ? { contained: [patient, coverage] } : {}),
    ...view.response,
    status: 'active',
    ...answerBasisOf(request),
    patient: found ? { reference: '#patient' } : request.patient,
    created,
    outcome: 'complete',
    insurer: view.insurer ?? {},
    ...(found
      ? { insurance: [{ ...view.insurance, inforce, coverage: { reference: '#coverage' } }] }
      : {}),
  } as CoverageEligibilityResponse;
  return { response, issues };
}

/**
 * IN1-45 says whether the coverage is in force; an insurer that leaves it empty is read by the
 * plan dates (IN1-12 ≤ IN1-29 ≤ IN1-13), and that reading is reported as `lossy`.
 */
function inForce(
  view: RpiView,
  insurance: RpiModel['insurance'],
  issues: MappingIssue[],
): boolean | undefined {
  const stated = view.insurance?.inforce;
  if (typeof stated === 'boolean' || insurance === undefined) {
    return typeof stated === 'boolean' ? stated : undefined;
  }
  const day = (insurance.verified ?? new Date().toISOString()).slice(0, 10).replace(/-/g, '');
  const derived =
    (insurance.effective === undefined || insurance.effective <= day) &&
    (insurance.expiration === undefined || insurance.expiration >= day);
  issues.push({
    kind: 'lossy',
    severity: 'warning',
    path: 'IN1-45',
    message: `IN1-45 empty: in force read from the plan dates (${String(derived)})`,
  });
  return derived;
}
