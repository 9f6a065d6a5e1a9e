import { findUndefinedEntity, PREDEFINED } from '../../fhir/xml/xml-text.ts';

const REFERENCE = /&(#x[0-9A-Fa-f]+|#\d+|lt|gt|amp|quot|apos);/g;

/**
 * Character data as written → its value: the five predefined entities and character references
 * expanded; any other entity refused (there is no DTD to define one). Returns `undefined` then.
 */
export function decodeXmlContent(raw: string): string | undefined {
  if (findUndefinedEntity(raw) !== undefined) {
    return undefined;
  }
  return raw.replace(REFERENCE, (_, ref: string) => {
    if (ref.startsWith('#x')) {
      return String.fromCodePoint(Number.parseInt(ref.slice(2), 16));
    }
    if (ref.startsWith('#')) {
      return String.fromCodePoint(Number(ref.slice(1)));
    }
    return PREDEFINED[ref] ?? '';
  });
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes text for element content; characters XML 1.0 cannot carry are dropped. */
export function escapeXmlContent(value: string): string {
  return value
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
}
