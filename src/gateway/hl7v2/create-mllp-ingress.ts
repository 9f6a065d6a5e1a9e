import { randomUUID } from 'node:crypto';
import type { Config } from '../../config/config.ts';
import { appendOrUnavailable, type MessageLog } from '../../log/message-log.ts';
import type { Registry } from '../../registry/participant.ts';
import { createIdentifier } from '../../transport/identify-participant.ts';
import { createMllpServer, type MllpServer } from '../../transport/mllp/create-mllp-server.ts';
import type { MllpLogger, MllpRawBytes } from '../../transport/mllp/mllp-types.ts';
import { serverTlsOptions } from '../../transport/tls-options.ts';
import { answerMllpMessage, MLLP_ROUTE, type MllpAnswerDeps } from './answer-mllp-message.ts';
import { HL7_ER7 } from './hl7-exchange.ts';
import { BROKER_HL7_SELF } from './render-hl7-error.ts';

/**
 * The broker's MLLP/TLS listener (`SITEDS_MLLP_PORT`): the same TLS settings, CA and
 * certificate → participant rules as HTTPS; every frame's raw bytes logged first (`request-in`,
 * route `hl7v2.mllp`, the sender's ZSG inside them), then `answerMllpMessage`.
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
    logger: deps.logger,
    self: BROKER_HL7_SELF,
  });
}

/** Appends one frame (or garbage run) as `request-in`; returns its correlation id. */
async function logFrame(log: MessageLog, raw: MllpRawBytes): Promise<string> {
  const correlationId = randomUUID();
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
