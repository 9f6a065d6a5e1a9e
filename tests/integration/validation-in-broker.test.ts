import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Bundle, CoverageEligibilityRequest, OperationOutcome, Resource } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runValidate } from '../../src/cli/validate.ts';
import { PROJECT_ROOT } from '../../src/config/load-config.ts';
import { buildEligibilityRequest } from '../../src/sim/build-eligibility-request.ts';
import type { ClientAnswer } from '../../src/sim/participant-client.ts';
import { serializeFhirXml } from '../../src/formats/fhir/xml/serialize-fhir-xml.ts';
import { fhirModel, startTestBroker, type TestBroker } from '../helpers/test-broker.ts';

const SUBMIT = '/fhir/CoverageEligibilityRequest/$submit';
const FHIR = 'application/fhir+json';
const PE = 'https://siteds-broker.github.io/fhir/StructureDefinition/CoverageEligibilityRequestPe';
const oo = (res: ClientAnswer) => JSON.parse(res.body.toString()) as OperationOutcome;

/** A request that breaks two Peru rules: no focal insurance, and status not `active`. */
function invalidRequest(): Bundle {
  const bundle = buildEligibilityRequest({ ipress: '00009845', iafas: '10001', dni: '41000001' });
  const request = bundle.entry?.[0]?.resource as CoverageEligibilityRequest;
  request.status = 'draft';
  request.insurance = [{ focal: false, coverage: request.insurance![0]!.coverage }];
  return bundle;
}

describe('profile validation in the broker', () => {
  let broker: TestBroker;
  let badInsurer: Server;
  beforeAll(async () => {
    const dir = inject('pkiDir');
    badInsurer = createServer(
      {
        key: readFileSync(path.join(dir, '20001.key')),
        cert: readFileSync(path.join(dir, '20001.crt')),
        ca: readFileSync(path.join(dir, 'ca.crt')),
        requestCert: true,
      },
      (_req, res) => {
        // A CoverageEligibilityResponse without its required request, outcome or insurer.
        res
          .writeHead(200, { 'content-type': FHIR })
          .end('{"resourceType":"CoverageEligibilityResponse","status":"active"}');
      },
    );
    await new Promise<void>((r) => badInsurer.listen(0, '127.0.0.1', r));
    const url = `https://localhost:${(badInsurer.address() as AddressInfo).port}/fhir`;
    broker = await startTestBroker({
      store: 'postgres',
      endpoints: { '20001': { url, format: 'fhir', deadlineMs: 3000 } },
      optionalSignatures: ['20001'],
    });
  });
  afterAll(async () => {
    await broker.close();
    badInsurer.closeAllConnections();
    await new Promise((r) => badInsurer.close(r));
  });

  it('refuses an invalid request with 422, every issue located, and logs the verdict', async () => {
    const res = await broker
      .client('00009845')
      .post(SUBMIT, FHIR, JSON.stringify(invalidRequest()));
    expect(res.status).toBe(422);
    const outcome = oo(res);
    expect(
      outcome.issue.every((i) => i.details?.coding?.[0]?.code === 'BRK_VALIDATION_FAILED'),
    ).toBe(true);
    const errors = outcome.issue.filter((i) => i.severity === 'error');
    expect(errors.map((i) => i.expression?.[0])).toEqual(
      expect.arrayContaining(['Bundle.entry[0].resource.status', 'Bundle.entry[0].resource']),
    );
    const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
    expect(entries.map((e) => e.kind)).toEqual(['request-in', 'response-out']);
    expect(entries[1]?.verdicts).toMatchObject({ validation: { result: 'invalid', profiles: PE } });
  });

  it('answers in English when Accept-Language prefers it, Spanish otherwise', async () => {
    const c = broker.client('00009845');
    const english = await c.get('/fhir/Nothing', { 'accept-language': 'en-US,en;q=0.9,es;q=0.5' });
    expect(oo(english).issue[0]?.details?.text).toBe('Route not found.');
    expect(oo(await c.get('/fhir/Nothing')).issue[0]?.details?.text).toBe('Ruta no encontrada.');
  });

  it('refuses an invalid insurer answer with 502 naming the insurer and the issues', async () => {
    const body = JSON.stringify(
      buildEligibilityRequest({ ipress: '00009845', iafas: '20001', dni: '42000001' }),
    );
    const res = await broker.client('00009845').post(SUBMIT, FHIR, body);
    expect(res.status).toBe(502);
    const outcome = oo(res);
    expect(outcome.issue[0]?.details?.coding?.[0]?.code).toBe('BRK_INSURER_BAD_ANSWER');
    expect(outcome.issue.map((i) => i.diagnostics).join('\n')).toMatch(/insurer 20001: .*outcome/);
  });

  it('$validate: base R4 and a profile, in the caller format', async () => {
    const c = broker.client('00019049');
    const valid = JSON.stringify(
      buildEligibilityRequest({ ipress: '00009845', iafas: '10001', dni: '41000001' }),
    );
    const base = oo(await c.post('/fhir/$validate', FHIR, valid));
    expect(base.issue.filter((i) => i.severity === 'error')).toEqual([]);
    const profiled = oo(
      await c.post(
        `/fhir/Bundle/$validate?profile=${encodeURIComponent(PE)}`,
        FHIR,
        JSON.stringify(invalidRequest()),
      ),
    );
    expect(
      profiled.issue.some(
        (i) => i.severity === 'error' && i.expression?.[0] === 'Bundle.entry[0].resource.status',
      ),
    ).toBe(true);
    const wrongType = oo(await c.post('/fhir/Patient/$validate', FHIR, valid));
    expect(wrongType.issue[0]).toMatchObject({ severity: 'error', expression: ['resourceType'] });
  });
});

