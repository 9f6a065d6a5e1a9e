/**
 * What the serializer refuses, naming the JSON location: JSON that the R4 definitions do not
 * allow would otherwise be dropped silently (breaking JSON → XML → JSON) or, for the narrative,
 * could inject markup into the XML.
 */
import type { Patient } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { serializeFhirXml } from '../../../src/formats/fhir/xml/serialize-fhir-xml.ts';
import { failureOf, testModel } from './fhir-xml-helpers.ts';

const serialize = (json: object) => () =>
  serializeFhirXml(json as { resourceType: 'Patient' }, testModel());
const XHTML = 'xmlns="http://www.w3.org/1999/xhtml"';

describe('serializeFhirXml refuses', () => {
  it.each([
    [
      'an unknown property',
      { resourceType: 'Patient', name: [{ famly: 'x' }] },
      { code: 'unknown-element', location: 'Patient.name[0].famly' },
    ],
    [
      'an element medplum adds but R4 lacks',
      { resourceType: 'Patient', meta: { project: 'x' } },
      { code: 'unknown-element', location: 'Patient.meta.project' },
    ],
    [
      '_name on a complex element',
      { resourceType: 'Patient', _name: [{ id: 'x' }] },
      { code: 'unknown-element', location: 'Patient._name' },
    ],
    [
      'an unknown resource type',
      { resourceType: 'Patientt' },
      { code: 'unknown-element', location: 'Patientt' },
    ],
    [
      'a string where R4 has a boolean',
      { resourceType: 'Patient', active: 'true' },
      { code: 'invalid-value', location: 'Patient.active' },
    ],
    [
      'a fraction where R4 has an integer',
      { resourceType: 'Patient', multipleBirthInteger: 1.5 },
      { code: 'invalid-value', location: 'Patient.multipleBirthInteger' },
    ],
    [
      'an array where R4 has one value',
      { resourceType: 'Patient', gender: ['male'] },
      { code: 'cardinality', location: 'Patient.gender' },
    ],
    [
      'an empty array',
      { resourceType: 'Patient', identifier: [] },
      { code: 'cardinality', location: 'Patient.identifier' },
    ],
    [
      'two variants of one choice',
      { resourceType: 'Patient', deceasedBoolean: true, deceasedDateTime: '2020' },
      { code: 'cardinality', location: 'Patient.deceasedDateTime' },
    ],
    [
      'name and _name of different lengths',
      { resourceType: 'Patient', name: [{ given: ['a', 'b'], _given: [{ id: 'x' }] }] },
      { code: 'cardinality', location: 'Patient.name[0].given' },
    ],
    [
      'null with nothing in _name',
      { resourceType: 'Patient', name: [{ given: ['a', null] }] },
      { code: 'invalid-value', location: 'Patient.name[0].given[1]' },
    ],
    [
      'a character XML cannot carry',
      { resourceType: 'Patient', name: [{ text: 'bell \u0007' }] },
      { code: 'invalid-value', location: 'Patient.name[0].text' },
    ],
    [
      'markup beside the narrative div',
      {
        resourceType: 'Patient',
        text: { status: 'generated', div: `<div ${XHTML}>x</div><evil/>` },
      },
      { code: 'invalid-value', location: 'Patient.text.div' },
    ],
    [
      'a narrative that is not a div',
      { resourceType: 'Patient', text: { status: 'generated', div: `<p ${XHTML}>x</p>` } },
      { code: 'invalid-value', location: 'Patient.text.div' },
    ],
    [
      'a narrative in another namespace',
      { resourceType: 'Patient', text: { status: 'generated', div: '<div xmlns="urn:x">x</div>' } },
      { code: 'wrong-namespace', location: 'Patient.text.div' },
    ],
  ])('%s', (_what, json, expected) => {
    expect(failureOf(serialize(json))).toEqual(expected);
  });

  it('nesting deeper than maxDepth, before the stack runs out', () => {
    let extension: object = { url: 'x' };
    for (let i = 0; i < 20_000; i++) {
      extension = { url: 'x', extension: [extension] };
    }
    expect(failureOf(serialize({ resourceType: 'Patient', extension: [extension] })).code).toBe(
      'too-deep',
    );
    const nested: Patient = {
      resourceType: 'Patient',
      extension: [{ url: 'a', extension: [{ url: 'b' }] }],
    };
    const at = (maxDepth: number) => () => serializeFhirXml(nested, testModel(), { maxDepth });
    expect(at(3)).not.toThrow();
    expect(failureOf(at(2))).toEqual({
      code: 'too-deep',
      location: 'Patient.extension[0].extension[0]',
    });
  });
});
