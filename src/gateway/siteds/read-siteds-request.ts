import { BrokerError } from '../../errors/broker-error.ts';
import { readSitedsX12 } from '../../formats/siteds/read-siteds-x12.ts';
import { checkSitedsSoapRequest } from '../../formats/siteds/soap/check-siteds-soap-request.ts';
import { parseSitedsSoapRequest } from '../../formats/siteds/soap/parse-siteds-soap-request.ts';
import type { SoapLimits } from '../../formats/siteds/soap/soap-constants.ts';
import {
  validationToBrokerError,
  x12IssuesToBrokerError,
} from '../../formats/siteds/to-broker-error.ts';
import {
  validateSitedsModel,
  type SitedsValidation,
} from '../../formats/siteds/validation/validate-siteds-model.ts';
import type { Step } from '../../pipeline/step.ts';

/**
 * Reads a ServicePasarela call: the SOAP envelope (safe XML: no DTD, size and depth limits),
 * SUSALUD's service checks (txNombre present and known, txPeticion present), the X12 270 by its
 * layout (a segment the layout does not know is reported, never dropped), then SUSALUD-style
 * validation. Each failure throws its catalogued error; after the envelope is read, errors are
 * answered as SITEDS answers with `coError` (see `renderSitedsError`).
 */
export function readSitedsRequest(limits: SoapLimits): Step {
  return (x) => {
    const parsed = parseSitedsSoapRequest(x.raw, limits);
    if (!parsed.ok) {
      throw new BrokerError(parsed.code, [{ detail: parsed.detail, expression: 'Envelope' }]);
    }
    x.siteds = { soap: parsed.request };
    const check = checkSitedsSoapRequest(parsed.request);
    if (!check.ok) {
      throw new BrokerError(check.code, [{ detail: check.detail }]);
    }
    if (check.name !== '270_CON_ASE') {
      throw new BrokerError('BRK_SITEDS_TX_UNKNOWN', [
        { detail: `${check.name} is an answer; the gateway takes 270_CON_ASE requests` },
      ]);
    }
    const read = readSitedsX12('270_CON_ASE', parsed.request.txPeticion);
    if (!read.ok) {
      throw x12IssuesToBrokerError(read.issues);
    }
    if (read.unmapped.length > 0) {
      throw x12IssuesToBrokerError(read.unmapped);
    }
    const validation = withCoIafa(
      validateSitedsModel('270_CON_ASE', read.model),
      parsed.request.coIafa,
      read.model.iafasCode,
    );
    x.siteds = { soap: parsed.request, model: read.model, coError: validation.code };
    if (validation.issues.length > 0) {
      throw validationToBrokerError(validation);
    }
  };
}

/**
 * SOAP `coIafa` and the X12's IAFAS (NM1*1P-09) must name the same insurer: SUSALUD routes by
 * the first, the insurer reads the second. A mismatch is refused with 0760 (ours: no SUSALUD
 * code is known for it).
 */
function withCoIafa(
  validation: SitedsValidation,
  coIafa: string,
  iafasCode: string | undefined,
): SitedsValidation {
  if (coIafa === '' || iafasCode === undefined || coIafa === iafasCode) {
    return validation;
  }
  const issue = {
    code: '0760',
    path: 'iafasCode',
    location: 'NM1*1P NM1-09',
    message: `coIafa ${coIafa} is not the IAFAS of the X12 (${iafasCode})`,
  };
  const issues = [...validation.issues, issue];
  return { code: issues[0]?.code ?? '0760', issues };
}
