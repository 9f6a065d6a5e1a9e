import type { XmlElement } from '../../fhir/xml/read-xml-tree.ts';
import { SITEDS_REQUEST_NAMESPACES, type SoapLimits } from './soap-constants.ts';
import { readSoapEnvelope, type SoapReadFailure } from './read-soap-envelope.ts';
import { decodeXmlContent } from './xml-content.ts';

/**
 * Reads a ServicePasarela SOAP 1.1 message (request or answer): the envelope safely, the Body's
 * element in a SITEDS namespace (any prefix), and the text of each of `fields`, matched by local
 * name case-insensitively, trimmed, `''` when absent. An undefined entity is refused.
 */
export function readOperationFields<F extends string>(
  input: string | Uint8Array,
  limits: SoapLimits,
  fields: readonly F[],
  what: 'request' | 'answer',
):
  | { readonly ok: true; readonly operation: XmlElement; readonly values: Record<F, string> }
  | SoapReadFailure {
  const envelope = readSoapEnvelope(input, limits);
  if (!envelope.ok) {
    return envelope;
  }
  const { operation } = envelope;
  if (!SITEDS_REQUEST_NAMESPACES.includes(operation.namespace ?? '')) {
    const detail = `Body element {${operation.namespace ?? ''}}${operation.localName} is not a ServicePasarela ${what}`;
    return { ok: false, code: 'BRK_SITEDS_SOAP_MALFORMED', detail };
  }
  const values = {} as Record<F, string>;
  for (const field of fields) {
    const value = fieldText(operation, field);
    if (value === undefined) {
      const detail = `${field} uses an entity that is not defined`;
      return { ok: false, code: 'BRK_SITEDS_XML_REFUSED', detail };
    }
    values[field] = value;
  }
  return { ok: true, operation, values };
}

function fieldText(operation: XmlElement, name: string): string | undefined {
  const element = operation.children.find((c) => c.localName.toLowerCase() === name.toLowerCase());
  return element === undefined ? '' : decodeXmlContent(element.text)?.trim();
}
