import type {
  CoverageEligibilityRequest,
  CoverageEligibilityResponse,
  OperationOutcome,
} from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEMS } from '../../src/formats/fhir/identifier-systems.ts';
import { buildEligibilityRequest } from '../../src/sim/build-eligibility-request.ts';
import type { ClientAnswer } from '../../src/sim/participant-client.ts';
import { startTestBroker, type TestBroker } from '../helpers/test-broker.ts';

const SUBMIT = '/fhir/CoverageEligibilityRequest/$submit';
const FHIR = 'application/fhir+json';

function json<T>(res: ClientAnswer): T {
  return JSON.parse(res.body.toString('utf8')) as T;
}

function errorCode(res: ClientAnswer): string | undefined {
  return json<OperationOutcome>(res).issue[0]?.details?.coding?.[0]?.code;
}

function correlationOf(res: ClientAnswer & { headers?: unknown }): string {
  const oo = json<{ id?: string }>(res);
  return oo.id ?? '';
}

describe.each(['postgres', 'pglite'] as const)('FHIR $submit end to end (store: %s)', (store) => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker({ store });
  });
  afterAll(async () => {
    await broker.close();
  });

  it('routes a Bundle to the insurer over mTLS and returns its answer, logging all four messages', async () => {
    const bundle = buildEligibilityRequest({ ipress: '00009845', iafas: '10001', dni: '41000001' });
    const sent = JSON.stringify(bundle);
    const res = await broker.client('00009845').post(SUBMIT, FHIR, sent);
    expect(res.status).toBe(200);
    const answer = json<CoverageEligibilityResponse>(res);
    expect(answer.resourceType).toBe('CoverageEligibilityResponse');
    expect(answer.outcome).toBe('complete');
    expect(answer.insurance?.[0]?.inforce).toBe(true);
    expect(answer.insurance?.[0]?.item?.[0]?.name).toBe('SIS Gratuito');
    expect(answer.insurer.identifier?.value).toBe('10001');

    const requestId = bundle.entry?.[0]?.resource?.id ?? '';
    expect(answer.request.reference).toBe(`CoverageEligibilityRequest/${requestId}`);
    const entries = await findExchange(broker, requestId);
    expect(entries.map((e) => e.kind)).toEqual([
      'request-in',
      'request-out',
      'response-in',
      'response-out',
    ]);
    expect(entries.map((e) => [e.sender, e.recipient])).toEqual([
      ['00009845', null],
      ['broker', '10001'],
      ['10001', 'broker'],
      ['broker', '00009845'],
    ]);
    expect(entries[3]?.httpStatus).toBe(200);
    const rawIn = await broker.log.readPayload(entries[0]!.id);
    expect(rawIn?.toString('utf8')).toBe(sent);
    const rawOut = await broker.log.readPayload(entries[3]!.id);
    expect(rawOut?.equals(res.body)).toBe(true);
  });

  it('accepts a CoverageEligibilityRequest with contained resources', async () => {
    const request: CoverageEligibilityRequest = {
      resourceType: 'CoverageEligibilityRequest',
      id: 'contained-1',
      contained: [
        {
          resourceType: 'Patient',
          id: 'p',
          identifier: [{ system: SYSTEMS.dni, value: '42000002' }],
        },
        {
          resourceType: 'Organization',
          id: 'ipress',
          identifier: [{ system: SYSTEMS.renipress, value: '00019049' }],
        },
        {
          resourceType: 'Organization',
          id: 'iafas',
          identifier: [{ system: SYSTEMS.iafas, value: '20001' }],
        },
        {
          resourceType: 'Coverage',
          id: 'cov',
          status: 'active',
          beneficiary: { reference: '#p' },
          payor: [{ reference: '#iafas' }],
        },
      ] as unknown as CoverageEligibilityRequest['contained'],
      status: 'active',
      purpose: ['validation'],
      patient: { reference: '#p' },
      created: '2026-11-27',
      provider: { reference: '#ipress' },
      insurer: { reference: '#iafas' },
      insurance: [{ focal: true, coverage: { reference: '#cov' } }],
    };
    const res = await broker.client('00019049').post(SUBMIT, FHIR, JSON.stringify(request));
    expect(res.status).toBe(200);
    const answer = json<CoverageEligibilityResponse>(res);
    expect(answer.insurance?.[0]?.item?.[0]?.benefit?.[0]?.allowedMoney).toEqual({
      value: 15,
      currency: 'PEN',
    });
  });

  it('answers "not found" for an unknown DNI, as a normal answer', async () => {
    const bundle = buildEligibilityRequest({ ipress: '00009845', iafas: '20001', dni: '99999999' });
    const res = await broker.client('00009845').post(SUBMIT, FHIR, JSON.stringify(bundle));
    expect(res.status).toBe(200);
    const answer = json<CoverageEligibilityResponse>(res);
    expect(answer.insurance).toBeUndefined();
    expect(answer.disposition).toContain('no encontrado');
  });

  it('logs malformed JSON byte for byte before refusing it with 400', async () => {
    const garbage = Buffer.from('{"resourceType": "Bundle", oops \u00ff');
    const res = await broker.client('00009845').post(SUBMIT, FHIR, garbage);
    expect(res.status).toBe(400);
    expect(errorCode(res)).toBe('BRK_REQUEST_MALFORMED');
    const entries = await broker.log.findByCorrelation(correlationOf(res));
    expect(entries.map((e) => e.kind)).toEqual(['request-in', 'response-out']);
    expect((await broker.log.readPayload(entries[0]!.id))?.equals(garbage)).toBe(true);
    expect(entries[1]?.errorCode).toBe('BRK_REQUEST_MALFORMED');
  });

  it.each([
    ['wrong content type', 'text/plain', '{}', 415, 'BRK_REQUEST_UNSUPPORTED_MEDIA_TYPE'],
    ['not an eligibility request', FHIR, '{"resourceType":"Patient"}', 422, 'BRK_REQUEST_INVALID'],
  ])('refuses %s', async (_name, type, body, status, code) => {
    const res = await broker.client('00009845').post(SUBMIT, type, body);
    expect(res.status).toBe(status);
    expect(errorCode(res)).toBe(code);
    const entries = await broker.log.findByCorrelation(correlationOf(res));
    expect(entries[0]?.kind).toBe('request-in');
    expect(entries[0]?.contentType).toBe(type);
  });

  it('refuses a body over the limit with 413 and still logs that it came', async () => {
    const big = Buffer.alloc(1_048_576 + 10, 0x20);
    const res = await broker.client('00009845').post(SUBMIT, FHIR, big);
    expect(res.status).toBe(413);
    expect(errorCode(res)).toBe('BRK_REQUEST_TOO_LARGE');
    const entries = await broker.log.findByCorrelation(correlationOf(res));
    expect(entries.map((e) => [e.kind, e.errorCode])).toEqual([
      ['request-in', null],
      ['response-out', 'BRK_REQUEST_TOO_LARGE'],
    ]);
  });

  it('collects every missing part with its FHIRPath location (422)', async () => {
    const bundle = buildEligibilityRequest({ ipress: '00009845', iafas: '1000', dni: '123' });
    const res = await broker.client('00009845').post(SUBMIT, FHIR, JSON.stringify(bundle));
    expect(res.status).toBe(422);
    const oo = json<OperationOutcome>(res);
    expect(oo.issue.map((i) => i.expression?.[0])).toEqual([
      'Bundle.entry[0].resource.patient',
      'Bundle.entry[0].resource.insurer',
    ]);
    expect(oo.issue[0]?.details?.text).toMatch(/solicitud/);
  });

  it('refuses an unknown insurer with 422', async () => {
    const bundle = buildEligibilityRequest({ ipress: '00009845', iafas: '99999', dni: '41000001' });
    const res = await broker.client('00009845').post(SUBMIT, FHIR, JSON.stringify(bundle));
    expect(res.status).toBe(422);
    expect(errorCode(res)).toBe('BRK_ROUTE_UNKNOWN_INSURER');
  });

  it('refuses a suspended insurer with 503', async () => {
    const bundle = buildEligibilityRequest({ ipress: '00009845', iafas: '40007', dni: '41000001' });
    const res = await broker.client('00009845').post(SUBMIT, FHIR, JSON.stringify(bundle));
    expect(res.status).toBe(503);
    expect(errorCode(res)).toBe('BRK_ROUTE_INSURER_SUSPENDED');
  });

  it('lets an IPRESS ask only as itself (403)', async () => {
    const bundle = buildEligibilityRequest({ ipress: '00019049', iafas: '10001', dni: '41000001' });
    const res = await broker.client('00009845').post(SUBMIT, FHIR, JSON.stringify(bundle));
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe('BRK_AUTH_PROVIDER_MISMATCH');
    const entries = await broker.log.findByCorrelation(correlationOf(res));
    expect(entries.map((e) => e.kind)).toEqual(['request-in', 'response-out']);
  });

  it('requires the provider to be named', async () => {
    const bundle = buildEligibilityRequest({
      ipress: '00009845',
      iafas: '10001',
      dni: '41000001',
    });
    delete (bundle.entry?.[0]?.resource as CoverageEligibilityRequest).provider;
    const res = await broker.client('00009845').post(SUBMIT, FHIR, JSON.stringify(bundle));
    expect(res.status).toBe(422);
    expect(json<OperationOutcome>(res).issue[0]?.expression).toEqual([
      'CoverageEligibilityRequest.provider',
    ]);
  });

  it.each([
    ['a suspended IPRESS', '00027320', 'BRK_AUTH_PARTICIPANT_SUSPENDED'],
    [
      'a certificate of our CA that is in no registry entry',
      'stranger',
      'BRK_AUTH_UNKNOWN_CERTIFICATE',
    ],
    ['an insurer (wrong role)', '10001', 'BRK_AUTH_ROLE_FORBIDDEN'],
    ['an auditor (wrong role)', 'auditor-test', 'BRK_AUTH_ROLE_FORBIDDEN'],
  ])('refuses %s with 403', async (_name, code, errCode) => {
    const bundle = buildEligibilityRequest({ ipress: '00027320', iafas: '10001', dni: '41000001' });
    const res = await broker.client(code).post(SUBMIT, FHIR, JSON.stringify(bundle));
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe(errCode);
  });

  it('ignores a role claimed in a header: roles come from the registry', async () => {
    const res = await broker
      .client('00009845')
      .get('/audit/log?limit=1', { 'x-role': 'auditor', 'x-participant': 'auditor-test' });
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe('BRK_AUTH_ROLE_FORBIDDEN');
  });

  it('serves the CapabilityStatement from conformance/', async () => {
    const res = await broker.client('00009845').get('/fhir/metadata');
    expect(res.status).toBe(200);
    const cs = json<{ resourceType: string; fhirVersion: string }>(res);
    expect(cs).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1' });
  });

  it('answers an unknown route with a 404 OperationOutcome', async () => {
    const res = await broker.client('00009845').get('/fhir/Nothing');
    expect(res.status).toBe(404);
    expect(errorCode(res)).toBe('BRK_NOT_FOUND');
  });
});

async function findExchange(broker: TestBroker, requestId: string) {
  const rows = await broker.store.query<{ correlation_id: string }>(
    `SELECT l.correlation_id FROM message_log l JOIN message_payload p ON p.entry_id = l.id
      WHERE l.kind = 'request-in' AND position(convert_to($1, 'UTF8') in p.bytes) > 0`,
    [requestId],
  );
  expect(rows).toHaveLength(1);
  return broker.log.findByCorrelation(rows[0]!.correlation_id);
}
