import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { BrokerError, brokerError, normalizeError } from '../errors/broker-error.ts';
import { toOperationOutcome } from '../errors/to-operation-outcome.ts';
import { FHIR_JSON } from '../formats/fhir/identifier-systems.ts';
import { parseFhirJson } from '../formats/fhir/parse-fhir-json.ts';
import { readEligibilityRequest } from '../formats/fhir/read-eligibility-request.ts';
import type { Participant, Registry } from '../registry/participant.ts';
import { signDetached } from '../jose/detached-jws.ts';
import { createMemoryReplayGuard } from '../jose/replay-guard.ts';
import { checkSignature, type SignatureContext } from '../jose/signature-context.ts';
import type { SigningKey } from '../jose/signing-key.ts';
import { createIdentifier } from '../transport/identify-participant.ts';
import { answerEligibility, type InsurerInfo } from './answer-eligibility.ts';
import type { InsuredPerson } from './population.ts';

export interface DemoInsurerOptions {
  readonly insurer: InsurerInfo;
  /** The insurer's own server certificate and the CA its callers must chain to. */
  readonly tls: { readonly key: string; readonly cert: string; readonly ca: string };
  readonly registry: Registry;
  readonly population: readonly InsuredPerson[];
  /** The insurer's JWS signing key: it verifies the broker's signature and signs its answers. */
  readonly signer: SigningKey;
  readonly logLevel?: string;
}

/**
 * A demo IAFAS speaking FHIR over mutual TLS: it accepts only the broker (by certificate pin in
 * the registry) with a valid JWS addressed to this insurer, and answers
 * `POST /fhir/CoverageEligibilityRequest/$submit` from its population, signed with its own key.
 */
export function buildDemoInsurer(options: DemoInsurerOptions): FastifyInstance {
  const { app, sig, callerOf } = demoInsurerFrame(options);
  app.setErrorHandler(async (err, request, reply) => {
    const error = normalizeError(err);
    return reply
      .code(error.spec.status)
      .type(FHIR_JSON)
      .send(toOperationOutcome(error, request.id));
  });
  app.post('/fhir/CoverageEligibilityRequest/$submit', async (request, reply) => {
    const signature = request.headers['x-jws-signature'];
    const value = typeof signature === 'string' ? signature : undefined;
    const { bytes, signed } = await answerSigned(
      options,
      sig,
      callerOf(request),
      request.body as Buffer,
      value,
    );
    return reply.header('x-jws-signature', signed).type(FHIR_JSON).send(bytes);
  });
  return app;
}

/** A demo insurer's own signing context: its key, the registry, a replay guard in memory. */
export function demoInsurerSignatures(
  options: Pick<DemoInsurerOptions, 'insurer' | 'signer' | 'registry'>,
): SignatureContext {
  return {
    selfCode: options.insurer.code,
    signer: options.signer,
    registry: options.registry,
    replay: createMemoryReplayGuard(),
    windowSeconds: 300,
    now: () => Math.floor(Date.now() / 1000),
  };
}

/**
 * What every demo insurer shares, whatever it speaks: HTTPS with required client certificates,
 * only the broker admitted (by certificate pin in the registry), raw bodies, and the insurer's
 * own signing context.
 */
export function demoInsurerFrame(options: DemoInsurerOptions): {
  app: FastifyInstance;
  sig: SignatureContext;
  callerOf: (request: FastifyRequest) => Participant;
} {
  const app = Fastify({
    https: { ...options.tls, requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    logger: { level: options.logLevel ?? 'warn', base: { insurer: options.insurer.code } },
  }) as unknown as FastifyInstance;
  const identify = createIdentifier(options.registry);
  const sig = demoInsurerSignatures(options);
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => {
    done(null, body);
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
  const callerOf = (request: FastifyRequest): Participant => {
    const caller = identify(request.raw.socket).participant;
    if (caller === undefined) {
      throw new BrokerError('BRK_AUTH_UNKNOWN_CERTIFICATE');
    }
    return caller;
  };
  return { app, sig, callerOf };
}

/** Verifies the caller's JWS, answers from the population, and signs the answer for the caller. */
async function answerSigned(
  options: DemoInsurerOptions,
  sig: SignatureContext,
  caller: Participant,
  body: Buffer,
  signature: string | undefined,
): Promise<{ bytes: Buffer; signed: string }> {
  await checkSignature(sig, signature, body, caller, sig.selfCode);
  const query = readEligibilityRequest(parseFhirJson(body));
  if (query.insurerCode !== options.insurer.code) {
    throw brokerError('BRK_ROUTE_UNKNOWN_INSURER', `this is IAFAS ${options.insurer.code}`);
  }
  const answer = answerEligibility(query, options.insurer, options.population, new Date());
  const bytes = Buffer.from(JSON.stringify(answer));
  const signed = await signDetached(bytes, sig.signer, {
    jti: crypto.randomUUID(),
    sub: sig.selfCode,
    aud: caller.code,
  });
  return { bytes, signed };
}
