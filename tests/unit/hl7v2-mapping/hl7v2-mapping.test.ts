// Golden vectors: conformance/vectors/hl7v2/ (provenance in its SOURCE.md: ours, built from
// domain.md §4.1 with the suggested Peru mapping). Answers come from the demo insurer logic and
// population (src/sim/answer-eligibility.ts, conformance/demo-population.json).
import path from 'node:path';
import type {
  Bundle,
  Coverage,
  CoverageEligibilityRequest,
  CoverageEligibilityResponse,
  Organization,
  Patient,
} from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/config/load-config.ts';
import { SYSTEMS } from '../../../src/formats/fhir/identifier-systems.ts';
import { readEligibilityRequest } from '../../../src/formats/fhir/read-eligibility-request.ts';
import { mapFhirToRpi } from '../../../src/formats/hl7v2/map/map-fhir-to-rpi.ts';
import { mapFhirToRqi } from '../../../src/formats/hl7v2/map/map-fhir-to-rqi.ts';
import { mapRpiToFhir } from '../../../src/formats/hl7v2/map/map-rpi-to-fhir.ts';
import { mapRqiToFhir } from '../../../src/formats/hl7v2/map/map-rqi-to-fhir.ts';
import { parseEr7 } from '../../../src/formats/hl7v2/parse-er7.ts';
import { checkHl7Message } from '../../../src/formats/hl7v2/profile/check-hl7-message.ts';
import { loadHl7Profiles } from '../../../src/formats/hl7v2/profile/load-hl7-profiles.ts';
import { answerEligibility } from '../../../src/sim/answer-eligibility.ts';
import { buildEligibilityRequest } from '../../../src/sim/build-eligibility-request.ts';
import { loadPopulation } from '../../../src/sim/population.ts';
import { projectMappings } from '../siteds-mapping/mapping-helpers.ts';
import {
  errorsOf,
  REQUEST_PE,
  RESPONSE_PE,
  testValidator,
} from '../validation/validation-helpers.ts';
import { hl7Vector } from '../hl7v2/vectors.ts';

const profiles = loadHl7Profiles();
const population = loadPopulation(path.join(PROJECT_ROOT, 'conformance/demo-population.json'));
const mappings = projectMappings();
const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value)) as unknown;
const rqiVector = () => parseEr7(hl7Vector('rqi-i01-two-insurers.er7'));
const ENVELOPE = {
  sendingApplication: 'SITEDS',
  sendingFacility: 'BROKER',
  receivingApplication: 'IAFAS',
  receivingFacility: '10001',
  controlId: 'C-1',
  now: new Date('2026-11-27T15:00:00Z'),
};

function resources(bundle: Bundle) {
  const [request, patient, ipress, iafas, coverage] = (bundle.entry ?? []).map((e) => e.resource);
  return {
    request: request as CoverageEligibilityRequest,
    patient: patient as Patient,
    ipress: ipress as Organization,
    iafas: iafas as Organization,
    coverage: coverage as Coverage,
  };
}

function demoAnswer(bundle: Bundle, iafas: string): CoverageEligibilityResponse {
  const query = readEligibilityRequest(bundle);
  return answerEligibility(query, { code: iafas, name: 'SIS (demo)' }, population, ENVELOPE.now);
}

