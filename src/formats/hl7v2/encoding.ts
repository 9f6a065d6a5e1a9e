/**
 * The delimiters of an ER7 message, read from MSH-1 (field separator) and MSH-2 (component,
 * repetition, escape, sub-component and, from v2.7, truncation characters). HL7 v2.5.1 §2.5.4.
 */
export interface Encoding {
  readonly field: string;
  readonly component: string;
  readonly repetition: string;
  readonly escape: string;
  readonly subComponent: string;
  /** MSH-2 exactly as received (4 characters, or 5 with the v2.7 truncation character). */
  readonly characters: string;
}

/** `|^~\&`: the delimiters HL7 recommends and every message the broker builds uses. */
export const DEFAULT_ENCODING: Encoding = {
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subComponent: '&',
  characters: '^~\\&',
};

/** Segments end with a carriage return (HL7 v2.5.1 §2.5.1). */
export const SEGMENT_TERMINATOR = '\r';

/**
 * Reads the delimiters from the start of an MSH segment (`MSH|^~\&|…`); `undefined` with the
 * reason when they are unusable: missing, fewer than four, repeated, alphanumeric or a CR/LF.
 */
export function readEncoding(mshLine: string): Encoding | string {
  if (!mshLine.startsWith('MSH') || mshLine.length < 8) {
    return 'el mensaje no empieza con un segmento MSH';
  }
  const field = mshLine.charAt(3);
  const end = mshLine.indexOf(field, 4);
  const characters = end === -1 ? mshLine.slice(4) : mshLine.slice(4, end);
  const all = Array.from(field + characters);
  if (characters.length < 4 || characters.length > 5) {
    return `MSH-2 debe tener 4 o 5 caracteres de codificación, tiene ${characters.length}`;
  }
  if (new Set(all).size !== all.length || all.some((c) => /[A-Za-z0-9\r\n ]/.test(c))) {
    return 'MSH-1/MSH-2: los delimitadores deben ser distintos y no alfanuméricos';
  }
  return {
    field,
    component: characters.charAt(0),
    repetition: characters.charAt(1),
    escape: characters.charAt(2),
    subComponent: characters.charAt(3),
    characters,
  };
}
