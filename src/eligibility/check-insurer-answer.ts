import type { InsurerProtocols } from '../egress/insurer-protocol.ts';
import type { Step } from '../pipeline/step.ts';
import { protocolFor } from './forward-to-insurer.ts';

/**
 * Reads the insurer's answer with the insurer's protocol into the canonical
 * `CoverageEligibilityResponse`; anything else is `BRK_INSURER_BAD_ANSWER` (502) naming the
 * insurer and what was wrong.
 */
export function checkInsurerAnswer(protocols: InsurerProtocols): Step {
  return (x) => {
    if (x.answer === undefined || x.insurer === undefined) {
      throw new Error('checkInsurerAnswer runs after forwarding');
    }
    x.answerResource = protocolFor(protocols, x.insurer).decodeAnswer(x.answer, x);
  };
}
