import type { SitedsModels } from '../transactions.ts';

/** The 271 answers, by name. */
export type AnswerName = Exclude<keyof SitedsModels, '270_CON_ASE'>;

/** Any 271 answer model. */
export type Answer271 = SitedsModels[AnswerName];

/** The 271 that answers each PRV-03 query type. */
export const ANSWER_BY_QUERY_TYPE: Readonly<Record<string, AnswerName>> = {
  CN: '271_CON_NOM',
  CC: '271_CON_COD',
  CD: '271_CON_DTAD',
  CO: '271_CON_OBS',
  CM: '271_CON_MED',
  CP: '271_CON_PROC',
  RD: '271_RES_DERIVA',
  RS: '271_RES_SCTR',
};

/** The mapping spec (mappings/siteds/) of each 271. */
export const ANSWER_SPECS: Readonly<Record<AnswerName, string>> = {
  '271_CON_NOM': 'siteds-271-con-nom-to-fhir',
  '271_CON_COD': 'siteds-271-con-cod-to-fhir',
  '271_CON_DTAD': 'siteds-271-con-dtad-to-fhir',
  '271_CON_OBS': 'siteds-271-con-obs-to-fhir',
  '271_CON_MED': 'siteds-271-con-med-to-fhir',
  '271_CON_PROC': 'siteds-271-con-proc-to-fhir',
  '271_RES_DERIVA': 'siteds-271-res-deriva-to-fhir',
  '271_RES_SCTR': 'siteds-271-res-sctr-to-fhir',
};

/** Whether `name` is a 271 answer the mappings know. */
export function isAnswerName(name: string): name is AnswerName {
  return Object.hasOwn(ANSWER_SPECS, name);
}
