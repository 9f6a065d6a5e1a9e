// Golden vectors: conformance/vectors/siteds/ (provenance in its SOURCE.md: domain.md §1.5 and
// the segment order of SUSALUD's library for the other answers, synthetic values). Demo answers:
// src/sim/answer-eligibility.ts over conformance/demo-population.json.
import path from 'node:path';
import type { CoverageEligibilityRequest, CoverageEligibilityResponse, Patient } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/config/load-config.ts';
import { readEligibilityRequest } from '../../../src/formats/fhir/read-eligibility-request.ts';
import {
  ANSWER_BY_QUERY_TYPE,
  type Answer271,
  type AnswerName,
} from '../../../src/formats/siteds/map/answer-transactions.ts';
import { mapAnswer271ToFhir } from '../../../src/formats/siteds/map/map-answer271-to-fhir.ts';
import { mapConAseToFhir } from '../../../src/formats/siteds/map/map-con-ase-to-fhir.ts';
import { mapFhirToAnswer271 } from '../../../src/formats/siteds/map/map-fhir-to-answer271.ts';
import type { ConAse270 } from '../../../src/formats/siteds/model/con-ase-270.ts';
import { readSitedsX12 } from '../../../src/formats/siteds/read-siteds-x12.ts';
import type { SitedsModels } from '../../../src/formats/siteds/transactions.ts';
import { validateSitedsModel } from '../../../src/formats/siteds/validation/validate-siteds-model.ts';
import { writeSitedsX12 } from '../../../src/formats/siteds/write-siteds-x12.ts';
import { answerEligibility } from '../../../src/sim/answer-eligibility.ts';
import { buildEligibilityRequest } from '../../../src/sim/build-eligibility-request.ts';
import { loadPopulation } from '../../../src/sim/population.ts';
import { readVector } from '../siteds/siteds-vectors.ts';
import { errorsOf, RESPONSE_PE, testValidator } from '../validation/validation-helpers.ts';
import { ENVELOPE, lostFields, projectMappings, unmappedPatterns } from './mapping-helpers.ts';

const QUERY_OF = Object.fromEntries(
  Object.entries(ANSWER_BY_QUERY_TYPE).map(([query, answer]) => [answer, query]),
) as Record<AnswerName, string>;
const ANSWERS = Object.keys(QUERY_OF).sort() as AnswerName[];
const NOW = new Date('2021-03-15T15:30:00Z');

/**
 * The 271 fields with no place in a CoverageEligibilityResponse, its contained Patient and
 * Coverage (mappings/README.md, SITEDS), per answer: reported as `unmapped` on the way in,
 * lost on the way back. Everything else survives X12 → model → FHIR → model → X12.
 */
const NOT_MAPPABLE: Record<AnswerName, readonly string[]> = {
  '271_CON_COD': [
    'benefitOverride',
    'benefitOverrideNumber',
    'contractor.givenNames',
    'contractor.maternalSurname',
    'contractor.qualifier',
    'coverages[].coverageAmount',
    'coverages[].coverageNumber',
    'coverages[].productId',
    'coverages[].qualifyingPeriodEndDate',
    'coverages[].restrictionCode',
    'coverages[].serviceQualifierCode',
    'coverages[].serviceQualifierQuantity',
    'coverages[].serviceQuantity',
    'coverages[].specialConditions',
    'coverages[].waitingPeriodEndDate',
    'currencyCode',
    'healthPlanType',
    'identificationNumber',
    'maritalStatus',
    'patientStatus',
    'policyType',
    'titular.enrolmentDate',
    'titular.givenNames',
    'titular.maternalSurname',
  ],
  '271_CON_NOM': [
    'matches[].contractor.givenNames',
    'matches[].contractor.maternalSurname',
    'matches[].contractor.qualifier',
    'matches[].maritalStatus',
    'matches[].patientStatus',
    'matches[].sctrNumber',
  ],
  '271_CON_DTAD': [
    'relatedParty.givenNames',
    'relatedParty.maternalSurname',
    'relatedParty.qualifier',
    'relatedParty.surnameOrName',
    'ubigeo',
  ],
  '271_CON_OBS': ['message2'],
  '271_CON_MED': [
    'conditions[].observation',
    'conditions[].observationSource',
    'conditions[].restrictionCode',
    'conditions[].waitingEndDate',
  ],
  '271_CON_PROC': [
    'procedures[].days',
    'procedures[].frequency',
    'procedures[].internalProcedureCode',
    'procedures[].internalRestrictionCode',
    'procedures[].observationSource',
    'procedures[].qualifyingExemptionCode',
    'procedures[].qualifyingExemptionDescription',
    'procedures[].qualifyingExemptionMessage',
    'procedures[].qualifyingExemptionMessageSource',
    'procedures[].sex',
    'procedures[].waitingDescription',
    'procedures[].waitingEndDate',
    'procedures[].waitingMessage',
    'procedures[].waitingMessageSource',
    'procedures[].waitingTypeCode',
  ],
  '271_RES_DERIVA': [
    'referrals[].attentionNumber',
    'referrals[].careDate',
    'referrals[].contractorDocumentType',
    'referrals[].contractorId',
    'referrals[].contractorIdQualifier',
    'referrals[].employerDocumentNumber',
    'referrals[].employerDocumentType',
  ],
  '271_RES_SCTR': [
    'records[].accidentDate',
    'records[].accidentType',
    'records[].affiliationDate',
    'records[].contractorCode',
    'records[].contractorId',
    'records[].contractorIdQualifier',
    'records[].contractorName',
    'records[].contractorQualifier',
    'records[].placeOfCareCode',
    'records[].placeOfCareId',
    'records[].placeOfCareIdQualifier',
    'records[].placeOfCareName',
    'records[].placeOfCareQualifier',
    'records[].placeOfCareRenipress',
  ],
};
/** Ignored with a reason in the specs (envelope answers the 270's; credentials; N4 qualifier). */
const IGNORED = [...ENVELOPE, 'iafasUser', 'iafasPassword', 'locationQualifier'];
/** Amounts compared as numbers: FHIR decimals keep the value, not the vector's zeros. */
const SAME_NUMBER = ['coverages[].fixedCopay'];

