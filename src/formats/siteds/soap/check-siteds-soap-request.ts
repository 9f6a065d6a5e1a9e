import { resolveTransactionName, type SitedsTransactionName } from '../transactions.ts';
import type { SitedsSoapRequest } from './parse-siteds-soap-request.ts';

export type SitedsRequestCheck =
  | { readonly ok: true; readonly name: SitedsTransactionName }
  | {
      readonly ok: false;
      readonly code:
        'BRK_SITEDS_TX_NAME_MISSING' | 'BRK_SITEDS_TX_UNKNOWN' | 'BRK_SITEDS_X12_MISSING';
      readonly detail: string;
    };

/**
 * SUSALUD's service-level checks, in its order: transaction name present (0300), known (0310),
 * X12 string present (0500). These are answered with `coError`, not with a SOAP fault.
 */
export function checkSitedsSoapRequest(request: SitedsSoapRequest): SitedsRequestCheck {
  if (request.txNombre === '') {
    return { ok: false, code: 'BRK_SITEDS_TX_NAME_MISSING', detail: 'txNombre is empty' };
  }
  const name = resolveTransactionName(request.txNombre);
  if (name === undefined) {
    const detail = `txNombre "${request.txNombre}" is not a supported SITEDS transaction`;
    return { ok: false, code: 'BRK_SITEDS_TX_UNKNOWN', detail };
  }
  if (request.txPeticion === '') {
    return { ok: false, code: 'BRK_SITEDS_X12_MISSING', detail: 'txPeticion is empty' };
  }
  return { ok: true, name };
}
