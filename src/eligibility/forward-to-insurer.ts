import type { InsurerClient } from '../egress/insurer-client.ts';
import { FHIR_JSON } from '../formats/fhir/identifier-systems.ts';
import { appendOrUnavailable, type MessageLog } from '../log/message-log.ts';
import { signDetached } from '../jose/detached-jws.ts';
import type { SignatureContext } from '../jose/signature-context.ts';
import type { Step } from '../pipeline/step.ts';

/** The insurer-side operation, relative to the insurer's FHIR base URL. */
export const INSURER_SUBMIT_PATH = '/CoverageEligibilityRequest/$submit';

/**
 * Signs the canonical request with the broker's key (`aud` the insurer) and sends it to the
 * routed insurer over mutual TLS. The outbound bytes are
 * logged before sending and the insurer's answer bytes as soon as they arrive, before any check.
 */
export function forwardToInsurer(
  client: InsurerClient,
  log: MessageLog,
  sig: SignatureContext,
): Step {
  return async (x) => {
    const insurer = x.insurer;
    if (insurer === undefined || x.resource === undefined) {
      throw new Error('forwardToInsurer runs after routing');
    }
    const body = Buffer.from(JSON.stringify(x.resource));
    const common = { correlationId: x.correlationId, route: x.route };
    const signature = await signDetached(body, sig.signer, {
      jti: crypto.randomUUID(),
      sub: sig.selfCode,
      aud: insurer.code,
    });
    await appendOrUnavailable(log, {
      ...common,
      kind: 'request-out',
      sender: sig.selfCode,
      recipient: insurer.code,
      contentType: FHIR_JSON,
      payload: body,
      outcome: 'forwarded',
      signature,
    });
    const answer = await client.send(insurer, {
      path: INSURER_SUBMIT_PATH,
      contentType: FHIR_JSON,
      body,
      correlationId: x.correlationId,
      signature,
    });
    await appendOrUnavailable(log, {
      ...common,
      kind: 'response-in',
      sender: insurer.code,
      recipient: sig.selfCode,
      contentType: answer.contentType,
      payload: answer.body,
      httpStatus: answer.status,
      outcome: 'answered',
      durationMs: answer.durationMs,
      signature: answer.signature,
    });
    x.answer = answer;
  };
}
