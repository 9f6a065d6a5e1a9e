import Fastify, { type FastifyInstance } from 'fastify';
import { BrokerError, brokerError, normalizeError } from '../errors/broker-error.ts';
import { toOperationOutcome } from '../errors/to-operation-outcome.ts';
import { FHIR_JSON } from '../formats/fhir/identifier-systems.ts';
import { parseFhirJson } from '../formats/fhir/parse-fhir-json.ts';
import { readEligibilityRequest } from '../formats/fhir/read-eligibility-request.ts';
import type { Registry } from '../registry/participant.ts';
import { createIdentifier } from '../transport/identify-participant.ts';
import { answerEligibility, type InsurerInfo } from './answer-eligibility.ts';
import type { InsuredPerson } from './population.ts';

export interface DemoInsurerOptions {
  readonly insurer: InsurerInfo;
  /** The insurer's own server certificate and the CA its callers must chain to. */
  readonly tls: { readonly key: string; readonly cert: string; readonly ca: string };
  readonly registry: Registry;
  readonly population: readonly InsuredPerson[];
  readonly logLevel?: string;
}

/**
 * A demo IAFAS speaking FHIR over mutual TLS: it accepts only the broker (by certificate pin in
 * the registry) and answers `POST /fhir/CoverageEligibilityRequest/$submit` from its population.
 */
export function buildDemoInsurer(options: DemoInsurerOptions): FastifyInstance {
  const app = Fastify({
    https: { ...options.tls, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    logger: { level: options.logLevel ?? 'warn', base: { insurer: options.insurer.code } },
  }) as unknown as FastifyInstance;
  const identify = createIdentifier(options.registry);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, body);
  });
  app.setErrorHandler(async (err, request, reply) => {
    const error = normalizeError(err);
    return reply
      .code(error.spec.status)
      .type(FHIR_JSON)
      .send(toOperationOutcome(error, request.id));
  });
  app.addHook('onRequest', (request, _reply, done) => {
    const identity = identify(request.raw.socket);
    if (identity.participant === undefined) {
      done(new BrokerError(identity.error));
    } else if (identity.participant.kind !== 'broker') {
      done(brokerError('BRK_AUTH_ROLE_FORBIDDEN', 'only the broker may call an insurer'));
    } else {
      done();
    }
  });
  app.post('/fhir/CoverageEligibilityRequest/$submit', async (request, reply) => {
    const query = readEligibilityRequest(parseFhirJson(request.body as Buffer));
    if (query.insurerCode !== options.insurer.code) {
      throw brokerError('BRK_ROUTE_UNKNOWN_INSURER', `this is IAFAS ${options.insurer.code}`);
    }
    const answer = answerEligibility(query, options.insurer, options.population, new Date());
    return reply.type(FHIR_JSON).send(answer);
  });
  return app;
}
