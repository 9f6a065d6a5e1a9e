import { answerBasisOf } from '../formats/fhir/answer-basis.ts';
import type {
  Coverage,
  CoverageEligibilityRequest,
  CoverageEligibilityResponse,
  CoverageEligibilityResponseInsurance,
  CoverageEligibilityResponseInsuranceItem as CoverageEligibilityResponseItem,
  Patient,
} from 'fhir/r4.js';
import type { EligibilityQuery } from '../formats/fhir/read-eligibility-request.ts';
import { SYSTEMS } from '../formats/fhir/identifier-systems.ts';
import { SITEDS_FHIR } from '../formats/siteds/map/siteds-fhir.ts';
import type { InsuredPerson } from './population.ts';

const BENEFIT_TYPE = 'http://terminology.hl7.org/CodeSystem/benefit-type';
const BENEFIT_CATEGORY = 'http://terminology.hl7.org/CodeSystem/ex-benefitcategory';

export interface InsurerInfo {
  readonly code: string;
  readonly name: string;
}

/**
 * How a demo insurer answers: the person with that DNI in its population, or an answer saying
 * the person was not found (a complete answer, not an error).
 */
export function answerEligibility(
  query: EligibilityQuery,
  insurer: InsurerInfo,
  population: readonly InsuredPerson[],
  now: Date,
): CoverageEligibilityResponse {
  const person = population.find((p) => p.iafas === insurer.code && p.dni === query.dni);
  const request = query.request;
  const base: CoverageEligibilityResponse = {
    resourceType: 'CoverageEligibilityResponse',
    status: 'active',
    ...answerBasisOf(request),
    patient: { identifier: { system: SYSTEMS.dni, value: query.dni } },
    created: now.toISOString(),
    outcome: 'complete',
    insurer: { identifier: { system: SYSTEMS.iafas, value: insurer.code }, display: insurer.name },
  };
  if (person === undefined) {
    return {
      ...base,
      disposition: `Asegurado no encontrado: DNI ${query.dni} no figura en ${insurer.name}.`,
    };
  }
  return {
    ...base,
    contained: [patientOf(person), coverageOf(person, insurer)],
    patient: { reference: '#patient', display: `${person.given} ${person.family}` },
    disposition:
      person.coverage === 'active'
        ? `Cobertura vigente: ${person.plan.name}.`
        : `Sin cobertura vigente en ${insurer.name}.`,
    insurance: [insuranceOf(person, request)],
  };
}

function patientOf(p: InsuredPerson): Patient {
  return {
    resourceType: 'Patient',
    id: 'patient',
    identifier: [{ system: SYSTEMS.dni, value: p.dni }],
    name: [{ family: p.family, given: [p.given] }],
    birthDate: p.birthDate,
  };
}

function coverageOf(p: InsuredPerson, insurer: InsurerInfo): Coverage {
  return {
    resourceType: 'Coverage',
    id: 'coverage',
    status: p.coverage === 'active' ? 'active' : 'cancelled',
    // Demo member id (código de afiliado): the IAFAS code and the DNI; real IAFAS assign their own.
    identifier: [{ system: SITEDS_FHIR.affiliateCode, value: `${insurer.code}${p.dni}` }],
    beneficiary: { reference: '#patient' },
    payor: [{ identifier: { system: SYSTEMS.iafas, value: insurer.code }, display: insurer.name }],
    period: p.period,
    class: [
      {
        type: {
          coding: [
            { system: 'http://terminology.hl7.org/CodeSystem/coverage-class', code: 'plan' },
          ],
        },
        value: p.plan.code,
        name: p.plan.name,
      },
    ],
  };
}

function insuranceOf(
  p: InsuredPerson,
  request: CoverageEligibilityRequest,
): CoverageEligibilityResponseInsurance {
  return {
    coverage: { reference: '#coverage' },
    inforce: p.coverage === 'active',
    benefitPeriod: p.period,
    item: [
      ...serviceItemsOf(p, request),
      {
        category: {
          coding: [
            { system: BENEFIT_CATEGORY, code: '30', display: 'Health Benefit Plan Coverage' },
          ],
        },
        name: p.plan.name,
        benefit: [
          {
            type: { coding: [{ system: BENEFIT_TYPE, code: 'copay' }] },
            allowedMoney: { value: p.copay.amountPen, currency: 'PEN' },
          },
          {
            type: { coding: [{ system: BENEFIT_TYPE, code: 'copay-percent' }] },
            allowedUnsignedInt: p.copay.percent,
          },
        ],
      },
    ],
  };
}

/**
 * One item per product or service the request asks about (`item.productOrService`), answered
 * with the same code: covered under the plan (not excluded) with the plan's copay percent, and,
 * as Peruvian insurers do for drugs and procedures outside the basic plan, a prior
 * authorization (carta de garantía) required. The demo has no formulary: every code is covered.
 */
function serviceItemsOf(
  p: InsuredPerson,
  request: CoverageEligibilityRequest,
): CoverageEligibilityResponseItem[] {
  return (request.item ?? []).flatMap((asked) =>
    asked.productOrService?.coding?.some((c) => c.code !== undefined) === true
      ? [
          {
            ...(asked.category === undefined ? {} : { category: asked.category }),
            productOrService: asked.productOrService,
            excluded: p.coverage !== 'active',
            benefit: [
              {
                type: { coding: [{ system: BENEFIT_TYPE, code: 'copay-percent' }] },
                allowedUnsignedInt: p.copay.percent,
              },
            ],
            authorizationRequired: true,
          },
        ]
      : [],
  );
}
