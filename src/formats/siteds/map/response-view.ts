import { answerBasisOf } from '../../fhir/answer-basis.ts';
import type {
  Coverage,
  CoverageEligibilityRequest,
  CoverageEligibilityResponse,
  CoverageEligibilityResponseInsurance,
  Period,
  Resource,
} from 'fhir/r4.js';
import { resolveReference, type ReferenceScope } from '../../fhir/resolve-reference.ts';
import { contentOf } from '../../fhir/request-view.ts';

type Content = Record<string, unknown>;

/** One insured person of an answer: the Patient, its Coverage and the insurance answered. */
export interface AnswerEntry {
  readonly patient?: Content | undefined;
  readonly coverage?: Content | undefined;
  readonly insurance?: Content | undefined;
}

/** The canonical answer as the 271 specs see it (structure and references stripped). */
export interface ResponseView {
  readonly response?: Content | undefined;
  readonly entries?: readonly AnswerEntry[] | undefined;
}

/**
 * Reads the view out of a CoverageEligibilityResponse: one entry per insurance (its Coverage
 * and that Coverage's beneficiary, contained), or one entry with the response's patient.
 */
export function readResponseView(response: CoverageEligibilityResponse): ResponseView {
  const scope: ReferenceScope = { contained: response.contained ?? [], bundle: undefined };
  const patientOf = (ref: Coverage['beneficiary'] | undefined): Resource | undefined =>
    ref === undefined ? undefined : resolveReference(ref, scope);
  const insurance = response.insurance ?? [];
  const entries: AnswerEntry[] =
    insurance.length === 0
      ? [{ patient: contentOf(patientOf(response.patient)) }]
      : insurance.map((ins, i) => {
          const coverage = resolveReference(ins.coverage, scope) as Coverage | undefined;
          const patient =
            patientOf(coverage?.beneficiary) ?? (i === 0 ? patientOf(response.patient) : undefined);
          return {
            patient: contentOf(patient),
            coverage: contentOf(coverage, ['beneficiary', 'payor']),
            insurance: contentOf(ins as unknown as Resource, ['coverage']),
          };
        });
  return {
    response: contentOf(response, ['patient', 'request', 'insurance']),
    entries,
  };
}

/** Whether a coverage period holds the day of `at` (an absent period holds every day). */
function holds(period: Period | undefined, at: string): boolean {
  const day = at.slice(0, 10);
  return (
    (period?.start === undefined || period.start.slice(0, 10) <= day) &&
    (period?.end === undefined || day <= period.end.slice(0, 10))
  );
}

/**
 * Builds the CoverageEligibilityResponse from a view: entry i becomes contained `patient-i`
 * and `coverage-i` and `insurance[i]`; a coverage is in force when its period holds the
 * answer's date (an IAFAS that answers with an affiliation and no period is taken as in force).
 */
export function assembleResponse(
  view: ResponseView,
  request: CoverageEligibilityRequest,
  now: string,
): CoverageEligibilityResponse {
  const created = (view.response?.created as string | undefined) ?? now;
  const contained: Resource[] = [];
  const insurance: CoverageEligibilityResponseInsurance[] = [];
  (view.entries ?? []).forEach((entry, i) => {
    if (entry.patient !== undefined) {
      contained.push({ resourceType: 'Patient', id: `patient-${i}`, ...entry.patient });
    }
    if (entry.coverage === undefined && entry.insurance === undefined) {
      return;
    }
    const period = entry.coverage?.period as Period | undefined;
    const inforce = holds(period, created);
    contained.push({
      resourceType: 'Coverage',
      id: `coverage-${i}`,
      status: inforce ? 'active' : 'cancelled',
      ...entry.coverage,
      ...(entry.patient === undefined ? {} : { beneficiary: { reference: `#patient-${i}` } }),
      payor: [view.response?.insurer ?? request.insurer],
    } as Coverage);
    insurance.push({
      coverage: { reference: `#coverage-${i}` },
      inforce,
      ...(period === undefined ? {} : { benefitPeriod: period }),
      ...entry.insurance,
    });
  });
  const first = view.entries?.[0]?.patient === undefined ? undefined : '#patient-0';
  return {
    resourceType: 'CoverageEligibilityResponse',
    ...(contained.length > 0 ? { contained } : {}),
    status: 'active',
    ...answerBasisOf(request),
    patient: first === undefined ? request.patient : { reference: first },
    created,
    outcome: 'complete',
    insurer: request.insurer,
    ...view.response,
    ...(insurance.length > 0 ? { insurance } : {}),
  };
}
