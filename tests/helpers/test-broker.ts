import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { verifierKeyOf } from '../../src/log/log-key.ts';
import { createFhirModel, type FhirModel } from '../../src/formats/fhir/xml/fhir-model.ts';
import { createValidator, type Validator } from '../../src/validation/create-validator.ts';
import { createSequencer, type Sequencer } from '../../src/log/sequencer.ts';
import type { DestinationStream } from 'pino';
import { inject } from 'vitest';
import { buildApp, createInsurerProtocols, type AppDeps } from '../../src/app.ts';
import { buildMllpIngress } from '../../src/mllp-ingress.ts';
import { loadGatewayData, type GatewayData } from '../../src/gateway/load-gateway-data.ts';
import type { Config } from '../../src/config/config.ts';
import { loadConfig, PROJECT_ROOT } from '../../src/config/load-config.ts';
import { loadCapabilityStatement } from '../../src/conformance/load-capability-statement.ts';
import { createInsurerClient } from '../../src/egress/insurer-client.ts';
import { createLeafCache } from '../../src/log/leaf-cache.ts';
import { createPgMessageLog, type MessageLog } from '../../src/log/message-log.ts';
import { spkiPin } from '../../src/pki/spki-pin.ts';
import { keyFilesOf } from '../../src/jose/key-files.ts';
import { readJwks } from '../../src/jose/participant-keys.ts';
import { createStoreReplayGuard } from '../../src/jose/replay-guard.ts';
import { createBrokerSignatureContext } from '../../src/jose/signature-context.ts';
import { loadSigningKey } from '../../src/jose/signing-key.ts';
import {
  createRegistry,
  type InsurerEndpoint,
  type Participant,
  type Registry,
} from '../../src/registry/participant.ts';
import {
  buildDemoInsurerFor,
  type DemoInsurerServer,
} from '../../src/sim/build-demo-insurer-for.ts';
import type { Hl7DemoInsurerOptions } from '../../src/sim/hl7v2-demo-insurer.ts';
import { loadPopulation } from '../../src/sim/population.ts';
import {
  createParticipantClient,
  type ParticipantClient,
} from '../../src/sim/participant-client.ts';
import { migrate } from '../../src/store/migrate.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { HL7V2_INSURERS, SITEDS_INSURERS, TEST_PARTICIPANTS } from './participants.ts';
import { createHtaReportLookup } from '../../src/hta/store/hta-report-lookup.ts';

/** The HTA public base the test broker links eligibility answers to. */
export const TEST_HTA_BASE = 'https://hta.test.invalid/hta';

export interface TestBroker {
  readonly url: string;
  readonly pkiDir: string;
  readonly log: MessageLog;
  readonly store: Store;
  /** The Merkle log's sequencer (not running on a timer: tests call `integrate()`). */
  readonly sequencer: Sequencer;
  /** The log's checkpoint key, to verify checkpoints. */
  readonly logKey: { readonly publicKey: KeyObject; readonly keyName: string };
  /** Each IAFAS's endpoint as registered (demo insurers or the overrides). */
  readonly endpoints: Readonly<Record<string, InsurerEndpoint>>;
  /** The broker's registry (pins and keys of the test PKI, the endpoints above). */
  readonly registry: Registry;
  /** The port of the broker's MLLP/TLS listener, when started (`mllp: true`). */
  readonly mllpPort: number | undefined;
  /** A client presenting `<pkiDir>/<code>.crt` (a participant code, or `foreign`, `expired`, `stranger`). */
  client(code: string): ParticipantClient;
  close(): Promise<void>;
}

export interface TestBrokerOptions {
  readonly store: 'postgres' | 'pglite';
  /** A PostgreSQL database of its own (default: the run's shared test database). */
  readonly databaseUrl?: string;
  /** Endpoint overrides per IAFAS code (e.g. a misbehaving insurer); others get a demo insurer. */
  readonly endpoints?: Readonly<Record<string, InsurerEndpoint>>;
  readonly config?: Partial<Config>;
  /** Capture structured logs (pino JSON lines) instead of discarding them. */
  readonly logStream?: DestinationStream;
  /** Participant codes marked `suspended` in this broker's registry. */
  readonly suspended?: readonly string[];
  /** Participant codes whose signature policy is `optional` (default: all `required`). */
  readonly optionalSignatures?: readonly string[];
  /** Clock for signature checks, in seconds (default: now). */
  readonly now?: () => number;
  /** Also start the HL7 v2 MLLP/TLS listener (as `siteds start` does), on a free port. */
  readonly mllp?: boolean;
  /** How the HL7 v2 demo insurer (20008) is reached: MLLP/TLS (default) or HTTPS. */
  readonly hl7Transport?: 'mllps' | 'https';
}

