import type { InsurerClient } from '../egress/insurer-client.ts';
import type { InsurerProtocol, InsurerProtocols } from '../egress/insurer-protocol.ts';
import { brokerError } from '../errors/broker-error.ts';
import { appendOrUnavailable, type MessageLog } from '../log/message-log.ts';
import { signDetached } from '../jose/detached-jws.ts';
import type { SignatureContext } from '../jose/signature-context.ts';
import type { Step } from '../pipeline/step.ts';
import type { Participant } from '../registry/participant.ts';

/** What forwarding needs: the insurers' protocols, the transport, the log and the broker's key. */
export interface ForwardDeps {
  readonly protocols: InsurerProtocols;
  readonly client: InsurerClient;
  readonly log: MessageLog;
  readonly sig: SignatureContext;
}

/**
 * Writes the canonical request in the routed insurer's wire format, signs those exact bytes with
 * the broker's key (`aud` the insurer) and sends them over mutual TLS. The outbound bytes are
 * logged before sending and the insurer's answer bytes as soon as they arrive, before any check.
 */
export function forwardToInsurer(deps: ForwardDeps): Step {
  return async (x) => {
    const insurer = x.insurer;
    const resource = x.resource;
    if (insurer === undefined || resource === undefined) {
      throw new Error('forwardToInsurer runs after routing');
    }
    const encoded = protocolFor(deps.protocols, insurer).encodeRequest({ ...x, resource });
    const common = { correlationId: x.correlationId, route: x.route };
    const signature = await signDetached(encoded.body, deps.sig.signer, {
      jti: crypto.randomUUID(),
      sub: deps.sig.selfCode,
      aud: insurer.code,
    });
    await appendOrUnavailable(deps.log, {
      ...common,
      kind: 'request-out',
      sender: deps.sig.selfCode,
      recipient: insurer.code,
      contentType: encoded.contentType,
      payload: encoded.body,
      outcome: 'forwarded',
      signature,
    });
    const answer = await deps.client.send(insurer, {
      ...encoded,
      correlationId: x.correlationId,
      signature,
    });
    await appendOrUnavailable(deps.log, {
      ...common,
      kind: 'response-in',
      sender: insurer.code,
      recipient: deps.sig.selfCode,
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

/** The protocol of the insurer's registered wire format; one the broker cannot speak is a 502. */
export function protocolFor(protocols: InsurerProtocols, insurer: Participant): InsurerProtocol {
  const format = insurer.endpoint?.format ?? 'fhir';
  const protocol = protocols.get(format);
  if (protocol === undefined) {
    throw brokerError(
      'BRK_INSURER_UNREACHABLE',
      `insurer ${insurer.code} speaks ${format}, which this broker cannot send`,
    );
  }
  return protocol;
}
