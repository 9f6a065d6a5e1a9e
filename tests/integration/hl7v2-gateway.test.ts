import type { Coverage, CoverageEligibilityResponse } from 'fhir/r4.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Agent, request } from 'undici';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { signDetached } from '../../src/jose/detached-jws.ts';
import { keyFilesOf } from '../../src/jose/key-files.ts';
import { loadSigningKey } from '../../src/jose/signing-key.ts';
import { FHIR_JSON } from '../../src/formats/fhir/identifier-systems.ts';
import { buildEligibilityRequest } from '../../src/sim/build-eligibility-request.ts';
import { parseEr7 } from '../../src/formats/hl7v2/parse-er7.ts';
import type { Hl7Message } from '../../src/formats/hl7v2/message.ts';
import { PROJECT_ROOT } from '../../src/config/load-config.ts';
import { createRegistry } from '../../src/registry/participant.ts';
import { loadPopulation } from '../../src/sim/population.ts';
import { startDemoInsurers } from '../../src/sim/start-demo-insurers.ts';
import { freePorts } from '../helpers/free-ports.ts';
import { rqiFor } from '../helpers/hl7-messages.ts';
import {
  gatewayData,
  logKindsOf,
  startTestBroker,
  testConfig,
  type TestBroker,
} from '../helpers/test-broker.ts';

const ER7 = 'x-application/hl7-v2+er7';

const errs = (m: Hl7Message) => m.segmentsNamed('ERR');

/** What the log holds for a FHIR check answered by the v2 insurer, in order. */
const TO_V2_INSURER = [
  'request-in',
  'request-out',
  'response-in',
  'response-canonical',
  'response-out',
];

describe('HL7 v2 over HTTPS: POST /hl7v2 (RQI^I01 → RPI^I01)', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker({ store: 'postgres' });
  });
  afterAll(async () => {
    await broker.close();
  });

  it('a v2 hospital asks a FHIR insurer and gets an RPI^I01, logged in wire and canonical forms', async () => {
    const rqi = rqiFor({ ipress: '00009845', iafas: '10001', dni: '41000001', controlId: 'H-1' });
    const res = await broker.client('00009845').post('/hl7v2', ER7, rqi);
    expect(res.status).toBe(200);
    expect(res.contentType).toContain(ER7);
    const rpi = parseEr7(res.body);
    expect(rpi.header.field(9).raw).toBe('RPI^I01^RPI_I01');
    expect(rpi.segment('MSA')?.toString()).toBe('MSA|AA|H-1');
    expect(rpi.segment('IN1')?.field(3).component(1).value).toBe('10001');
    expect(rpi.segment('IN1')?.field(45).value).toBe('Y');
    expect(rpi.segment('PID')?.field(3).component(1).value).toBe('41000001');
    expect(await logKindsOf(broker, res)).toEqual([
      'request-in',
      'request-canonical',
      'request-out',
      'response-in',
      'response-out',
    ]);
    const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
    const canonical = await broker.log.readPayload(entries[1]?.id ?? '');
    expect(JSON.parse(canonical?.toString() ?? '{}')).toMatchObject({ resourceType: 'Bundle' });
    const out = await broker.log.readPayload(entries[4]?.id ?? '');
    expect(out?.equals(res.body)).toBe(true);
    expect(res.signature).toBeDefined();
    expect(res.originSignature).toBeDefined();
  });

  it('a v2 hospital asks a SITEDS insurer: its 271 comes back as an RPI^I01', async () => {
    const rqi = rqiFor({
      ipress: '00019049',
      iafas: '20006',
      dni: '46000001',
      controlId: 'H-2',
      ruc: '20123456789',
      affiliateCode: '46000001',
    });
    const res = await broker.client('00019049').post('/hl7v2', ER7, rqi);
    expect(res.status).toBe(200);
    const rpi = parseEr7(res.body);
    expect(rpi.segment('MSA')?.field(1).value).toBe('AA');
    expect(rpi.segment('IN1')?.field(3).component(1).value).toBe('20006');
    expect(await logKindsOf(broker, res)).toEqual([
      'request-in',
      'request-canonical',
      'request-out',
      'response-in',
      'response-canonical',
      'response-out',
    ]);
    const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
    expect(entries.find((e) => e.kind === 'request-out')?.contentType).toContain('text/xml');
  });

  it('profile errors: HTTP 200, ACK AE, one ERR per problem with its location', async () => {
    const rqi = rqiFor({ ipress: '00009845', iafas: '10001', dni: '41000001', controlId: 'H-3' })
      .replace('||19850312|F', '||1985-03-12|X')
      .replace('IN1|1|SIS-GRAT^SIS Gratuito^99PLN|', 'IN1|1||');
    const res = await broker.client('00009845').post('/hl7v2', ER7, rqi);
    expect(res.status).toBe(200);
    const ack = parseEr7(res.body);
    expect(ack.header.field(9).raw).toBe('ACK^I01^ACK');
    expect(ack.segment('MSA')?.toString()).toBe('MSA|AE|H-3');
    const locations = errs(ack).map((e) => e.field(2).raw);
    expect(locations).toEqual(expect.arrayContaining(['PID^1^7^1^1', 'PID^1^8^1', 'IN1^1^2^1']));
    expect(errs(ack).every((e) => e.field(5).component(1).value === 'BRK_HL7_PROFILE')).toBe(true);
    expect(await logKindsOf(broker, res)).toEqual(['request-in', 'response-out']);
  });

  it('unsigned: refused before it is read, with the catalog status and an ACK AR', async () => {
    const rqi = rqiFor({ ipress: '00009845', iafas: '10001', dni: '41000001', controlId: 'H-4' });
    const res = await broker.client('00009845').post('/hl7v2', ER7, rqi, { sign: false });
    expect(res.status).toBe(401);
    const ack = parseEr7(res.body);
    expect(ack.segment('MSA')?.toString()).toBe('MSA|AR|H-4');
    expect(errs(ack)[0]?.field(5).component(1).value).toBe('BRK_SIG_MISSING');
  });

  it('not ER7: 400 with an ACK AR; a SOAP media type: 415', async () => {
    const garbage = await broker.client('00009845').post('/hl7v2', ER7, 'hello');
    expect(garbage.status).toBe(400);
    expect(parseEr7(garbage.body).segment('MSA')?.field(1).value).toBe('AR');
    const rqi = rqiFor({ ipress: '00009845', iafas: '10001', dni: '41000001', controlId: 'H-5' });
    const wrongType = await broker.client('00009845').post('/hl7v2', 'text/xml', rqi);
    expect(wrongType.status).toBe(415);
    expect(parseEr7(wrongType.body).segment('MSA')?.toString()).toBe('MSA|AR|H-5');
  });
});

