import { QUERY_TYPES, type QueryType } from '../model/con-ase-270.ts';
import { FORMATS, oneOf, pattern, required, type FieldRule } from './field-rule.ts';
import { HEADER_RULES, PARTY_RULES } from './header-rules.ts';

const QUALIFIERS = ['1', '2'];

/** 270_CON_ASE rules common to every PRV-03 sub-type. */
const COMMON: readonly FieldRule[] = [
  ...HEADER_RULES,
  required('0108', 'ipressQualifier', 'sender qualifier (NM1*PR-02) missing'),
  oneOf('0758', 'ipressQualifier', QUALIFIERS),
  ...PARTY_RULES,
  required('0115', 'queryType', 'query type (PRV-03) missing'),
  oneOf('0765', 'queryType', QUERY_TYPES),
  required('0116', 'iafasQualifier', 'receiver qualifier (NM1*1P-02) missing'),
  oneOf('0766', 'iafasQualifier', QUALIFIERS, 'inferred'),
  required('0150', 'patient.qualifier', 'patient qualifier (NM1*IL-02) missing'),
  oneOf('0810', 'patient.qualifier', QUALIFIERS, 'ours'),
  pattern('0801', 'patient.surname', FORMATS.surname),
  pattern('0805', 'patient.givenNames', FORMATS.names, 'ours'),
  pattern('0809', 'patient.affiliateCode', FORMATS.affiliate, 'ours'),
  pattern('0806', 'documentType', FORMATS.docType),
  {
    ...pattern('0807', 'documentNumber', FORMATS.dni),
    when: { sibling: 'documentType', equals: '1' },
  },
];

/** CN (by name): a surname with given names, or a document (validator branch `CN`). */
const BY_NAME: readonly FieldRule[] = [
  required('0151', 'patient.surname', 'surname missing (search by name)'),
  required('0152', 'patient.givenNames', 'given names missing (search by name)'),
];

/** CC, CD, CO, CM, CP, RD, RS: the affiliate code identifies the insured. */
const BY_CODE: readonly FieldRule[] = [
  required('0153', 'patient.affiliateCode', 'affiliate code (NM1*IL-09) missing'),
];

/** The rules for one sub-type; an unknown sub-type gets the common rules (0765 reports it). */
export function requestRules(queryType: string | undefined): readonly FieldRule[] {
  if (queryType === undefined || !(QUERY_TYPES as readonly string[]).includes(queryType)) {
    return COMMON;
  }
  const subtype = queryType as QueryType;
  return [...COMMON, ...(subtype === 'CN' ? BY_NAME : BY_CODE)];
}
