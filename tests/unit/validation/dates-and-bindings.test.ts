/**
 * Calendar validity of dates (beyond the R4 regexes) and bindings by strength: required is an
 * error, extensible a warning (an error only for a code its own complete CodeSystem lacks),
 * preferred information, example nothing; a ValueSet that cannot be expanded offline is a
 * warning. Base R4 resources, checked with the real core definitions and terminology.
 */
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../../src/validation/validation-issue.ts';
import { testValidator } from './validation-helpers.ts';

const SUBSCRIBER = 'http://terminology.hl7.org/CodeSystem/subscriber-relationship';

function coverage(extra: Record<string, unknown>): unknown {
  return {
    resourceType: 'Coverage',
    status: 'active',
    beneficiary: { reference: 'Patient/1' },
    payor: [{ reference: 'Organization/1' }],
    ...extra,
  };
}

const issuesAt = (issues: ValidationIssue[], expression: string) =>
  issues.filter((i) => i.expression === expression).map((i) => `${i.severity} ${i.rule}`);

describe('dates: days that exist, time zones where required', () => {
  const check = (value: string, type: 'birthDate' | 'deceasedDateTime' | 'lastUpdated') => {
    const resource =
      type === 'lastUpdated'
        ? { resourceType: 'Patient', meta: { lastUpdated: value } }
        : { resourceType: 'Patient', [type]: value };
    const at = type === 'lastUpdated' ? 'Patient.meta.lastUpdated' : `Patient.${type}`;
    return issuesAt(testValidator().validate(resource), at);
  };

  it.each([
    ['2025-02-30', 'birthDate'],
    ['2025-02-29', 'birthDate'],
    ['1900-02-29', 'birthDate'],
    ['2025-04-31', 'birthDate'],
    ['2025-13-01', 'birthDate'],
    ['2025-00-10', 'birthDate'],
    ['2025-06-31T10:00:00Z', 'deceasedDateTime'],
    ['2025-06-30T24:00:00Z', 'deceasedDateTime'],
    ['2025-06-30T10:60:00Z', 'deceasedDateTime'],
    ['2025-06-30T10:00:00', 'deceasedDateTime'],
    ['2025-06-30T10:00:00+15:00', 'deceasedDateTime'],
    ['2025-06-30T10:00:00.000', 'lastUpdated'],
    ['2025-06-30', 'lastUpdated'],
    ['2023-02-29T10:00:00Z', 'lastUpdated'],
  ] as const)('%s as %s is an error', (value, type) => {
    expect(check(value, type)).toEqual(['error format']);
  });

  it.each([
    ['2024-02-29', 'birthDate'],
    ['2000-02-29', 'birthDate'],
    ['2025-12-31', 'birthDate'],
    ['2025-02', 'birthDate'],
    ['2025', 'birthDate'],
    ['2024-02-29T23:59:59-05:00', 'deceasedDateTime'],
    ['2025-06-30', 'deceasedDateTime'],
    ['2025-04-30T10:00:00.123+14:00', 'lastUpdated'],
  ] as const)('%s as %s is valid', (value, type) => {
    expect(check(value, type)).toEqual([]);
  });
});

describe('bindings by strength', () => {
  const validate = (extra: Record<string, unknown>) => testValidator().validate(coverage(extra));

  it('extensible: a code of the ValueSet passes, another system is a warning', () => {
    const ok = validate({ relationship: { coding: [{ system: SUBSCRIBER, code: 'self' }] } });
    expect(issuesAt(ok, 'Coverage.relationship')).toEqual([]);
    const other = validate({
      relationship: { coding: [{ system: 'https://example.org/rel', code: 'titular' }] },
    });
    expect(issuesAt(other, 'Coverage.relationship')).toEqual(['warning binding']);
    expect(other.find((i) => i.rule === 'binding')?.message.en).toMatch(/extensible value set/);
  });

  it('extensible: a code its own complete CodeSystem lacks is an error (no coding can fit)', () => {
    const bogus = validate({ relationship: { coding: [{ system: SUBSCRIBER, code: 'selff' }] } });
    expect(issuesAt(bogus, 'Coverage.relationship')).toEqual(['error binding']);
    expect(bogus.find((i) => i.rule === 'binding')?.message.es).toMatch(/no existe/);
  });

  it('preferred: a code outside the ValueSet is information, never an error', () => {
    expect(issuesAt(validate({ language: 'xx-ZZ' }), 'Coverage.language')).toEqual([
      'information binding',
    ]);
    expect(issuesAt(validate({ language: 'es' }), 'Coverage.language')).toEqual([]);
  });

  it('example: nothing is reported', () => {
    const cost = {
      costToBeneficiary: [
        { valueMoney: { value: 1 }, exception: [{ type: { coding: [{ code: 'nope' }] } }] },
      ],
    };
    expect(validate(cost).filter((i) => i.rule === 'binding')).toEqual([]);
  });

  it('required: outside the ValueSet is an error', () => {
    expect(issuesAt(validate({ status: 'current' }), 'Coverage.status')).toEqual(['error binding']);
  });

  it('a required ValueSet that cannot be expanded offline is a warning naming it', () => {
    const money = validate({
      costToBeneficiary: [{ valueMoney: { value: 10, currency: 'PEN' } }],
    });
    const at = 'Coverage.costToBeneficiary[0].valueMoney.currency';
    expect(issuesAt(money, at)).toEqual(['warning value-set-unavailable']);
    expect(money.find((i) => i.expression === at)?.message.en).toMatch(
      /ValueSet\/currencies cannot be expanded offline/,
    );
  });

  it('an extensible ValueSet that cannot be expanded offline is a warning too', () => {
    const patient = { resourceType: 'Patient', maritalStatus: { coding: [{ code: 'M' }] } };
    expect(issuesAt(testValidator().validate(patient), 'Patient.maritalStatus')).toEqual([
      'warning value-set-unavailable',
    ]);
  });
});
