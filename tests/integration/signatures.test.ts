import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { OperationOutcome } from 'fhir/r4.js';
import { createLocalJWKSet, flattenedVerify } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDetached, verifyJwsSignature } from '../../src/jose/detached-jws.ts';
import { readJwks } from '../../src/jose/participant-keys.ts';
import { buildEligibilityRequest } from '../../src/sim/build-eligibility-request.ts';
import type { ClientAnswer } from '../../src/sim/participant-client.ts';
import { startTestBroker, type TestBroker } from '../helpers/test-broker.ts';

const SUBMIT = '/fhir/CoverageEligibilityRequest/$submit';
const FHIR = 'application/fhir+json';
const request = (dni = '41000001') =>
  Buffer.from(JSON.stringify(buildEligibilityRequest({ ipress: '00009845', iafas: '10001', dni })));
const codeOf = (res: ClientAnswer) =>
  (JSON.parse(res.body.toString()) as OperationOutcome).issue[0]?.details?.coding?.[0]?.code;

describe('signed exchanges', () => {
  let broker: TestBroker;
  let other: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker({ store: 'postgres', optionalSignatures: ['00019049'] });
    other = await startTestBroker({ store: 'postgres' }); // a second broker process on the same database
  });
  afterAll(async () => {
    await broker.close();
    await other.close();
  });

  it('countersigns the answer; the insurer signature verifies over the returned body', async () => {
    const res = await broker.client('00009845').post(SUBMIT, FHIR, request());
    expect(res.status).toBe(200);
    const jwks = JSON.parse(
      (await broker.client('00009845').get('/.well-known/jwks.json')).body.toString(),
    ) as Parameters<typeof createLocalJWKSet>[0];
    const counter = parseDetached(res.signature ?? '')!;
    await flattenedVerify(
      { protected: counter.protected, signature: counter.signature, payload: res.body },
      createLocalJWKSet(jwks),
    );
    expect(counter.header).toMatchObject({
      sub: 'broker',
      aud: '00009845',
      alg: 'ES256',
      b64: false,
    });
    expect(counter.header.origin_jws).toBe(res.originSignature);
    expect(counter.header.origin_sha256).toBe(
      createHash('sha256').update(res.body).digest('base64url'),
    );

    const origin = parseDetached(res.originSignature ?? '')!;
    const insurerKeys = readJwks(
      JSON.parse(readFileSync(path.join(broker.pkiDir, '10001.jwks.json'), 'utf8')),
      'x',
      [],
    );
    expect(origin.header).toMatchObject({ sub: '10001', aud: 'broker' });
    expect(await verifyJwsSignature(origin, res.body, insurerKeys[0]!.publicKey, ['ES256'])).toBe(
      true,
    );
  });

  it('logs every signature with its message and the verdicts with the answer', async () => {
    const res = await broker.client('00009845').post(SUBMIT, FHIR, request('41000002'));
    expect(res.correlationId).toBeDefined();
    const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
    expect(entries.map((e) => [e.kind, e.signature !== null])).toEqual([
      ['request-in', true],
      ['request-out', true],
      ['response-in', true],
      ['response-out', true],
    ]);
    expect(entries[2]?.signature).toBe(res.originSignature);
    expect(entries[3]?.verdicts).toMatchObject({
      request: { result: 'valid' },
      answer: { result: 'valid' },
    });
  });

  it('refuses an unsigned request when the policy is required (401)', async () => {
    const res = await broker.client('00009845').post(SUBMIT, FHIR, request(), { sign: false });
    expect([res.status, codeOf(res)]).toEqual([401, 'BRK_SIG_MISSING']);
    const entry = (await broker.log.findByCorrelation(res.correlationId ?? '')).at(-1);
    expect(entry?.verdicts).toMatchObject({ request: { result: 'BRK_SIG_MISSING' } });
    expect(res.signature).toBeDefined(); // errors are countersigned too
  });

  it('accepts an unsigned request when the participant policy is optional', async () => {
    const body = Buffer.from(
      JSON.stringify(
        buildEligibilityRequest({ ipress: '00019049', iafas: '10001', dni: '41000001' }),
      ),
    );
    const res = await broker.client('00019049').post(SUBMIT, FHIR, body, { sign: false });
    expect(res.status).toBe(200);
  });

  it.each([
    ['another audience', { aud: '10001' }, 'BRK_SIG_WRONG_AUDIENCE'],
    ['another sender', { sub: '00019049' }, 'BRK_SIG_WRONG_SENDER'],
    ['a stale iat', { iat: Math.floor(Date.now() / 1000) - 3600 }, 'BRK_SIG_STALE'],
  ])('refuses %s', async (_n, claims, code) => {
    const res = await broker.client('00009845').post(SUBMIT, FHIR, request(), { sign: claims });
    expect([res.status, codeOf(res)]).toEqual([401, code]);
  });

  it('refuses a signature made with another participant key', async () => {
    const bytes = request();
    const foreign = await signWith(broker, '00019049', bytes, { sub: '00009845' });
    const res = await broker.client('00009845').post(SUBMIT, FHIR, bytes, { signature: foreign });
    expect([res.status, codeOf(res)]).toEqual([401, 'BRK_SIG_KEY_FOREIGN']);
  });

  it('refuses a replayed message, also at another broker process sharing the store', async () => {
    const bytes = request();
    const value = await signWith(broker, '00009845', bytes, { jti: `replay-${Date.now()}` });
    const first = await broker.client('00009845').post(SUBMIT, FHIR, bytes, { signature: value });
    expect(first.status).toBe(200);
    const again = await broker.client('00009845').post(SUBMIT, FHIR, bytes, { signature: value });
    expect([again.status, codeOf(again)]).toEqual([409, 'BRK_SIG_REPLAYED']);
    const elsewhere = await other
      .client('00009845')
      .post(SUBMIT, FHIR, bytes, { signature: value });
    expect([elsewhere.status, codeOf(elsewhere)]).toEqual([409, 'BRK_SIG_REPLAYED']);
  });

  it('refuses a body changed after signing', async () => {
    const value = await signWith(broker, '00009845', request(), {});
    const res = await broker
      .client('00009845')
      .post(SUBMIT, FHIR, request('41000002'), { signature: value });
    expect([res.status, codeOf(res)]).toEqual([401, 'BRK_SIG_INVALID']);
  });

  it('publishes its keys at /.well-known/jwks.json, public parts only', async () => {
    const res = await broker.client('00019049').get('/.well-known/jwks.json');
    const { keys } = JSON.parse(res.body.toString()) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'EC', alg: 'ES256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
  });
});

/** A detached JWS made outside the client, so the test controls exactly what is sent. */
async function signWith(
  broker: TestBroker,
  code: string,
  bytes: Buffer,
  claims: Record<string, unknown>,
): Promise<string> {
  const { signDetached } = await import('../../src/jose/detached-jws.ts');
  const { loadSigningKey } = await import('../../src/jose/signing-key.ts');
  const key = loadSigningKey(path.join(broker.pkiDir, `${code}.sig.pem`));
  return signDetached(bytes, key, {
    jti: crypto.randomUUID(),
    sub: code,
    aud: 'broker',
    ...claims,
  });
}
