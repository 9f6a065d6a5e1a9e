import { segment } from '../layout/define-layout.ts';
import type { LayoutEntry } from '../layout/layout-types.ts';
import type { ConObs271 } from '../model/con-obs-271.ts';
import { answerHead, nm1Patient } from './common.ts';

const seg = segment<ConObs271>;

/** 271_CON_OBS (romeldev `In271ConObsToX12.php`). */
export const CON_OBS_271: readonly LayoutEntry[] = [
  ...answerHead('SV', '1'),
  nm1Patient(['IL', '3']),
  seg('EB', { fields: { benefitInfo: '01', coverageSubtypeCode: '05' } }),
  seg('MSG', { fields: { message1: '01' } }),
  seg('MSG', { fields: { message2: '01' } }),
];
