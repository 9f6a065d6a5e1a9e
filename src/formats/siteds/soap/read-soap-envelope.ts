import { FhirXmlError } from '../../fhir/xml/fhir-xml-error.ts';
import { readXmlTree, type XmlElement } from '../../fhir/xml/read-xml-tree.ts';
import { SOAP11_NS, type SoapLimits } from './soap-constants.ts';

/** Why SOAP XML was not accepted: refused for safety, or not a usable SOAP 1.1 envelope. */
export interface SoapReadFailure {
  readonly ok: false;
  readonly code: 'BRK_SITEDS_XML_REFUSED' | 'BRK_SITEDS_SOAP_MALFORMED';
  readonly detail: string;
}

/**
 * Reads a SOAP 1.1 envelope safely and returns the first element of its Body. The XML reader
 * is the broker's safe one (`readXmlTree`): size checked first, any DTD markup (`<!DOCTYPE`,
 * `<!ENTITY` …) refused before parsing so no entity is ever declared, read or expanded, and
 * nesting depth limited. Prefixes are free; namespaces are what count.
 */
export function readSoapEnvelope(
  input: string | Uint8Array,
  limits: SoapLimits,
): { readonly ok: true; readonly operation: XmlElement } | SoapReadFailure {
  let root: XmlElement;
  try {
    root = readXmlTree(input, limits);
  } catch (err) {
    if (!(err instanceof FhirXmlError)) {
      throw err;
    }
    const refused =
      err.code === 'dtd-forbidden' || err.code === 'too-large' || err.code === 'too-deep';
    return {
      ok: false,
      code: refused ? 'BRK_SITEDS_XML_REFUSED' : 'BRK_SITEDS_SOAP_MALFORMED',
      detail: err.message,
    };
  }
  if (root.localName !== 'Envelope' || root.namespace !== SOAP11_NS) {
    return malformed(
      `the root is {${root.namespace ?? ''}}${root.localName}, not a SOAP 1.1 Envelope`,
    );
  }
  const body = root.children.find((c) => c.localName === 'Body' && c.namespace === SOAP11_NS);
  const operation = body?.children[0];
  if (operation === undefined) {
    return malformed('the SOAP Envelope has no Body, or the Body is empty');
  }
  return { ok: true, operation };
}

function malformed(detail: string): SoapReadFailure {
  return { ok: false, code: 'BRK_SITEDS_SOAP_MALFORMED', detail };
}
