import type { Resource } from 'fhir/r4.js';
import { BrokerError, brokerError } from '../../errors/broker-error.ts';
import { FHIR_JSON } from './identifier-systems.ts';
import { parseFhirJson } from './parse-fhir-json.ts';
import type { FhirModel } from './xml/fhir-model.ts';
import { FhirXmlError } from './xml/fhir-xml-error.ts';
import { parseFhirXml } from './xml/parse-fhir-xml.ts';
import { serializeFhirXml } from './xml/serialize-fhir-xml.ts';

export const FHIR_XML = 'application/fhir+xml';
export type FhirFormat = 'json' | 'xml';

/** The media type without parameters, lower case. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase();
}

/** Parses a FHIR body by its content type (JSON or XML); XML errors carry their XML path. */
export function parseFhirBody(
  bytes: Buffer,
  contentType: string | undefined,
  model: FhirModel,
): Resource {
  const media = mediaTypeOf(contentType);
  if (media !== FHIR_XML && media !== 'application/xml') {
    return parseFhirJson(bytes);
  }
  try {
    return parseFhirXml(bytes, model, { maxBytes: Number.MAX_SAFE_INTEGER });
  } catch (err) {
    if (!(err instanceof FhirXmlError)) {
      throw err;
    }
    const code =
      err.code === 'too-large'
        ? 'BRK_REQUEST_TOO_LARGE'
        : err.code === 'dtd-forbidden' || err.code === 'not-well-formed' || err.code === 'too-deep'
          ? 'BRK_REQUEST_MALFORMED'
          : 'BRK_REQUEST_INVALID';
    throw brokerError(code, `${err.code}: ${err.message}`, err.location);
  }
}

/**
 * The format the caller wants back (FHIR R4 §3.1.0.1.9 content negotiation): `_format`
 * (`xml`, `json` or a media type) wins over `Accept`; JSON unless XML is asked for.
 */
export function answerFormatOf(accept: string | undefined, format: string | undefined): FhirFormat {
  const wanted = (format ?? accept ?? '').toLowerCase();
  const xml =
    wanted === 'xml' ||
    wanted.includes('fhir+xml') ||
    wanted.includes('application/xml') ||
    wanted.includes('text/xml');
  const json =
    wanted === 'json' || wanted.includes('fhir+json') || wanted.includes('application/json');
  return xml && !(json && wanted.indexOf('json') < wanted.indexOf('xml')) ? 'xml' : 'json';
}

/** Serializes a resource in the chosen format; an unserializable one is the broker's fault. */
export function renderFhir(
  resource: Resource,
  format: FhirFormat,
  model: FhirModel,
): { contentType: string; body: Buffer } {
  if (format === 'json') {
    return { contentType: FHIR_JSON, body: Buffer.from(JSON.stringify(resource)) };
  }
  try {
    return { contentType: FHIR_XML, body: Buffer.from(serializeFhirXml(resource, model)) };
  } catch (err) {
    throw new BrokerError('BRK_INTERNAL', [], { cause: err });
  }
}
