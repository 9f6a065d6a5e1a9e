import type { XmlElement } from '../../fhir/xml/read-xml-tree.ts';
import {
  DEFAULT_SOAP_LIMITS,
  SITEDS_REQUEST_NAMESPACES,
  type SoapLimits,
} from './soap-constants.ts';
import { readSoapEnvelope, type SoapReadFailure } from './read-soap-envelope.ts';
import { decodeXmlContent } from './xml-content.ts';

/** A ServicePasarela request as received; every field trimmed, `''` when absent. */
export interface SitedsSoapRequest {
  /** Local name of the Body element, e.g. `getConsultaAsegCodRequest`. */
  readonly operation: string;
  /** Namespace of the Body element. */
  readonly namespace: string;
  /** txNombre: transaction name, e.g. `270_CON_ASE` (any case). */
  readonly txNombre: string;
  /** coIafa: 5-digit IAFAS code. */
  readonly coIafa: string;
  /** txPeticion: the X12 string. */
  readonly txPeticion: string;
  /** coExcepcion: exception code (`0000` observed). */
  readonly coExcepcion: string;
}

const FIELDS = ['txNombre', 'coIafa', 'txPeticion', 'coExcepcion'] as const;

/**
 * Parses a SOAP 1.1 ServicePasarela request. The Body element may use any prefix and either
 * SITEDS namespace; its fields are matched by local name, case-insensitively (`TxNombre` too).
 * Missing fields come back empty: `checkSitedsSoapRequest` turns them into SITEDS codes.
 */
export function parseSitedsSoapRequest(
  input: string | Uint8Array,
  limits: SoapLimits = DEFAULT_SOAP_LIMITS,
): { readonly ok: true; readonly request: SitedsSoapRequest } | SoapReadFailure {
  const envelope = readSoapEnvelope(input, limits);
  if (!envelope.ok) {
    return envelope;
  }
  const { operation } = envelope;
  if (!SITEDS_REQUEST_NAMESPACES.includes(operation.namespace ?? '')) {
    const detail = `Body element {${operation.namespace ?? ''}}${operation.localName} is not a ServicePasarela request`;
    return { ok: false, code: 'BRK_SITEDS_SOAP_MALFORMED', detail };
  }
  const values: Record<string, string> = {};
  for (const field of FIELDS) {
    const value = fieldText(operation, field);
    if (value === undefined) {
      const detail = `${field} uses an entity that is not defined`;
      return { ok: false, code: 'BRK_SITEDS_XML_REFUSED', detail };
    }
    values[field] = value;
  }
  return {
    ok: true,
    request: {
      operation: operation.localName,
      namespace: operation.namespace ?? '',
      txNombre: values.txNombre ?? '',
      coIafa: values.coIafa ?? '',
      txPeticion: values.txPeticion ?? '',
      coExcepcion: values.coExcepcion ?? '',
    },
  };
}

function fieldText(operation: XmlElement, name: string): string | undefined {
  const element = operation.children.find((c) => c.localName.toLowerCase() === name.toLowerCase());
  return element === undefined ? '' : decodeXmlContent(element.text)?.trim();
}
