import { createHash } from 'node:crypto';
import type { CoverageEligibilityResponse, OperationOutcome } from 'fhir/r4.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDetached } from '../../src/jose/detached-jws.ts';
import { parseFhirXml } from '../../src/formats/fhir/xml/parse-fhir-xml.ts';
import { serializeFhirXml } from '../../src/formats/fhir/xml/serialize-fhir-xml.ts';
import { buildEligibilityRequest } from '../../src/sim/build-eligibility-request.ts';
import { fhirModel, startTestBroker, type TestBroker } from '../helpers/test-broker.ts';

const SUBMIT = '/fhir/CoverageEligibilityRequest/$submit';
const XML = 'application/fhir+xml';

describe('FHIR XML at the broker', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker({ store: 'pglite' });
  });
  afterAll(async () => broker.close());

  const xmlRequest = (dni: string): string =>
    serializeFhirXml(
      buildEligibilityRequest({ ipress: '00009845', iafas: '20001', dni }),
      fhirModel(),
    );

  it('accepts an XML request and answers JSON by default', async () => {
    const res = await broker.client('00009845').post(SUBMIT, XML, xmlRequest('42000002'));
    expect(res.status).toBe(200);
    expect(res.contentType).toContain('application/fhir+json');
    const answer = JSON.parse(res.body.toString()) as CoverageEligibilityResponse;
    expect(answer.insurance?.[0]?.item?.[0]?.name).toBe('Plan Plus EPS');
  });

  it('answers XML when asked (Accept), countersigned over the XML, the insurer signature over its logged bytes', async () => {
    const client = broker.client('00009845');
    const res = await client.post(`${SUBMIT}?_format=xml`, XML, xmlRequest('42000003'));
    expect(res.status).toBe(200);
    expect(res.contentType).toContain(XML);
    const answer = parseFhirXml(res.body, fhirModel()) as CoverageEligibilityResponse;
    expect(answer.resourceType).toBe('CoverageEligibilityResponse');
    expect(answer.insurance?.[0]?.inforce).toBe(true);
    const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
    const insurerBytes = await broker.log.readPayload(
      entries.find((e) => e.kind === 'response-in')!.id,
    );
    const counter = parseDetached(res.signature ?? '')!;
    expect(counter.header.origin_sha256).toBe(
      createHash('sha256').update(insurerBytes!).digest('base64url'),
    );
    expect(JSON.parse(insurerBytes!.toString())).toMatchObject({
      resourceType: 'CoverageEligibilityResponse',
    });
    expect((await broker.log.readPayload(entries.at(-1)!.id))?.equals(res.body)).toBe(true);
  });

  it('refuses a DTD without reading it, logs the bytes, and answers in the format asked', async () => {
    const evil = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY x "&lol;&lol;&lol;">]><Bundle xmlns="http://hl7.org/fhir">&x;</Bundle>`;
    const res = await broker.client('00009845').post(SUBMIT, XML, evil, {});
    const withAccept = await broker.client('00009845').post(`${SUBMIT}?_format=xml`, XML, evil);
    expect(res.status).toBe(400);
    const oo = JSON.parse(res.body.toString()) as OperationOutcome;
    expect(oo.issue[0]?.details?.coding?.[0]?.code).toBe('BRK_REQUEST_MALFORMED');
    expect(withAccept.contentType).toContain(XML);
    const xmlOo = parseFhirXml(withAccept.body, fhirModel()) as OperationOutcome;
    expect(xmlOo.issue[0]?.details?.coding?.[0]?.code).toBe('BRK_REQUEST_MALFORMED');
    const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
    expect((await broker.log.readPayload(entries[0]!.id))?.toString()).toBe(evil);
  });

  it('serves the CapabilityStatement in XML with _format=xml', async () => {
    const res = await broker.client('00009845').get('/fhir/metadata?_format=xml');
    expect(res.contentType).toContain(XML);
    expect(parseFhirXml(res.body, fhirModel()).resourceType).toBe('CapabilityStatement');
  });
});
