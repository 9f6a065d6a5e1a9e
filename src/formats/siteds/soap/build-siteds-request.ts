import type { ElementWidths } from '../../x12/element-widths.ts';
import type { ConAse270, QueryType } from '../model/con-ase-270.ts';
import { writeSitedsX12 } from '../write-siteds-x12.ts';
import { SITEDS_SCHEMA_NS, SOAP11_NS } from './soap-constants.ts';
import { SOAP_OPERATIONS } from './soap-operations.ts';
import { escapeXmlContent } from './xml-content.ts';

export interface BuildSitedsRequestOptions {
  /** coExcepcion (default `0000`). */
  readonly coExcepcion?: string;
  /** Pad the X12 like SUSALUD's library. */
  readonly widths?: ElementWidths;
}

/**
 * A 270_CON_ASE model → a complete SOAP 1.1 ServicePasarela request: the operation of its PRV-03
 * sub-type, `txNombre` 270_CON_ASE, `coIafa` from the model's IAFAS code, `txPeticion` the X12.
 */
export function buildSitedsRequest(
  model: ConAse270,
  options: BuildSitedsRequestOptions = {},
): string {
  const queryType = model.queryType ?? '';
  if (!Object.hasOwn(SOAP_OPERATIONS, queryType)) {
    throw new Error(`no ServicePasarela operation for query type (PRV-03) "${queryType}"`);
  }
  const operation = SOAP_OPERATIONS[queryType as QueryType];
  const x12 = writeSitedsX12(
    '270_CON_ASE',
    model,
    options.widths === undefined ? {} : { widths: options.widths },
  );
  const field = (name: string, value: string): string =>
    `<sch:${name}>${escapeXmlContent(value)}</sch:${name}>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<soapenv:Envelope xmlns:soapenv="${SOAP11_NS}" xmlns:sch="${SITEDS_SCHEMA_NS}">`,
    '<soapenv:Header/><soapenv:Body>',
    `<sch:${operation}Request>`,
    field('txNombre', '270_CON_ASE'),
    field('coIafa', model.iafasCode ?? ''),
    field('txPeticion', x12),
    field('coExcepcion', options.coExcepcion ?? '0000'),
    `</sch:${operation}Request>`,
    '</soapenv:Body></soapenv:Envelope>',
  ].join('');
}
