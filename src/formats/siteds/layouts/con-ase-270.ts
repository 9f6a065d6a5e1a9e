import { segment } from '../layout/define-layout.ts';
import type { LayoutEntry } from '../layout/layout-types.ts';
import type { ConAse270 } from '../model/con-ase-270.ts';
import { BHT, contractor, hl, nm1Patient } from './common.ts';

const seg = segment<ConAse270>;

/** 270_CON_ASE (domain.md §1.4; SUSALUD `ConAse270_ToX12N`, romeldev `ConAse270ToX12.php`). */
export const CON_ASE_270: readonly LayoutEntry[] = [
  BHT,
  hl('1', '', '20', '1'),
  seg('NM1', {
    match: { '01': 'PR' },
    emitWhen: { '08': ['PI', '09'] },
    fields: { ipressQualifier: '02', ipressRuc: '09' },
    always: true,
  }),
  seg('PRV', { match: { '01': 'OR' }, fields: { queryType: '03' }, always: true }),
  hl('2', '1', '21', '1'),
  seg('NM1', {
    match: { '01': '1P' },
    emitWhen: { '08': ['FI', '09'] },
    fields: { iafasQualifier: '02', iafasCode: '09' },
    always: true,
  }),
  hl('3', '2', '22', '0'),
  nm1Patient(['IL']),
  seg('REF', { match: { '01': 'DD' }, fields: { documentType: '02' } }),
  seg('REF', { match: { '01': '4A' }, fields: { documentNumber: '02' } }),
  seg('REF', {
    match: { '01': 'PRT' },
    emit: { '04-1': 'ZZ' },
    fields: { productCode: '02', productDescription: '03', internalProductCode: '04-2' },
  }),
  seg('REF', {
    match: { '01': 'D7' },
    unless: { '04-1': 'ZZ' },
    fields: {
      coverageNumber: '02',
      coverageDescription: '03',
      serviceQualifier: '04-1',
      serviceQualifierCode: '04-2',
      initialMaxBenefit: '04-3',
    },
  }),
  seg('REF', {
    match: { '01': 'D7', '04-1': 'ZZ' },
    fields: { coverageTypeCode: '02', coverageSubtypeCode: '04-2' },
  }),
  seg('REF', { match: { '01': '8X' }, fields: { applicationCode: '02' } }),
  seg('REF', { match: { '01': 'S2' }, fields: { specialtyCode: '02' } }),
  seg('REF', { match: { '01': 'ZZ' }, fields: { relationshipCode: '02' } }),
  seg('REF', {
    match: { '01': '18' },
    emit: { '04-1': 'ZZ' },
    fields: { planNumber: '02', originAuthorizationNumber: '04-2' },
  }),
  seg('REF', { match: { '01': 'PRT' }, fields: { accidentType: '02' } }),
  seg('DTP', { match: { '01': '447', '02': 'D8' }, fields: { accidentDate: '03' } }),
  ...contractor(),
];