/**
 * A FHIR hospital (00009845) asks the v2 insurer 20008 about DNI 48000001, covered: the FHIR
 * answer and the exchange's log entries (the kinds of an exchange with a v2 insurer).
 */
async function askV2InsurerInFhir(broker: TestBroker) {
  const bundle = buildEligibilityRequest({ ipress: '00009845', iafas: '20008', dni: '48000001' });
  const res = await broker
    .client('00009845')
    .post('/fhir/CoverageEligibilityRequest/$submit', FHIR_JSON, JSON.stringify(bundle));
  expect(res.status).toBe(200);
  const answer = JSON.parse(res.body.toString()) as CoverageEligibilityResponse;
  expect(answer.insurance?.[0]?.inforce).toBe(true);
  expect(answer.insurer.identifier?.value).toBe('20008');
  const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
  expect(entries.map((e) => e.kind)).toEqual(TO_V2_INSURER);
  return { answer, entries };
}

describe('any to any: a v2 insurer (MLLP/TLS) behind the broker', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker({ store: 'postgres' });
  });
  afterAll(async () => {
    await broker.close();
  });

  it('a FHIR hospital asks the v2 insurer: RQI^I01 out over MLLP, RPI^I01 back as FHIR', async () => {
    expect(broker.endpoints['20008']?.url).toMatch(/^mllps:\/\/localhost:\d+$/);
    const { answer, entries } = await askV2InsurerInFhir(broker);
    const coverage = answer.contained?.find((r) => r.resourceType === 'Coverage') as Coverage;
    expect(coverage.class?.[0]?.value).toBe('EPS-VITAL');
    const out = await broker.log.readPayload(entries[1]?.id ?? '');
    expect(parseEr7(out ?? Buffer.alloc(0)).header.field(9).raw).toBe('RQI^I01^RQI_I01');
    expect(entries[2]?.signature).toBeDefined(); // the insurer's ZSG, verified
    expect(entries[4]?.verdicts).toMatchObject({ answer: { result: 'valid' } });
  });

  it('a v2 hospital asks the v2 insurer: HL7 v2 end to end through the canonical form', async () => {
    const rqi = rqiFor({ ipress: '00019049', iafas: '20008', dni: '48000002', controlId: 'V-1' });
    const res = await broker.client('00019049').post('/hl7v2', ER7, rqi);
    const rpi = parseEr7(res.body);
    expect(rpi.segment('MSA')?.toString()).toBe('MSA|AA|V-1');
    expect(rpi.segment('IN1')?.field(45).value).toBe('N'); // coverage not in force
    expect(rpi.segment('IN1')?.field(13).value).toBe('20251231');
  });
});

