import type { StructureDefinition } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { createValidator } from '../../../src/validation/create-validator.ts';
import { generateSnapshot } from '../../../src/validation/generate-snapshot.ts';
import { loadConformanceSet, lookupDefinition } from '../../../src/validation/load-conformance.ts';
import { pickLanguage, toOperationOutcome } from '../../../src/validation/to-operation-outcome.ts';
import { errorsOf, REQUEST_PE } from './validation-helpers.ts';

const TEST_URL = 'https://example.org/fhir/StructureDefinition/TestPatient';
const MARRIED = { system: 'http://terminology.hl7.org/CodeSystem/v3-MaritalStatus', code: 'M' };

/** A test-only profile using what our published profiles do not: patterns, closed slicing. */
function testProfile(): StructureDefinition {
  return {
    resourceType: 'StructureDefinition',
    url: TEST_URL,
    name: 'TestPatient',
    status: 'draft',
    kind: 'resource',
    abstract: false,
    type: 'Patient',
    baseDefinition: 'http://hl7.org/fhir/StructureDefinition/Patient',
    derivation: 'constraint',
    differential: {
      element: [
        {
          id: 'Patient.maritalStatus',
          path: 'Patient.maritalStatus',
          patternCodeableConcept: { coding: [MARRIED] },
        },
        {
          id: 'Patient.telecom',
          path: 'Patient.telecom',
          slicing: { discriminator: [{ type: 'value', path: 'system' }], rules: 'closed' },
        },
        {
          id: 'Patient.telecom:phone',
          path: 'Patient.telecom',
          sliceName: 'phone',
          min: 0,
          max: '1',
        },
        { id: 'Patient.telecom:phone.system', path: 'Patient.telecom.system', fixedCode: 'phone' },
        { id: 'Patient.contact.name', path: 'Patient.contact.name', min: 1 },
      ],
    },
  };
}

const conformance = loadConformanceSet();
const profile = testProfile();
profile.snapshot = {
  element: generateSnapshot(profile, (key) => lookupDefinition(conformance, key)),
};
const validator = createValidator({
  ...conformance,
  structures: new Map([...conformance.structures, [TEST_URL, profile]]),
});
const check = (resource: unknown, profiles: string[] = [TEST_URL]) =>
  errorsOf(validator.validate(resource, { profiles }));

describe('rules not used by the published profiles', () => {
  it('pattern values: the value must contain the pattern (other codings allowed)', () => {
    const extra = { system: 'http://example.org/local', code: 'casado' };
    expect(check({ resourceType: 'Patient', maritalStatus: { coding: [extra, MARRIED] } })).toEqual(
      [],
    );
    expect(
      check({ resourceType: 'Patient', maritalStatus: { coding: [{ ...MARRIED, code: 'S' }] } }),
    ).toEqual(['pattern Patient.maritalStatus']);
  });

  it('closed slicing: an item matching no slice is refused at its index', () => {
    const telecom = [
      { system: 'phone', value: '1' },
      { system: 'email', value: 'a@b.pe' },
    ];
    expect(check({ resourceType: 'Patient', telecom })).toEqual(['slicing Patient.telecom[1]']);
  });

  it('cardinality inside a backbone element', () => {
    expect(
      check({ resourceType: 'Patient', contact: [{ telecom: [{ system: 'phone', value: '1' }] }] }),
    ).toEqual(['cardinality Patient.contact[0].name']);
  });
});

describe('primitives', () => {
  it('accepts ids and extensions on primitives, with nulls in repeating ones', () => {
    const resource = {
      resourceType: 'Patient',
      _birthDate: { extension: [{ url: 'http://example.org/x', valueString: 'y' }] },
      name: [
        {
          given: ['Ana', null],
          _given: [
            null,
            { id: 'g2', extension: [{ url: 'http://example.org/x', valueBoolean: true }] },
          ],
        },
      ],
    };
    expect(check(resource, [])).toEqual([]);
  });

  it('refuses unknown properties in a primitive extension, bad integers and bad URIs', () => {
    expect(check({ resourceType: 'Patient', _gender: { foo: 1 } }, [])).toEqual([
      'unknown-element Patient.gender.foo',
    ]);
    expect(check({ resourceType: 'Patient', _gender: { id: 'only-an-id' } }, [])).toEqual([
      'ele-1 Patient.gender',
    ]);
    expect(check({ resourceType: 'Patient', multipleBirthInteger: 1.5 }, [])).toEqual([
      'format Patient.multipleBirthInteger',
    ]);
    expect(check({ resourceType: 'Patient', photo: [{ size: -1 }] }, [])).toEqual([
      'format Patient.photo[0].size',
    ]);
    expect(check({ resourceType: 'Patient', implicitRules: 'has spaces' }, [])).toEqual([
      'format Patient.implicitRules',
    ]);
    expect(check({ resourceType: 'Patient', active: 'true' }, [])).toEqual(['type Patient.active']);
  });
});

describe('resources and profiles', () => {
  it('reports an unknown resource type, an unknown profile, a profile of another type', () => {
    expect(check({ resourceType: 'Foo' }, [])).toEqual(['resource-type Foo']);
    expect(check({ resourceType: 'Patient' }, ['https://example.org/nothing'])).toEqual([
      'profile ',
    ]);
    expect(check({ resourceType: 'Patient' }, [REQUEST_PE])).toEqual(['profile Patient']);
  });
});

describe('OperationOutcome', () => {
  const issues = validator.validate({ resourceType: 'Patient', foo: 1 });

  it('carries severity, code, expression and the message in the asked language', () => {
    const outcome = toOperationOutcome(issues, 'en');
    expect(outcome.issue[0]).toEqual({
      severity: 'error',
      code: 'structure',
      details: { text: "Unknown element 'foo': not defined in FHIR R4 or the profile" },
      diagnostics: 'unknown-element',
      expression: ['Patient.foo'],
    });
    expect(toOperationOutcome(issues).issue[0]?.details?.text).toContain('Elemento desconocido');
    expect(toOperationOutcome([]).issue[0]?.severity).toBe('information');
  });

  it('picks the language from Accept-Language (Spanish by default)', () => {
    expect(pickLanguage(undefined)).toBe('es');
    expect(pickLanguage('en-US,en;q=0.9')).toBe('en');
    expect(pickLanguage('es-PE, en;q=0.5')).toBe('es');
    expect(pickLanguage('fr, en;q=0.8, es;q=0.9')).toBe('es');
    expect(pickLanguage('de')).toBe('es');
  });
});
