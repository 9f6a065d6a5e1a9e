import { describe, expect, it } from 'vitest';
import { QUERY_TYPES } from '../../../src/formats/siteds/model/con-ase-270.ts';
import type { SitedsTransactionName } from '../../../src/formats/siteds/transactions.ts';
import { ANSWER_RULES } from '../../../src/formats/siteds/validation/answer-rules.ts';
import type { FieldRule } from '../../../src/formats/siteds/validation/field-rule.ts';
import { requestRules } from '../../../src/formats/siteds/validation/request-rules.ts';
import { validateSitedsModel } from '../../../src/formats/siteds/validation/validate-siteds-model.ts';
import { readVector } from './siteds-vectors.ts';

/** A value no SITEDS format accepts: not digits, not 1–2 characters, longer than 60. */
const BAD = 'Z#'.repeat(40);

/** Sets `value` at a rule path in a copy of `model` (`matches[].x` → first item). */
function withValue(model: unknown, path: string, value: string): unknown {
  const copy = structuredClone(model) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  const keys = path.replace(/\[\]/g, '.0').split('.');
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]!] = value;
  return copy;
}

function breaking(rule: FieldRule): string {
  return rule.check.kind === 'required' ? '' : BAD;
}

interface Case {
  readonly name: SitedsTransactionName;
  readonly vector: string;
  readonly rule: FieldRule;
}

const REQUEST_CASES: Case[] = QUERY_TYPES.flatMap((subtype) =>
  requestRules(subtype).map((rule) => ({
    name: '270_CON_ASE' as const,
    vector: `270_CON_ASE.${subtype}`,
    rule,
  })),
);
const ANSWER_CASES: Case[] = Object.entries(ANSWER_RULES).flatMap(([name, rules]) =>
  rules.map((rule) => ({ name: name as SitedsTransactionName, vector: name, rule })),
);

describe('validateSitedsModel', () => {
  it.each([...REQUEST_CASES, ...ANSWER_CASES].map((c) => [c.vector, c.rule.code, c.rule.path, c]))(
    '%s: %s fails when %s is broken',
    (_vector, code, path, c) => {
      const model = withValue(readVector(c.vector), c.rule.path, breaking(c.rule));
      const result = validateSitedsModel(c.name, model as never);
      const concrete = path.replace(/\[\]/g, '[0]');
      const issue = result.issues.find((i) => i.code === code && i.path === concrete);
      expect(issue, JSON.stringify(result.issues)).toBeDefined();
      expect(issue?.location).toMatch(/^(ISA|GS|ST|BHT|[A-Z][A-Z0-9]{1,2}[*-])/);
    },
  );

  it('answers 0000 with no issue for a valid model', () => {
    expect(validateSitedsModel('270_CON_ASE', readVector('270_CON_ASE.CC'))).toEqual({
      code: '0000',
      issues: [],
    });
  });

  it('collects every issue and answers with the first one’s code', () => {
    let model = withValue(readVector('270_CON_ASE.CC'), 'senderId', '');
    model = withValue(model, 'patient.affiliateCode', '');
    model = withValue(model, 'accidentDate', '20211301');
    const result = validateSitedsModel('270_CON_ASE', model as never);
    expect(result.code).toBe('0101');
    expect(result.issues.map((i) => [i.code, i.location])).toEqual([
      ['0101', 'ISA-06'],
      ['0153', 'NM1*IL NM1-09'],
      ['0808', 'DTP*447 (02 D8) DTP-03'],
    ]);
  });

  it('checks the DNI number only when the document type is DNI (1)', () => {
    const shortDni = withValue(readVector('270_CON_ASE.CN'), 'documentNumber', '1234567');
    expect(validateSitedsModel('270_CON_ASE', shortDni as never).code).toBe('0807');
    const passport = withValue(shortDni, 'documentType', '7');
    expect(validateSitedsModel('270_CON_ASE', passport as never).code).toBe('0000');
  });

  it('asks a CN query for names and a CC query for the affiliate code, not the other way', () => {
    const noCode = withValue(readVector('270_CON_ASE.CN'), 'patient.affiliateCode', '');
    expect(validateSitedsModel('270_CON_ASE', noCode as never).code).toBe('0000');
    const noNames = withValue(readVector('270_CON_ASE.CC'), 'patient.givenNames', '');
    expect(validateSitedsModel('270_CON_ASE', noNames as never).code).toBe('0000');
    const unknown = withValue(readVector('270_CON_ASE.CC'), 'queryType', 'XX');
    expect(validateSitedsModel('270_CON_ASE', unknown as never).code).toBe('0765');
  });

  it('checks every date of a 271, in loops too (0808)', () => {
    const model = withValue(
      readVector('271_CON_COD'),
      'coverages[].waitingPeriodEndDate',
      '2020-06-01',
    );
    const result = validateSitedsModel('271_CON_COD', model as never);
    expect(result.issues).toEqual([
      {
        code: '0808',
        path: 'coverages[0].waitingPeriodEndDate',
        location: 'DTP*338 (02 D8) DTP-03',
        message: '"2020-06-01" must be a date YYYYMMDD',
      },
    ]);
  });
});
