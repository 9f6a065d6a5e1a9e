/**
 * Our CapabilityStatement checked by our validator, and elements defined by contentReference
 * (CapabilityStatement.rest.operation, Parameters.parameter.part), which have no type of their own.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/config/load-config.ts';
import { loadCapabilityStatement } from '../../../src/conformance/load-capability-statement.ts';
import { errorsOf, testValidator } from './validation-helpers.ts';

describe('conformance/CapabilityStatement-broker.json', () => {
  const cs = loadCapabilityStatement(path.join(PROJECT_ROOT, 'conformance'));

  it('is a valid R4 CapabilityStatement by our own validator', () => {
    expect(errorsOf(testValidator().validate(cs))).toEqual([]);
  });

  it('declares $validate with the R4 Resource-validate definition', () => {
    expect(cs.rest?.[0]?.operation).toContainEqual(
      expect.objectContaining({
        name: 'validate',
        definition: 'http://hl7.org/fhir/OperationDefinition/Resource-validate',
      }),
    );
  });
});

describe('elements defined by contentReference (no type of their own)', () => {
  it('take the referenced element children: Parameters.parameter.part', () => {
    const part = (extra: object) => ({
      resourceType: 'Parameters',
      parameter: [{ name: 'outer', part: [{ name: 'inner', valueString: 'x', ...extra }] }],
    });
    expect(errorsOf(testValidator().validate(part({})))).toEqual([]);
    expect(errorsOf(testValidator().validate(part({ bogus: 1 })))).toEqual([
      'unknown-element Parameters.parameter[0].part[0].bogus',
    ]);
  });
});
