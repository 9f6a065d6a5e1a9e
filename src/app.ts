import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { CapabilityStatement } from 'fhir/r4.js';
import type { Config } from './config/config.ts';
import type { InsurerClient } from './egress/insurer-client.ts';
import { fhirInsurerProtocol } from './egress/fhir-insurer-protocol.ts';
import { createSitedsInsurerProtocol } from './egress/siteds-insurer-protocol.ts';
import { createHl7InsurerProtocol } from './egress/hl7v2-insurer-protocol.ts';
import { insurerProtocols, type InsurerProtocols } from './egress/insurer-protocol.ts';
import { authorizeProvider } from './eligibility/authorize-provider.ts';
import { checkInsurerAnswer } from './eligibility/check-insurer-answer.ts';
import { linkHtaReports, type HtaReportLookup } from './eligibility/link-hta-reports.ts';
import { forwardToInsurer } from './eligibility/forward-to-insurer.ts';
import { parseEligibility } from './eligibility/parse-eligibility.ts';
import { routeToInsurer } from './eligibility/route-to-insurer.ts';
import { registerAuditLogRoutes } from './audit/log-routes.ts';
import { registerReplayRoute } from './audit/replay-routes.ts';
import { registerTreeRoutes } from './audit/tree-routes.ts';
import type { SqlClient } from './store/open-store.ts';
import { FHIR_JSON } from './formats/fhir/identifier-systems.ts';
import type { MessageLog } from './log/message-log.ts';
import { createMetrics, type Metrics } from './observability/metrics.ts';
import { registerOpsRoutes } from './observability/ops-routes.ts';
import type { Exchange } from './pipeline/exchange.ts';
import { createBrokerServer } from './pipeline/create-broker-server.ts';
import { logInbound } from './pipeline/log-inbound.ts';
import { requireContentType } from './pipeline/require-content-type.ts';
import { requireParticipant } from './pipeline/require-participant.ts';
import type { OutboundAnswer } from './pipeline/send-logged.ts';
import { registerMessageRoute } from './pipeline/register-message-route.ts';
import { answerFormatOf, FHIR_XML, renderFhir } from './formats/fhir/fhir-format.ts';
import type { FhirModel } from './formats/fhir/xml/fhir-model.ts';
import { validateAnswer, validateRequest } from './eligibility/validate-messages.ts';
import type { Validator } from './validation/create-validator.ts';
import { registerValidateRoutes } from './validation/validate-routes.ts';
import { brokerError } from './errors/broker-error.ts';
import type { Step } from './pipeline/step.ts';
import type { Registry } from './registry/participant.ts';
import { publishedKeys } from './jose/published-keys.ts';
import type { SignatureContext } from './jose/signature-context.ts';
import { verifyInbound } from './pipeline/verify-inbound.ts';
import { verifyInsurerAnswer } from './eligibility/verify-insurer-answer.ts';
import type { SitedsWsdl } from './formats/siteds/soap/load-wsdl.ts';
import { mapSitedsRequest } from './gateway/siteds/map-siteds-request.ts';
import { readSitedsRequest } from './gateway/siteds/read-siteds-request.ts';
import { registerSitedsWsdl, SOAP_MEDIA_TYPES } from './gateway/siteds/register-siteds-wsdl.ts';
import { renderSitedsError } from './gateway/siteds/render-siteds-error.ts';
import { writeSitedsAnswer } from './gateway/siteds/write-siteds-answer.ts';
import type { MappingSet } from './mapping/load-mappings.ts';
import type { Hl7Profiles } from './formats/hl7v2/profile/profile-types.ts';
import { HL7_ER7 } from './gateway/hl7v2/hl7-exchange.ts';
import { mapHl7Request } from './gateway/hl7v2/map-hl7-request.ts';
import { readHl7Request } from './gateway/hl7v2/read-hl7-request.ts';
import { renderHl7Error } from './gateway/hl7v2/render-hl7-error.ts';
import { writeHl7Answer } from './gateway/hl7v2/write-hl7-answer.ts';

