import type { SoapLimits } from './soap-constants.ts';
import type { SoapReadFailure } from './read-soap-envelope.ts';
import { readOperationFields } from './read-operation-fields.ts';

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
  const read = readOperationFields(input, limits, FIELDS, 'answer');
  return read.ok
    ? { ok: true, answer: { operation: read.operation.localName, ...read.values } }
    : read;
}
