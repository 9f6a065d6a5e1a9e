import type { InsurerClient } from '../../egress/insurer-client.ts';
import { FHIR_JSON } from '../../formats/fhir/identifier-systems.ts';
import { signDetached } from '../../jose/detached-jws.ts';
import type { SignatureContext } from '../../jose/signature-context.ts';
import type { Participant } from '../../registry/participant.ts';
import { newCorrelationId } from '../../log/new-correlation-id.ts';

/** Where a live replay sends requests: an insurer's (new) endpoint, reached as that insurer. */
export interface LiveTarget {
  readonly url: string;
  readonly insurer: Participant;
  readonly client: InsurerClient;
  readonly sig: SignatureContext;
}

/**
 * Sends a logged request to the target as the broker would forward it (signed by the broker,
 * over mTLS pinned to the insurer's registered keys) and returns the answer bytes.
 */
export async function sendLive(target: LiveTarget, body: Buffer): Promise<Buffer> {
  const insurer: Participant = {
    ...target.insurer,
    endpoint: {
      url: target.url,
      format: 'fhir',
      deadlineMs: target.insurer.endpoint?.deadlineMs ?? 5000,
    },
  };
  const signature = await signDetached(body, target.sig.signer, {
    jti: crypto.randomUUID(),
    sub: target.sig.selfCode,
    aud: insurer.code,
  });
  const answer = await target.client.send(insurer, {
    path: '/CoverageEligibilityRequest/$submit',
    contentType: FHIR_JSON,
    body,
    correlationId: newCorrelationId(),
    signature,
  });
  return answer.body;
}
