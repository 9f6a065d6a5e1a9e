/**
 * The model built from the R4 definitions: cardinality, choice types, primitive JSON types,
 * attributes, content references, resource wrappers, and the corrections that bring medplum's
 * copy of the definitions back to FHIR 4.0.1.
 */
import { describe, expect, it } from 'vitest';
import { findType } from '../../../src/formats/fhir/xml/fhir-model.ts';
import { testModel } from './fhir-xml-helpers.ts';

const child = (type: string, name: string) => findType(testModel(), type).childrenByName.get(name);

describe('the FHIR R4 model', () => {
  it('knows every R4 resource type and no abstract or non-R4 one', () => {
    const { resourceTypes, fhirVersion } = testModel();
    expect(fhirVersion).toBe('4.0.1');
    expect(resourceTypes.size).toBe(146);
    expect(resourceTypes.has('CoverageEligibilityRequest')).toBe(true);
    for (const absent of ['Resource', 'DomainResource', 'SubscriptionStatus', 'MetadataResource']) {
      expect(resourceTypes.has(absent)).toBe(false);
    }
  });

  it('says which elements repeat', () => {
    expect(child('CoverageEligibilityRequest', 'purpose')?.isArray).toBe(true);
    expect(child('CoverageEligibilityRequest', 'patient')?.isArray).toBe(false);
    expect(child('CoverageEligibilityRequest.insurance', 'focal')?.isArray).toBe(false);
  });

  it('expands choice types by type and keeps them in the choice position', () => {
    const serviced = ['servicedDate', 'servicedPeriod'].map((n) =>
      child('CoverageEligibilityRequest', n),
    );
    expect(serviced.map((c) => [c?.typeName, c?.choiceOf])).toEqual([
      ['date', 'serviced'],
      ['Period', 'serviced'],
    ]);
    expect(serviced[0]?.ordinal).toBe(serviced[1]?.ordinal);
    expect(child('Extension', 'valueQuantity')?.typeName).toBe('Quantity');
  });

  it('types primitives for JSON and marks attributes', () => {
    const json = (t: string) => findType(testModel(), t).primitive?.json;
    expect(
      ['boolean', 'decimal', 'integer', 'positiveInt', 'unsignedInt', 'date', 'code'].map(json),
    ).toEqual(['boolean', 'number', 'number', 'number', 'number', 'string', 'string']);
    expect(child('decimal', 'value')).toMatchObject({ form: 'attribute', typeName: 'decimal' });
    expect(child('Extension', 'url')).toMatchObject({ form: 'attribute', typeName: 'uri' });
    expect(child('Coding', 'id')?.form).toBe('attribute');
    expect(child('Patient', 'id')).toMatchObject({ form: 'element', typeName: 'string' });
    expect(child('Narrative', 'div')?.form).toBe('xhtml');
  });

  it('follows content references and wraps resources', () => {
    expect(child('Questionnaire.item', 'item')?.typeName).toBe('Questionnaire.item');
    expect(child('Patient', 'contained')).toMatchObject({ form: 'resource', typeName: 'Resource' });
    expect(child('Bundle.entry', 'resource')?.form).toBe('resource');
  });

  it('undoes medplum additions to the R4 definitions', () => {
    expect(child('Meta', 'project')).toBeUndefined();
    expect(child('ResearchStudy', 'label')).toBeUndefined();
    expect(child('Bundle.entry.response', 'outcome')?.typeName).toBe('Resource');
  });
});