/** What the app needs from the outside; tests pass their own. */
export interface AppDeps {
  readonly registry: Registry;
  readonly log: MessageLog;
  readonly insurers: InsurerClient;
  readonly capabilityStatement: CapabilityStatement;
  /** Resolves when the store answers; `/readyz` calls it. */
  readonly checkReady: () => Promise<void>;
  /** What the auditor API reads: the store holding the Merkle log, and the log's verifier key. */
  readonly audit: { readonly sql: SqlClient; readonly verifierKey: string };
  /** The profile validator (built once at start, `createValidator()`). */
  readonly validator: Validator;
  /** The R4 model behind FHIR XML (built once at start, `createFhirModel()`). */
  readonly fhirModel: FhirModel;
  /** The broker's signing key, the registry's keys, and the replay guard. */
  readonly signatures: SignatureContext;
  /** Declarative mappings and ConceptMaps (mappings/), loaded and checked at start. */
  readonly mappings: MappingSet;
  /** The ServicePasarela WSDL (conformance/siteds/), checked at start. */
  readonly sitedsWsdl: SitedsWsdl;
  /** Current HTA reports by technology code, and the repository's public base (src/hta/). */
  readonly htaReports: HtaReportLookup;
  /** HL7 v2.5.1 message profiles (profiles/hl7v2/), checked at start. */
  readonly hl7Profiles: Hl7Profiles;
  /** How to speak to insurers of each wire format (FHIR, SITEDS and HL7 v2, unless given). */
  readonly insurerProtocols?: InsurerProtocols;
  readonly metrics?: Metrics;
  /** Where structured logs go (stdout by default); tests capture them. */
  readonly logStream?: DestinationStream;
}

/**
 * Builds the broker (HTTPS with required client certificates). It never listens: the CLI does.
 * The request path, in order:
 *   TLS handshake (Node verifies the client certificate against the CA)
 *   → identify: certificate SPKI pin → registry participant            (onRequest)
 *   → read the body as raw bytes, size-limited                         (content-type parser)
 *   → the eligibility pipeline below, step by step: FHIR as it comes, SITEDS (SOAP/X12) and
 *     HL7 v2 (RQI^I01) mapped to the canonical FHIR request first; all then share routing,
 *     forwarding and checks
 *   → answer countersigned, logged, then sent; errors in the caller's format (OperationOutcome,
 *     SITEDS coError or SOAP fault, HL7 v2 ACK), countersigned and logged too (sendLogged / error handler)
 */
export function buildApp(config: Config, deps: AppDeps): FastifyInstance {
  const protocols = createInsurerProtocols(config, deps);
  const routeAndAsk = createRouteAndAsk(deps, protocols); // what every request shares once canonical
  const responder = { log: deps.log, sig: deps.signatures, fhirModel: deps.fhirModel }; // countersigns, logs, sends
  const metrics = deps.metrics ?? createMetrics();
  const app = createBrokerServer(config, { ...deps, metrics, responder });

  registerMessageRoute(app, responder, {
    path: '/fhir/CoverageEligibilityRequest/$submit',
    route: 'fhir.eligibility.submit',
    steps: [
      logInbound(deps.log), //              raw bytes to the log, before anything parses them
      requireParticipant('ipress'), //      only an active IPRESS asks for eligibility
      verifyInbound(deps.signatures), //    its JWS over the exact bytes: key, aud, iat, jti
      requireContentType(FHIR_JSON, FHIR_XML), // 415 otherwise
      parseEligibility(deps.fhirModel), //  FHIR JSON or XML → CoverageEligibilityRequest, patient, insurer
      ...routeAndAsk,
      // FHIR only: a SITEDS 271 cannot carry it (README, "HTA report links").
      linkHtaReports(deps.htaReports), // current HTA report on each item's productOrService
    ],
    answer: (x) => answerOf(x, deps.fhirModel),
  });
  registerMessageRoute(app, responder, {
    path: '/siteds/ServicePasarela',
    route: 'siteds.pasarela',
    renderError: renderSitedsError, //   SOAP fault, or the answer with coError
    steps: [
      logInbound(deps.log), //              raw bytes first, as for FHIR
      requireParticipant('ipress'),
      verifyInbound(deps.signatures),
      requireContentType(...SOAP_MEDIA_TYPES), // SOAP 1.1: text/xml
      readSitedsRequest(config.soapLimits), // safe XML → SOAP → X12 270 → SUSALUD checks (coError)
      mapSitedsRequest(deps.mappings, deps.log, config.brokerCode), // → canonical FHIR, logged too
      ...routeAndAsk,
    ],
    answer: (x) => writeSitedsAnswer(x, deps.mappings), // the 271 of the sub-type asked
  });
  registerMessageRoute(app, responder, {
    path: '/hl7v2',
    route: 'hl7v2.rqi',
    renderError: renderHl7Error, //       ACK AE/AR with one ERR per problem
    steps: [
      logInbound(deps.log), //              raw bytes first
      requireParticipant('ipress'),
      verifyInbound(deps.signatures), //    x-jws-signature over the ER7 bytes (MLLP: ZSG instead)
      requireContentType(HL7_ER7), //       x-application/hl7-v2+er7
      readHl7Request(deps.hl7Profiles), //  ER7 → RQI^I01 profile, every problem (ACK AE/AR + ERR)
      mapHl7Request(deps.mappings, deps.log, config.brokerCode), // → canonical FHIR, logged too
      ...routeAndAsk,
    ],
    answer: (x) => writeHl7Answer(x, deps.mappings), // RPI^I01
  });
  registerServiceRoutes(app, config, deps, { metrics, protocols }); // metadata, keys, $validate, audit, ops
  return app;
}

