import { readEncoding } from './encoding.ts';
import { Hl7Message, Hl7Segment, type Hl7Charset } from './message.ts';

/** One reason an ER7 text is not a message, with where (`MSH-2`, `segmento 4`). */
export interface Hl7ParseIssue {
  readonly location: string;
  readonly detail: string;
}

/** The bytes are not an HL7 v2 ER7 message: nothing in it can be trusted, not even MSH. */
export class Hl7ParseError extends Error {
  readonly issues: readonly Hl7ParseIssue[];
  constructor(issues: readonly Hl7ParseIssue[]) {
    super(`not an HL7 v2 message: ${issues.map((i) => `${i.location}: ${i.detail}`).join('; ')}`);
    this.name = 'Hl7ParseError';
    this.issues = issues;
  }
}

const SEGMENT_ID = /^[A-Z][A-Z0-9]{2}$/;

/**
 * Parses ER7 (HL7 v2 "pipe" encoding). Delimiters come from MSH-1/MSH-2; segments are split on
 * CR (a LF after it is tolerated, empty lines are skipped). Bytes are decoded by MSH-18
 * (`8859/1` → Latin-1, otherwise UTF-8, which must then be valid). Every problem found is
 * reported at once; values are kept raw so `toString()` returns the same text.
 */
export function parseEr7(input: string | Uint8Array): Hl7Message {
  const { text, charset } =
    typeof input === 'string' ? { text: input, charset: 'utf8' as const } : decode(input);
  const encoding = readEncoding(text.slice(0, text.search(/[\r\n]|$/)));
  if (typeof encoding === 'string') {
    throw new Hl7ParseError([{ location: 'MSH', detail: encoding }]);
  }
  const issues: Hl7ParseIssue[] = [];
  const segments = splitSegments(text).map((line, i) => {
    const fields = line.split(encoding.field);
    if (!SEGMENT_ID.test(fields[0] ?? '')) {
      issues.push({
        location: `segmento ${i + 1}`,
        detail: `identificador de segmento inválido "${(fields[0] ?? '').slice(0, 10)}"`,
      });
    } else if (i > 0 && fields[0] === 'MSH') {
      issues.push({
        location: `segmento ${i + 1}`,
        detail: 'un segundo MSH: lotes (FHS/BHS) no se admiten',
      });
    }
    return new Hl7Segment(fields, encoding);
  });
  if (issues.length > 0) {
    throw new Hl7ParseError(issues);
  }
  return new Hl7Message(segments, encoding, { charset, terminated: /[\r\n]$/.test(text) });
}

function splitSegments(text: string): string[] {
  return text
    .split('\r')
    .map((l) => (l.startsWith('\n') ? l.slice(1) : l))
    .filter((l) => l !== '');
}

function decode(bytes: Uint8Array): { text: string; charset: Hl7Charset } {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const charset = declaredCharset(buf);
  if (charset === 'latin1') {
    return { text: buf.toString('latin1'), charset };
  }
  try {
    return {
      text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf),
      charset,
    };
  } catch {
    throw new Hl7ParseError([
      {
        location: 'MSH-18',
        detail: 'los bytes no son UTF-8 válido; declare MSH-18 8859/1 para Latin-1',
      },
    ]);
  }
}

/** MSH-18 read from the first line as Latin-1 (delimiters and the charset name are ASCII). */
function declaredCharset(buf: Buffer): Hl7Charset {
  const end = buf.indexOf(0x0d);
  const line = buf.subarray(0, end === -1 ? buf.length : end).toString('latin1');
  const enc = readEncoding(line);
  if (typeof enc === 'string') {
    return 'utf8';
  }
  const msh18 = line.split(enc.field)[17]?.split(enc.repetition)[0]?.trim();
  return msh18 === '8859/1' ? 'latin1' : 'utf8';
}
