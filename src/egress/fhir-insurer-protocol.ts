import type { CoverageEligibilityResponse } from 'fhir/r4.js';
import { BrokerError } from '../errors/broker-error.ts';
import { FHIR_JSON } from '../formats/fhir/identifier-systems.ts';
import { parseFhirJson } from '../formats/fhir/parse-fhir-json.ts';
import {
  badInsurerAnswer,
  requireSuccessStatus,
  type InsurerProtocol,
} from './insurer-protocol.ts';

/** The insurer-side operation, relative to the insurer's FHIR base URL. */
export const INSURER_SUBMIT_PATH = '/CoverageEligibilityRequest/$submit';

/**
 * FHIR insurers: the canonical request goes as FHIR JSON to `{base}/CoverageEligibilityRequest/$submit`;
 * the answer must be a 2xx FHIR JSON `CoverageEligibilityResponse`.
 */
export const fhirInsurerProtocol: InsurerProtocol = {
  format: 'fhir',
  encodeRequest: (x) => ({
    path: INSURER_SUBMIT_PATH,
    contentType: FHIR_JSON,
    body: Buffer.from(JSON.stringify(x.resource)),
  }),
  decodeAnswer(answer, x) {
    requireSuccessStatus(answer, x);
    let resource;
    try {
      resource = parseFhirJson(answer.body);
    } catch (err) {
      const detail = err instanceof BrokerError ? err.issues.map((i) => i.detail).join('; ') : '';
      throw badInsurerAnswer(x, `the answer is not FHIR JSON: ${detail}`);
    }
    if (resource.resourceType !== 'CoverageEligibilityResponse') {
      throw badInsurerAnswer(
        x,
        `answered a ${resource.resourceType}, not a CoverageEligibilityResponse`,
      );
    }
    return resource as CoverageEligibilityResponse;
  },
};
