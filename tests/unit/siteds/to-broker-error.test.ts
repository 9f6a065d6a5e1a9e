import { describe, expect, it } from 'vitest';
import { readSitedsX12 } from '../../../src/formats/siteds/read-siteds-x12.ts';
import {
  validationToBrokerError,
  x12IssuesToBrokerError,
} from '../../../src/formats/siteds/to-broker-error.ts';
import { validateSitedsModel } from '../../../src/formats/siteds/validation/validate-siteds-model.ts';
import { readVector, vectorText } from './siteds-vectors.ts';

describe('SITEDS failures as broker errors', () => {
  it('turns X12 issues into BRK_SITEDS_X12_INVALID with one located issue each', () => {
    const result = readSitedsX12(
      '271_CON_OBS',
      vectorText('271_CON_OBS').replace('SE*12*', 'SE*2*'),
    );
    expect(result.ok).toBe(false);
    const error = x12IssuesToBrokerError(result.ok ? [] : result.issues);
    expect(error.code).toBe('BRK_SITEDS_X12_INVALID');
    expect(error.spec.coError).toBe('0020');
    expect(error.issues).toEqual([
      {
        detail: 'segment count "2" but the transaction set has 12 (ST to SE)',
        expression: 'SE[14]/SE-01',
      },
    ]);
  });

  it('turns a failed validation into BRK_SITEDS_VALIDATION_FAILED keeping each SUSALUD code', () => {
    const model = { ...readVector<'270_CON_ASE'>('270_CON_ASE.CC'), ipressRuc: '00000000000' };
    const error = validationToBrokerError(validateSitedsModel('270_CON_ASE', model));
    expect(error.code).toBe('BRK_SITEDS_VALIDATION_FAILED');
    expect(error.issues).toEqual([
      {
        detail: '0761 ipressRuc: "00000000000" must be 2 to 20 digits, not all zeros',
        expression: 'NM1*PR NM1-09',
      },
    ]);
  });
});
