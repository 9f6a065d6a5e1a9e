import { SITEDS_SCHEMA_NS, SOAP11_NS } from './soap-constants.ts';
import { escapeXmlContent } from './xml-content.ts';

/** The answer of a ServicePasarela call. */
export interface SitedsSoapResponse {
  /** Answer element local name, e.g. `getConsultaAsegCodResponse`. */
  readonly element: string;
  /** coError: `0000` or the SUSALUD code of the failure. */
  readonly coError: string;
  readonly coIafa: string;
  /** txNombre of the answer, e.g. `271_CON_COD`. */
  readonly txNombre: string;
  /** txRespuesta: the X12 answer, empty on error. */
  readonly txRespuesta: string;
  /** Header blocks (XML, already escaped), e.g. the broker's `brk:error`; none when absent. */
  readonly header?: string;
}

/** Writes a SOAP 1.1 answer (`coError`, `coIafa`, `txNombre`, `txRespuesta`, qualified; optional header blocks). */
export function buildSitedsSoapResponse(response: SitedsSoapResponse): string {
  const field = (name: string, value: string): string =>
    `<sch:${name}>${escapeXmlContent(value)}</sch:${name}>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<soapenv:Envelope xmlns:soapenv="${SOAP11_NS}" xmlns:sch="${SITEDS_SCHEMA_NS}">`,
    response.header === undefined ? '' : `<soapenv:Header>${response.header}</soapenv:Header>`,
    '<soapenv:Body>',
    `<sch:${response.element}>`,
    field('coError', response.coError),
    field('coIafa', response.coIafa),
    field('txNombre', response.txNombre),
    field('txRespuesta', response.txRespuesta),
    `</sch:${response.element}>`,
    '</soapenv:Body>',
    '</soapenv:Envelope>',
  ].join('');
}
