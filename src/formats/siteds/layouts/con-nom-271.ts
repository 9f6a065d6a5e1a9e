import { group } from '../layout/define-layout.ts';
import type { LayoutEntry } from '../layout/layout-types.ts';
import type { ConNom271 } from '../model/con-nom-271.ts';
import { answerHead, contractor, nm1Patient } from './common.ts';

/** 271_CON_NOM (romeldev `ConNom271ToX12.php`): one NM1*IL loop per matching insured. */
export const CON_NOM_271: readonly LayoutEntry[] = [
  ...answerHead('FI', '0'),
  group<ConNom271, 'matches'>('matches', (seg) => [
    nm1Patient(['IL', '3']),
    seg('REF', { match: { '01': 'ACC' }, fields: { patientStatus: '02' } }),
    seg('REF', {
      match: { '01': 'DD', '04-1': '4A' },
      fields: { documentType: '02', documentNumber: '04-2' },
    }),
    seg('REF', { match: { '01': 'CT' }, fields: { contractNumber: '02' } }),
    seg('REF', {
      match: { '01': 'PRT' },
      emit: { '04-1': 'ZZ' },
      fields: { productCode: '02', productDescription: '03', sctrNumber: '04-2' },
    }),
    seg('REF', { match: { '01': 'ZZ' }, fields: { relationshipCode: '02' } }),
    seg('REF', { match: { '01': '18' }, fields: { planNumber: '02' } }),
    seg('DMG', {
      match: { '01': 'D8' },
      fields: { birthDate: '02', gender: '03', maritalStatus: '04' },
    }),
    ...contractor('XX5'),
  ]),
];
