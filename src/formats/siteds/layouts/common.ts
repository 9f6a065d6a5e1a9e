import { segment } from '../layout/define-layout.ts';
import type { SegmentSpec } from '../layout/layout-types.ts';
import type { SitedsHeader } from '../model/header.ts';
import type { Contractor, Parties271, PersonName } from '../model/parties.ts';

/** BHT: BHT-01 `0022`, BHT-02 purpose (tiFinalidad). */
export const BHT = segment<SitedsHeader>('BHT', {
  match: { '01': '0022' },
  fields: { purpose: '02' },
  always: true,
});

/** HL: matched on HL-03 (20 source, 21 receiver, 22 subscriber); HL-01/02/04 written as SUSALUD does. */
export function hl(id: string, parent: string, level: string, child: string): SegmentSpec {
  return segment('HL', {
    match: { '03': level },
    emit: { '01': id, '02': parent, '04': child },
    always: true,
  });
}

/** The 271 payer loop: NM1*PR carries the IAFAS code (PI). */
export const NM1_PR_271 = segment<Parties271>('NM1', {
  match: { '01': 'PR' },
  emitWhen: { '08': ['PI', '09'] },
  fields: { iafasQualifier: '02', iafasCode: '09' },
  always: true,
});

/** The 271 receiver loop: NM1*1P carries the IPRESS RUC; NM1-08 is `FI` or `SV` by transaction. */
export function nm1Ipress271(idQualifier: 'FI' | 'SV'): SegmentSpec {
  return segment<Parties271>('NM1', {
    match: { '01': '1P' },
    emitWhen: { '08': [idQualifier, '09'] },
    fields: { ipressQualifier: '02', ipressRuc: '09' },
    always: true,
  });
}

/**
 * The patient NM1 (`IL`, or `3` in 271_CON_COD); a 271 reader accepts either, and the first of
 * `entityCodes` is written.
 */
export function nm1Patient(entityCodes: readonly string[]): SegmentSpec {
  return segment<{ patient?: PersonName }>('NM1', {
    match: { '01': entityCodes },
    emitWhen: { '08': ['MI', '09'] },
    fields: {
      'patient.qualifier': '02',
      'patient.surname': '03',
      'patient.givenNames': '04',
      'patient.affiliateCode': '09',
      'patient.maternalSurname': '12',
    },
    always: true,
  });
}

/** NM1*P5 (the contratante) and its REF*DD; `idQualifier` fixes REF-04-1 when SITEDS does. */
export function contractor(idQualifier?: string): readonly SegmentSpec[] {
  const ref =
    idQualifier === undefined
      ? { fields: { 'contractor.idQualifier': '04-1', 'contractor.id': '04-2' } as const }
      : { match: { '04-1': idQualifier }, fields: { 'contractor.id': '04-2' } as const };
  return [
    segment<{ contractor?: Contractor }>('NM1', {
      match: { '01': 'P5' },
      fields: {
        'contractor.qualifier': '02',
        'contractor.surnameOrName': '03',
        'contractor.givenNames': '04',
        'contractor.maternalSurname': '12',
      },
    }),
    segment<{ contractor?: Contractor }>('REF', {
      ...ref,
      match: { '01': 'DD', ...ref.match },
      fields: { 'contractor.documentType': '02', ...ref.fields },
    }),
  ];
}

/**
 * The loops every 271 opens with (except CON_COD, which adds segments to the IAFAS loop): BHT,
 * the IAFAS (HL 20, NM1*PR), the IPRESS (HL 21, NM1*1P with `ipressIdQualifier`), and the insured's
 * HL 22 (`childCode`: 1 when the insured has sub-levels, as SUSALUD's library writes).
 */
export function answerHead(
  ipressIdQualifier: 'FI' | 'SV',
  childCode: '0' | '1',
): readonly SegmentSpec[] {
  return [
    BHT,
    hl('1', '', '20', '1'),
    NM1_PR_271,
    hl('2', '1', '21', '1'),
    nm1Ipress271(ipressIdQualifier),
    hl('3', '2', '22', childCode),
  ];
}
