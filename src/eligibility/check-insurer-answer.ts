import { BrokerError, brokerError } from '../errors/broker-error.ts';
import { parseFhirJson } from '../formats/fhir/parse-fhir-json.ts';
import type { Step } from '../pipeline/step.ts';

/**
 * The insurer's answer must be a 2xx FHIR JSON `CoverageEligibilityResponse`; anything else is
 * `BRK_INSURER_BAD_ANSWER` (502) naming the insurer and what was wrong.
 */
export const checkInsurerAnswer: Step = (x) => {
  const answer = x.answer;
  const code = x.insurer?.code ?? 'unknown';
  if (answer === undefined) {
    throw new Error('checkInsurerAnswer runs after forwarding');
  }
  if (answer.status < 200 || answer.status > 299) {
    throw brokerError('BRK_INSURER_BAD_ANSWER', `insurer ${code} answered HTTP ${answer.status}`);
  }
  let resource;
  try {
    resource = parseFhirJson(answer.body);
  } catch (err) {
    const detail = err instanceof BrokerError ? err.issues.map((i) => i.detail).join('; ') : '';
    throw brokerError(
      'BRK_INSURER_BAD_ANSWER',
      `insurer ${code} answer is not FHIR JSON: ${detail}`,
    );
  }
  if (resource.resourceType !== 'CoverageEligibilityResponse') {
    throw brokerError(
      'BRK_INSURER_BAD_ANSWER',
      `insurer ${code} answered a ${resource.resourceType}, not a CoverageEligibilityResponse`,
    );
  }
  x.answerResource = resource;
};
