import { group } from '../layout/define-layout.ts';
import type { LayoutEntry } from '../layout/layout-types.ts';
import type { ResDeriva271 } from '../model/res-deriva-271.ts';
import { answerHead, nm1Patient } from './common.ts';

/** 271_RES_DERIVA (romeldev `In271ResDerivaToX12.php`): one NM1*IL loop per referral. */
export const RES_DERIVA_271: readonly LayoutEntry[] = [
  ...answerHead('SV', '0'),
  group<ResDeriva271, 'referrals'>('referrals', (seg) => [
    nm1Patient(['IL', '3']),
    seg('REF', {
      match: { '01': 'DD', '04-1': '4A' },
      fields: { documentType: '02', documentNumber: '04-2' },
    }),
    seg('REF', { match: { '01': 'ZZ' }, fields: { relationshipCode: '02' } }),
    seg('REF', {
      match: { '01': 'DD', '04-1': 'XX5' },
      fields: { employerDocumentType: '02', employerDocumentNumber: '04-2' },
    }),
    seg('REF', { match: { '01': 'BB' }, fields: { attentionNumber: '02', message: '03' } }),
    seg('REF', { match: { '01': 'PRT' }, fields: { productCode: '02', productDescription: '03' } }),
    seg('REF', {
      match: { '01': 'D7' },
      emit: { '04-1': 'ZZ' },
      fields: { coverageTypeCode: '02', coverageSubtypeCode: '04-2' },
    }),
    seg('DTP', { match: { '01': '382', '02': 'D8' }, fields: { careDate: '03' } }),
    seg('NM1', {
      match: { '01': 'C9' },
      emit: { '02': '2' },
      emitWhen: { '08': ['MI', '09'] },
      fields: { placeOfCareName: '03' },
    }),
    seg('REF', { match: { '01': 'EI' }, fields: { placeOfCareCode: '02' } }),
    seg('REF', {
      match: { '01': 'DD' },
      fields: {
        contractorDocumentType: '02',
        contractorIdQualifier: '04-1',
        contractorId: '04-2',
      },
    }),
  ]),
];
