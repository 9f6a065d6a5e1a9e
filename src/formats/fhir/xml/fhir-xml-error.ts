/** What went wrong, as a stable code callers can map (e.g. to the broker's error catalog). */
export type FhirXmlErrorCode =
  /** The input is larger than `maxBytes`. */
  | 'too-large'
  /** Elements nest deeper than `maxDepth`. */
  | 'too-deep'
  /** A DOCTYPE, entity or other DTD declaration: refused before any parsing. */
  | 'dtd-forbidden'
  /** Not well-formed XML, not UTF-8, or an undeclared namespace prefix. */
  | 'not-well-formed'
  /** An element in the wrong namespace (FHIR elements in `http://hl7.org/fhir`, the div in XHTML). */
  | 'wrong-namespace'
  /** An element, attribute, JSON property or resource type the R4 definitions do not have. */
  | 'unknown-element'
  /** A non-repeating element given twice, two variants of one choice, or array/non-array mismatch. */
  | 'cardinality'
  /** Elements out of the definition order that FHIR XML requires. */
  | 'element-order'
  /** A value that does not fit its type: bad boolean or number, text content, illegal character. */
  | 'invalid-value';

/**
 * The only error the FHIR XML converter throws on purpose. `location` names where: an XML element
 * path (`/Bundle/entry[2]/resource/Patient/name[1]/given[1]/@value`) when parsing, a FHIRPath-like
 * JSON path (`Bundle.entry[1].resource.name[0].given[0]`) when serializing.
 */
export class FhirXmlError extends Error {
  readonly code: FhirXmlErrorCode;
  readonly location: string | undefined;

  constructor(code: FhirXmlErrorCode, detail: string, location?: string) {
    super(location === undefined ? detail : `${location}: ${detail}`);
    this.name = 'FhirXmlError';
    this.code = code;
    this.location = location;
  }
}
