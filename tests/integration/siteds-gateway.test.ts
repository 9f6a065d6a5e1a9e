import type { CoverageEligibilityResponse } from 'fhir/r4.js';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSitedsX12 } from '../../src/formats/siteds/read-siteds-x12.ts';
import { buildSitedsRequest } from '../../src/formats/siteds/soap/build-siteds-request.ts';
import { parseSitedsSoapResponse } from '../../src/formats/siteds/soap/parse-siteds-soap-response.ts';
import { DEFAULT_SOAP_LIMITS } from '../../src/formats/siteds/soap/soap-constants.ts';
import { buildEligibilityRequest } from '../../src/sim/build-eligibility-request.ts';
import { buildSitedsCheck } from '../../src/sim/build-siteds-check.ts';
import type { ClientAnswer } from '../../src/sim/participant-client.ts';
import { logKindsOf, startTestBroker, type TestBroker } from '../helpers/test-broker.ts';

const PASARELA = '/siteds/ServicePasarela';
const SOAP = 'text/xml; charset=utf-8';

function soapAnswer(res: ClientAnswer) {
  const parsed = parseSitedsSoapResponse(res.body, DEFAULT_SOAP_LIMITS);
  if (!parsed.ok) {
    throw new Error(`not a SITEDS answer: ${parsed.detail}\n${res.body.toString()}`);
  }
  return parsed.answer;
}

