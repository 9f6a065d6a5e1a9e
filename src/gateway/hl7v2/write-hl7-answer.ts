import type { CoverageEligibilityResponse } from 'fhir/r4.js';
import { mapFhirToRpi } from '../../formats/hl7v2/map/map-fhir-to-rpi.ts';
import type { MappingSet } from '../../mapping/load-mappings.ts';
import type { Exchange } from '../../pipeline/exchange.ts';
import type { OutboundAnswer } from '../../pipeline/send-logged.ts';
import { failOnMappingErrors, mappingVerdict } from '../map-issues.ts';
import { HL7_ER7 } from './hl7-exchange.ts';

/** The content type of the broker's HL7 v2 answers over HTTPS. */
export const HL7_ANSWER_TYPE = `${HL7_ER7}; charset=utf-8`;

/**
 * The canonical answer → the RPI^I01 answering the RQI (MSA AA), mapped by mappings/hl7v2/; an
 * answer that cannot be written is the insurer's bad answer (ACK AE), never a trimmed one. What
 * HL7 v2 cannot carry (benefits) is in the `answerMapping` verdict. The insurer's signature and
 * bytes go along as the origin.
 */
export function writeHl7Answer(
  x: Exchange,
  mappings: MappingSet,
  now: Date = new Date(),
): OutboundAnswer {
  const rqi = x.hl7?.message;
  const response = x.answerResource as CoverageEligibilityResponse | undefined;
  if (rqi === undefined || response === undefined || x.hl7 === undefined) {
    throw new Error('writeHl7Answer runs after an HL7 v2 request was answered');
  }
  const { message, issues } = mapFhirToRpi(response, rqi, {
    mappings,
    controlId: x.hl7.controlId,
    now,
  });
  x.verdicts.replyMapping = mappingVerdict(issues); // answerMapping is the insurer's answer read
  failOnMappingErrors('BRK_INSURER_BAD_ANSWER', issues);
  const origin =
    x.answer?.signature === undefined
      ? undefined
      : { signature: x.answer.signature, bytes: x.answer.body };
  const charset = message.charset === 'latin1' ? 'iso-8859-1' : 'utf-8';
  return {
    status: 200,
    contentType: `${HL7_ER7}; charset=${charset}`,
    body: message.toBuffer(),
    origin,
  };
}
