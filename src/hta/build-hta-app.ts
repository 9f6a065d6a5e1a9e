import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import type { Config } from '../config/config.ts';
import { loadCapabilityStatement } from '../conformance/load-capability-statement.ts';
import type { FhirModel } from '../formats/fhir/xml/fhir-model.ts';
import type { SignatureContext } from '../jose/signature-context.ts';
import type { MessageLog } from '../log/message-log.ts';
import type { Registry } from '../registry/participant.ts';
import type { Store } from '../store/open-store.ts';
import type { Validator } from '../validation/create-validator.ts';
import { registerCommentRoutes } from './comments/comment-routes.ts';
import { registerModerationRoutes } from './comments/moderation-routes.ts';
import { COMMENT_RATE, createRateLimiter, type RateLimiter } from './comments/rate-limiter.ts';
import { registerPublishRoutes } from './fhir/publish-routes.ts';
import { registerReadRoutes } from './fhir/read-routes.ts';
import type { HtaContext } from './hta-context.ts';
import { createHtaServer } from './hta-server.ts';
import { registerPageRoutes } from './web/page-routes.ts';

/** What the HTA repository needs; the broker's own store, log, keys, validator and model. */
export interface HtaDeps {
  readonly registry: Registry;
  readonly store: Store;
  readonly log: MessageLog;
  /** The broker's signature context: members sign to it (`aud` = the broker's code). */
  readonly signatures: SignatureContext;
  readonly validator: Validator;
  readonly fhirModel: FhirModel;
  /** Per-address comment limit (default five per ten minutes). */
  readonly commentLimiter?: RateLimiter;
  /** Mark every page as a demonstration with fictional data. */
  readonly demo?: boolean;
  readonly logStream?: DestinationStream;
}

/**
 * Builds the RENETSA HTA repository (HTTPS; a client certificate is optional): it never
 * listens, the CLI does (`startHta`). Routes:
 *   public   GET  /hta/fhir/metadata (CapabilityStatement)
 *            GET  /hta/ · /hta/reports/:id · /hta/reports/:id/report.pdf       web pages
 *            POST /hta/reports/:id/comments                                    comment form
 *            GET  /hta/fhir/DocumentReference[?search] · /:id · /_history[/:vid] · /hta/fhir/Binary/:id
 *   members  POST /hta/fhir/Binary · /hta/fhir/DocumentReference               publish (cert + JWS, logged)
 *            GET  /hta/moderation/comments · POST /hta/moderation/comments/:id moderate (cert [+ JWS, logged])
 */
export function buildHtaApp(config: Config, deps: HtaDeps): FastifyInstance {
  const responder = { log: deps.log, sig: deps.signatures, fhirModel: deps.fhirModel };
  const app = createHtaServer(config, {
    registry: deps.registry,
    responder,
    logStream: deps.logStream,
  });
  const ctx: HtaContext = {
    store: deps.store,
    log: deps.log,
    signatures: deps.signatures,
    validator: deps.validator,
    fhirModel: deps.fhirModel,
    responder,
    commentLimiter: deps.commentLimiter ?? createRateLimiter(COMMENT_RATE),
    demo: deps.demo ?? false,
  };
  const capabilityStatement = loadCapabilityStatement(config.conformanceDir, 'hta');
  registerReadRoutes(app, deps.store, deps.fhirModel, capabilityStatement);
  registerPublishRoutes(app, ctx);
  registerModerationRoutes(app, ctx);
  registerPageRoutes(app, ctx);
  registerCommentRoutes(app, ctx);
  return app;
}
