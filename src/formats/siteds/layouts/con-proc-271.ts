import { group } from '../layout/define-layout.ts';
import type { LayoutEntry } from '../layout/layout-types.ts';
import type { ConProc271 } from '../model/con-proc-271.ts';
import { answerHead, nm1Patient } from './common.ts';

/** 271_CON_PROC (romeldev `In271ConProcToX12.php`): one EB*1 … MSG loop per procedure. */
export const CON_PROC_271: readonly LayoutEntry[] = [
  ...answerHead('SV', '0'),
  nm1Patient(['IL', '3']),
  group<ConProc271, 'procedures'>('procedures', (seg) => [
    seg('EB', { match: { '01': '1' }, fields: { internalProcedureCode: '09' } }),
    seg('EB', { match: { '01': '1' }, fields: { internalRestrictionCode: '09' } }),
    seg('EB', {
      match: { '01': 'PE' },
      emit: { '09': '5U', '13-1': 'ZZ' },
      fields: {
        procedureCode: '03',
        deductible: '07',
        copayPercent: '08',
        frequency: '10',
        sex: '13-2',
      },
    }),
    seg('HSD', { match: { '01': '9S' }, fields: { days: '02' } }),
    seg('MSG', { emit: { '02': 'LC' }, fields: { observation: '01', observationSource: '03' } }),
    seg('EB', { match: { '01': 'TE' }, fields: { waitingTypeCode: '03' } }),
    seg('REF', { match: { '01': '82' }, fields: { waitingDescription: '03' } }),
    seg('DTP', { match: { '01': '327', '02': 'D8' }, fields: { waitingEndDate: '03' } }),
    seg('MSG', {
      emit: { '02': 'LC' },
      fields: { waitingMessage: '01', waitingMessageSource: '03' },
    }),
    seg('EB', { match: { '01': 'EC' }, fields: { qualifyingExemptionCode: '03' } }),
    seg('REF', { match: { '01': '82' }, fields: { qualifyingExemptionDescription: '03' } }),
    seg('MSG', {
      emit: { '02': 'LC' },
      fields: {
        qualifyingExemptionMessage: '01',
        qualifyingExemptionMessageSource: '03',
      },
    }),
  ]),
];
