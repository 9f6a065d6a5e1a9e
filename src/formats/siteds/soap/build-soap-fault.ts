import { ERROR_CATALOG, type ErrorCode } from '../../../errors/catalog.ts';
import { SOAP11_NS } from './soap-constants.ts';
import { escapeXmlContent } from './xml-content.ts';

/** Namespace of the fault detail the broker adds (its error code and the SITEDS coError). */
export const BROKER_FAULT_NS = 'https://siteds-broker.github.io/ns/fault';

/**
 * A SOAP 1.1 fault for a request that cannot be answered as SITEDS (malformed or refused XML):
 * `Client` for the caller's errors, `Server` otherwise; Spanish faultstring from the catalog;
 * detail with the broker code, the SITEDS coError and what was wrong.
 */
export function buildSoapFault(code: ErrorCode, detail: string): string {
  const spec = ERROR_CATALOG[code];
  const faultcode = spec.status < 500 ? 'soapenv:Client' : 'soapenv:Server';
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<soapenv:Envelope xmlns:soapenv="${SOAP11_NS}">`,
    '<soapenv:Body><soapenv:Fault>',
    `<faultcode>${faultcode}</faultcode>`,
    `<faultstring xml:lang="es">${escapeXmlContent(spec.es)}</faultstring>`,
    `<detail><brk:error xmlns:brk="${BROKER_FAULT_NS}">`,
    `<brk:code>${code}</brk:code>`,
    `<brk:coError>${spec.coError}</brk:coError>`,
    `<brk:detail>${escapeXmlContent(detail)}</brk:detail>`,
    '</brk:error></detail>',
    '</soapenv:Fault></soapenv:Body>',
    '</soapenv:Envelope>',
  ].join('');
}
