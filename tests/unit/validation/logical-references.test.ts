/**
 * References whose element targets one of our profiles: a logical reference (identifier only)
 * that a resource of the message carries is checked against the target profile; one that
 * cannot be resolved here is a warning (the broker never fetches). Built from the valid
 * request vector (conformance/vectors/validation/valid-request-bundle.json).
 */
import type { Bundle, Coverage, CoverageEligibilityRequest, Organization } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../../src/validation/validation-issue.ts';
import { errorsOf, REQUEST_PE, testValidator, validationVectors } from './validation-helpers.ts';

const IAFAS_NS = 'https://siteds-broker.github.io/fhir/NamingSystem/iafas';

/** The valid request with the insurer and the payor given by IAFAS code only. */
function logicalRequest(entryCode: string, referenceCode = entryCode): Bundle {
  const vector = validationVectors().find((v) => v.file === 'valid-request-bundle.json');
  const bundle = structuredClone(vector?.resource) as Bundle;
  const entries = bundle.entry ?? [];
  const identifier = { system: IAFAS_NS, value: referenceCode };
  (entries[0]?.resource as CoverageEligibilityRequest).insurer = { identifier };
  (entries[4]?.resource as Coverage).payor = [{ identifier }];
  (entries[3]?.resource as Organization).identifier = [{ system: IAFAS_NS, value: entryCode }];
  return bundle;
}

const validate = (bundle: Bundle) => testValidator().validate(bundle, { profiles: [REQUEST_PE] });

describe('logical references to our profiles', () => {
  it('resolve to the entry carrying the identifier, which is then checked', () => {
    expect(hasErrors(validate(logicalRequest('10001')))).toBe(false);
    const errors = errorsOf(validate(logicalRequest('1001')));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.includes('Bundle.entry[3].resource'))).toBe(true);
  });

  it('that nothing in the message carries are a warning: the target cannot be checked', () => {
    const issues = validate(logicalRequest('10001', '20001'));
    expect(hasErrors(issues)).toBe(false);
    const warnings = issues.filter((i) => i.rule === 'reference-unresolved');
    expect(warnings.map((i) => i.expression).sort()).toEqual([
      'Bundle.entry[0].resource.insurer',
      'Bundle.entry[4].resource.payor[0]',
    ]);
    expect(warnings[0]?.message.en).toMatch(/OrganizationIafasPe/);
  });

  it('an absolute URL with an identifier is a warning too, not an error', () => {
    const bundle = logicalRequest('10001', '20001');
    const request = bundle.entry?.[0]?.resource as CoverageEligibilityRequest;
    request.insurer = {
      reference: 'https://iafas.example.pe/fhir/Organization/20001',
      identifier: { system: IAFAS_NS, value: '20001' },
    };
    const issues = validate(bundle);
    expect(
      issues.filter((i) => i.expression === 'Bundle.entry[0].resource.insurer').map((i) => i.rule),
    ).toEqual(['reference-unresolved']);
  });
});
