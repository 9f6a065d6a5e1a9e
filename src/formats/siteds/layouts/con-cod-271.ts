import { group, segment } from '../layout/define-layout.ts';
import type { LayoutEntry } from '../layout/layout-types.ts';
import type { ConCod271 } from '../model/con-cod-271.ts';
import { BHT, contractor, hl, nm1Ipress271, nm1Patient, NM1_PR_271 } from './common.ts';

const seg = segment<ConCod271>;

/** The EB loop of 271_CON_COD: one coverage line (domain.md §1.5). */
const COVERAGES = group<ConCod271, 'coverages'>('coverages', (line) => [
  line('EB', {
    match: { '13-1': 'ZZ' },
    fields: {
      benefitInfo: '01',
      coverageNumber: '05',
      initialMaxBenefit: '07',
      coverageAmount: '08',
      restrictionCode: '09',
      serviceQuantity: '10',
      productId: '13-2',
    },
  }),
  line('REF', {
    match: { '01': 'D7' },
    emit: { '04-1': 'ZZ' },
    fields: { coverageTypeCode: '02', coverageSubtypeCode: '04-2' },
  }),
  line('MSG', { fields: { observations: '01' } }),
  line('MSG', { fields: { specialConditions: '01' } }),
  line('EB', {
    match: { '01': 'C' },
    fields: {
      currencyCode: '05',
      fixedCopay: '07',
      serviceQualifierCode: '09',
      serviceQualifierQuantity: '10',
    },
  }),
  line('EB', { match: { '01': '1' }, unless: { '13-1': 'ZZ' }, fields: { variableCopay: '08' } }),
  line('EB', {
    unless: { '13-1': 'ZZ' },
    fields: { guaranteeLetterFlag: '01', guaranteeLetterDescription: '05' },
  }),
  line('DTP', { match: { '01': '327', '02': 'D8' }, fields: { qualifyingPeriodEndDate: '03' } }),
  line('DTP', { match: { '01': '338', '02': 'D8' }, fields: { waitingPeriodEndDate: '03' } }),
]);

/** 271_CON_COD (domain.md §1.5; romeldev `ConCod271ToX12.php`): patient is NM1*3. */
export const CON_COD_271: readonly LayoutEntry[] = [
  BHT,
  hl('1', '', '20', '1'),
  NM1_PR_271,
  seg('REF', {
    match: { '01': 'OL' },
    emit: { '04-1': 'Y8' },
    fields: { iafasUser: '02', iafasPassword: '04-2' },
  }),
  seg('DTP', { match: { '01': '163', '02': 'D8' }, fields: { photoUpdateDate: '03' } }),
  hl('2', '1', '21', '1'),
  nm1Ipress271('FI'),
  hl('3', '2', '22', '0'),
  nm1Patient(['3', 'IL']),
  seg('REF', { match: { '01': 'ACC' }, fields: { patientStatus: '02' } }),
  seg('REF', {
    match: { '01': 'DD', '04-1': '4A' },
    fields: { documentType: '02', documentNumber: '04-2' },
  }),
  seg('REF', { match: { '01': 'EI' }, fields: { identificationNumber: '02' } }),
  seg('REF', {
    match: { '01': 'CT' },
    emit: { '04-1': 'AZ', '04-3': 'ID', '04-5': 'TY' },
    fields: {
      contractNumber: '02',
      policyNumber: '04-2',
      certificateNumber: '04-4',
      policyType: '04-6',
    },
  }),
  seg('REF', {
    match: { '01': 'PRT' },
    fields: { productCode: '02', productDescription: '03' },
  }),
  seg('REF', {
    match: { '01': '18' },
    emit: { '04-1': 'IMP', '04-3': 'ZZ' },
    fields: { planNumber: '02', healthPlanType: '04-2', currencyCode: '04-4' },
  }),
  seg('REF', {
    match: { '01': 'ZZ' },
    unless: { '04-1': '3B' },
    fields: { relationshipCode: '02' },
  }),
  seg('REF', {
    match: { '01': 'ZZ', '04-1': '3B' },
    fields: { benefitOverride: '02', benefitOverrideNumber: '04-2' },
  }),
  seg('DMG', {
    match: { '01': 'D8' },
    fields: { birthDate: '02', gender: '03', maritalStatus: '04' },
  }),
  seg('DTP', { match: { '01': '356', '02': 'D8' }, fields: { coverageStartDate: '03' } }),
  seg('DTP', { match: { '01': '357', '02': 'D8' }, fields: { coverageEndDate: '03' } }),
  ...contractor('XX5'),
  seg('NM1', {
    match: { '01': 'C9' },
    emitWhen: { '08': ['MI', '09'] },
    fields: {
      'titular.qualifier': '02',
      'titular.surname': '03',
      'titular.givenNames': '04',
      'titular.affiliateCode': '09',
      'titular.maternalSurname': '12',
    },
  }),
  seg('REF', {
    match: { '01': 'DD', '04-1': '4A' },
    fields: { 'titular.documentType': '02', 'titular.documentNumber': '04-2' },
  }),
  seg('DTP', { match: { '01': '382', '02': 'D8' }, fields: { 'titular.enrolmentDate': '03' } }),
  COVERAGES,
];