/** The 270 asking the sub-type `name` answers, and its canonical request. */
function askedBy(name: AnswerName): {
  asked: ConAse270;
  request: CoverageEligibilityRequest;
  patient: Patient;
} {
  const asked = readVector<'270_CON_ASE'>(`270_CON_ASE.${QUERY_OF[name]}`);
  const { bundle } = mapConAseToFhir(asked, {
    ipressCode: '00009845',
    mappings: projectMappings(),
  });
  const request = { ...(bundle.entry?.[0]?.resource as CoverageEligibilityRequest), id: 'req-1' };
  return { asked, request, patient: bundle.entry?.[1]?.resource as Patient };
}

const toFhir = (name: AnswerName, padded = false) => {
  const { request, patient } = askedBy(name);
  return mapAnswer271ToFhir(name, readVector<typeof name>(name, padded), request, {
    mappings: projectMappings(),
    now: NOW,
    patient,
  });
};
const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value)) as unknown;

/** Writes a 271 model, reads it back and validates it with SUSALUD's rules. */
function throughX12(name: AnswerName, model: Answer271) {
  const x12 = writeSitedsX12(name, model);
  const reread = readSitedsX12(name, x12);
  return {
    model: reread.ok ? reread.model : reread.issues,
    code: validateSitedsModel(name, model).code,
  };
}

describe('271 answers ↔ canonical CoverageEligibilityResponse', () => {
  it.each(ANSWERS)('%s: valid against CoverageEligibilityResponsePe', (name) => {
    const { response } = toFhir(name);
    expect(errorsOf(testValidator().validate(wire(response), { profiles: [RESPONSE_PE] }))).toEqual(
      [],
    );
  });

  it.each(ANSWERS)('%s: padded and unpadded give the same FHIR', (name) => {
    expect(toFhir(name, true)).toEqual(toFhir(name));
  });

  it.each(ANSWERS)('%s: X12 → model → FHIR → model → X12 keeps every mapped field', (name) => {
    const model = readVector<typeof name>(name);
    const forward = toFhir(name);
    const back = mapFhirToAnswer271(forward.response, askedBy(name).asked, {
      mappings: projectMappings(),
    });
    expect(back.transactionName).toBe(name);
    expect(back.issues).toEqual([]);
    const lost = lostFields(model, back.model, SAME_NUMBER).filter((f) => !IGNORED.includes(f));
    expect(lost).toEqual(unmappedPatterns(forward.issues));
    expect(lost).toEqual(NOT_MAPPABLE[name]);
    const wireBack = throughX12(name, back.model);
    expect(wireBack.model).toEqual(back.model);
    expect(wireBack.code).toBe('0000');
  });

  it('271_CON_COD: vigencia, copays, carta de garantía where domain.md §5.3 puts them', () => {
    const { response } = toFhir('271_CON_COD');
    const insurance = response.insurance?.[0];
    expect(insurance?.inforce).toBe(true);
    expect(insurance?.benefitPeriod).toEqual({ start: '2020-01-01', end: '9999-12-31' });
    const item = insurance?.item?.[0];
    expect(item?.authorizationRequired).toBe(false);
    expect(insurance?.item?.[1]?.authorizationRequired).toBe(true);
    expect(item?.description).toBe('SIN OBSERVACIONES');
    const benefit = (code: string) => item?.benefit?.find((b) => b.type.coding?.[0]?.code === code);
    expect(benefit('copay')?.allowedMoney).toEqual({ value: 60, currency: 'PEN' });
    expect(benefit('copay-percent')?.allowedUnsignedInt).toBe(50);
    expect(benefit('benefit')?.allowedMoney).toEqual({ value: 99999999 });
  });

  it('271_CON_NOM: each match is one contained Patient with its Coverage', () => {
    const { response } = toFhir('271_CON_NOM');
    const patients = (response.contained ?? []).filter((r) => r.resourceType === 'Patient');
    expect(patients.length).toBe(readVector<'271_CON_NOM'>('271_CON_NOM').matches?.length);
    expect(response.insurance?.map((i) => i.coverage.reference)).toEqual(
      patients.map((_, i) => `#coverage-${i}`),
    );
  });

  it('reports an untranslatable gender code with its path', () => {
    const model = { ...readVector<'271_CON_COD'>('271_CON_COD'), gender: '9' };
    const { issues } = mapAnswer271ToFhir('271_CON_COD', model, askedBy('271_CON_COD').request, {
      mappings: projectMappings(),
    });
    expect(issues).toContainEqual(
      expect.objectContaining({ kind: 'untranslated', path: 'gender', code: '9' }),
    );
  });

  it('reports a copay fraction that is not a whole percentage', () => {
    const cod = readVector<'271_CON_COD'>('271_CON_COD');
    const coverages = (cod.coverages ?? []).map((c, i) =>
      i === 0 ? { ...c, variableCopay: '0.505' } : c,
    );
    const { issues } = mapAnswer271ToFhir(
      '271_CON_COD',
      { ...cod, coverages },
      askedBy('271_CON_COD').request,
      { mappings: projectMappings() },
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ kind: 'transform-failed', path: 'coverages[0].variableCopay' }),
    );
  });
});

