/**
 * Slicing discriminators our published profiles do not use: `profile` (on a resource and
 * through `resolve()`), `type` (resource types and choice variants), and a kind R4 does not
 * define (reported, not ignored). Test-only profiles, snapshots built by our generator.
 */
import type { ElementDefinition, StructureDefinition } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { createValidator } from '../../../src/validation/create-validator.ts';
import { generateSnapshot } from '../../../src/validation/generate-snapshot.ts';
import { loadConformanceSet, lookupDefinition } from '../../../src/validation/load-conformance.ts';
import { errorsOf, SD_BASE } from './validation-helpers.ts';

const TEST = 'https://example.org/fhir/StructureDefinition/';
const IAFAS = `${SD_BASE}OrganizationIafasPe`;
const IPRESS = `${SD_BASE}OrganizationIpressPe`;
const NS = 'https://siteds-broker.github.io/fhir/NamingSystem/';

function profile(name: string, type: string, element: ElementDefinition[]): StructureDefinition {
  return {
    resourceType: 'StructureDefinition',
    url: `${TEST}${name}`,
    name,
    status: 'draft',
    kind: 'resource',
    abstract: false,
    type,
    baseDefinition: `http://hl7.org/fhir/StructureDefinition/${type}`,
    derivation: 'constraint',
    differential: { element },
  };
}

const slice = (path: string, name: string, min: number, max: string): ElementDefinition => ({
  id: `${path}:${name}`,
  path,
  sliceName: name,
  min,
  max,
});

const PROFILES = [
  profile('EntryByProfile', 'Bundle', [
    {
      id: 'Bundle.entry',
      path: 'Bundle.entry',
      slicing: { discriminator: [{ type: 'profile', path: 'resource' }], rules: 'open' },
    },
    slice('Bundle.entry', 'iafas', 1, '1'),
    {
      id: 'Bundle.entry:iafas.resource',
      path: 'Bundle.entry.resource',
      type: [{ code: 'Organization', profile: [IAFAS] }],
    },
    slice('Bundle.entry', 'ipress', 0, '1'),
    {
      id: 'Bundle.entry:ipress.resource',
      path: 'Bundle.entry.resource',
      type: [{ code: 'Organization', profile: [IPRESS] }],
    },
  ]),
  profile('EntryByType', 'Bundle', [
    {
      id: 'Bundle.entry',
      path: 'Bundle.entry',
      slicing: { discriminator: [{ type: 'type', path: 'resource' }], rules: 'closed' },
    },
    slice('Bundle.entry', 'patient', 1, '1'),
    {
      id: 'Bundle.entry:patient.resource',
      path: 'Bundle.entry.resource',
      type: [{ code: 'Patient' }],
    },
    slice('Bundle.entry', 'org', 0, '*'),
    {
      id: 'Bundle.entry:org.resource',
      path: 'Bundle.entry.resource',
      type: [{ code: 'Organization' }],
    },
  ]),
  profile('PayorByResolvedProfile', 'Coverage', [
    {
      id: 'Coverage.payor',
      path: 'Coverage.payor',
      slicing: { discriminator: [{ type: 'profile', path: 'resolve()' }], rules: 'open' },
    },
    {
      ...slice('Coverage.payor', 'iafas', 1, '1'),
      type: [{ code: 'Reference', targetProfile: [IAFAS] }],
    },
  ]),
  profile('ComponentByType', 'Observation', [
    {
      id: 'Observation.component',
      path: 'Observation.component',
      slicing: { discriminator: [{ type: 'type', path: 'value' }], rules: 'open' },
    },
    slice('Observation.component', 'amount', 1, '1'),
    {
      id: 'Observation.component:amount.value[x]',
      path: 'Observation.component.value[x]',
      type: [{ code: 'Quantity' }],
    },
  ]),
  profile('IdentifierByPosition', 'Patient', [
    {
      id: 'Patient.identifier',
      path: 'Patient.identifier',
      slicing: { discriminator: [{ type: 'position', path: '$this' } as never], rules: 'open' },
    },
    slice('Patient.identifier', 'first', 1, '1'),
  ]),
];

const conformance = loadConformanceSet();
const structures = new Map(conformance.structures);
for (const p of PROFILES) {
  p.snapshot = { element: generateSnapshot(p, (key) => lookupDefinition(conformance, key)) };
  structures.set(p.url, p);
}
const validator = createValidator({ ...conformance, structures });
const validate = (resource: unknown, name: string) =>
  validator.validate(resource, { profiles: [`${TEST}${name}`] });

