import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../../src/validation/validation-issue.ts';
import { errorsOf, officialExamples, SD_BASE, testValidator } from './validation-helpers.ts';

const examples = officialExamples();
const byFile = (file: string) => {
  const found = examples.find((e) => e.file === file);
  if (found === undefined) {
    throw new Error(`no example ${file}`);
  }
  return found.resource;
};

describe('the official HL7 examples (conformance/vectors/fhir-examples)', () => {
  it.each(
    examples.filter((e) => !e.file.includes('.fail.')).map((e) => [e.file, e.resource] as const),
  )('%s is valid against base R4', (_file, resource) => {
    expect(errorsOf(testValidator().validate(resource))).toEqual([]);
  });

  it('ces-1.f1.fail.xml fails ces-1 on the item with both category and productOrService', () => {
    const issues = testValidator().validate(byFile('ces-1.f1.fail.xml'));
    expect(errorsOf(issues)).toEqual(['ces-1 CoverageEligibilityResponse.insurance[0].item[0]']);
    expect(issues[0]).toMatchObject({ severity: 'error', code: 'invariant' });
  });

  it('the Peru profiles reject them, naming what is missing', () => {
    const validate = (file: string) => {
      const resource = byFile(file);
      const profile = `${SD_BASE}${resource.resourceType}Pe`;
      return testValidator().validate(resource, { profiles: [profile] });
    };
    expect(errorsOf(validate('coverageeligibilityrequest-example.xml'))).toEqual([
      'pe-reference CoverageEligibilityRequest.patient',
      'pe-reference CoverageEligibilityRequest.provider',
      'pe-reference CoverageEligibilityRequest.insurer',
      'pe-reference CoverageEligibilityRequest.insurance[0].coverage',
    ]);
    const second = validate('coverageeligibilityrequest-example-2.xml');
    expect(errorsOf(second)).toContain('cardinality CoverageEligibilityRequest.insurance[0].focal');
    expect(errorsOf(second)).toContain('pe-cer-1 CoverageEligibilityRequest');
    const answer = validate('coverageeligibilityresponse-example-error.xml');
    expect(errorsOf(answer)).toEqual([
      'pe-reference CoverageEligibilityResponse.patient',
      'pe-reference CoverageEligibilityResponse.insurer',
    ]);
    const missing = answer.find((i) => i.expression === 'CoverageEligibilityResponse.patient');
    expect(missing?.message.es).toContain('Falta el PatientPe');
    expect(missing?.message.en).toContain('The PatientPe is missing');
    for (const file of ['coverageeligibilityresponse-example.xml', 'ces-1.f1.fail.xml']) {
      expect(hasErrors(validate(file)), file).toBe(true);
    }
  });
});