describe('demo insurers answered in SITEDS', () => {
  const population = loadPopulation(path.join(PROJECT_ROOT, 'conformance/demo-population.json'));
  const insurers = [
    { code: '10001', name: 'SIS (demo)' },
    { code: '20001', name: 'Rímac EPS (demo)' },
  ];
  const answers = (insurer: { code: string; name: string }, dni: string) => {
    const bundle = buildEligibilityRequest({ ipress: '00009845', iafas: insurer.code, dni });
    return answerEligibility(readEligibilityRequest(bundle), insurer, population, NOW);
  };

  it.each(ANSWERS)('%s: a valid 271 (coError 0000) for every person and a stranger', (name) => {
    let count = 0;
    for (const insurer of insurers) {
      for (const dni of [
        ...population.filter((p) => p.iafas === insurer.code).map((p) => p.dni),
        '99999999',
      ]) {
        const asked: ConAse270 = {
          ...readVector<'270_CON_ASE'>(`270_CON_ASE.${QUERY_OF[name]}`),
          iafasCode: insurer.code,
          documentNumber: dni,
        };
        const response: CoverageEligibilityResponse = answers(insurer, dni);
        const { transactionName, model, issues } = mapFhirToAnswer271(response, asked, {
          mappings: projectMappings(),
        });
        expect(transactionName).toBe(name);
        expect(
          issues.filter((i) => i.severity === 'error'),
          dni,
        ).toEqual([]);
        const wireBack = throughX12(name, model);
        expect(wireBack.code, `${insurer.code} ${dni}`).toBe('0000');
        expect(wireBack.model).toEqual(model);
        count += 1;
      }
    }
    expect(count).toBeGreaterThan(4);
  });

  it('reports answer fields a 271 has no place for by their FHIRPath, and an error outcome', () => {
    const person = population[0];
    if (person === undefined) {
      throw new Error('empty demo population');
    }
    const response: CoverageEligibilityResponse = {
      ...answers({ code: person.iafas, name: 'demo' }, person.dni),
      outcome: 'error',
      error: [{ code: { coding: [{ code: 'a001' }] } }],
    };
    const asked = { ...readVector<'270_CON_ASE'>('270_CON_ASE.CO'), iafasCode: person.iafas };
    const { issues } = mapFhirToAnswer271(response, asked, { mappings: projectMappings() });
    expect(issues).toContainEqual(
      expect.objectContaining({
        kind: 'unmapped',
        path: 'CoverageEligibilityResponse.insurance[0].coverage.resolve().beneficiary.resolve().birthDate',
        value: person.birthDate,
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({ severity: 'error', path: 'CoverageEligibilityResponse.error' }),
    );
  });

  it('271_CON_COD carries the demo coverage: period, plan, copays', () => {
    const person = population.find((p) => p.coverage === 'active');
    if (person === undefined) {
      throw new Error('the demo population has no active person');
    }
    const insurer = insurers.find((i) => i.code === person.iafas) ?? {
      code: person.iafas,
      name: 'demo',
    };
    const asked = { ...readVector<'270_CON_ASE'>('270_CON_ASE.CC'), iafasCode: insurer.code };
    const { model } = mapFhirToAnswer271(answers(insurer, person.dni), asked, {
      mappings: projectMappings(),
    });
    const cod = model as SitedsModels['271_CON_COD'];
    expect(cod).toMatchObject({
      documentType: '1',
      documentNumber: person.dni,
      birthDate: person.birthDate.replaceAll('-', ''),
      productCode: person.plan.code,
      coverageStartDate: person.period.start.replaceAll('-', ''),
      coverageEndDate: person.period.end.replaceAll('-', ''),
    });
    expect(cod.coverages?.[0]).toMatchObject({
      fixedCopay: String(person.copay.amountPen),
      currencyCode: '1',
      variableCopay: (person.copay.percent / 100).toFixed(2),
    });
  });
});