describe('RQI^I01 → canonical request Bundle', () => {
  it('maps PRD, PID (DNI through table 0203), the first IN1; valid against the Peru profiles', () => {
    const { bundle } = mapRqiToFhir(rqiVector(), { ipressCode: '00009845', mappings });
    expect(bundle.entry?.map((e) => e.resource?.resourceType)).toEqual([
      'CoverageEligibilityRequest',
      'Patient',
      'Organization',
      'Organization',
      'Coverage',
    ]);
    const { request, patient, ipress, iafas, coverage } = resources(bundle);
    expect(request.created).toBe('2026-11-27T10:15:00-05:00');
    expect(patient.identifier).toEqual([
      { system: SYSTEMS.dni, value: '41000001' },
      { system: 'urn:oid:1.2.3', value: 'MRN-778' },
    ]);
    expect(patient).toMatchObject({ birthDate: '1985-03-12', gender: 'female' });
    expect(patient.name).toEqual([{ family: 'Quispe Mamani', given: ['Rosa'] }]);
    expect(ipress.identifier).toEqual([{ system: SYSTEMS.renipress, value: '00009845' }]);
    expect(iafas).toMatchObject({
      identifier: [{ system: SYSTEMS.iafas, value: '10001' }],
      name: 'Seguro Integral de Salud',
    });
    expect(coverage.period).toEqual({ start: '2026-01-01', end: '2026-12-31' });
    expect(coverage.relationship?.coding?.[0]?.code).toBe('self');
    expect(coverage.class?.[0]).toMatchObject({ value: 'SIS-GRAT', name: 'SIS Gratuito' });
    expect(readEligibilityRequest(bundle)).toMatchObject({ dni: '41000001', insurerCode: '10001' });
    const issues = testValidator().validate(wire(bundle), { profiles: [REQUEST_PE] });
    expect(errorsOf(issues)).toEqual([]);
  });

  it('reports every value it cannot map, with its HL7 location, and none as an error', () => {
    const { issues } = mapRqiToFhir(rqiVector(), { ipressCode: '00009845', mappings });
    expect(issues.every((i) => i.severity === 'warning')).toBe(true);
    const paths = issues.map((i) => i.path);
    // PRD address, the next of kin, the insured's birth date, the second insurer, the MR type
    for (const p of [
      'PRD-3.1',
      'PRD-3.3',
      'NK1-2.1',
      'NK1-3.1',
      'IN1-18',
      'IN1[2]-3.1',
      'IN1[2]-4',
    ]) {
      expect(paths).toContain(p);
    }
    expect(issues.find((i) => i.path === 'PID-3(2).5')).toMatchObject({
      kind: 'lossy',
      value: 'MR',
    });
    // what was mapped is not reported
    for (const p of ['PID-3.1', 'PID-5.1', 'PID-8', 'IN1-3.1', 'IN1-12', 'PRD-7.1', 'MSH-7']) {
      expect(paths).not.toContain(p);
    }
  });

  it('an identifier without a document type nor an OID is reported untranslated, not invented', () => {
    const text = hl7Vector('rqi-i01-two-insurers.er7')
      .toString()
      .replace('MRN-778^^^HOSP&1.2.3&ISO^MR', 'X9^^^HOSP^MR');
    const { bundle, issues } = mapRqiToFhir(parseEr7(text), { ipressCode: '00009845', mappings });
    expect(resources(bundle).patient.identifier).toEqual([
      { system: SYSTEMS.dni, value: '41000001' },
    ]);
    expect(issues.find((i) => i.path === 'PID-3(2)')).toMatchObject({
      kind: 'untranslated',
      code: 'MR',
      value: 'X9',
    });
  });
});

describe('canonical response → RPI^I01', () => {
  it('answers the RQI: MSA AA, PID, IN1 with plan, insurer, dates, status; profile-valid', () => {
    const rqi = rqiVector();
    const { bundle } = mapRqiToFhir(rqi, { ipressCode: '00009845', mappings });
    const answer = demoAnswer(bundle, '10001');
    const { message, issues } = mapFhirToRpi(answer, rqi, {
      mappings,
      controlId: 'R-1',
      now: ENVELOPE.now,
    });
    expect(checkHl7Message(profiles, message).structure).toBe('RPI_I01');
    const msh = message.header;
    expect([
      msh.field(3).value,
      msh.field(4).value,
      msh.field(5).value,
      msh.field(6).value,
    ]).toEqual(['SITEDS', 'BROKER', 'HIS', '00009845']);
    expect(message.segment('MSA')?.toString()).toBe('MSA|AA|MSG0001');
    const in1 = message.segment('IN1');
    expect(in1?.field(3).component(1).value).toBe('10001');
    expect(in1?.field(2).component(1).value).toBe('SIS-GRAT');
    expect([in1?.field(12).value, in1?.field(13).value, in1?.field(45).value]).toEqual([
      '20260101',
      '20261231',
      'Y',
    ]);
    expect(message.segment('PID')?.field(3).component(1).value).toBe('41000001');
    expect(message.segment('PID')?.field(3).component(5).value).toBe('NI');
    expect(message.segment('NTE', 2)?.field(3).value).toContain('copay PEN');
    expect(issues.filter((i) => i.kind === 'lossy').map((i) => i.path)).toEqual([
      'insurance.item[0].benefit[0]',
      'insurance.item[0].benefit[1]',
    ]);
    expect(issues.every((i) => i.severity === 'warning')).toBe(true);
  });

  it('a person the insurer does not know: no IN1, the disposition in NTE, the request PID echoed', () => {
    const rqi = parseEr7(
      hl7Vector('rqi-i01-two-insurers.er7').toString().replace('41000001', '49999999'),
    );
    const { bundle } = mapRqiToFhir(rqi, { ipressCode: '00009845', mappings });
    const answer = demoAnswer(bundle, '10001');
    const { message } = mapFhirToRpi(answer, rqi, {
      mappings,
      controlId: 'R-2',
      now: ENVELOPE.now,
    });
    checkHl7Message(profiles, message);
    expect(message.segment('IN1')).toBeUndefined();
    expect(message.segment('PID')?.toString()).toBe(rqi.segment('PID')?.toString());
    expect(message.segment('NTE')?.field(3).value).toContain('no figura');
  });
});

