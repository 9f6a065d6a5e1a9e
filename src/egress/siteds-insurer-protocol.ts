import type { CoverageEligibilityRequest, CoverageEligibilityResponse } from 'fhir/r4.js';
import { brokerError, type BrokerError } from '../errors/broker-error.ts';
import { mapAnswer271ToFhir } from '../formats/siteds/map/map-answer271-to-fhir.ts';
import { mapFhirToConAse } from '../formats/siteds/map/map-fhir-to-con-ase.ts';
import { readSitedsX12 } from '../formats/siteds/read-siteds-x12.ts';
import { buildSitedsRequest } from '../formats/siteds/soap/build-siteds-request.ts';
import { parseSitedsSoapResponse } from '../formats/siteds/soap/parse-siteds-soap-response.ts';
import type { SoapLimits } from '../formats/siteds/soap/soap-constants.ts';
import { validateSitedsModel } from '../formats/siteds/validation/validate-siteds-model.ts';
import { failOnInsurerMapping } from '../gateway/map-issues.ts';
import type { MappingSet } from '../mapping/load-mappings.ts';
import type { Exchange } from '../pipeline/exchange.ts';
import type { InsurerAnswer } from './insurer-client.ts';
import {
  badInsurerAnswer,
  requireSuccessStatus,
  type InsurerProtocol,
} from './insurer-protocol.ts';

/**
 * Insurers that speak SITEDS: the canonical request becomes a 270_CON_ASE (mappings/siteds/ read
 * backwards; the asking IPRESS's RUC from the registry when the request does not carry it),
 * checked with SUSALUD's rules, in a ServicePasarela SOAP request posted to the
 * insurer's service URL; its SOAP answer's 271 is read, checked and mapped to the canonical
 * `CoverageEligibilityResponse`. Interchange control numbers count up from a random start.
 */
export function createSitedsInsurerProtocol(deps: {
  readonly mappings: MappingSet;
  readonly senderId: string;
  readonly limits: SoapLimits;
}): InsurerProtocol {
  let control = Math.floor(Math.random() * 900_000_000);
  return {
    format: 'siteds',
    encodeRequest(x) {
      control = (control + 1) % 1_000_000_000;
      const number = String(control).padStart(9, '0');
      const header = {
        // In SITEDS the sender is the asking IPRESS; the broker relays on its behalf.
        senderId: x.query?.providerCode ?? deps.senderId,
        receiverId: x.insurer?.code ?? '',
        interchangeControlNumber: number,
        groupControlNumber: String(control),
        transactionControlNumber: number.slice(-4),
      };
      const { model, issues } = mapFhirToConAse(x.resource as CoverageEligibilityRequest, {
        mappings: deps.mappings,
        header,
      });
      failOnInsurerMapping('BRK_MAPPING_FAILED', issues, x);
      const ruc = model.ipressRuc ?? x.identity.participant?.ruc;
      const complete = ruc === undefined ? model : { ...model, ipressRuc: ruc };
      const validation = validateSitedsModel('270_CON_ASE', complete);
      if (validation.issues.length > 0) {
        throw brokerError(
          'BRK_MAPPING_FAILED',
          `the 270 for ${x.insurer?.code ?? '?'} fails SUSALUD rules: ${validation.issues.map((i) => `${i.code} ${i.location} ${i.message}`).join('; ')}`,
        );
      }
      return {
        path: '',
        contentType: 'text/xml; charset=utf-8',
        body: Buffer.from(buildSitedsRequest(complete)),
      };
    },
    decodeAnswer: (answer, x) => decodeSitedsAnswer(answer, x, deps),
  };
}

function decodeSitedsAnswer(
  answer: InsurerAnswer,
  x: Exchange,
  deps: { readonly mappings: MappingSet; readonly limits: SoapLimits },
): CoverageEligibilityResponse {
  const bad = (detail: string): BrokerError => badInsurerAnswer(x, detail);
  requireSuccessStatus(answer, x);
  const parsed = parseSitedsSoapResponse(answer.body, deps.limits);
  if (!parsed.ok) {
    throw bad(parsed.detail);
  }
  const { coError, txNombre, txRespuesta } = parsed.answer;
  if (coError !== '0000') {
    throw bad(`SITEDS coError ${coError} for ${txNombre}`);
  }
  const read = readSitedsX12(txNombre, txRespuesta);
  if (!read.ok) {
    throw bad(read.issues.map((i) => `${i.segment}[${i.position}] ${i.problem}`).join('; '));
  }
  if (read.name === '270_CON_ASE') {
    throw bad('answered with a 270');
  }
  const validation = validateSitedsModel(read.name, read.model);
  if (validation.issues.length > 0) {
    throw bad(validation.issues.map((i) => `${i.code} ${i.location} ${i.message}`).join('; '));
  }
  const request = x.query?.request;
  if (request === undefined) {
    throw new Error('decodeSitedsAnswer runs after the request was read');
  }
  const mapped = mapAnswer271ToFhir(read.name, read.model, request, {
    mappings: deps.mappings,
    ...(x.query?.patient === undefined ? {} : { patient: x.query.patient }),
  });
  failOnInsurerMapping('BRK_INSURER_BAD_ANSWER', mapped.issues, x);
  return mapped.response;
}
