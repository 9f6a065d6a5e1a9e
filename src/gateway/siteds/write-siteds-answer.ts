import type { CoverageEligibilityResponse } from 'fhir/r4.js';
import { brokerError, BrokerError } from '../../errors/broker-error.ts';
import { mapFhirToAnswer271 } from '../../formats/siteds/map/map-fhir-to-answer271.ts';
import { buildSitedsSoapResponse } from '../../formats/siteds/soap/build-siteds-soap-response.ts';
import { responseElementFor } from '../../formats/siteds/soap/soap-operations.ts';
import { validationToBrokerError } from '../../formats/siteds/to-broker-error.ts';
import { validateSitedsModel } from '../../formats/siteds/validation/validate-siteds-model.ts';
import { writeSitedsX12 } from '../../formats/siteds/write-siteds-x12.ts';
import type { MappingSet } from '../../mapping/load-mappings.ts';
import type { Exchange } from '../../pipeline/exchange.ts';
import type { OutboundAnswer } from '../../pipeline/send-logged.ts';
import { failOnMappingErrors, mappingVerdict } from '../map-issues.ts';

export const SOAP_CONTENT_TYPE = 'text/xml; charset=utf-8';

/**
 * The canonical answer → the 271 that answers the sub-type asked (mappings/siteds/), checked
 * with SUSALUD's rules, in the SOAP answer of the operation called, `coError` 0000. An answer
 * that cannot be written as a valid 271 is the insurer's bad answer (502 → coError), never a
 * silently trimmed one. The insurer's signature and bytes go along as the origin.
 */
export function writeSitedsAnswer(x: Exchange, mappings: MappingSet): OutboundAnswer {
  const request = x.siteds?.model;
  const soap = x.siteds?.soap;
  const response = x.answerResource as CoverageEligibilityResponse | undefined;
  if (request === undefined || soap === undefined || response === undefined) {
    throw new Error('writeSitedsAnswer runs after a SITEDS request was answered');
  }
  const mapped = mapFhirToAnswer271(response, request, { mappings });
  x.verdicts.answerMapping = mappingVerdict(mapped.issues);
  failOnMappingErrors('BRK_INSURER_BAD_ANSWER', mapped.issues);
  const validation = validateSitedsModel(mapped.transactionName, mapped.model);
  if (validation.issues.length > 0) {
    const invalid = validationToBrokerError(validation);
    throw new BrokerError('BRK_INSURER_BAD_ANSWER', invalid.issues);
  }
  let txRespuesta: string;
  try {
    txRespuesta = writeSitedsX12(mapped.transactionName, mapped.model);
  } catch (err) {
    throw brokerError('BRK_INSURER_BAD_ANSWER', `271 cannot be written: ${(err as Error).message}`);
  }
  const body = buildSitedsSoapResponse({
    element: responseElementFor(soap.operation),
    coError: '0000',
    coIafa: soap.coIafa === '' ? (x.insurer?.code ?? '') : soap.coIafa,
    txNombre: mapped.transactionName,
    txRespuesta,
  });
  const origin =
    x.answer?.signature === undefined
      ? undefined
      : { signature: x.answer.signature, bytes: x.answer.body };
  return { status: 200, contentType: SOAP_CONTENT_TYPE, body: Buffer.from(body), origin };
}
