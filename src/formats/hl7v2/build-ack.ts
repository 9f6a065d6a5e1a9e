import type { BrokerError } from '../../errors/broker-error.ts';
import { ERROR_CATALOG } from '../../errors/catalog.ts';
import { buildMessage, type FieldInput, type SegmentInput } from './build-message.ts';
import { HL7_ERROR_CODES, type Hl7ErrorCode } from './error-codes.ts';
import { formatLocation, toErl } from './hl7-location.ts';
import { Hl7Rejection, type Hl7Problem } from './hl7-problem.ts';
import type { Hl7Message, Hl7Segment } from './message.ts';

export type AckCode = 'AA' | 'AE' | 'AR';

export interface AckOptions {
  /** MSH-10 of the acknowledgment (e.g. the log entry id of the exchange). */
  readonly controlId: string;
  /** MSH-7. */
  readonly now: Date;
  /** MSH-3/MSH-4 when the original did not name a receiver to answer as. */
  readonly self?: { readonly application: string; readonly facility: string };
}

/**
 * An original-mode acknowledgment (`ACK^<event>^ACK`, v2.5.1): MSH answering the original's
 * (sender and receiver swapped, its processing ID and character set kept), MSA with the code
 * and the original's MSH-10, then one ERR per problem. `original` is `undefined` when not even
 * an MSH could be read: MSA-2 is then empty.
 */
export function buildAck(
  original: Hl7Segment | undefined,
  code: AckCode,
  problems: readonly (Hl7Problem & { readonly appCode?: string })[],
  options: AckOptions,
): Hl7Message {
  const msa: SegmentInput = {
    name: 'MSA',
    fields: { 1: code, 2: { raw: original?.field(10).raw ?? '' } },
  };
  return buildMessage([ackHeader(original, options), msa, ...problems.map(errSegment)], {
    charset: original?.field(18).value === '8859/1' ? 'latin1' : 'utf8',
  });
}

/** The acknowledgment for a catalogued error: its ACK code, and its problems or issues as ERR. */
export function buildErrorAck(
  original: Hl7Segment | undefined,
  err: BrokerError,
  options: AckOptions,
): Hl7Message {
  const spec = ERROR_CATALOG[err.code];
  const problems =
    err instanceof Hl7Rejection && err.problems.length > 0 ? err.problems : [genericProblem(err)];
  return buildAck(
    original,
    spec.ack,
    problems.map((p) => ({ ...p, appCode: err.code })),
    options,
  );
}

function genericProblem(err: BrokerError): Hl7Problem {
  const spec = ERROR_CATALOG[err.code];
  const detail = err.issues.map((i) => i.detail).join('; ');
  const code: Hl7ErrorCode =
    err.code === 'BRK_HL7_PARSE' || err.code === 'BRK_MLLP_FRAME' ? '102' : '207';
  return { code, severity: 'E', es: spec.es, en: detail === '' ? spec.en : detail };
}

function ackHeader(original: Hl7Segment | undefined, options: AckOptions): SegmentInput {
  const raw = (n: number): FieldInput => ({ raw: original?.field(n).raw ?? '' });
  const fallback = (text: string | undefined): FieldInput => text ?? '';
  const answered = original !== undefined && !original.field(5).isEmpty;
  return {
    name: 'MSH',
    fields: {
      3: answered ? raw(5) : fallback(options.self?.application),
      4: answered ? raw(6) : fallback(options.self?.facility),
      5: raw(3),
      6: raw(4),
      7: hl7Timestamp(options.now),
      9: ['ACK', original?.field(9).component(2).value ?? '', 'ACK'],
      10: options.controlId,
      11: original?.field(11).isEmpty === false ? raw(11) : 'P',
      12: '2.5.1',
      18: original?.field(18).isEmpty === false ? raw(18) : undefined,
    },
  };
}

function errSegment(p: Hl7Problem & { readonly appCode?: string }): SegmentInput {
  const where = p.location ? `${formatLocation(p.location)}: ` : '';
  return {
    name: 'ERR',
    fields: {
      2: p.location ? toErl(p.location) : undefined,
      3: [p.code, HL7_ERROR_CODES[p.code], 'HL70357'],
      4: p.severity,
      5: p.appCode === undefined ? undefined : [p.appCode, '', 'HL70533'],
      7: p.en,
      8: `${where}${p.es}`,
    },
  };
}

/** `YYYYMMDDHHMMSS+0000` (HL7 DTM in UTC). */
export function hl7Timestamp(date: Date): string {
  return `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}+0000`;
}
