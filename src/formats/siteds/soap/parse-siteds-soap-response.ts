import { SITEDS_REQUEST_NAMESPACES, type SoapLimits } from './soap-constants.ts';
import { readSoapEnvelope, type SoapReadFailure } from './read-soap-envelope.ts';
import { decodeXmlContent } from './xml-content.ts';

/** A ServicePasarela answer as received from an insurer that speaks SITEDS; fields trimmed. */
export interface SitedsSoapAnswer {
  /** Local name of the Body element, e.g. `getConsultaAsegCodResponse`. */
  readonly operation: string;
  readonly coError: string;
  readonly coIafa: string;
  readonly txNombre: string;
  readonly txRespuesta: string;
}

const FIELDS = ['coError', 'coIafa', 'txNombre', 'txRespuesta'] as const;

/**
 * Reads a SOAP 1.1 ServicePasarela answer with the same safe XML reader as requests (no DTD,
 * size and depth limits). A SOAP Fault or a Body that is not a SITEDS answer is a failure.
 */
export function parseSitedsSoapResponse(
  input: string | Uint8Array,
  limits: SoapLimits,
): { readonly ok: true; readonly answer: SitedsSoapAnswer } | SoapReadFailure {
  const envelope = readSoapEnvelope(input, limits);
  if (!envelope.ok) {
    return envelope;
  }
  const { operation } = envelope;
  if (!SITEDS_REQUEST_NAMESPACES.includes(operation.namespace ?? '')) {
    const detail = `Body element {${operation.namespace ?? ''}}${operation.localName} is not a ServicePasarela answer`;
    return { ok: false, code: 'BRK_SITEDS_SOAP_MALFORMED', detail };
  }
  const values: Record<string, string> = {};
  for (const field of FIELDS) {
    const element = operation.children.find(
      (c) => c.localName.toLowerCase() === field.toLowerCase(),
    );
    const value = element === undefined ? '' : decodeXmlContent(element.text)?.trim();
    if (value === undefined) {
      return {
        ok: false,
        code: 'BRK_SITEDS_XML_REFUSED',
        detail: `${field} uses an undefined entity`,
      };
    }
    values[field] = value;
  }
  return {
    ok: true,
    answer: {
      operation: operation.localName,
      coError: values.coError ?? '',
      coIafa: values.coIafa ?? '',
      txNombre: values.txNombre ?? '',
      txRespuesta: values.txRespuesta ?? '',
    },
  };
}
