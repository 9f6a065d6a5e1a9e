import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { TLSSocket } from 'node:tls';
import type { OperationOutcome } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildEligibilityRequest } from '../../src/sim/build-eligibility-request.ts';
import { startTestBroker, type TestBroker } from '../helpers/test-broker.ts';

const SUBMIT = '/fhir/CoverageEligibilityRequest/$submit';

/**
 * A misbehaving insurer: a real mTLS server (our CA, insurer 20001's certificate) whose handler
 * is given by the test. Timeouts use the registry deadline, kept short here.
 */
async function startRawInsurer(
  handler: Parameters<typeof createServer>[1],
  code = '20001',
): Promise<Server> {
  const dir = inject('pkiDir');
  const server = createServer(
    {
      key: readFileSync(path.join(dir, `${code}.key`)),
      cert: readFileSync(path.join(dir, `${code}.crt`)),
      ca: readFileSync(path.join(dir, 'ca.crt')),
      requestCert: true,
      rejectUnauthorized: true,
    },
    handler,
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

const endpoint = (server: Server, deadlineMs = 3000) => ({
  url: `https://localhost:${(server.address() as AddressInfo).port}/fhir`,
  format: 'fhir' as const,
  deadlineMs,
});

async function ask(broker: TestBroker, iafas: string) {
  const body = JSON.stringify(
    buildEligibilityRequest({ ipress: '00009845', iafas, dni: '42000001' }),
  );
  const res = await broker.client('00009845').post(SUBMIT, 'application/fhir+json', body);
  const oo = JSON.parse(res.body.toString('utf8')) as OperationOutcome;
  return { status: res.status, code: oo.issue[0]?.details?.coding?.[0]?.code, oo };
}

describe('insurer failures become catalogued answers', () => {
  const servers: Server[] = [];
  let broker: TestBroker;
  let seenCert: string | undefined;

  beforeAll(async () => {
    const slow = await startRawInsurer((_req, res) => {
      setTimeout(() => res.end('{}'), 2000).unref();
    }, '10001');
    const html = await startRawInsurer((req, res) => {
      seenCert =
        req.socket instanceof TLSSocket
          ? String(req.socket.getPeerCertificate().subject.CN)
          : undefined;
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>maintenance</html>');
    });
    servers.push(slow, html);
    // A port that was open and is now closed: connection refused.
    const closed = await startRawInsurer(() => undefined);
    const closedEndpoint = endpoint(closed);
    await new Promise((r) => closed.close(r));
    broker = await startTestBroker({
      store: 'postgres',
      endpoints: { '10001': endpoint(slow, 300), '20001': endpoint(html), '40007': closedEndpoint },
    });
  });
  afterAll(async () => {
    await broker.close();
    for (const s of servers) {
      s.closeAllConnections();
      await new Promise((r) => s.close(r));
    }
  });

  it('an insurer past its deadline is a 504 BRK_INSURER_TIMEOUT', async () => {
    const r = await ask(broker, '10001');
    expect(r.status).toBe(504);
    expect(r.code).toBe('BRK_INSURER_TIMEOUT');
    expect(r.oo.issue[0]?.diagnostics).toContain('300 ms');
  });

  it('an answer that is not a CoverageEligibilityResponse is a 502 naming the insurer', async () => {
    const r = await ask(broker, '20001');
    expect(r.status).toBe(502);
    expect(r.code).toBe('BRK_INSURER_BAD_ANSWER');
    expect(r.oo.issue[0]?.diagnostics).toContain('20001');
    expect(seenCert).toBe('broker'); // the broker called with its own client certificate
    const entries = await broker.log.findByCorrelation(r.oo.id ?? '');
    expect(entries.map((e) => e.kind)).toEqual([
      'request-in',
      'request-out',
      'response-in',
      'response-out',
    ]);
    expect((await broker.log.readPayload(entries[2]!.id))?.toString()).toBe(
      '<html>maintenance</html>',
    );
  });
});

describe('an unreachable insurer', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker({
      store: 'postgres',
      endpoints: { '10001': { url: 'https://localhost:1/fhir', format: 'fhir', deadlineMs: 2000 } },
    });
  });
  afterAll(async () => broker.close());

  it('is a 504 BRK_INSURER_UNREACHABLE', async () => {
    const r = await ask(broker, '10001');
    expect(r.status).toBe(504);
    expect(r.code).toBe('BRK_INSURER_UNREACHABLE');
    expect(r.oo.issue[0]?.diagnostics).toContain('ECONNREFUSED');
  });
});

describe('an insurer answer without its signature', () => {
  let broker: TestBroker;
  let server: Server;
  beforeAll(async () => {
    server = await startRawInsurer((_req, res) => {
      const answer = {
        resourceType: 'CoverageEligibilityResponse',
        status: 'active',
        outcome: 'complete',
      };
      res.writeHead(200, { 'content-type': 'application/fhir+json' }).end(JSON.stringify(answer));
    });
    broker = await startTestBroker({ store: 'postgres', endpoints: { '20001': endpoint(server) } });
  });
  afterAll(async () => {
    await broker.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('is a 502 BRK_INSURER_SIGNATURE_INVALID, with the verdict in the log', async () => {
    const r = await ask(broker, '20001');
    expect(r.status).toBe(502);
    expect(r.code).toBe('BRK_INSURER_SIGNATURE_INVALID');
    expect(r.oo.issue[0]?.diagnostics).toContain('20001: BRK_SIG_MISSING');
    const entries = await broker.log.findByCorrelation(r.oo.id ?? '');
    expect(entries.at(-1)?.verdicts).toMatchObject({
      request: { result: 'valid' },
      answer: { result: 'BRK_SIG_MISSING' },
    });
  });
});

describe('an insurer endpoint answered by another participant certificate of our CA', () => {
  let broker: TestBroker;
  let server: Server;
  beforeAll(async () => {
    server = await startRawInsurer((_req, res) => res.end('{}')); // serves 20001's certificate
    broker = await startTestBroker({ store: 'postgres', endpoints: { '10001': endpoint(server) } });
  });
  afterAll(async () => {
    await broker.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('is refused before anything is sent: the server key must be registered for that insurer', async () => {
    const r = await ask(broker, '10001');
    expect(r.status).toBe(504);
    expect(r.code).toBe('BRK_INSURER_UNREACHABLE');
    expect(r.oo.issue[0]?.diagnostics).toContain('not registered for insurer 10001');
  });
});
