import type { FieldInput, SegmentInput } from '../build-message.ts';
import { fhirToDtm, type Hl7Cx, type Hl7Insurance, type Hl7Patient } from './rqi-model.ts';

/**
 * PID from the model (PID-1 set ID 1; PID-5 name type L, legal). PID-5 is required: without a
 * name it is HL7's explicit null `""` (a FHIR request may name the patient by DNI only).
 */
export function pidSegment(p: Hl7Patient): SegmentInput {
  const noName = p.family === undefined && p.given === undefined;
  return {
    name: 'PID',
    fields: {
      1: '1',
      3: { repeat: p.identifiers.map(cxField) },
      5: noName ? NULL : [p.family ?? '', p.given ?? '', '', '', '', '', 'L'],
      7: p.birthDate,
      8: p.sex,
    },
  };
}

/** HL7's explicit null. */
const NULL = { raw: '""' } as const;

/** A CX repetition: value ^^^ authority&OID&ISO ^ type. */
export function cxField(cx: Hl7Cx): readonly (string | readonly string[])[] {
  const hd = [cx.authority ?? '', cx.authorityId ?? '', cx.authorityIdType ?? ''];
  return [cx.value, '', '', hd, cx.type ?? ''];
}

/**
 * IN1 with set ID `setId`; the plan coding system is our local `99PLN`, the authority SUSALUD.
 * IN1-2 is required: `""` (explicit null) when the plan is not known, as when asking.
 */
export function in1Segment(
  setId: number,
  i: Hl7Insurance & { readonly verified?: string; readonly status?: string },
): SegmentInput {
  const fields: Record<number, FieldInput | undefined> = {
    1: String(setId),
    2: i.planId === undefined ? NULL : [i.planId, i.planName ?? '', '99PLN'],
    3: i.companyId === undefined ? undefined : [i.companyId, '', '', 'SUSALUD', 'NIIP'],
    4: i.companyName,
    12: i.effective,
    13: i.expiration,
    17: i.relationship === undefined ? undefined : [i.relationship, '', 'HL70063'],
    29: i.verified === undefined ? undefined : fhirToDtm(i.verified),
    36: i.policyNumber,
    45: i.status,
    49: i.insuredId,
  };
  return { name: 'IN1', fields };
}