/**
 * The routes around the message routes: the SITEDS WSDL, FHIR metadata, the broker's published
 * keys, `$validate`, the auditor API (log, tree, proofs, replay) and operations.
 */
function registerServiceRoutes(
  app: FastifyInstance,
  config: Config,
  deps: AppDeps,
  ctx: { readonly metrics: Metrics; readonly protocols: InsurerProtocols },
): void {
  const { metrics, protocols } = ctx;
  registerSitedsWsdl(app, deps.sitedsWsdl);
  app.get('/fhir/metadata', async (request, reply) => {
    const { contentType, body } = renderFhir(
      deps.capabilityStatement,
      answerFormatOf(request.headers.accept, (request.query as { _format?: string })._format),
      deps.fhirModel,
    );
    return reply.type(contentType).send(body);
  });
  app.get('/.well-known/jwks.json', () =>
    Promise.resolve(publishedKeys(deps.registry, config.brokerCode)),
  );
  registerValidateRoutes(app, deps.validator, deps.fhirModel);
  registerAuditLogRoutes(app, deps.log);
  registerTreeRoutes(app, deps.audit.sql, deps.audit.verifierKey, deps.registry);
  registerReplayRoute(app, {
    ...deps,
    sql: deps.audit.sql,
    soapLimits: config.soapLimits,
    protocols,
  });
  registerOpsRoutes(app, { metrics, checkReady: deps.checkReady });
}

/** How the broker speaks to insurers of each wire format: FHIR, SITEDS and HL7 v2, unless given. */
export function createInsurerProtocols(config: Config, deps: AppDeps): InsurerProtocols {
  return (
    deps.insurerProtocols ??
    insurerProtocols(
      fhirInsurerProtocol,
      createSitedsInsurerProtocol({
        mappings: deps.mappings,
        senderId: config.brokerCode,
        limits: config.soapLimits,
      }),
      createHl7InsurerProtocol({
        mappings: deps.mappings,
        profiles: deps.hl7Profiles,
        brokerCode: config.brokerCode,
      }),
    )
  );
}

/**
 * The steps every eligibility request shares once it is canonical FHIR, whatever it came as and
 * over whichever transport (HTTPS routes here, the MLLP listener in `siteds start`).
 */
export function createRouteAndAsk(deps: AppDeps, protocols: InsurerProtocols): Step[] {
  const forward = { protocols, client: deps.insurers, log: deps.log, sig: deps.signatures };
  return [
    authorizeProvider, //                 an IPRESS asks only as itself
    routeToInsurer(deps.registry), //     SUSALUD code → registered IAFAS endpoint
    validateRequest(deps.validator), //   the insurer's request profiles (registry): 422 with every issue
    forwardToInsurer(forward), //         in the insurer's format, signed, over mTLS, logged both ways
    checkInsurerAnswer(forward), //       read back as a canonical CoverageEligibilityResponse, or 502
    verifyInsurerAnswer(deps.signatures), // the insurer's JWS over its answer, or 502
    validateAnswer(deps.validator), //    the insurer's response profiles, or 502 naming the issues
  ];
}

/**
 * The insurer's answer as the caller asked for it: a FHIR insurer's exact bytes when JSON and
 * unchanged (so the insurer's signature verifies over the returned body); otherwise the broker's
 * own bytes, written from the canonical answer — when it amended the answer (HTA links), maps it
 * to FHIR XML, or read it from a SITEDS or HL7 v2 insurer — and then the insurer's signature
 * verifies over its original bytes, kept in the log (`origin_sha256` names them).
 */
function answerOf(x: Exchange, model: FhirModel): OutboundAnswer {
  const insurerBytes = x.answer?.body ?? Buffer.alloc(0);
  const origin =
    x.answer?.signature === undefined
      ? undefined
      : { signature: x.answer.signature, bytes: insurerBytes };
  const fhirInsurer = (x.insurer?.endpoint?.format ?? 'fhir') === 'fhir';
  const unchanged = fhirInsurer && x.answerAmended === undefined;
  if (x.answerResource === undefined || (x.answerFormat === 'json' && unchanged)) {
    return { status: 200, contentType: FHIR_JSON, body: insurerBytes, origin };
  }
  try {
    return { status: 200, ...renderFhir(x.answerResource, x.answerFormat, model), origin };
  } catch (err) {
    throw brokerError(
      'BRK_INSURER_BAD_ANSWER',
      `insurer ${x.insurer?.code ?? '?'} answer cannot be written as FHIR ${x.answerFormat.toUpperCase()}: ${(err as Error).message}`,
    );
  }
}