describe('any to any: a v2 insurer over HTTPS (an https:// endpoint of format hl7v2)', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker({ store: 'pglite', hl7Transport: 'https' });
  });
  afterAll(async () => {
    await broker.close();
  });

  it('a FHIR hospital asks the v2 insurer: RQI^I01 POSTed with a JWS, its signed RPI^I01 back as FHIR', async () => {
    expect(broker.endpoints['20008']?.url).toMatch(/^https:\/\/localhost:\d+\/hl7v2$/);
    const { entries } = await askV2InsurerInFhir(broker);
    expect(entries[1]?.contentType).toContain(ER7);
    expect(entries[1]?.signature).toMatch(/^[\w-]+\.\.[\w-]+$/); // the broker's JWS, sent as a header
    expect(entries[2]?.contentType).toContain(ER7);
    expect(entries[2]?.signature).toMatch(/^[\w-]+\.\.[\w-]+$/); // the insurer's, verified
    const rpi = parseEr7((await broker.log.readPayload(entries[2]?.id ?? '')) ?? Buffer.alloc(0));
    expect(rpi.segment('MSA')?.field(1).value).toBe('AA');
  });

  it('a v2 hospital asks the v2 insurer over HTTPS: HL7 v2 end to end', async () => {
    const rqi = rqiFor({ ipress: '00019049', iafas: '20008', dni: '48000002', controlId: 'W-1' });
    const res = await broker.client('00019049').post('/hl7v2', ER7, rqi);
    const rpi = parseEr7(res.body);
    expect(rpi.segment('MSA')?.toString()).toBe('MSA|AA|W-1');
    expect(rpi.segment('IN1')?.field(45).value).toBe('N');
  });

  it('the HTTPS v2 insurer refuses in HL7: an unsigned RQI gets an ACK (HTTP 200), unreadable bytes the catalog status', async () => {
    const pkiDir = inject('pkiDir');
    const pem = (file: string): string => readFileSync(path.join(pkiDir, file), 'utf8');
    const agent = new Agent({
      connect: { cert: pem('broker.crt'), key: pem('broker.key'), ca: pem('ca.crt') },
    });
    const url = broker.endpoints['20008']?.url ?? '';
    const post = async (body: Buffer, signature?: string) => {
      const res = await request(url, {
        method: 'POST',
        dispatcher: agent,
        headers: {
          'content-type': ER7,
          ...(signature === undefined ? {} : { 'x-jws-signature': signature }),
        },
        body,
      });
      return { status: res.statusCode, ack: parseEr7(Buffer.from(await res.body.arrayBuffer())) };
    };
    try {
      const rqi = Buffer.from(
        rqiFor({ ipress: '00009845', iafas: '20008', dni: '48000001', controlId: 'U-1' }),
      );
      const unsigned = await post(rqi);
      expect(unsigned.status).toBe(200);
      expect(unsigned.ack.segment('MSA')?.field(1).value).toMatch(/^A[ER]$/);
      expect(unsigned.ack.segment('MSA')?.field(2).value).toBe('U-1');
      expect(unsigned.ack.segment('ERR')?.toString()).toMatch(/BRK_SIG_/);
      const garbage = Buffer.from('not an HL7 message');
      const signer = loadSigningKey(keyFilesOf(pkiDir, 'broker').activeKey);
      const jws = await signDetached(garbage, signer, { jti: 'g-1', sub: 'broker', aud: '20008' });
      const unreadable = await post(garbage, jws);
      expect(unreadable.status).toBeGreaterThanOrEqual(400);
      expect(unreadable.ack.segment('MSA')?.field(1).value).toMatch(/^A[ER]$/);
      expect(unreadable.ack.header.field(4).value).toBe('20008'); // answered as the insurer
    } finally {
      await agent.close();
    }
  });

  it('npm start runs an https:// v2 insurer of the registry as the HTTPS demo insurer', async () => {
    const [port] = await freePorts(1);
    const registry = createRegistry(
      broker.registry.participants
        .filter((p) => p.code === '20008' || p.kind === 'broker')
        .map((p) =>
          p.endpoint === undefined
            ? p
            : { ...p, endpoint: { ...p.endpoint, url: `https://localhost:${port}/hl7v2` } },
        ),
    );
    const pkiDir = inject('pkiDir');
    const { mappings, hl7Profiles } = gatewayData(testConfig(pkiDir));
    const population = loadPopulation(path.join(PROJECT_ROOT, 'conformance/demo-population.json'));
    const demo = await startDemoInsurers(registry, population, pkiDir, mappings, hl7Profiles);
    const pem = (file: string): string => readFileSync(path.join(pkiDir, file), 'utf8');
    const agent = new Agent({
      connect: { cert: pem('broker.crt'), key: pem('broker.key'), ca: pem('ca.crt') },
    });
    try {
      expect(demo.urls).toEqual([`https://localhost:${port}/hl7v2`]);
      const rqi = rqiFor({ ipress: '00009845', iafas: '20008', dni: '48000001', controlId: 'S-1' });
      const res = await request(demo.urls[0] ?? '', {
        method: 'POST',
        dispatcher: agent,
        headers: { 'content-type': ER7 },
        body: rqi,
      });
      expect(res.headers['content-type']).toContain(ER7);
      const ack = parseEr7(Buffer.from(await res.body.arrayBuffer()));
      expect(ack.segment('MSA')?.field(2).value).toBe('S-1'); // an HL7 answer, not FHIR
    } finally {
      await agent.close();
      await demo.close();
    }
  });
});
