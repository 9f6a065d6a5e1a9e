import { group } from '../layout/define-layout.ts';
import type { LayoutEntry } from '../layout/layout-types.ts';
import type { ConMed271 } from '../model/con-med-271.ts';
import { answerHead, nm1Patient } from './common.ts';

/**
 * 271_CON_MED (romeldev `ConMed271ToX12.php`). SUSALUD's library repeats the patient NM1 before
 * each condition; we write it once (X12 2100C/2110C) and report the repeats as unmapped.
 */
export const CON_MED_271: readonly LayoutEntry[] = [
  ...answerHead('SV', '0'),
  nm1Patient(['IL', '3']),
  group<ConMed271, 'conditions'>(
    'conditions',
    (seg) => [
      seg('EB', {
        match: { '01': 'W' },
        emit: { '13-1': 'ZZ' },
        fields: { diagnosisCode: '03', restrictionCode: '13-2' },
      }),
      seg('REF', { match: { '01': '82' }, fields: { restrictionDescription: '03' } }),
      seg('MSG', {
        emit: { '02': 'LC' },
        fields: { observation: '01', observationSource: '03' },
      }),
      seg('EB', { unless: { '01': 'W' }, fields: { coverageStatus: '01', amount: '08' } }),
      seg('DTP', { match: { '01': '150', '02': 'D8' }, fields: { waitingEndDate: '03' } }),
    ],
    nm1Patient(['IL', '3']),
  ),
];
