import type { QueryType } from '../model/con-ase-270.ts';

/**
 * ServicePasarela operation per 270_CON_ASE sub-type (names seen in Auna's SITEDS mappings and
 * SUSALUD's `ws.siteds.schemas` classes; domain.md §1.3). Request element: `<operation>Request`,
 * answer element: `<operation>Response`.
 */
export const SOAP_OPERATIONS: Readonly<Record<QueryType, string>> = {
  CN: 'getConsultaAsegNom',
  CC: 'getConsultaAsegCod',
  CD: 'getConsultaDatosAdi',
  CO: 'getConsultaObservacion',
  CM: 'getCondicionMedica',
  CP: 'getConsultaProc',
  RD: 'getConsultaDeriva',
  RS: 'getConsultaSCTR',
};

/** The answer element for a request element: `getConsultaAsegCodRequest` → `…Response`. */
export function responseElementFor(requestElement: string): string {
  return requestElement.endsWith('Request')
    ? `${requestElement.slice(0, -'Request'.length)}Response`
    : `${requestElement}Response`;
}
