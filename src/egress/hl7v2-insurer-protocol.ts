import type { Bundle, CoverageEligibilityRequest, CoverageEligibilityResponse } from 'fhir/r4.js';
import { BrokerError, brokerError } from '../errors/broker-error.ts';
import { mapFhirToRqi } from '../formats/hl7v2/map/map-fhir-to-rqi.ts';
import { mapRpiToFhir } from '../formats/hl7v2/map/map-rpi-to-fhir.ts';
import type { Hl7Message } from '../formats/hl7v2/message.ts';
import { parseEr7 } from '../formats/hl7v2/parse-er7.ts';
import { checkHl7Message } from '../formats/hl7v2/profile/check-hl7-message.ts';
import type { Hl7Profiles } from '../formats/hl7v2/profile/profile-types.ts';
import { controlIdOf } from '../gateway/hl7v2/control-id.ts';
import { HL7_ER7 } from '../gateway/hl7v2/hl7-exchange.ts';
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
 * Insurers that speak HL7 v2: the canonical request becomes an RQI^I01 (mappings/hl7v2/ read
 * backwards), checked against its own message profile, sent to the registered endpoint —
 * `mllps://host:port` (MLLP/TLS, the broker's JWS as ZSG) or `https://…` (POST, the JWS in
 * `x-jws-signature`); the transport is the insurer client's. The answer must be an RPI^I01 with
 * MSA-1 AA that passes its profile; it is mapped to the canonical `CoverageEligibilityResponse`.
 * An ACK AE/AR, or anything else, is `BRK_INSURER_BAD_ANSWER` naming the insurer and its ERRs.
 */
export function createHl7InsurerProtocol(deps: {
  readonly mappings: MappingSet;
  readonly profiles: Hl7Profiles;
  readonly brokerCode: string;
}): InsurerProtocol {
  return {
    format: 'hl7v2',
    encodeRequest(x) {
      const insurer = x.insurer?.code ?? '';
      const { message, issues } = mapFhirToRqi(x.resource as Bundle | CoverageEligibilityRequest, {
        mappings: deps.mappings,
        envelope: {
          sendingApplication: 'SITEDS',
          sendingFacility: deps.brokerCode,
          receivingApplication: 'IAFAS',
          receivingFacility: insurer,
          controlId: controlIdOf(x.correlationId),
          now: new Date(),
        },
      });
      failOnInsurerMapping('BRK_MAPPING_FAILED', issues, x);
      try {
        checkHl7Message(deps.profiles, message);
      } catch (err) {
        const detail = err instanceof BrokerError ? err.issues.map((i) => i.detail).join('; ') : '';
        throw brokerError(
          'BRK_MAPPING_FAILED',
          `the RQI^I01 for ${insurer} breaks its profile: ${detail}`,
        );
      }
      return { path: '', contentType: `${HL7_ER7}; charset=utf-8`, body: message.toBuffer() };
    },
    decodeAnswer: (answer, x) => decodeRpi(answer, x, deps),
  };
}

function decodeRpi(
  answer: InsurerAnswer,
  x: Exchange,
  deps: { readonly mappings: MappingSet; readonly profiles: Hl7Profiles },
): CoverageEligibilityResponse {
  const bad = (detail: string): BrokerError => badInsurerAnswer(x, detail);
  requireSuccessStatus(answer, x);
  let message: Hl7Message;
  try {
    message = parseEr7(answer.body);
  } catch (err) {
    throw bad((err as Error).message);
  }
  const msa = message.segment('MSA');
  if (msa?.field(1).value !== 'AA') {
    const errs = message.segmentsNamed('ERR').map((e) => `${e.field(3).raw} ${e.field(8).value}`);
    throw bad(`MSA-1 ${msa?.field(1).value ?? '(none)'} ${errs.join('; ')}`.trim());
  }
  try {
    const profile = checkHl7Message(deps.profiles, message);
    if (profile.structure !== 'RPI_I01') {
      throw bad(`answered ${profile.structure}, not RPI_I01`);
    }
  } catch (err) {
    if (err instanceof BrokerError && err.code !== 'BRK_INSURER_BAD_ANSWER') {
      throw bad(err.issues.map((i) => i.detail).join('; '));
    }
    throw err;
  }
  const request = x.query?.request;
  if (request === undefined) {
    throw new Error('decodeRpi runs after the request was read');
  }
  const mapped = mapRpiToFhir(message, request, { mappings: deps.mappings });
  failOnInsurerMapping('BRK_INSURER_BAD_ANSWER', mapped.issues, x);
  return mapped.response;
}
