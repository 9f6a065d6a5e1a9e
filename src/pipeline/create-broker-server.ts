import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from '../config/config.ts';
import { BrokerError } from '../errors/broker-error.ts';
import { createErrorHandler } from '../errors/error-handler.ts';
import { createHttpsFrame } from './create-https-frame.ts';
import type { Metrics } from '../observability/metrics.ts';
import type { Registry } from '../registry/participant.ts';
import { createIdentifier, type Identity } from '../transport/identify-participant.ts';
import { serverTlsOptions } from '../transport/tls-options.ts';
import type { ErrorRenderer, Exchange } from './exchange.ts';
import { answerFormatOf } from '../formats/fhir/fhir-format.ts';
import { pickLanguage } from '../validation/to-operation-outcome.ts';
import type { Responder } from './send-logged.ts';

declare module 'fastify' {
  interface FastifyRequest {
    identity: Identity;
    exchange: Exchange | null;
  }
  interface FastifyContextConfig {
    /** Logical name of a message route; its requests and answers go to the message log. */
    messageRoute?: string;
    /** How this route writes errors when its callers do not speak FHIR. */
    renderError?: ErrorRenderer;
  }
}

/**
 * The HTTPS frame every route shares: mutual TLS, bodies kept as raw bytes (parsing is a
 * pipeline step, after logging), a request id the client cannot choose, the caller identified
 * from its certificate on every request, one error handler, and metrics on every answer.
 * Routes without `messageRoute` (metadata, ops, audit) refuse unidentified callers at once;
 * message routes let the pipeline log the raw bytes first.
 */
export function createBrokerServer(
  config: Config,
  deps: {
    registry: Registry;
    responder: Responder;
    metrics: Metrics;
    logStream?: DestinationStream | undefined;
  },
): FastifyInstance {
  const app = createHttpsFrame(config, serverTlsOptions(config), deps.logStream);
  const identify = createIdentifier(deps.registry);
  app.setErrorHandler(createErrorHandler(deps.responder));
  app.setNotFoundHandler(() => {
    throw new BrokerError('BRK_NOT_FOUND');
  });
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-correlation-id', request.id);
    request.identity = identify(request.raw.socket);
    request.log = request.log.child({ participant: request.identity.participant?.code ?? null });
    reply.log = request.log;
    const messageRoute = request.routeOptions.config.messageRoute;
    request.exchange = messageRoute === undefined ? null : openExchange(request, messageRoute);
    if (messageRoute === undefined && request.identity.participant === undefined) {
      throw new BrokerError(request.identity.error);
    }
  });
  app.addHook('onResponse', async (request, reply) => {
    const route =
      request.routeOptions.config.messageRoute ?? request.routeOptions.url ?? 'unmatched';
    const participant = request.identity.participant?.code ?? 'unknown';
    deps.metrics.requests.inc({ route, status: String(reply.statusCode), participant });
    deps.metrics.latency.observe({ route }, reply.elapsedTime / 1000);
  });
  return app;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}

/** A new exchange for a message route: what the pipeline steps read and add to. */
export function openExchange(request: FastifyRequest, route: string): Exchange {
  return {
    correlationId: request.id,
    route,
    startedAt: performance.now(),
    identity: request.identity,
    raw: Buffer.alloc(0),
    contentType: request.headers['content-type'],
    inboundLogged: false,
    signature: headerValue(request.headers['x-jws-signature']),
    verdicts: {},
    language: pickLanguage(request.headers['accept-language']),
    renderError: request.routeOptions.config.renderError,
    answerFormat: answerFormatOf(
      request.headers.accept,
      (request.query as { _format?: string })._format,
    ),
  };
}
