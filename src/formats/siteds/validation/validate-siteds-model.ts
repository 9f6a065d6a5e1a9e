import { locateField } from '../layout/describe-layout.ts';
import {
  SITEDS_TRANSACTIONS,
  type SitedsModels,
  type SitedsTransactionName,
} from '../transactions.ts';
import { ANSWER_RULES } from './answer-rules.ts';
import { expandPath, siblingPath } from './expand-path.ts';
import { FORMATS, type FieldRule } from './field-rule.ts';
import { requestRules } from './request-rules.ts';

/** One validation problem: SUSALUD-style code, model path, where it travels in X12, what is wrong. */
export interface SitedsIssue {
  readonly code: string;
  readonly path: string;
  readonly location: string;
  readonly message: string;
}

/** `code` is `0000` when valid, otherwise the first issue's code (SUSALUD answers with one). */
export interface SitedsValidation {
  readonly code: string;
  readonly issues: readonly SitedsIssue[];
}

const HEADER_LOCATIONS: Readonly<Record<string, string>> = {
  senderId: 'ISA-06',
  receiverId: 'ISA-08',
  transactionDate: 'GS-04',
  transactionTime: 'GS-05',
  interchangeControlNumber: 'ISA-13',
  groupControlNumber: 'GS-06',
  transactionControlNumber: 'ST-02',
  transactionSetId: 'ST-01',
  usage: 'ISA-15',
};

/** Date fields other than the envelope date: `YYYYMMDD`, code 0808 (ours). */
const DATE_CODE = '0808';

/**
 * Validates a SITEDS model with SUSALUD-style codes: every rule of the transaction (and, for
 * 270_CON_ASE, of its PRV-03 sub-type) is checked and every issue collected with its location.
 */
export function validateSitedsModel<N extends SitedsTransactionName>(
  name: N,
  model: SitedsModels[N],
): SitedsValidation {
  const rules = rulesFor(name, model);
  const locate = (path: string): string =>
    HEADER_LOCATIONS[path] ?? locateField(SITEDS_TRANSACTIONS[name].layout, path) ?? path;
  const issues = [...rules.flatMap((rule) => applyRule(rule, model)), ...checkDates(model)].map(
    (i) => ({ ...i, location: locate(i.path) }),
  );
  return { code: issues[0]?.code ?? '0000', issues };
}

function applyRule(rule: FieldRule, model: unknown): Omit<SitedsIssue, 'location'>[] {
  return expandPath(model, rule.path)
    .filter(({ path, value }) => fails(rule, value) && applies(rule, model, path))
    .map(({ path, value }) => ({
      code: rule.code,
      path,
      message: rule.check.kind === 'required' ? rule.message : `"${value}" ${rule.message}`,
    }));
}

function fails(rule: FieldRule, value: string): boolean {
  switch (rule.check.kind) {
    case 'required':
      return value === '';
    case 'pattern':
      return value !== '' && !rule.check.pattern.test(value);
    case 'oneOf':
      return value !== '' && !rule.check.values.includes(value);
  }
}

function applies(rule: FieldRule, model: unknown, path: string): boolean {
  if (rule.when === undefined) {
    return true;
  }
  const sibling = expandPath(model, siblingPath(path, rule.when.sibling))[0]?.value;
  return sibling === rule.when.equals;
}

function checkDates(model: unknown, prefix = ''): Omit<SitedsIssue, 'location'>[] {
  if (typeof model !== 'object' || model === null) {
    return [];
  }
  return Object.entries(model).flatMap(([key, value]) => {
    const path = `${prefix}${key}`;
    if (Array.isArray(value)) {
      return value.flatMap((item, i) => checkDates(item, `${path}[${i}].`));
    }
    if (typeof value === 'object') {
      return checkDates(value, `${path}.`);
    }
    const isDate = key.endsWith('Date') && key !== 'transactionDate';
    return isDate && typeof value === 'string' && !FORMATS.date.pattern.test(value)
      ? [{ code: DATE_CODE, path, message: `"${value}" must be ${FORMATS.date.expected}` }]
      : [];
  });
}

function rulesFor(name: SitedsTransactionName, model: unknown): readonly FieldRule[] {
  if (name === '270_CON_ASE') {
    return requestRules((model as SitedsModels['270_CON_ASE']).queryType);
  }
  return ANSWER_RULES[name];
}
