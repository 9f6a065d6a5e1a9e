import { describe, expect, it } from 'vitest';
import { hasErrors } from '../../../src/validation/validation-issue.ts';
import { errorsOf, testValidator, validationVectors } from './validation-helpers.ts';

const vectors = validationVectors();

describe('conformance/vectors/validation', () => {
  it.each(vectors.map((v) => [v.file, v] as const))('%s', (_file, vector) => {
    const issues = testValidator().validate(vector.resource, { profiles: vector.profiles });
    expect(hasErrors(issues)).toBe(!vector.expect.valid);
    expect(errorsOf(issues).sort()).toEqual(
      vector.expect.errors.map((e) => `${e.rule} ${e.expression}`).sort(),
    );
  });

  it('cover every rule kind, each caught with its expression', () => {
    const rules = new Set(vectors.flatMap((v) => v.expect.errors.map((e) => e.rule)));
    for (const rule of [
      'unknown-element',
      'type',
      'format',
      'json-array',
      'cardinality',
      'choice',
      'ele-1',
      'fixed',
      'binding',
      'slicing',
      'ces-1',
      'pe-cer-1',
      'pe-dni-1',
      'dom-3',
      'ref-1',
      'bundle-reference',
      'reference-type',
      'pe-reference',
    ]) {
      expect(rules.has(rule), rule).toBe(true);
    }
  });

  it('says every error in Spanish and English', () => {
    for (const vector of vectors.filter((v) => !v.expect.valid)) {
      for (const issue of testValidator().validate(vector.resource, {
        profiles: vector.profiles,
      })) {
        expect(issue.message.es.length).toBeGreaterThan(10);
        expect(issue.message.en.length).toBeGreaterThan(10);
        if (issue.rule !== 'ces-1' && issue.rule !== 'dom-3') {
          expect(issue.message.es, issue.rule).not.toBe(issue.message.en);
        }
      }
    }
  });
});
