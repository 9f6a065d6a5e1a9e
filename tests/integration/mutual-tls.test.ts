import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBroker, type TestBroker } from '../helpers/test-broker.ts';

describe('mutual TLS at the broker', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker({ store: 'postgres' });
  });
  afterAll(async () => broker.close());

  const pem = (file: string): Buffer => readFileSync(path.join(broker.pkiDir, file));

  async function getWith(connect: { cert?: Buffer; key?: Buffer }): Promise<number> {
    const agent = new Agent({ connect: { ca: pem('ca.crt'), ...connect } });
    try {
      const res = await request(`${broker.url}/healthz`, { dispatcher: agent });
      await res.body.dump();
      return res.statusCode;
    } finally {
      await agent.close();
    }
  }

  it('accepts a registered participant', async () => {
    expect(await getWith({ cert: pem('00009845.crt'), key: pem('00009845.key') })).toBe(200);
  });

  it.each([
    ['no client certificate', {}],
    ['a certificate from another CA', { file: 'foreign' }],
    ['an expired certificate', { file: 'expired' }],
  ])('fails the handshake with %s', async (_name, spec) => {
    const file = (spec as { file?: string }).file;
    const connect = file === undefined ? {} : { cert: pem(`${file}.crt`), key: pem(`${file}.key`) };
    const err = (await getWith(connect).then(
      () => undefined,
      (e: unknown) => e,
    )) as { code?: string; cause?: { code?: string } } | undefined;
    // The server ends the handshake: the client sees the TLS alert or a reset socket, never an answer.
    expect(err?.cause?.code ?? err?.code).toMatch(/^(ECONNRESET|UND_ERR_SOCKET|ERR_SSL_|EPIPE)/);
  });

  it('answers an unregistered certificate of our CA with 403, even on ops routes', async () => {
    expect(await getWith({ cert: pem('stranger.crt'), key: pem('stranger.key') })).toBe(403);
  });
});
