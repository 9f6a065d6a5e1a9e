import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { FHIR_JSON } from '../formats/fhir/identifier-systems.ts';
import { sendLogged, type Responder } from '../pipeline/send-logged.ts';
import { normalizeError } from './broker-error.ts';
import { toOperationOutcome } from './to-operation-outcome.ts';

/**
 * The one place errors become answers: any thrown value is normalized to a catalogued
 * `BrokerError` and rendered as an OperationOutcome. On message routes the answer is logged
 * like any other before it is sent. Internal errors are logged with their cause, never returned.
 */
export function createErrorHandler(responder: Responder) {
  return async function handleError(
    err: FastifyError | Error,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply> {
    const error = normalizeError(err);
    if (error.spec.status >= 500) {
      request.log.error({ err: error.cause ?? error, code: error.code }, 'request failed');
    } else {
      request.log.info({ code: error.code }, 'request refused');
    }
    const body = Buffer.from(JSON.stringify(toOperationOutcome(error, request.id)));
    const exchange = request.exchange;
    if (exchange === null) {
      return reply.code(error.spec.status).type(FHIR_JSON).send(body);
    }
    return sendLogged(responder, exchange, reply, {
      status: error.spec.status,
      contentType: FHIR_JSON,
      body,
      errorCode: error.code,
    });
  };
}
