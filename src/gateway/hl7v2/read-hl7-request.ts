import { BrokerError } from '../../errors/broker-error.ts';
import { Hl7ParseError, parseEr7 } from '../../formats/hl7v2/parse-er7.ts';
import { parseRejection } from '../../formats/hl7v2/hl7-problem.ts';
import { checkHl7Message } from '../../formats/hl7v2/profile/check-hl7-message.ts';
import type { Hl7Profiles } from '../../formats/hl7v2/profile/profile-types.ts';
import type { Hl7Message } from '../../formats/hl7v2/message.ts';
import type { Step } from '../../pipeline/step.ts';
import { controlIdOf } from './control-id.ts';

/**
 * Reads an HL7 v2 eligibility query: ER7 (`BRK_HL7_PARSE`, AR), then its message profile, every
 * problem collected (`BRK_HL7_PROFILE`, AE with one ERR each; an unknown type, event, version or
 * processing ID is `BRK_HL7_UNSUPPORTED`, AR). Only RQI^I01 asks for eligibility here.
 * `payload` is the message without its signature segment (MLLP's ZSG), default the raw bytes.
 */
export function readHl7Request(profiles: Hl7Profiles, payload?: (raw: Buffer) => Buffer): Step {
  return (x) => {
    const bytes = payload === undefined ? x.raw : payload(x.raw);
    const message = parse(bytes);
    x.hl7 = { message, controlId: controlIdOf(x.correlationId) };
    const profile = checkHl7Message(profiles, message);
    if (profile.structure !== 'RQI_I01') {
      throw new BrokerError('BRK_HL7_UNSUPPORTED', [
        {
          detail: `${profile.messageType}^${profile.event} is not an eligibility query; send RQI^I01`,
          expression: 'MSH-9',
        },
      ]);
    }
  };
}

function parse(bytes: Buffer): Hl7Message {
  try {
    return parseEr7(bytes);
  } catch (err) {
    if (!(err instanceof Hl7ParseError)) {
      throw err;
    }
    throw parseRejection(err);
  }
}
