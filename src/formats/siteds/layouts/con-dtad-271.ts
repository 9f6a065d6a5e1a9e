import { segment } from '../layout/define-layout.ts';
import type { LayoutEntry } from '../layout/layout-types.ts';
import type { ConDtad271 } from '../model/con-dtad-271.ts';
import { answerHead, nm1Patient } from './common.ts';

const seg = segment<ConDtad271>;

/** 271_CON_DTAD (romeldev `In271ConDtadToX12.php`). */
export const CON_DTAD_271: readonly LayoutEntry[] = [
  ...answerHead('SV', '1'),
  nm1Patient(['IL', '3']),
  seg('N3', { fields: { addressLine1: '01', addressLine2: '02' } }),
  seg('N4', { fields: { locationQualifier: '05', ubigeo: '06' } }),
  seg('PER', { match: { '01': 'IC' }, fields: { contactName: '02' } }),
  seg('PER', {
    match: { '01': 'IP' },
    emit: { '03': 'EM', '05': 'TE' },
    fields: { contactEmail: '04', contactPhone: '06' },
  }),
  seg('NM1', {
    match: { '01': 'CA' },
    fields: {
      'relatedParty.qualifier': '02',
      'relatedParty.surnameOrName': '03',
      'relatedParty.givenNames': '04',
      'relatedParty.maternalSurname': '12',
    },
  }),
];
