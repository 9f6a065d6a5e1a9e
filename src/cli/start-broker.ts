import type { FastifyInstance } from 'fastify';
import { buildApp } from '../app.ts';
import type { Config } from '../config/config.ts';
import { loadCapabilityStatement } from '../conformance/load-capability-statement.ts';
import { createInsurerClient } from '../egress/insurer-client.ts';
import { createStoreReplayGuard } from '../jose/replay-guard.ts';
import { createBrokerSignatureContext } from '../jose/signature-context.ts';
import { createPgMessageLog } from '../log/message-log.ts';
import { loadRegistry } from '../registry/load-registry.ts';
import { loadPopulation } from '../sim/population.ts';
import { startDemoInsurers, type DemoInsurers } from '../sim/start-demo-insurers.ts';
import { migrate } from '../store/migrate.ts';
import { openStore } from '../store/open-store.ts';
import { clientTlsMaterial } from '../transport/tls-options.ts';
import { initDevCertificates } from './certs-init.ts';

export interface RunningBroker {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly storeKind: 'postgres' | 'pglite';
  readonly pkiCreated: boolean;
  readonly demoInsurers: readonly string[];
  close(): Promise<void>;
}

/**
 * Everything `npm start` runs: dev PKI if missing, the store with its migrations, the registry
 * and conformance files (checked), the demo insurers, and the broker listening with mTLS.
 * Whatever was started is closed again if a later step fails.
 */
export async function startBroker(config: Config): Promise<RunningBroker> {
  const pki = config.devPki ? await initDevCertificates(config, false) : undefined;
  const registry = loadRegistry(config.registryFile, config.rootDir);
  const capabilityStatement = loadCapabilityStatement(config.conformanceDir);
  const population = config.demo ? loadPopulation(config.populationFile) : [];
  const store = await openStore(config);
  const insurers = createInsurerClient(clientTlsMaterial(config));
  let demo: DemoInsurers | undefined;
  let app: FastifyInstance | undefined;
  const close = async (): Promise<void> => {
    await app?.close();
    await demo?.close();
    await insurers.close();
    await store.close();
  };
  try {
    await migrate(store);
    const log = createPgMessageLog(store);
    demo = config.demo ? await startDemoInsurers(registry, population, config.certsDir) : undefined;
    const checkReady = async (): Promise<void> => {
      await store.query('SELECT 1');
    };
    const signatures = createBrokerSignatureContext(
      {
        brokerCode: config.brokerCode,
        signingKeyFile: config.signingKeyFile,
        windowSeconds: config.signatureWindowSeconds,
      },
      registry,
      createStoreReplayGuard(store),
    );
    app = buildApp(config, {
      registry,
      log,
      insurers,
      capabilityStatement,
      checkReady,
      signatures,
    });
    await app.listen({ host: config.host, port: config.port });
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  return {
    app,
    url: `https://localhost:${port}`,
    storeKind: store.kind,
    pkiCreated: pki?.created ?? false,
    demoInsurers: demo?.urls ?? [],
    close,
  };
}
