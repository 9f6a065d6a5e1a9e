import { randomUUID } from 'node:crypto';
import { newCorrelationId } from '../../log/new-correlation-id.ts';
import type { Config } from '../../config/config.ts';
import { appendOrUnavailable, type MessageLog } from '../../log/message-log.ts';
import type { Registry } from '../../registry/participant.ts';
import { createIdentifier } from '../../transport/identify-participant.ts';
import { createMllpServer, type MllpServer } from '../../transport/mllp/create-mllp-server.ts';
import type { MllpLogger, MllpRawBytes, MllpRefusal } from '../../transport/mllp/mllp-types.ts';
import { signZsg } from '../../jose/zsg-signature.ts';
import { serverTlsOptions } from '../../transport/tls-options.ts';
import { answerMllpMessage, MLLP_ROUTE, type MllpAnswerDeps } from './answer-mllp-message.ts';
import { HL7_ER7 } from './hl7-exchange.ts';
import { BROKER_HL7_SELF } from './render-hl7-error.ts';

/**
 * The broker's MLLP/TLS listener (`SITEDS_MLLP_PORT`): the same TLS settings, CA and
 * certificate → participant rules as HTTPS; every frame's raw bytes logged first (`request-in`,
 * route `hl7v2.mllp`, the sender's ZSG inside them), then `answerMllpMessage`. The listener's
 * own refusals (unknown or suspended certificate, unreadable or oversized frame) are signed with
 * the broker's ZSG and logged as `response-out` like every other answer.
 */
export function createMllpIngress(
  config: Config,
  deps: MllpAnswerDeps & {
    readonly registry: Registry;
    readonly log: MessageLog;
    readonly logger: MllpLogger;
  },
): MllpServer {
  return createMllpServer({
    tls: serverTlsOptions(config),
    identify: createIdentifier(deps.registry),
    logRaw: (raw) => logFrame(deps.log, raw),
    onMessage: (msg) => answerMllpMessage(msg, deps),
    finishRefusal: (refusal) => finishRefusal(deps, refusal),
    logger: deps.logger,
    self: BROKER_HL7_SELF,
  });
}

/** Appends one frame (or garbage run) as `request-in`; returns its correlation id. */
async function logFrame(log: MessageLog, raw: MllpRawBytes): Promise<string> {
  const correlationId = newCorrelationId();
  await appendOrUnavailable(log, {
    correlationId,
    kind: 'request-in',
    route: MLLP_ROUTE,
    sender: raw.identity.participant?.code ?? raw.identity.code,
    contentType: raw.kind === 'frame' ? HL7_ER7 : `application/octet-stream; mllp=${raw.kind}`,
    payload: raw.bytes,
    outcome: 'received',
    // The sender's ZSG stays inside the logged bytes (verifyZsg checks it there); the entry's
    // signature column holds detached JWS over the whole payload only, so it is left empty.
    signature: undefined,
  });
  return correlationId;
}

/** A refusal the listener wrote: the broker's ZSG on it, logged beside the refused bytes. */
async function finishRefusal(
  deps: MllpAnswerDeps & { readonly log: MessageLog },
  refusal: MllpRefusal,
): Promise<Buffer> {
  const recipient = refusal.identity.participant?.code ?? refusal.identity.code ?? 'unknown';
  const signed = await signZsg(deps.signatures, refusal.ack, { aud: recipient, jti: randomUUID() });
  if (typeof refusal.logged === 'string') {
    await deps.log.append({
      correlationId: refusal.logged,
      kind: 'response-out',
      route: MLLP_ROUTE,
      sender: deps.brokerCode,
      recipient,
      contentType: HL7_ER7,
      payload: signed,
      httpStatus: refusal.error.spec.status,
      outcome: 'error',
      errorCode: refusal.error.code,
      signature: undefined,
    });
  }
  return signed;
}
