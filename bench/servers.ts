import { loadGatewayData } from '../src/gateway/load-gateway-data.ts';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createFhirModel } from '../src/formats/fhir/xml/fhir-model.ts';
import { createValidator } from '../src/validation/create-validator.ts';
import type { Config } from '../src/config/config.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { loadCapabilityStatement } from '../src/conformance/load-capability-statement.ts';
import { createInsurerClient } from '../src/egress/insurer-client.ts';
import type { SignatureContext } from '../src/jose/signature-context.ts';
import { createRegistry, type Registry } from '../src/registry/participant.ts';
import { buildDemoInsurer } from '../src/sim/demo-insurer.ts';
import { loadPopulation } from '../src/sim/population.ts';
import { CODES, participantOf, type BenchPki } from './pki.ts';
import type { BenchStore } from './store.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A server listening on loopback, with its HTTPS origin. */
export interface Running {
  readonly url: string;
  close(): Promise<void>;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/**
 * The demo IAFAS 10001, accepting the broker and the direct (kind `broker`) baseline client, each
 * with its certificate and its signing key; it verifies their JWS and signs its answers.
 */
export async function startInsurer(pki: BenchPki): Promise<Running> {
  const registry = createRegistry([
    participantOf(pki.broker, 'broker'),
    participantOf(pki.direct, 'broker'),
  ]);
  const app = buildDemoInsurer({
    insurer: { code: CODES.iafas, name: 'bench IAFAS' },
    tls: { key: pki.iafas.keyPem, cert: pki.iafas.certPem, ca: pki.caPem },
    registry,
    population: loadPopulation(path.join(ROOT, 'conformance', 'demo-population.json')),
    signer: pki.iafas.signer,
    logLevel: 'silent',
  });
  const url = await listen(app);
  return { url, close: () => app.close() };
}

/** The broker's configuration: defaults, loopback on an ephemeral port, the bench PKI, quiet. */
function brokerConfig(pki: BenchPki): Config {
  return {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    tls: { ...pki.files, crlFile: undefined },
  };
}

/** The broker's JWS context: its own key, the registry's keys, the store's replay guard. */
function brokerSignatures(pki: BenchPki, registry: Registry, store: BenchStore): SignatureContext {
  return {
    selfCode: CODES.broker,
    signer: pki.broker.signer,
    registry,
    replay: store.replay,
    windowSeconds: 300,
    now: () => Math.floor(Date.now() / 1000),
  };
}

/**
 * The broker, logging to `store`, routing IAFAS 10001 to `insurerUrl`, signing with its own key
 * and checking `jti` replays with `store.replay`.
 */
export async function startBroker(
  pki: BenchPki,
  store: BenchStore,
  insurerUrl: string,
): Promise<Running> {
  const registry = createRegistry([
    participantOf(pki.broker, 'broker'),
    participantOf(pki.ipress, 'ipress'),
    participantOf(pki.iafas, 'iafas', `${insurerUrl}/fhir`),
  ]);
  const insurers = createInsurerClient({
    cert: pki.broker.certPem,
    key: pki.broker.keyPem,
    ca: pki.caPem,
  });
  const app = buildApp(brokerConfig(pki), {
    registry,
    log: store.log,
    insurers,
    capabilityStatement: loadCapabilityStatement(path.join(ROOT, 'conformance')),
    checkReady: () => store.checkReady(),
    signatures: brokerSignatures(pki, registry, store),
    // The auditor API is not exercised here; the Merkle sequencer is not running in the benchmark.
    audit: {
      sql: { query: () => Promise.resolve([]), exec: () => Promise.resolve() },
      verifierKey: '',
    },
    fhirModel: createFhirModel(),
    validator: createValidator(),
    // No HTA reports here: the bench answers carry no productOrService, so nothing is looked up.
    htaReports: { findCurrent: () => Promise.resolve(undefined), publicBase: () => '' },
    ...loadGatewayData({ conformanceDir: path.join(ROOT, 'conformance') }),
  });
  const url = await listen(app);
  return {
    url,
    close: async () => {
      await app.close();
      await insurers.close();
    },
  };
}
