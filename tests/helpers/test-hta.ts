import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { Agent, request } from 'undici';
import { inject } from 'vitest';
import { buildHtaApp } from '../../src/hta/build-hta-app.ts';
import type { RateLimiter } from '../../src/hta/comments/rate-limiter.ts';
import { keyFilesOf } from '../../src/jose/key-files.ts';
import { readJwks } from '../../src/jose/participant-keys.ts';
import { createStoreReplayGuard } from '../../src/jose/replay-guard.ts';
import { createBrokerSignatureContext } from '../../src/jose/signature-context.ts';
import { createPgMessageLog, type MessageLog } from '../../src/log/message-log.ts';
import { spkiPin } from '../../src/pki/spki-pin.ts';
import { createRegistry, type Registry } from '../../src/registry/participant.ts';
import {
  createParticipantClient,
  type ParticipantClient,
} from '../../src/sim/participant-client.ts';
import { migrate } from '../../src/store/migrate.ts';
import { openStore, type Store } from '../../src/store/open-store.ts';
import { freshDatabase } from './fresh-database.ts';
import { TEST_PARTICIPANTS } from './participants.ts';
import { fhirModel, testConfig, validator } from './test-broker.ts';

/** An answer to an anonymous request (no client certificate). */
export interface PublicAnswer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
  text(): string;
  json<T = unknown>(): T;
}

export interface TestHta {
  readonly url: string;
  readonly pkiDir: string;
  readonly store: Store;
  readonly log: MessageLog;
  readonly registry: Registry;
  readonly app: FastifyInstance;
  /** A member's (or any participant's) client: its certificate, signing with its key. */
  client(code: string): ParticipantClient;
  /** Plain HTTPS, trusting the test CA, without a client certificate. */
  anonymous(
    method: 'GET' | 'POST',
    path: string,
    init?: { headers?: Record<string, string>; body?: string | Buffer },
  ): Promise<PublicAnswer>;
  close(): Promise<void>;
}

/** The test registry, every participant with its test certificate pin and JWKS. */
export function testRegistry(pkiDir: string): Registry {
  const pem = (file: string): string => readFileSync(path.join(pkiDir, file), 'utf8');
  return createRegistry(
    TEST_PARTICIPANTS.map((p) => ({
      ...p,
      spkiPins: [spkiPin(pem(`${p.code}.crt`))],
      endpoint: undefined,
      signingKeys: readJwks(JSON.parse(pem(`${p.code}.jwks.json`)), p.code, []),
      signaturePolicy: 'required' as const,
    })),
  );
}

/**
 * The HTA repository on a real TLS socket (client certificates optional), over a fresh
 * PostgreSQL database or an in-memory PGlite, with the test PKI.
 */
export async function startTestHta(options: {
  store: 'postgres' | 'pglite';
  commentLimiter?: RateLimiter;
  demo?: boolean;
}): Promise<TestHta> {
  const pkiDir = inject('pkiDir');
  const registry = testRegistry(pkiDir);
  const store = await openStore(
    options.store === 'postgres'
      ? { databaseUrl: await freshDatabase('hta'), dataDir: '' }
      : { databaseUrl: undefined, dataDir: 'memory://' },
  );
  await migrate(store);
  const log = createPgMessageLog(store);
  const signatures = createBrokerSignatureContext(
    {
      brokerCode: 'broker',
      signingKeyFile: keyFilesOf(pkiDir, 'broker').activeKey,
      windowSeconds: 300,
    },
    registry,
    createStoreReplayGuard(store),
  );
  const app = buildHtaApp(testConfig(pkiDir), {
    registry,
    store,
    log,
    signatures,
    validator: validator(),
    fhirModel: fhirModel(),
    ...(options.commentLimiter === undefined ? {} : { commentLimiter: options.commentLimiter }),
    demo: options.demo ?? false,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const url = `https://localhost:${(app.server.address() as AddressInfo).port}`;
  const agent = new Agent({ connect: { ca: readFileSync(path.join(pkiDir, 'ca.crt')) } });
  const clients: ParticipantClient[] = [];
  return {
    url,
    pkiDir,
    store,
    log,
    registry,
    app,
    client(code) {
      const c = createParticipantClient(pkiDir, code, url);
      clients.push(c);
      return c;
    },
    async anonymous(method, p, init = {}) {
      const res = await request(`${url}${p}`, {
        method,
        dispatcher: agent,
        headers: init.headers ?? {},
        ...(init.body === undefined ? {} : { body: init.body }),
      });
      const body = Buffer.from(await res.body.arrayBuffer());
      return {
        status: res.statusCode,
        headers: res.headers,
        body,
        text: () => body.toString('utf8'),
        json: <T>() => JSON.parse(body.toString('utf8')) as T,
      };
    },
    async close() {
      await Promise.all(clients.map((c) => c.close()));
      await agent.close();
      await app.close();
      await store.close();
    },
  };
}