describe('$validate with a Parameters body (R4 Resource-validate: resource, profile, mode)', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker({ store: 'pglite' });
  });
  afterAll(async () => {
    await broker.close();
  });
  const params = (...parameter: object[]) =>
    JSON.stringify({ resourceType: 'Parameters', parameter });

  it('checks the resource parameter against the profile parameter; answers an OperationOutcome', async () => {
    const c = broker.client('00019049');
    const res = await c.post(
      '/fhir/Bundle/$validate',
      FHIR,
      params(
        { name: 'resource', resource: invalidRequest() },
        { name: 'profile', valueUri: PE },
        { name: 'mode', valueCode: 'create' },
      ),
    );
    expect(res.status).toBe(200);
    const outcome = oo(res);
    expect(outcome.resourceType).toBe('OperationOutcome');
    expect(outcome.issue.some((i) => i.expression?.[0] === 'Bundle.entry[0].resource.status')).toBe(
      true,
    );
  });

  it('in XML: Parameters in, OperationOutcome out', async () => {
    const xml = serializeFhirXml(
      JSON.parse(
        params({ name: 'resource', resource: invalidRequest() }, { name: 'profile', valueUri: PE }),
      ) as Resource,
      fhirModel(),
    );
    const res = await broker
      .client('00019049')
      .post('/fhir/$validate?_format=xml', 'application/fhir+xml', xml);
    expect(res.status).toBe(200);
    const text = res.body.toString('utf8');
    expect(text).toMatch(/^<OperationOutcome xmlns="http:\/\/hl7.org\/fhir">/);
    expect(text).toContain('<expression value="Bundle.entry[0].resource.status"/>');
  });

  it('refuses what the parameters cannot ask: no resource, delete, update without id', async () => {
    const c = broker.client('00019049');
    const request = buildEligibilityRequest({
      ipress: '00009845',
      iafas: '10001',
      dni: '41000001',
    });
    const first = async (body: string) =>
      oo(await c.post('/fhir/$validate', FHIR, body)).issue.map((i) => `${i.severity} ${i.code}`);
    expect(await first(params({ name: 'profile', valueUri: PE }))).toEqual(['error required']);
    expect(await first(params({ name: 'mode', valueCode: 'delete' }))).toEqual([
      'error not-supported',
    ]);
    const noId = { ...request, id: undefined };
    expect(
      await first(
        params({ name: 'resource', resource: noId }, { name: 'mode', valueCode: 'update' }),
      ),
    ).toEqual(['error required']);
    expect(
      await first(
        params({ name: 'resource', resource: request }, { name: 'mode', valueCode: 'patch' }),
      ),
    ).toEqual(['error value']);
  });
});

describe('siteds validate', () => {
  it('prints each issue with file and location and exits 1 on errors', () => {
    const out: string[] = [];
    const io = { log: (l: string) => out.push(l), error: (l: string) => out.push(l) };
    const dir = path.join(PROJECT_ROOT, 'conformance/vectors/fhir-examples');
    const code = runValidate(
      [
        path.join(dir, 'ces-1.f1.fail.xml'),
        path.join(dir, 'coverageeligibilityrequest-example.xml'),
        '--lang',
        'en',
      ],
      io,
    );
    expect(code).toBe(1);
    expect(out.join('\n')).toMatch(
      /ces-1\.f1\.fail\.xml: error CoverageEligibilityResponse\.insurance\[0\]\.item\[0\]: .*\[ces-1\]/,
    );
    expect(out.join('\n')).toMatch(/coverageeligibilityrequest-example\.xml: valid/);
    expect(runValidate([path.join(dir, 'coverageeligibilityrequest-example.xml')], io)).toBe(0);
  });
});
