/** SOAP 1.1 envelope namespace. */
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/** Namespace of the ServicePasarela messages that the broker writes (SUSALUD `ws.siteds.schemas`). */
export const SITEDS_SCHEMA_NS = 'http://www.susalud.gob.pe/ws/siteds/schemas';

/** Namespaces accepted for the request element (domain.md §1.6). */
export const SITEDS_REQUEST_NAMESPACES: readonly string[] = [
  SITEDS_SCHEMA_NS,
  'http://www.susalud.gob.pe/acreditacion/WSPasarelaSuSalud/',
];

/** Limits for SOAP XML: defaults used when the caller gives none. */
export interface SoapLimits {
  /** Largest body in bytes of UTF-8. */
  readonly maxBytes: number;
  /** Deepest element nesting (Envelope is 1). */
  readonly maxDepth: number;
}

export const DEFAULT_SOAP_LIMITS: SoapLimits = { maxBytes: 262_144, maxDepth: 16 };
