import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import type { Config } from '../src/config/config.ts';
import { loadConfig } from '../src/config/load-config.ts';
import { loadCapabilityStatement } from '../src/conformance/load-capability-statement.ts';
import { createInsurerClient } from '../src/egress/insurer-client.ts';
import { spkiPin } from '../src/pki/spki-pin.ts';
import { createRegistry, type Participant } from '../src/registry/participant.ts';
import { buildDemoInsurer } from '../src/sim/demo-insurer.ts';
import { loadPopulation } from '../src/sim/population.ts';
import { CODES, type BenchPki } from './pki.ts';
import type { BenchStore } from './store.ts';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

/** A server listening on loopback, with its HTTPS origin. */
export interface Running {
  readonly url: string;
  close(): Promise<void>;
}

function participant(
  code: string,
  kind: Participant['kind'],
  certPem: string,
  endpointUrl?: string,
): Participant {
  return {
    code,
    kind,
    name: `bench ${code}`,
    status: 'active',
    spkiPins: [spkiPin(certPem)],
    endpoint:
      endpointUrl === undefined
        ? undefined
        : { url: endpointUrl, format: 'fhir', deadlineMs: 5000 },
  };
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  return `https://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

/** The demo IAFAS 10001, accepting the broker and the direct (kind `broker`) baseline client. */
export async function startInsurer(pki: BenchPki): Promise<Running> {
  const registry = createRegistry([
    participant(CODES.broker, 'broker', pki.broker.certPem),
    participant(CODES.direct, 'broker', pki.direct.certPem),
  ]);
  const app = buildDemoInsurer({
    insurer: { code: CODES.iafas, name: 'bench IAFAS' },
    tls: { key: pki.iafas.keyPem, cert: pki.iafas.certPem, ca: pki.caPem },
    registry,
    population: loadPopulation(path.join(ROOT, 'conformance', 'demo-population.json')),
    logLevel: 'silent',
  });
  const url = await listen(app);
  return { url, close: () => app.close() };
}

/** The broker, logging to `store`, routing IAFAS 10001 to `insurerUrl`. */
export async function startBroker(
  pki: BenchPki,
  store: BenchStore,
  insurerUrl: string,
): Promise<Running> {
  const config: Config = {
    ...loadConfig({}),
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    tls: { ...pki.files, crlFile: undefined },
  };
  const registry = createRegistry([
    participant(CODES.broker, 'broker', pki.broker.certPem),
    participant(CODES.ipress, 'ipress', pki.ipress.certPem),
    participant(CODES.iafas, 'iafas', pki.iafas.certPem, `${insurerUrl}/fhir`),
  ]);
  const insurers = createInsurerClient({
    cert: pki.broker.certPem,
    key: pki.broker.keyPem,
    ca: pki.caPem,
  });
  const app = buildApp(config, {
    registry,
    log: store.log,
    insurers,
    capabilityStatement: loadCapabilityStatement(path.join(ROOT, 'conformance')),
    checkReady: () => store.checkReady(),
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
