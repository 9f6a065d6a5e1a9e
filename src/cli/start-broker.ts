import { loadGatewayData } from '../gateway/load-gateway-data.ts';
import type { FastifyInstance } from 'fastify';
import { buildApp, createInsurerProtocols, type AppDeps } from '../app.ts';
import type { Config } from '../config/config.ts';
import { loadCapabilityStatement } from '../conformance/load-capability-statement.ts';
import { createInsurerClient } from '../egress/insurer-client.ts';
import { createStoreReplayGuard } from '../jose/replay-guard.ts';
import { createBrokerSignatureContext } from '../jose/signature-context.ts';
import { loadLogSigner, verifierKeyOf } from '../log/log-key.ts';
import { createLeafCache } from '../log/leaf-cache.ts';
import { createPgMessageLog } from '../log/message-log.ts';
import { createSequencer, type Sequencer } from '../log/sequencer.ts';
import { loadRegistry } from '../registry/load-registry.ts';
import { createFhirModel } from '../formats/fhir/xml/fhir-model.ts';
import { createValidator } from '../validation/create-validator.ts';
import type { Registry } from '../registry/participant.ts';
import { loadPopulation } from '../sim/population.ts';
import { startDemoInsurers, type DemoInsurers } from '../sim/start-demo-insurers.ts';
import { migrate } from '../store/migrate.ts';
import { openStore, type Store } from '../store/open-store.ts';
import { clientTlsMaterial } from '../transport/tls-options.ts';
import { initDevCertificates } from './certs-init.ts';
import { startHta, type RunningHta } from '../hta/start-hta.ts';
import { createHtaReportLookup } from '../hta/store/hta-report-lookup.ts';
import { buildMllpIngress } from '../mllp-ingress.ts';
import type { MllpServer } from '../transport/mllp/create-mllp-server.ts';

export interface RunningBroker {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly storeKind: 'postgres' | 'pglite';
  readonly pkiCreated: boolean;
  readonly demoInsurers: readonly string[];
  /** The HTA repository's public page. */
  readonly htaUrl: string;
  /** The HL7 v2 MLLP/TLS listener, `mllps://host:port`. */
  readonly mllpUrl: string;
  close(): Promise<void>;
}

/**
 * Everything `npm start` runs: dev PKI if missing, the store with its migrations, the registry
 * and conformance files (checked), the log sequencer, the demo insurers, and the broker listening
 * with mTLS. Whatever was started is closed again if a later step fails.
 */
export async function startBroker(config: Config): Promise<RunningBroker> {
  const pki = config.devPki ? await initDevCertificates(config, false) : undefined;
  const registry = loadRegistry(config.registryFile, config.rootDir);
  const store = await openStore(config);
  let demo: DemoInsurers | undefined;
  let parts: BrokerParts | undefined;
  let hta: RunningHta | undefined;
  let mllp: MllpServer | undefined;
  let mllpPort = config.mllpPort;
  const close = async (): Promise<void> => {
    await hta?.app.close();
    await mllp?.close();
    await parts?.app.close();
    await parts?.sequencer.stop();
    // The last requests' entries get into the tree before exit.
    await parts?.sequencer.integrate().catch(() => undefined);
    await demo?.close();
    await parts?.deps.insurers.close();
    await store.close();
  };
  try {
    await migrate(store);
    parts = assemble(config, registry, store);
    const population = config.demo ? loadPopulation(config.populationFile) : [];
    demo = config.demo
      ? await startDemoInsurers(
          registry,
          population,
          config.certsDir,
          parts.deps.mappings,
          parts.deps.hl7Profiles,
        )
      : undefined;
    await parts.app.listen({ host: config.host, port: config.port });
    // HL7 v2 over MLLP/TLS, the same pipeline as POST /hl7v2 (src/gateway/hl7v2/).
    mllp = buildMllpIngress(config, parts.deps, parts.app.log);
    mllpPort = (await mllp.listen(config.mllpPort, config.host)).port;
    // The RENETSA HTA repository, on its own port (src/hta/README.md).
    hta = await startHta(config, { ...parts.deps, store });
    parts.htaBase.url ??= hta.url.replace(/\/+$/, ''); // the port it really listens on
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
  const address = parts.app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  return {
    app: parts.app,
    url: `https://localhost:${port}`,
    storeKind: store.kind,
    pkiCreated: pki?.created ?? false,
    demoInsurers: demo?.urls ?? [],
    htaUrl: hta.url,
    mllpUrl: `mllps://localhost:${mllpPort}`,
    close,
  };
}

interface BrokerParts {
  readonly app: FastifyInstance;
  readonly deps: AppDeps;
  readonly sequencer: Sequencer;
  /** Where eligibility answers link HTA reports: configured, or known once the HTA listens. */
  readonly htaBase: { url: string | undefined };
}

/** The app and what it depends on, each checked as it is built (a bad key stops start-up). */
function assemble(config: Config, registry: Registry, store: Store): BrokerParts {
  const logSigner = loadLogSigner(config.logKeyFile, config.logOrigin);
  const leaves = createLeafCache(); // appends leave their leaf hashes for this process's sequencer
  const signatures = createBrokerSignatureContext(
    {
      brokerCode: config.brokerCode,
      signingKeyFile: config.signingKeyFile,
      windowSeconds: config.signatureWindowSeconds,
    },
    registry,
    createStoreReplayGuard(store),
  );
  const htaBase = { url: config.htaPublicUrl };
  const base: AppDeps = {
    registry,
    htaReports: createHtaReportLookup(
      store,
      () => htaBase.url ?? `https://localhost:${config.htaPort}/hta`,
    ),
    log: createPgMessageLog(store, leaves),
    insurers: createInsurerClient(clientTlsMaterial(config)),
    capabilityStatement: loadCapabilityStatement(config.conformanceDir),
    checkReady: async () => {
      await store.query('SELECT 1');
    },
    signatures,
    audit: { sql: store, verifierKey: verifierKeyOf(logSigner) },
    fhirModel: createFhirModel(),
    validator: createValidator(),
    ...loadGatewayData(config),
  };
  // One set of insurer protocols for the HTTPS app and the MLLP listener (one control-number counter).
  const deps: AppDeps = { ...base, insurerProtocols: createInsurerProtocols(config, base) };
  const app = buildApp(config, deps);
  const sequencer = createSequencer(store, logSigner, { leaves });
  sequencer.start(config.sequencerIntervalMs, (err) => {
    app.log.error({ err, step: 'sequencer' }, 'log sequencing failed');
  });
  return { app, deps, sequencer, htaBase };
}
