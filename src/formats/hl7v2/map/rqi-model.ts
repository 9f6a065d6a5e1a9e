/**
 * The values of an RQI^I01 (or of the PID/IN1 of an RPI^I01) that the mapping specs in
 * `mappings/hl7v2/` read and write, as plain JSON: the HL7 positions are in the readers and
 * writers, the FHIR places in the specs. Dates are as sent (`YYYYMMDD`); `created` is already an
 * ISO 8601 date-time (MSH-7 converted by `dtmToFhir`).
 */
export interface RqiModel {
  /** MSH-7, when the message was created. */
  readonly created?: string;
  readonly provider: Hl7Provider;
  readonly patient: Hl7Patient;
  /** The first INSURANCE group: the insurer asked (one per query). */
  readonly insurance?: Hl7Insurance;
}

/** PRD: the asking IPRESS. */
export interface Hl7Provider {
  /** PRD-2.1. */
  readonly name?: string;
  /** PRD-7.1 of the repetition whose PRD-7.2 is `RENIPRESS`. */
  readonly renipress?: string;
  /** PRD-7.1 of the repetition whose PRD-7.2 is `RUC` (SUNAT, 11 digits). */
  readonly ruc?: string;
}

/** PID: the patient. */
export interface Hl7Patient {
  /** PID-3, every repetition (mapped by `cx-identifier.ts`, not by the spec). */
  readonly identifiers: readonly Hl7Cx[];
  /** PID-5.1 (both surnames, as Peru writes them). */
  readonly family?: string;
  /** PID-5.2 (all given names). */
  readonly given?: string;
  /** PID-7.1, `YYYYMMDD`. */
  readonly birthDate?: string;
  /** PID-8, HL7 table 0001. */
  readonly sex?: string;
}

/** CX: an identifier with its type (table 0203) and assigning authority (HD). */
export interface Hl7Cx {
  readonly value: string;
  /** CX.5. */
  readonly type?: string;
  /** CX.4.1 namespace (`RENIEC`). */
  readonly authority?: string;
  /** CX.4.2 universal ID (an OID when CX.4.3 is `ISO`). */
  readonly authorityId?: string;
  /** CX.4.3. */
  readonly authorityIdType?: string;
}

/** IN1 (with IN2/IN3 when they carry something the canonical form holds). */
export interface Hl7Insurance {
  /** IN1-2.1 plan (producto) code, IN1-2.2 its name. */
  readonly planId?: string;
  readonly planName?: string;
  /** IN1-3.1 IAFAS SUSALUD code (IN1-3.4 `SUSALUD`). */
  readonly companyId?: string;
  /** IN1-4.1. */
  readonly companyName?: string;
  /** IN1-12, IN1-13, `YYYYMMDD`. */
  readonly effective?: string;
  readonly expiration?: string;
  /** IN1-17.1, table 0063. */
  readonly relationship?: string;
  /** IN1-36 policy (contract) number. */
  readonly policyNumber?: string;
  /** IN1-49.1 insured's ID (código de afiliado). */
  readonly insuredId?: string;
}

/** HL7 DTM (`20261127101500-0500`) → FHIR dateTime; `undefined` if it is not one. */
export function dtmToFhir(dtm: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?(?:\.\d{1,4})?)?([+-]\d{4})?$/.exec(
    dtm,
  );
  if (m === null) {
    return undefined;
  }
  const [, y, mo, d, h, mi, s, zone] = m;
  if (h === undefined || mi === undefined) {
    return `${y}-${mo}-${d}`;
  }
  const offset = zone === undefined ? '-05:00' : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return `${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${offset}`;
}

/** FHIR dateTime or instant → HL7 DTM with its offset (`2026-11-27T10:15:00-05:00` → `20261127101500-0500`). */
export function fhirToDtm(dateTime: string): string {
  const m =
    /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2}))?$/.exec(
      dateTime,
    );
  if (m === null) {
    return '';
  }
  const [, y, mo, d, h, mi, s, zone] = m;
  if (h === undefined) {
    return `${y}${mo}${d}`;
  }
  const offset = zone === undefined || zone === 'Z' ? '+0000' : zone.replace(':', '');
  return `${y}${mo}${d}${h}${mi}${s ?? '00'}${offset}`;
}