/** Where each demo insurer's service lives under its origin, by format. */
const SERVICE_PATH = { fhir: '/fhir', siteds: '/siteds/ServicePasarela', hl7v2: '/hl7v2' } as const;

/**
 * The demo insurer of one test IAFAS on a free port, speaking what the test registry says it
 * speaks (HL7 v2 over `hl7Transport`, SITEDS, or FHIR), and its endpoint.
 */
async function startDemoInsurer(
  options: Hl7DemoInsurerOptions,
  hl7Transport: 'mllps' | 'https',
): Promise<{ server: DemoInsurerServer; endpoint: InsurerEndpoint }> {
  const code = options.insurer.code;
  const format = HL7V2_INSURERS.includes(code)
    ? 'hl7v2'
    : SITEDS_INSURERS.includes(code)
      ? 'siteds'
      : 'fhir';
  const mllp = format === 'hl7v2' && hl7Transport === 'mllps';
  const server = buildDemoInsurerFor(format, mllp ? 'mllps:' : 'https:', options);
  const port = await server.listen(0, '127.0.0.1');
  const url = mllp
    ? `mllps://localhost:${port}`
    : `https://localhost:${port}${SERVICE_PATH[format]}`;
  return { server, endpoint: { url, format, deadlineMs: 3000 } };
}

/** The test configuration: ephemeral port, quiet logs, the test PKI. */
export function testConfig(pkiDir: string, overrides: Partial<Config> = {}): Config {
  const base = loadConfig({ SITEDS_LOG_LEVEL: 'silent' }, PROJECT_ROOT);
  return {
    ...base,
    host: '127.0.0.1',
    port: 0,
    certsDir: pkiDir,
    tls: {
      caFile: path.join(pkiDir, 'ca.crt'),
      certFile: path.join(pkiDir, 'broker.crt'),
      keyFile: path.join(pkiDir, 'broker.key'),
      crlFile: undefined,
    },
    ...overrides,
  };
}

/**
 * A broker on a real TLS socket with real demo insurers (also real mTLS servers), over the
 * chosen store. The registry pins are computed from the certificates made in global setup.
 */
