// Golden vectors: conformance/vectors/siteds/ (provenance in its SOURCE.md: domain.md §1.4 segment
// map, the public Auna sample patient line, synthetic values for the other fields).
import type { Bundle, CoverageEligibilityRequest, Organization, Patient } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { mapConAseToFhir } from '../../../src/formats/siteds/map/map-con-ase-to-fhir.ts';
import {
  mapFhirToConAse,
  type ConAseHeader,
} from '../../../src/formats/siteds/map/map-fhir-to-con-ase.ts';
import type { ConAse270 } from '../../../src/formats/siteds/model/con-ase-270.ts';
import { readSitedsX12 } from '../../../src/formats/siteds/read-siteds-x12.ts';
import { validateSitedsModel } from '../../../src/formats/siteds/validation/validate-siteds-model.ts';
import { writeSitedsX12 } from '../../../src/formats/siteds/write-siteds-x12.ts';
import { buildEligibilityRequest } from '../../../src/sim/build-eligibility-request.ts';
import { SYSTEMS } from '../../../src/formats/fhir/identifier-systems.ts';
import { readVector, VECTORS } from '../siteds/siteds-vectors.ts';
import { errorsOf, REQUEST_PE, testValidator } from '../validation/validation-helpers.ts';
import {
  ENVELOPE,
  lostFields,
  projectMappings,
  unmappedPatterns,
  withStableUuids,
} from './mapping-helpers.ts';

const REQUESTS = VECTORS.filter((v) => v.startsWith('270_CON_ASE.'));
const IPRESS = '00009845';
const HEADER: ConAseHeader = {
  senderId: 'BROKER',
  receiverId: '20006',
  interchangeControlNumber: '000000777',
  groupControlNumber: '777',
  transactionControlNumber: '0001',
};

/**
 * The 270 fields with no place in a CoverageEligibilityRequest, its Patient, Coverage and
 * Organizations (mappings/README.md, SITEDS): reported as `unmapped` on the way in, lost on
 * the way back. Everything else survives X12 → model → FHIR → model → X12.
 */
const NOT_MAPPABLE_270 = [
  'accidentDate',
  'accidentType',
  'contractor.givenNames',
  'contractor.idQualifier',
  'contractor.maternalSurname',
  'contractor.qualifier',
  'coverageDescription',
  'coverageNumber',
  'initialMaxBenefit',
  'internalProductCode',
  'originAuthorizationNumber',
  'serviceQualifier',
  'serviceQualifierCode',
  'specialtyCode',
];
/** Ignored with a reason in the spec (envelope regenerated; the software's name). */
const IGNORED_270 = [...ENVELOPE, 'applicationCode'];

const toFhir = (model: ConAse270) =>
  mapConAseToFhir(model, { ipressCode: IPRESS, mappings: projectMappings() });
const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value)) as unknown;

function resourcesOf(bundle: Bundle) {
  const [request, patient, ipress, iafas, coverage] = (bundle.entry ?? []).map((e) => e.resource);
  return {
    request: request as CoverageEligibilityRequest,
    patient: patient as Patient,
    ipress: ipress as Organization,
    iafas: iafas as Organization,
    coverage,
  };
}