describe('SITEDS gateway: SOAP/X12 in and out, any to any', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startTestBroker({ store: 'postgres' });
  });
  afterAll(async () => {
    await broker.close();
  });

  it('a SITEDS IPRESS asks a FHIR insurer (CC) and gets a 271_CON_COD, logged in both forms', async () => {
    const model = buildSitedsCheck({ ipress: '00009845', iafas: '10001', dni: '41000001' });
    const res = await broker.client('00009845').post(PASARELA, SOAP, buildSitedsRequest(model));
    expect(res.status).toBe(200);
    const answer = soapAnswer(res);
    expect(answer).toMatchObject({ coError: '0000', txNombre: '271_CON_COD', coIafa: '10001' });
    expect(answer.operation).toBe('getConsultaAsegCodResponse');
    const read = readSitedsX12('271_CON_COD', answer.txRespuesta);
    expect(read.ok).toBe(true);
    const cod = read.ok ? read.model : undefined;
    expect(cod?.iafasCode).toBe('10001');
    expect(cod?.documentNumber).toBe('41000001');
    expect(cod?.patient?.givenNames?.toUpperCase()).toContain('ROSA');
    expect(await logKindsOf(broker, res)).toEqual([
      'request-in',
      'request-canonical',
      'request-out',
      'response-in',
      'response-out',
    ]);
    expect(res.signature).toBeDefined();
    expect(res.originSignature).toBeDefined();
  });

  it('a SITEDS IPRESS asks a SITEDS insurer: the insurer gets a 270 and its 271 comes back', async () => {
    const model = buildSitedsCheck({ ipress: '00019049', iafas: '20006', dni: '46000001' });
    const res = await broker.client('00019049').post(PASARELA, SOAP, buildSitedsRequest(model));
    const answer = soapAnswer(res);
    expect(answer.coError).toBe('0000');
    const read = readSitedsX12('271_CON_COD', answer.txRespuesta);
    expect(read.ok ? read.model.documentNumber : '').toBe('46000001');
    const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
    expect(entries.map((e) => e.kind)).toEqual([
      'request-in',
      'request-canonical',
      'request-out',
      'response-in',
      'response-canonical',
      'response-out',
    ]);
    const out = entries.find((e) => e.kind === 'request-out');
    expect(out?.recipient).toBe('20006');
    expect(out?.contentType).toContain('text/xml');
  });

  it('a FHIR IPRESS asks a SITEDS insurer and gets a FHIR answer', async () => {
    const bundle = buildEligibilityRequest({ ipress: '00009845', iafas: '20006', dni: '46000001' });
    const res = await broker
      .client('00009845')
      .post(
        '/fhir/CoverageEligibilityRequest/$submit',
        'application/fhir+json',
        JSON.stringify(bundle),
      );
    expect(res.status).toBe(200);
    const answer = JSON.parse(res.body.toString()) as CoverageEligibilityResponse;
    expect(answer.resourceType).toBe('CoverageEligibilityResponse');
    expect(answer.insurance?.[0]?.inforce).toBe(true);
    expect(await logKindsOf(broker, res)).toContain('response-canonical');
  });

  it.each(['CD', 'CO', 'CM', 'CP', 'RD', 'RS'] as const)(
    'sub-type %s is answered with its own 271',
    async (queryType) => {
      const model = buildSitedsCheck({
        ipress: '00009845',
        iafas: '20006',
        dni: '46000001',
        queryType,
      });
      const res = await broker.client('00009845').post(PASARELA, SOAP, buildSitedsRequest(model));
      const answer = soapAnswer(res);
      const expected = {
        CD: '271_CON_DTAD',
        CO: '271_CON_OBS',
        CM: '271_CON_MED',
        CP: '271_CON_PROC',
        RD: '271_RES_DERIVA',
        RS: '271_RES_SCTR',
      }[queryType];
      expect(answer).toMatchObject({ coError: '0000', txNombre: expected });
      expect(readSitedsX12(expected, answer.txRespuesta).ok).toBe(true);
    },
  );

  it('answers a 270 that breaks SUSALUD rules with its code, every issue in a brk:error header, and logs it', async () => {
    const model = {
      ...buildSitedsCheck({ ipress: '00009845', iafas: '10001', dni: '41000001' }),
      documentNumber: '4100',
      ipressRuc: 'RUC-X',
    };
    const res = await broker.client('00009845').post(PASARELA, SOAP, buildSitedsRequest(model));
    expect(res.status).toBe(200);
    const answer = soapAnswer(res);
    expect(answer.coError).toBe('0761');
    expect(answer.txRespuesta).toBe('');
    const text = res.body.toString();
    expect(text).toContain('<brk:code>BRK_SITEDS_VALIDATION_FAILED</brk:code>');
    expect(text).toContain('0807');
    expect(await logKindsOf(broker, res)).toEqual(['request-in', 'response-out']);
    const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
    expect(entries[1]?.errorCode).toBe('BRK_SITEDS_VALIDATION_FAILED');
  });

  it('refuses a coIafa that is not the IAFAS of the X12 (0760)', async () => {
    const model = buildSitedsCheck({ ipress: '00009845', iafas: '10001', dni: '41000001' });
    const body = buildSitedsRequest(model).replace('<sch:coIafa>10001', '<sch:coIafa>20001');
    const res = await broker.client('00009845').post(PASARELA, SOAP, body);
    expect(soapAnswer(res).coError).toBe('0760');
    expect(res.body.toString()).toContain('coIafa 20001 is not the IAFAS of the X12 (10001)');
  });

  it('refuses an XXE payload with a SOAP fault without reading the file, and logs the raw bytes', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'siteds-xxe-'));
    const secret = path.join(dir, 'secret.txt');
    writeFileSync(secret, 'TOP-SECRET-42');
    const xxe = `<?xml version="1.0"?><!DOCTYPE e [<!ENTITY x SYSTEM "file://${secret}">]><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><sch:getConsultaAsegCodRequest xmlns:sch="http://www.susalud.gob.pe/ws/siteds/schemas"><sch:txNombre>&x;</sch:txNombre></sch:getConsultaAsegCodRequest></soapenv:Body></soapenv:Envelope>`;
    const res = await broker.client('00009845').post(PASARELA, SOAP, xxe);
    expect(res.status).toBe(500);
    expect(res.body.toString()).toContain('<brk:code>BRK_SITEDS_XML_REFUSED</brk:code>');
    expect(res.body.toString()).not.toContain('TOP-SECRET-42');
    const entries = await broker.log.findByCorrelation(res.correlationId ?? '');
    expect(entries.map((e) => e.kind)).toEqual(['request-in', 'response-out']);
    const raw = await broker.log.readPayload(entries[0]?.id ?? '');
    expect(raw?.toString()).toContain('<!DOCTYPE');
    expect(readFileSync(secret, 'utf8')).toBe('TOP-SECRET-42');
  });

  it('answers a malformed envelope and an unknown transaction in SITEDS terms', async () => {
    const client = broker.client('00009845');
    const fault = await client.post(PASARELA, SOAP, '<soapenv:Envelope');
    expect(fault.status).toBe(500);
    expect(fault.body.toString()).toContain('<faultcode>soapenv:Client</faultcode>');
    const model = buildSitedsCheck({ ipress: '00009845', iafas: '10001', dni: '41000001' });
    const unknown = buildSitedsRequest(model).replace(
      '<sch:txNombre>270_CON_ASE',
      '<sch:txNombre>999_NADA',
    );
    const res = await client.post(PASARELA, SOAP, unknown);
    expect(soapAnswer(res).coError).toBe('0310');
  });

  it('serves its WSDL with the broker as the address', async () => {
    const res = await broker.client('00009845').get(`${PASARELA}?wsdl`);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toMatch(
      /location="https:\/\/localhost:\d+\/siteds\/ServicePasarela"/,
    );
  });
});