export async function startTestBroker(options: TestBrokerOptions): Promise<TestBroker> {
  const pkiDir = inject('pkiDir');
  const pem = (file: string): string => readFileSync(path.join(pkiDir, file), 'utf8');
  const participant = (
    p: (typeof TEST_PARTICIPANTS)[number],
    endpoint?: InsurerEndpoint,
  ): Participant => ({
    ...p,
    spkiPins: [spkiPin(pem(`${p.code}.crt`))],
    endpoint,
    signingKeys: readJwks(JSON.parse(pem(`${p.code}.jwks.json`)), p.code, []),
    signaturePolicy:
      options.optionalSignatures?.includes(p.code) === true ? 'optional' : 'required',
    ...(options.suspended?.includes(p.code) === true ? { status: 'suspended' as const } : {}),
    ...(p.kind === 'iafas' ? { profiles: PERU_PROFILES } : {}),
  });
  const brokerOnly = createRegistry(
    TEST_PARTICIPANTS.filter((p) => p.kind === 'broker').map((p) => participant(p)),
  );
  const population = loadPopulation(path.join(PROJECT_ROOT, 'conformance/demo-population.json'));
  const { mappings, hl7Profiles } = gatewayData(testConfig(pkiDir));
  const insurers: { close(): Promise<unknown> }[] = [];
  const endpoints: Record<string, InsurerEndpoint> = {};
  for (const p of TEST_PARTICIPANTS.filter((t) => t.kind === 'iafas')) {
    const given = options.endpoints?.[p.code];
    if (given !== undefined) {
      endpoints[p.code] = given;
      continue;
    }
    const insurerOptions = {
      insurer: { code: p.code, name: p.name },
      tls: { key: pem(`${p.code}.key`), cert: pem(`${p.code}.crt`), ca: pem('ca.crt') },
      registry: brokerOnly,
      population,
      signer: loadSigningKey(keyFilesOf(pkiDir, p.code).activeKey),
      logLevel: 'silent',
      mappings,
      profiles: hl7Profiles,
    };
    const started = await startDemoInsurer(insurerOptions, options.hl7Transport ?? 'mllps');
    insurers.push(started.server);
    endpoints[p.code] = started.endpoint;
  }
  const registry = createRegistry(TEST_PARTICIPANTS.map((p) => participant(p, endpoints[p.code])));
  const config = testConfig(pkiDir, {
    ...(options.logStream === undefined ? {} : { logLevel: 'info' as const }),
    ...options.config,
  });
  const store = await openStore(
    options.store === 'postgres'
      ? { databaseUrl: options.databaseUrl ?? inject('databaseUrl'), dataDir: '' }
      : { databaseUrl: undefined, dataDir: 'memory://' },
  );
  await migrate(store);
  const leaves = createLeafCache();
  const log = createPgMessageLog(store, leaves);
  const egress = createInsurerClient({
    cert: pem('broker.crt'),
    key: pem('broker.key'),
    ca: pem('ca.crt'),
  });
  const signatures = createBrokerSignatureContext(
    {
      brokerCode: 'broker',
      signingKeyFile: keyFilesOf(pkiDir, 'broker').activeKey,
      windowSeconds: 300,
    },
    registry,
    createStoreReplayGuard(store),
  );
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const logSigner = { origin: 'test.siteds/log', keyName: 'test.siteds/log', privateKey };
  const sequencer = createSequencer(store, logSigner, { leaves });
  const base: AppDeps = {
    htaReports: createHtaReportLookup(store, () => TEST_HTA_BASE),
    audit: { sql: store, verifierKey: verifierKeyOf(logSigner) },
    fhirModel: fhirModel(),
    validator: validator(),
    ...gatewayData(config),
    signatures: options.now === undefined ? signatures : { ...signatures, now: options.now },
    registry,
    log,
    insurers: egress,
    capabilityStatement: loadCapabilityStatement(config.conformanceDir),
    ...(options.logStream === undefined ? {} : { logStream: options.logStream }),
    checkReady: async () => {
      await store.query('SELECT 1');
    },
  };
  const deps: AppDeps = { ...base, insurerProtocols: createInsurerProtocols(config, base) };
  const app = buildApp(config, deps);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const mllp = options.mllp === true ? buildMllpIngress(config, deps, app.log) : undefined;
  const mllpPort = (await mllp?.listen(0, '127.0.0.1'))?.port;
  const url = `https://localhost:${(app.server.address() as AddressInfo).port}`;
  const clients: ParticipantClient[] = [];
  return {
    url,
    pkiDir,
    log,
    store,
    sequencer,
    logKey: { publicKey, keyName: logSigner.keyName },
    endpoints,
    registry,
    mllpPort,
    client(code) {
      const c = createParticipantClient(pkiDir, code, url);
      clients.push(c);
      return c;
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await mllp?.close();
      await app.close();
      await Promise.all(insurers.map((i) => i.close()));
      await egress.close();
      await store.close();
    },
  };
}

/** What the demo registry asks for every IAFAS: the Peru eligibility profiles. */
const PERU_PROFILES = {
  request: [
    'https://siteds-broker.github.io/fhir/StructureDefinition/CoverageEligibilityRequestPe',
  ],
  response: [
    'https://siteds-broker.github.io/fhir/StructureDefinition/CoverageEligibilityResponsePe',
  ],
};

let model: FhirModel | undefined;
let sharedValidator: Validator | undefined;
let gateway: GatewayData | undefined;

/** The profile validator, built once per test file. */
export function validator(): Validator {
  sharedValidator ??= createValidator();
  return sharedValidator;
}

/** Mappings and the SITEDS WSDL, loaded once per test file. */
export function gatewayData(config: Config): GatewayData {
  gateway ??= loadGatewayData(config);
  return gateway;
}

/** The R4 model, built once per test file (about half a second). */
export function fhirModel(): FhirModel {
  model ??= createFhirModel();
  return model;
}

/** The kinds of the log entries of the exchange that answered `res`, in order. */
export async function logKindsOf(
  broker: TestBroker,
  res: { readonly correlationId: string | undefined },
): Promise<string[]> {
  const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
  return entries.map((e) => e.kind);
}
