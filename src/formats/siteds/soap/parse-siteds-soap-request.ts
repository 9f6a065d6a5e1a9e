import { DEFAULT_SOAP_LIMITS, type SoapLimits } from './soap-constants.ts';
import type { SoapReadFailure } from './read-soap-envelope.ts';
import { readOperationFields } from './read-operation-fields.ts';

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
  const read = readOperationFields(input, limits, FIELDS, 'request');
  if (!read.ok) {
    return read;
  }
  const { operation, values } = read;
  return {
    ok: true,
    request: {
      operation: operation.localName,
      namespace: operation.namespace ?? '',
      ...values,
    },
  };
}
