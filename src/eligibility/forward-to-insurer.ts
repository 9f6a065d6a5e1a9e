import type { InsurerClient } from '../egress/insurer-client.ts';
import { FHIR_JSON } from '../formats/fhir/identifier-systems.ts';
import type { MessageLog } from '../log/message-log.ts';
import type { Step } from '../pipeline/step.ts';

/** The insurer-side operation, relative to the insurer's FHIR base URL. */
export const INSURER_SUBMIT_PATH = '/CoverageEligibilityRequest/$submit';

/**
 * Sends the canonical request to the routed insurer over mutual TLS. The outbound bytes are
 * logged before sending and the insurer's answer bytes as soon as they arrive, before any check.
 */
export function forwardToInsurer(client: InsurerClient, log: MessageLog): Step {
  return async (x) => {
    const insurer = x.insurer;
    if (insurer === undefined || x.resource === undefined) {
      throw new Error('forwardToInsurer runs after routing');
    }
    const body = Buffer.from(JSON.stringify(x.resource));
    const common = { correlationId: x.correlationId, route: x.route };
    await log.append({
      ...common,
      kind: 'request-out',
      sender: 'broker',
      recipient: insurer.code,
      contentType: FHIR_JSON,
      payload: body,
      outcome: 'forwarded',
    });
    const answer = await client.send(insurer, {
      path: INSURER_SUBMIT_PATH,
      contentType: FHIR_JSON,
      body,
      correlationId: x.correlationId,
    });
    await log.append({
      ...common,
      kind: 'response-in',
      sender: insurer.code,
      recipient: 'broker',
      contentType: answer.contentType,
      payload: answer.body,
      httpStatus: answer.status,
      outcome: 'answered',
      durationMs: answer.durationMs,
    });
    x.answer = answer;
  };
}
