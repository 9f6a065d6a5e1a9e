import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TlsOptions } from 'node:tls';
import type { DestinationStream } from 'pino';
import type { Config } from '../config/config.ts';
import { BrokerError } from '../errors/broker-error.ts';
import { createErrorHandler } from '../errors/error-handler.ts';
import { openExchange } from '../pipeline/create-broker-server.ts';
import { createHttpsFrame } from '../pipeline/create-https-frame.ts';
import type { Responder } from '../pipeline/send-logged.ts';
import type { Registry } from '../registry/participant.ts';
import { createIdentifier } from '../transport/identify-participant.ts';
import { serverTlsOptions } from '../transport/tls-options.ts';
import { renderErrorPage } from './web/render-error-page.ts';

/**
 * The HTA listener's TLS: the broker's certificate and CA, but a client certificate is only
 * *requested*. Reading is public; a certificate counts only when Node verified it against the
 * CA (`socket.authorized`, checked by the identifier): an absent, foreign, expired or revoked
 * one leaves the caller anonymous, and every write route refuses anonymous callers.
 */
export function htaTlsOptions(config: Config): TlsOptions {
  return { ...serverTlsOptions(config), requestCert: true, rejectUnauthorized: false };
}

/** Paths whose errors are FHIR `OperationOutcome`s; the rest of `/hta/` answers with HTML. */
export function isApiPath(url: string): boolean {
  return url.startsWith('/hta/fhir') || url.startsWith('/hta/moderation');
}

/**
 * The HTA's HTTPS frame: raw bodies (parsing is a step, after logging), identity from the
 * certificate when there is one, message routes opened as exchanges (logged like the
 * broker's), errors as OperationOutcome on the API and as a page on the web side.
 */
export function createHtaServer(
  config: Config,
  deps: { registry: Registry; responder: Responder; logStream?: DestinationStream | undefined },
): FastifyInstance {
  const app = createHttpsFrame(config, htaTlsOptions(config), deps.logStream);
  const identify = createIdentifier(deps.registry);
  const apiErrors = createErrorHandler(deps.responder);
  app.setErrorHandler(async (err: Error, request, reply) =>
    isApiPath(request.url) ? apiErrors(err, request, reply) : renderErrorPage(err, request, reply),
  );
  app.setNotFoundHandler(() => {
    throw new BrokerError('BRK_NOT_FOUND');
  });
  app.addHook('onRequest', async (request, reply) => {
    void reply.header('x-correlation-id', request.id);
    void reply.header('x-content-type-options', 'nosniff');
    void reply.header('referrer-policy', 'no-referrer');
    request.identity = identify(request.raw.socket);
    const route = request.routeOptions.config.messageRoute;
    request.exchange = route === undefined ? null : openExchange(request, route);
  });
  return app;
}

/** Refuses a caller without an active participant of `kind` (routes that are not message routes). */
export function requireMember(request: FastifyRequest, kind: 'renetsa'): void {
  const { identity } = request;
  if (identity.participant === undefined) {
    throw new BrokerError(identity.error);
  }
  if (identity.participant.kind !== kind) {
    throw new BrokerError('BRK_AUTH_ROLE_FORBIDDEN', [
      { detail: `participant ${identity.participant.code} is not a RENETSA member` },
    ]);
  }
}
