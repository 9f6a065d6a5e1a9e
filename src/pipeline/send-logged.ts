import type { FastifyReply } from 'fastify';
import { BrokerError } from '../errors/broker-error.ts';
import { toOperationOutcome } from '../errors/to-operation-outcome.ts';
import type { MessageLog } from '../log/message-log.ts';
import type { Exchange } from './exchange.ts';
import { senderCode } from './exchange.ts';

export interface OutboundAnswer {
  readonly status: number;
  readonly contentType: string;
  readonly body: Buffer;
  readonly errorCode?: string | undefined;
}

/**
 * Sends an answer only after it is durably logged. If the request itself never reached the log
 * (rejected while reading the body, e.g. over the size limit), it is logged first with what is
 * known. If the answer cannot be logged, a success is never sent: the caller gets a 503.
 */
export async function sendLogged(
  log: MessageLog,
  x: Exchange,
  reply: FastifyReply,
  answer: OutboundAnswer,
): Promise<FastifyReply> {
  const common = { correlationId: x.correlationId, route: x.route };
  try {
    if (!x.inboundLogged) {
      await log.append({
        ...common,
        kind: 'request-in',
        sender: x.identity.participant?.code,
        contentType: x.contentType,
        payload: x.raw,
        outcome: 'received',
      });
      x.inboundLogged = true;
    }
    await log.append({
      ...common,
      kind: 'response-out',
      sender: 'broker',
      recipient: senderCode(x),
      contentType: answer.contentType,
      payload: answer.body,
      httpStatus: answer.status,
      outcome: answer.status < 400 ? 'ok' : 'error',
      errorCode: answer.errorCode,
      durationMs: performance.now() - x.startedAt,
    });
  } catch (err) {
    reply.log.error({ err, step: 'log-answer' }, 'message log write failed');
    if (answer.status < 400) {
      return reply.code(503).type('application/fhir+json').send(storeUnavailable(x.correlationId));
    }
  }
  return reply.code(answer.status).type(answer.contentType).send(answer.body);
}

function storeUnavailable(id: string): string {
  return JSON.stringify(toOperationOutcome(new BrokerError('BRK_STORE_UNAVAILABLE'), id));
}
