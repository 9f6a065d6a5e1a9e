import { XMLValidator } from 'fast-xml-parser';

/**
 * Why `xml` is not well-formed (mismatched or unclosed tags, bad names or attributes, a stray
 * `&`, more than one root, text outside the root), with line and column, or `undefined` if it is.
 * fast-xml-parser's parser alone is lenient (it does not match closing tags), so every document
 * goes through its validator first.
 */
export function findWellFormednessError(xml: string): string | undefined {
  // fast-xml-parser 5.12 marks XMLValidator deprecated in favour of the separate
  // fast-xml-validator package, which is not a dependency; the version here is pinned.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  const result = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (result === true) {
    return undefined;
  }
  return `${result.err.msg} (line ${result.err.line}, column ${result.err.col})`;
}