describe('270_CON_ASE → canonical request Bundle', () => {
  it('builds the Bundle in order, both IPRESS identifiers, the query type kept', () => {
    const { bundle } = toFhir(readVector<'270_CON_ASE'>('270_CON_ASE.CC'));
    expect(bundle.entry?.map((e) => e.resource?.resourceType)).toEqual([
      'CoverageEligibilityRequest',
      'Patient',
      'Organization',
      'Organization',
      'Coverage',
    ]);
    const { request, patient, ipress, iafas } = resourcesOf(bundle);
    expect(ipress.identifier).toEqual([
      { system: SYSTEMS.renipress, value: IPRESS },
      { system: 'https://siteds-broker.github.io/fhir/NamingSystem/ruc', value: '20123456789' },
    ]);
    expect(iafas.identifier).toEqual([{ system: SYSTEMS.iafas, value: '20006' }]);
    expect(patient.identifier).toEqual([{ system: SYSTEMS.dni, value: '10444192' }]);
    expect(patient.name?.[0]?.family).toBe('SALDAÑA');
    expect(request.purpose).toEqual(['validation']);
    expect(request.created).toBe('2021-03-15T10:30:00-05:00');
    expect(request.extension).toEqual([
      {
        url: 'https://siteds-broker.github.io/fhir/StructureDefinition/SitedsQueryTypePe',
        valueCode: 'CC',
      },
    ]);
  });

  it.each(REQUESTS)('%s: valid against CoverageEligibilityRequestPe and friends', (vector) => {
    const { bundle } = toFhir(readVector<'270_CON_ASE'>(vector));
    const issues = testValidator().validate(wire(bundle), { profiles: [REQUEST_PE] });
    expect(errorsOf(issues)).toEqual([]);
  });

  it('an unknown query type fails the request profile (pe-cer-2) and the extension (binding)', () => {
    const { bundle } = toFhir({ ...readVector<'270_CON_ASE'>('270_CON_ASE.CC'), queryType: 'ZZ' });
    const issues = testValidator().validate(wire(bundle), { profiles: [REQUEST_PE] });
    expect(errorsOf(issues)).toEqual([
      'pe-cer-2 Bundle.entry[0].resource',
      'binding Bundle.entry[0].resource.extension[0].valueCode',
    ]);
  });

  it.each(REQUESTS)('%s: padded and unpadded give the same FHIR', (vector) => {
    const plain = toFhir(readVector<'270_CON_ASE'>(vector));
    const padded = toFhir(readVector<'270_CON_ASE'>(vector, true));
    expect(withStableUuids(padded.bundle)).toEqual(withStableUuids(plain.bundle));
    expect(padded.issues).toEqual(plain.issues);
  });

  it.each(REQUESTS)('%s: X12 → model → FHIR → model → X12 keeps every mapped field', (vector) => {
    const model = readVector<'270_CON_ASE'>(vector);
    const forward = toFhir(model);
    const back = mapFhirToConAse(forward.bundle, { mappings: projectMappings(), header: HEADER });
    expect(back.issues).toEqual([]);
    const lost = lostFields(model, back.model);
    const reported = unmappedPatterns(forward.issues);
    // every field lost on the way is reported on the way in, or ignored with a reason
    expect(lost.filter((f) => !IGNORED_270.includes(f))).toEqual(reported);
    expect(reported.every((f) => NOT_MAPPABLE_270.includes(f))).toBe(true);
    expect(back.model).toMatchObject({ ...HEADER, transactionSetId: '270', purpose: '13' });
    // and the model written to X12 reads back the same, valid for SUSALUD's rules
    const reread = readSitedsX12('270_CON_ASE', writeSitedsX12('270_CON_ASE', back.model));
    expect(reread.ok && reread.model).toEqual(back.model);
    expect(validateSitedsModel('270_CON_ASE', back.model).code).toBe('0000');
  });

  it('the full vector loses exactly the fields with no FHIR R4 place', () => {
    const model = readVector<'270_CON_ASE'>('270_CON_ASE.CC');
    expect(unmappedPatterns(toFhir(model).issues)).toEqual(NOT_MAPPABLE_270);
  });

  it('reports an untranslatable document type with its path, never guessing', () => {
    const model = { ...readVector<'270_CON_ASE'>('270_CON_ASE.CN'), documentType: '0' };
    const { bundle, issues } = toFhir(model);
    expect(issues).toContainEqual(
      expect.objectContaining({ kind: 'untranslated', path: 'documentType', code: '0' }),
    );
    expect(resourcesOf(bundle).patient.identifier).toEqual([{ value: '10444192' }]);
  });

  it('reports a field with no rule by its path', () => {
    const { issues } = toFhir({
      ...readVector<'270_CON_ASE'>('270_CON_ASE.CN'),
      specialtyCode: '001',
    });
    expect(issues).toContainEqual(
      expect.objectContaining({ kind: 'unmapped', path: 'specialtyCode', value: '001' }),
    );
  });

  it('RD has no purpose: validation is used, the loss reported, the sub-type kept', () => {
    const { bundle, issues } = toFhir(readVector<'270_CON_ASE'>('270_CON_ASE.RD'));
    expect(resourcesOf(bundle).request.purpose).toEqual(['validation']);
    expect(issues).toContainEqual(
      expect.objectContaining({ kind: 'lossy', path: 'queryType', code: 'RD' }),
    );
    const back = mapFhirToConAse(bundle, { mappings: projectMappings(), header: HEADER });
    expect(back.model.queryType).toBe('RD');
  });
});

describe('canonical request → 270_CON_ASE (FHIR hospital → SITEDS insurer)', () => {
  it('maps a request without the extension from its purpose, reporting it', () => {
    const bundle = buildEligibilityRequest({ ipress: IPRESS, iafas: '20006', dni: '41000001' });
    const { model, issues } = mapFhirToConAse(bundle, {
      mappings: projectMappings(),
      header: HEADER,
    });
    expect(model).toMatchObject({
      queryType: 'CC',
      iafasCode: '20006',
      documentType: '1',
      documentNumber: '41000001',
    });
    expect(issues).toContainEqual(
      expect.objectContaining({ kind: 'lossy', path: 'CoverageEligibilityRequest.purpose' }),
    );
    const written = writeSitedsX12('270_CON_ASE', model);
    const reread = readSitedsX12('270_CON_ASE', written);
    expect(reread.ok && reread.model).toEqual(model);
  });

  it('discovery asks by name (CN)', () => {
    const bundle = buildEligibilityRequest({ ipress: IPRESS, iafas: '20006', dni: '41000001' });
    const request = bundle.entry?.[0]?.resource as CoverageEligibilityRequest;
    request.purpose = ['discovery'];
    const { model } = mapFhirToConAse(bundle, { mappings: projectMappings(), header: HEADER });
    expect(model.queryType).toBe('CN');
  });

  it('reports a request field with no 270 place by its FHIRPath', () => {
    const bundle = buildEligibilityRequest({ ipress: IPRESS, iafas: '20006', dni: '41000001' });
    const patient = bundle.entry?.[1]?.resource as Patient;
    patient.telecom = [{ system: 'phone', value: '999888777' }];
    const { issues } = mapFhirToConAse(bundle, { mappings: projectMappings(), header: HEADER });
    expect(issues).toContainEqual(
      expect.objectContaining({
        kind: 'unmapped',
        path: 'CoverageEligibilityRequest.patient.resolve().telecom[0].value',
        value: '999888777',
      }),
    );
  });

  it('reports a request whose references do not resolve', () => {
    const bundle = buildEligibilityRequest({ ipress: IPRESS, iafas: '20006', dni: '41000001' });
    const request = bundle.entry?.[0]?.resource as CoverageEligibilityRequest;
    request.patient = { reference: 'urn:uuid:00000000-0000-0000-0000-000000000000' };
    const { issues } = mapFhirToConAse(bundle, { mappings: projectMappings(), header: HEADER });
    expect(issues).toContainEqual(
      expect.objectContaining({ path: 'CoverageEligibilityRequest.patient' }),
    );
  });
});
