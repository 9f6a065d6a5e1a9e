import type { Resource } from 'fhir/r4.js';
import type { FhirModel } from './fhir-model.ts';
import { readResource } from './read-fhir-element.ts';
import { readXmlTree } from './read-xml-tree.ts';

/** Limits and strictness of {@link parseFhirXml}. */
export interface ParseFhirXmlOptions {
  /** Largest input accepted, in bytes. Default 1 MiB, the broker's default body limit. */
  readonly maxBytes?: number;
  /** Deepest element nesting accepted (the root is 1). Default 100. */
  readonly maxDepth?: number;
  /** Accept elements out of definition order (FHIR XML requires it). Default `false`. */
  readonly allowAnyOrder?: boolean;
}

/** Default {@link ParseFhirXmlOptions.maxBytes}. */
export const DEFAULT_MAX_BYTES = 1_048_576;
/** Default {@link ParseFhirXmlOptions.maxDepth}. */
export const DEFAULT_MAX_DEPTH = 100;

/**
 * Parses a FHIR R4 XML resource (`application/fhir+xml`, UTF-8) into FHIR JSON, driven by the
 * definitions in `model`: which elements repeat, the JSON type of each primitive, choice types,
 * `_name` for primitive ids and extensions, the narrative `div` as its XML string, resources
 * inside `contained`, `Bundle.entry.resource` and `Parameters.parameter.resource`.
 *
 * Refuses (with a `FhirXmlError` naming the element path): input over `maxBytes`, any
 * DOCTYPE or entity declaration (checked on the raw text, before parsing), XML that is not
 * well-formed, nesting deeper than `maxDepth`, elements or attributes R4 does not define, wrong
 * namespaces, wrong cardinality or order, and booleans or numbers that do not fit their type.
 * Comments and processing instructions are ignored wherever they are (before the root too).
 * The result is not validated against profiles or invariants.
 */
export function parseFhirXml(
  input: string | Uint8Array,
  model: FhirModel,
  options: ParseFhirXmlOptions = {},
): Resource {
  const root = readXmlTree(input, {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
  });
  const ctx = { model, allowAnyOrder: options.allowAnyOrder ?? false };
  return readResource(root, ctx, `/${root.name}`) as unknown as Resource;
}
