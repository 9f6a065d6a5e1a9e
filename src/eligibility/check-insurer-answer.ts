import { logCanonical } from '../gateway/log-canonical.ts';
import type { Step } from '../pipeline/step.ts';
import { protocolFor, type ForwardDeps } from './forward-to-insurer.ts';

/**
 * Reads the insurer's answer with the insurer's protocol into the canonical
 * `CoverageEligibilityResponse`; anything else is `BRK_INSURER_BAD_ANSWER` (502) naming the
 * insurer and what was wrong. An answer that came in another format than FHIR is logged in its
 * canonical form too.
 */
export function checkInsurerAnswer(deps: Omit<ForwardDeps, 'client'>): Step {
  return async (x) => {
    if (x.answer === undefined || x.insurer === undefined) {
      throw new Error('checkInsurerAnswer runs after forwarding');
    }
    const protocol = protocolFor(deps.protocols, x.insurer);
    const resource = protocol.decodeAnswer(x.answer, x);
    if (protocol.format !== 'fhir') {
      await logCanonical(deps.log, x, {
        kind: 'response-canonical',
        sender: x.insurer.code,
        recipient: deps.sig.selfCode,
        resource,
      });
    }
    x.answerResource = resource;
  };
}
