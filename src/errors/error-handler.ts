import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { answerFormatOf, renderFhir } from '../formats/fhir/fhir-format.ts';
import { sendLogged, type Responder } from '../pipeline/send-logged.ts';
import { normalizeError } from './broker-error.ts';
import { toOperationOutcome } from './to-operation-outcome.ts';
import { pickLanguage } from '../validation/to-operation-outcome.ts';

/**
 * The one place errors become answers: any thrown value is normalized to a catalogued
 * `BrokerError` and rendered in the caller's format: the route's own renderer (SOAP `coError`,
 * HL7 v2 ACK) or an OperationOutcome. On message routes the answer is logged
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
    const exchange = request.exchange;
    if (exchange?.renderError !== undefined) {
      const rendered = exchange.renderError(error, exchange);
      return sendLogged(responder, exchange, reply, { ...rendered, errorCode: error.code });
    }
    const format =
      exchange?.answerFormat ??
      answerFormatOf(
        request.headers.accept,
        (request.query as { _format?: string } | undefined)?._format,
      );
    const language = exchange?.language ?? pickLanguage(request.headers['accept-language']);
    const outcome = toOperationOutcome(error, request.id, language);
    const { contentType, body } = renderFhir(outcome, format, responder.fhirModel);
    if (exchange === null) {
      return reply.code(error.spec.status).type(contentType).send(body);
    }
    return sendLogged(responder, exchange, reply, {
      status: error.spec.status,
      contentType,
      body,
      errorCode: error.code,
    });
  };
}