const org = (system: string, value: string) => ({
  resourceType: 'Organization',
  identifier: [{ system: `${NS}${system}`, value }],
});
const patient = {
  resourceType: 'Patient',
  identifier: [{ system: `${NS}dni`, value: '41000001' }],
};
const bundle = (...resources: object[]) => ({
  resourceType: 'Bundle',
  type: 'collection',
  entry: resources.map((resource, i) => ({ fullUrl: `urn:uuid:e${i}`, resource })),
});

describe('profile discriminators', () => {
  it('assigns entries by the profile their resource conforms to', () => {
    const ok = bundle(patient, org('renipress', '00009845'), org('iafas', '10001'));
    expect(errorsOf(validate(ok, 'EntryByProfile'))).toEqual([]);
  });

  it('an IAFAS that does not conform (4-digit code) fills no slice: the slice is missing', () => {
    const bad = bundle(patient, org('renipress', '00009845'), org('iafas', '1001'));
    expect(errorsOf(validate(bad, 'EntryByProfile'))).toEqual(['slicing Bundle.entry']);
  });

  it('two conforming IAFAS exceed the slice maximum', () => {
    const two = bundle(org('iafas', '10001'), org('iafas', '20001'));
    expect(errorsOf(validate(two, 'EntryByProfile'))).toEqual(['slicing Bundle.entry']);
  });

  it('through resolve(): the referenced Bundle entry must conform to the target profile', () => {
    const coverage = (payor: string) => ({
      resourceType: 'Coverage',
      status: 'active',
      beneficiary: { reference: 'urn:uuid:e0' },
      payor: [{ reference: payor }],
    });
    const profiled = { resourceType: 'Bundle', type: 'collection' };
    const withPayor = (payor: string, iafas: string) => ({
      ...profiled,
      entry: [
        { fullUrl: 'urn:uuid:e0', resource: patient },
        { fullUrl: 'urn:uuid:e1', resource: org('iafas', iafas) },
        { fullUrl: 'urn:uuid:e2', resource: coverage(payor) },
      ],
    });
    const url = `${TEST}PayorByResolvedProfile`;
    expect(
      errorsOf(validator.validate(withPayor('urn:uuid:e1', '10001'), { profiles: [url] })),
    ).toEqual([]);
    expect(
      errorsOf(validator.validate(withPayor('urn:uuid:e1', '1001'), { profiles: [url] })),
    ).toContain('slicing Bundle.entry[2].resource.payor');
  });
});

describe('type discriminators', () => {
  it('on resources: closed slicing by resource type, with slice cardinality', () => {
    expect(errorsOf(validate(bundle(patient, org('iafas', '10001')), 'EntryByType'))).toEqual([]);
    expect(errorsOf(validate(bundle(patient, patient), 'EntryByType'))).toEqual([
      'slicing Bundle.entry',
    ]);
    const coverage = { resourceType: 'Coverage', status: 'active' };
    expect(errorsOf(validate(bundle(patient, coverage), 'EntryByType'))).toContain(
      'slicing Bundle.entry[1]',
    );
  });

  it('on a choice element: the JSON name says the type', () => {
    const obs = (value: object) => ({
      resourceType: 'Observation',
      status: 'final',
      code: { text: 'x' },
      component: [{ code: { text: 'c' }, ...value }],
    });
    expect(errorsOf(validate(obs({ valueQuantity: { value: 1 } }), 'ComponentByType'))).toEqual([]);
    expect(errorsOf(validate(obs({ valueString: '1' }), 'ComponentByType'))).toEqual([
      'slicing Observation.component',
    ]);
  });
});

describe('a discriminator kind R4 does not define', () => {
  it('is reported on each item as not supported, and its slices cannot be filled', () => {
    const issues = validate(patient, 'IdentifierByPosition');
    expect(issues.filter((i) => i.code === 'not-supported').map((i) => i.expression)).toEqual([
      'Patient.identifier[0]',
    ]);
    expect(issues.find((i) => i.code === 'not-supported')?.message.en).toMatch(/'position'/);
    expect(errorsOf(issues)).toEqual(['slicing Patient.identifier']);
  });
});