describe('v2 insurers: canonical request → RQI^I01, RPI^I01 → canonical response', () => {
  it('a FHIR request becomes a profile-valid RQI that maps back to the same question', () => {
    const fhir = buildEligibilityRequest({ ipress: '00019049', iafas: '20001', dni: '45000001' });
    const { message, issues } = mapFhirToRqi(fhir, { mappings, envelope: ENVELOPE });
    expect(issues).toEqual([]);
    expect(checkHl7Message(profiles, message).structure).toBe('RQI_I01');
    expect(message.segment('PID')?.field(3).raw).toBe('45000001^^^RENIEC^NI');
    expect(message.segment('IN1')?.field(3).component(1).value).toBe('20001');
    expect(message.segment('PRD')?.field(7).raw).toBe('00019049^RENIPRESS');
    const back = mapRqiToFhir(message, { ipressCode: '00019049', mappings });
    expect(readEligibilityRequest(back.bundle)).toMatchObject({
      dni: '45000001',
      insurerCode: '20001',
      providerCode: '00019049',
    });
  });

  it('the golden RPI maps to a profile-valid response; IN1-35 and IN3 are reported', () => {
    const request = resources(
      mapRqiToFhir(rqiVector(), { ipressCode: '00009845', mappings }).bundle,
    ).request;
    const rpi = parseEr7(hl7Vector('rpi-i01-covered.er7'));
    checkHl7Message(profiles, rpi);
    const { response, issues } = mapRpiToFhir(rpi, request, { mappings });
    expect(errorsOf(testValidator().validate(wire(response), { profiles: [RESPONSE_PE] }))).toEqual(
      [],
    );
    expect(response.created).toBe('2026-11-27T10:15:01-05:00');
    expect(response.insurer.identifier).toEqual({ system: SYSTEMS.iafas, value: '10001' });
    const coverage = response.contained?.find((r) => r.resourceType === 'Coverage') as Coverage;
    expect(coverage.identifier?.[0]?.value).toBe('41000001');
    expect(coverage.class?.find((c) => c.type.coding?.[0]?.code === 'group')?.value).toBe(
      'POL-0042',
    );
    expect(issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['IN1-35', 'IN3-2', 'IN1-18']),
    );
  });

  it('a demo answer survives FHIR → RPI → FHIR (benefits aside, reported)', () => {
    const rqi = rqiVector();
    const { bundle } = mapRqiToFhir(rqi, { ipressCode: '00009845', mappings });
    const answer = demoAnswer(bundle, '10001');
    const rpi = mapFhirToRpi(answer, rqi, { mappings, controlId: 'R-3', now: ENVELOPE.now });
    const { response } = mapRpiToFhir(rpi.message, resources(bundle).request, { mappings });
    expect(response.insurance?.[0]?.inforce).toBe(answer.insurance?.[0]?.inforce);
    expect(response.disposition).toBe(answer.disposition);
    const before = answer.contained?.find((r) => r.resourceType === 'Coverage') as Coverage;
    const after = response.contained?.find((r) => r.resourceType === 'Coverage') as Coverage;
    expect(after.period).toEqual(before.period);
    expect(after.class).toEqual(before.class);
    expect(after.status).toBe(before.status);
  });
});
