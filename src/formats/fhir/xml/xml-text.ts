import { FhirXmlError } from './fhir-xml-error.ts';

/** The five entities XML predefines, by name. */
export const PREDEFINED: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};
const ATTRIBUTE_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const NEEDS_ESCAPE = /[&<>"\t\n\r]/g;
const REFERENCE = /^(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z_][\w.-]*);/;
/** Characters XML 1.0 cannot carry at all, not even as character references. */
const ILLEGAL_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

/**
 * Escapes a string for a double-quoted XML attribute. Tab, line feed and carriage return become
 * character references so that attribute-value normalization keeps them. Characters XML cannot
 * represent (control characters, lone surrogates) are refused.
 */
export function escapeXmlAttribute(value: string, location: string): string {
  if (ILLEGAL_CHAR.test(value)) {
    throw new FhirXmlError('invalid-value', 'contains a character XML cannot represent', location);
  }
  return value.replace(NEEDS_ESCAPE, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

/**
 * The value of an attribute as written (entities not yet expanded): attribute-value
 * normalization (literal tab and line breaks become spaces) and expansion of the five predefined
 * entities and character references. Any other entity, and any character XML 1.0 does not allow
 * (raw or as a reference), is refused: FHIR XML has no DTD.
 */
export function decodeXmlAttribute(raw: string, location: string): string {
  if (ILLEGAL_CHAR.test(raw)) {
    throw new FhirXmlError('not-well-formed', 'a character XML does not allow', location);
  }
  const normalized = raw.replace(/[\t\n\r]/g, ' ');
  if (!normalized.includes('&')) {
    return normalized;
  }
  const [first = '', ...rest] = normalized.split('&');
  let out = first;
  for (const chunk of rest) {
    const match = REFERENCE.exec(chunk);
    if (match === null) {
      throw new FhirXmlError('not-well-formed', "'&' that starts no entity reference", location);
    }
    const reference = match[1] ?? '';
    out += resolveReference(reference, location) + chunk.slice(reference.length + 1);
  }
  return out;
}

/**
 * The first entity reference in raw XML content that is neither predefined nor a character
 * reference to a legal character (e.g. `&nbsp;`), or `undefined` if there is none.
 */
export function findUndefinedEntity(raw: string): string | undefined {
  for (const match of raw.matchAll(/&([^;\s<&]*);/g)) {
    const reference = match[1] ?? '';
    if (!(reference in PREDEFINED) && codePointOf(reference) === undefined) {
      return `&${reference};`;
    }
  }
  return undefined;
}

function resolveReference(reference: string, location: string): string {
  const predefined = PREDEFINED[reference];
  if (predefined !== undefined) {
    return predefined;
  }
  const codePoint = codePointOf(reference);
  if (codePoint === undefined) {
    throw new FhirXmlError('not-well-formed', `undefined entity &${reference};`, location);
  }
  return String.fromCodePoint(codePoint);
}

function codePointOf(reference: string): number | undefined {
  if (!reference.startsWith('#')) {
    return undefined;
  }
  const hex = reference.startsWith('#x');
  const digits = reference.slice(hex ? 2 : 1);
  if (!(hex ? /^[0-9A-Fa-f]+$/ : /^[0-9]+$/).test(digits) || digits.length > 8) {
    return undefined;
  }
  const codePoint = Number.parseInt(digits, hex ? 16 : 10);
  if (codePoint > 0x10ffff || ILLEGAL_CHAR.test(String.fromCodePoint(codePoint))) {
    return undefined;
  }
  return codePoint;
}
