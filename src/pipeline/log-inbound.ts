import { appendOrUnavailable, type LogEntryInput, type MessageLog } from '../log/message-log.ts';
import type { Exchange } from './exchange.ts';
import type { Step } from './step.ts';

/**
 * Write-ahead: appends the raw request bytes to the message log before anything parses them.
 * If the log cannot be written, the request is refused (`BRK_STORE_UNAVAILABLE`): nothing is
 * processed that is not on record.
 */
export function logInbound(log: MessageLog): Step {
  return async (x) => {
    await appendOrUnavailable(log, inboundEntry(x));
    x.inboundLogged = true;
  };
}

/** The `request-in` entry of an exchange: its raw bytes as received, with their signature. */
export function inboundEntry(x: Exchange): LogEntryInput {
  return {
    correlationId: x.correlationId,
    kind: 'request-in',
    route: x.route,
    // Who the certificate says, even when refused (a suspended participant): evidence for auditors.
    sender: x.identity.participant?.code ?? x.identity.code,
    contentType: x.contentType,
    payload: x.raw,
    outcome: 'received',
    signature: x.signature,
  };
}
