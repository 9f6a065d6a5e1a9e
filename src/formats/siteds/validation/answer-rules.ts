import type { SitedsTransactionName } from '../transactions.ts';
import { FORMATS, oneOf, pattern, required, type FieldRule } from './field-rule.ts';
import { HEADER_RULES, PARTY_RULES } from './header-rules.ts';

const QUALIFIERS = ['1', '2'];

const COMMON: readonly FieldRule[] = [
  ...HEADER_RULES,
  required('0108', 'iafasQualifier', 'sender qualifier (NM1*PR-02) missing'),
  oneOf('0758', 'iafasQualifier', QUALIFIERS),
  required('0116', 'ipressQualifier', 'receiver qualifier (NM1*1P-02) missing'),
  oneOf('0766', 'ipressQualifier', QUALIFIERS, 'inferred'),
  ...PARTY_RULES,
];

function patientRules(prefix: string, hasDocument = false): FieldRule[] {
  const documentRules = hasDocument
    ? [pattern('0806', `${prefix}documentType`, FORMATS.docType)]
    : [];
  return [
    required('0150', `${prefix}patient.qualifier`, 'patient qualifier missing'),
    oneOf('0810', `${prefix}patient.qualifier`, QUALIFIERS, 'ours'),
    required('0153', `${prefix}patient.affiliateCode`, 'affiliate code missing'),
    pattern('0801', `${prefix}patient.surname`, FORMATS.surname),
    pattern('0809', `${prefix}patient.affiliateCode`, FORMATS.affiliate, 'ours'),
    ...documentRules,
  ];
}

/** Rules of each 271 answer: the envelope, both parties, and the insured where the answer has one. */
export const ANSWER_RULES: Readonly<
  Record<Exclude<SitedsTransactionName, '270_CON_ASE'>, readonly FieldRule[]>
> = {
  '271_CON_NOM': [...COMMON, ...patientRules('matches[].', true)],
  '271_CON_COD': [
    ...COMMON,
    ...patientRules('', true),
    required('0151', 'patient.surname', 'surname missing'),
  ],
  '271_CON_DTAD': [...COMMON, ...patientRules('')],
  '271_CON_OBS': [...COMMON, ...patientRules('')],
  '271_CON_MED': [...COMMON, ...patientRules('')],
  '271_CON_PROC': [...COMMON, ...patientRules('')],
  '271_RES_DERIVA': [...COMMON, ...patientRules('referrals[].', true)],
  '271_RES_SCTR': [...COMMON, ...patientRules('', true)],
};
