import { createInsurerProtocols, createRouteAndAsk, type AppDeps } from './app.ts';
import type { Config } from './config/config.ts';
import { createMllpIngress } from './gateway/hl7v2/create-mllp-ingress.ts';
import type { MllpServer } from './transport/mllp/create-mllp-server.ts';
import type { MllpLogger } from './transport/mllp/mllp-types.ts';

/**
 * The MLLP/TLS counterpart of `buildApp`: HL7 v2 RQI^I01 over MLLP (port `config.mllpPort`)
 * through the same steps as `POST /hl7v2`, ZSG instead of `x-jws-signature`. It never listens:
 * the CLI (or a test) calls `listen(config.mllpPort, config.host)` and `close()`.
 */
export function buildMllpIngress(config: Config, deps: AppDeps, logger: MllpLogger): MllpServer {
  return createMllpIngress(config, {
    registry: deps.registry,
    log: deps.log,
    logger,
    responder: { log: deps.log, sig: deps.signatures, fhirModel: deps.fhirModel },
    signatures: deps.signatures,
    hl7Profiles: deps.hl7Profiles,
    mappings: deps.mappings,
    brokerCode: config.brokerCode,
    routeAndAsk: createRouteAndAsk(deps, createInsurerProtocols(config, deps)),
  });
}
