import { DEFAULT_ENCODING, type Encoding } from './encoding.ts';
import { escapeHl7 } from './escape.ts';
import { Hl7Message, Hl7Segment, type Hl7Charset } from './message.ts';

/** A component: plain text, or its sub-components. Text is escaped when built. */
export type ComponentInput = string | readonly string[];
/** One repetition: plain text, or its components. */
export type RepetitionInput = string | readonly ComponentInput[];
/** A field: one repetition, several (`{ repeat }`), or ER7 text used as is (`{ raw }`). */
export type FieldInput =
  RepetitionInput | { readonly repeat: readonly RepetitionInput[] } | { readonly raw: string };

/** A segment to build: its ID and its fields by HL7 number (`{ 3: …, 5: … }`; MSH from 3). */
export interface SegmentInput {
  readonly name: string;
  readonly fields: Readonly<Record<number, FieldInput | undefined>>;
}

/** Builds a message; delimiters default to `|^~\&`, MSH-1/MSH-2 come from them. */
export function buildMessage(
  segments: readonly SegmentInput[],
  options: { encoding?: Encoding; charset?: Hl7Charset } = {},
): Hl7Message {
  const enc = options.encoding ?? DEFAULT_ENCODING;
  const built = segments.map((s) => buildSegment(s, enc));
  return new Hl7Message(built, enc, options.charset ? { charset: options.charset } : {});
}

/** Builds one segment, escaping every text value; trailing empty fields are left out. */
export function buildSegment(input: SegmentInput, enc: Encoding = DEFAULT_ENCODING): Hl7Segment {
  const isMsh = input.name === 'MSH';
  const numbers = Object.keys(input.fields)
    .map(Number)
    .filter((n) => input.fields[n] !== undefined);
  const last = Math.max(isMsh ? 2 : 0, ...numbers);
  const fields: string[] = [input.name];
  for (let n = isMsh ? 2 : 1; n <= last; n += 1) {
    fields.push(isMsh && n === 2 ? enc.characters : fieldText(input.fields[n], enc));
  }
  return new Hl7Segment(fields, enc);
}

function fieldText(value: FieldInput | undefined, enc: Encoding): string {
  if (value === undefined) {
    return '';
  }
  if (typeof value === 'object' && 'raw' in value) {
    return value.raw;
  }
  if (typeof value === 'object' && 'repeat' in value) {
    return value.repeat.map((r) => repetitionText(r, enc)).join(enc.repetition);
  }
  return repetitionText(value, enc);
}

function repetitionText(value: RepetitionInput, enc: Encoding): string {
  if (typeof value === 'string') {
    return escapeHl7(value, enc);
  }
  return trimEnd(value.map((c) => componentText(c, enc))).join(enc.component);
}

function componentText(value: ComponentInput, enc: Encoding): string {
  if (typeof value === 'string') {
    return escapeHl7(value, enc);
  }
  return trimEnd(value.map((v) => escapeHl7(v, enc))).join(enc.subComponent);
}

/** Drops trailing empty parts: `A^B^^` is sent as `A^B` (HL7 v2.5.1 §2.5.3). */
function trimEnd(parts: string[]): string[] {
  let end = parts.length;
  while (end > 0 && parts[end - 1] === '') {
    end -= 1;
  }
  return parts.slice(0, end);
}
