import { FhirXmlError } from './fhir-xml-error.ts';
import { XHTML_NAMESPACE } from './fhir-model.ts';
import { readXmlTree, type XmlElement } from './read-xml-tree.ts';
import { findUndefinedEntity } from './xml-text.ts';

const XMLNS = ` xmlns="${XHTML_NAMESPACE}"`;

/**
 * The narrative `div` as FHIR JSON holds it: its exact XML. The content is the raw markup as
 * written (entities such as `&amp;` untouched); the start tag is rebuilt from its attributes
 * (double-quoted, single-spaced), with `xmlns="http://www.w3.org/1999/xhtml"` added if the
 * namespace came from an ancestor. It must be an unprefixed `div` in the XHTML namespace.
 */
export function readXhtmlDiv(el: XmlElement, location: string): string {
  if (el.name !== 'div' || el.namespace !== XHTML_NAMESPACE) {
    throw new FhirXmlError(
      'wrong-namespace',
      `the narrative must be <div xmlns="${XHTML_NAMESPACE}"> (XHTML namespace, no prefix)`,
      location,
    );
  }
  const entity = findUndefinedEntity(el.text);
  if (entity !== undefined) {
    throw new FhirXmlError('not-well-formed', `undefined entity ${entity}`, location);
  }
  let start = el.attributes.some((a) => a.name === 'xmlns') ? '<div' : `<div${XMLNS}`;
  for (const a of el.attributes) {
    start += ` ${a.name}="${a.value.replaceAll('"', '&quot;')}"`;
  }
  return `${start}>${el.text}</div>`;
}

/**
 * The narrative `div` of FHIR JSON, checked before it is copied into XML: read with the same
 * safe reader as documents (no DTD, well-formed, exactly one root, so nothing can be injected
 * beside it), an unprefixed `div` in the XHTML namespace (`xmlns` is added when missing), with
 * no entity other than the predefined ones and character references.
 */
export function checkXhtmlDiv(value: unknown, location: string): string {
  if (typeof value !== 'string') {
    throw new FhirXmlError('invalid-value', 'the narrative div must be a string', location);
  }
  const root = readDiv(value, location);
  if (root.name !== 'div' || !value.startsWith('<div')) {
    throw new FhirXmlError('invalid-value', 'the narrative must be a <div> element', location);
  }
  if (root.namespace !== undefined && root.namespace !== XHTML_NAMESPACE) {
    throw new FhirXmlError('wrong-namespace', `the narrative div must be in XHTML`, location);
  }
  const entity = findUndefinedEntity(root.text);
  if (entity !== undefined) {
    throw new FhirXmlError('invalid-value', `undefined entity ${entity}`, location);
  }
  return root.namespace === undefined ? `<div${XMLNS}${value.slice(4)}` : value;
}

function readDiv(value: string, location: string): XmlElement {
  try {
    return readXmlTree(value, { maxBytes: Number.MAX_SAFE_INTEGER, maxDepth: 1 });
  } catch (err) {
    if (err instanceof FhirXmlError) {
      throw new FhirXmlError('invalid-value', `the narrative div: ${err.message}`, location);
    }
    throw err;
  }
}
