import { group, segment } from '../layout/define-layout.ts';
import type { LayoutEntry } from '../layout/layout-types.ts';
import type { ResSctr271 } from '../model/res-sctr-271.ts';
import { answerHead, nm1Patient } from './common.ts';

/** 271_RES_SCTR (romeldev `In271ResSctrToX12.php`): one NM1*C9 pair per SCTR record. */
export const RES_SCTR_271: readonly LayoutEntry[] = [
  ...answerHead('SV', '1'),
  nm1Patient(['IL', '3']),
  segment<ResSctr271>('REF', {
    match: { '01': 'DD' },
    emit: { '04-1': '4A' },
    fields: { documentType: '02', documentNumber: ['04-2', '03'] },
  }),
  group<ResSctr271, 'records'>('records', (seg) => [
    seg('NM1', {
      match: { '01': 'C9' },
      emitWhen: { '08': ['MI', '09'] },
      fields: { contractorQualifier: '02', contractorName: '03' },
    }),
    seg('REF', { match: { '01': 'EI' }, fields: { contractorCode: '02' } }),
    seg('REF', {
      match: { '01': 'DD', '02': '6' },
      fields: { contractorIdQualifier: '04-1', contractorId: '04-2' },
    }),
    seg('NM1', {
      match: { '01': 'C9' },
      fields: { placeOfCareQualifier: '02', placeOfCareName: '03' },
    }),
    seg('REF', { match: { '01': 'EI' }, fields: { placeOfCareCode: '02' } }),
    seg('REF', {
      match: { '01': 'DD', '02': '6' },
      fields: { placeOfCareIdQualifier: '04-1', placeOfCareId: '04-2' },
    }),
    seg('REF', { match: { '01': 'BB' }, fields: { placeOfCareRenipress: '02' } }),
    seg('REF', { match: { '01': '3H' }, fields: { accidentType: '02' } }),
    seg('DTP', { match: { '01': '382', '02': 'D8' }, fields: { affiliationDate: '03' } }),
    seg('DTP', { match: { '01': '382', '02': 'D8' }, fields: { accidentDate: '03' } }),
  ]),
];
