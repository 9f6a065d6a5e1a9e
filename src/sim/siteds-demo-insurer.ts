import type { FastifyInstance } from 'fastify';
import type { CoverageEligibilityRequest } from 'fhir/r4.js';
import { BrokerError, brokerError, normalizeError } from '../errors/broker-error.ts';
import { mapConAseToFhir } from '../formats/siteds/map/map-con-ase-to-fhir.ts';
import { mapFhirToAnswer271 } from '../formats/siteds/map/map-fhir-to-answer271.ts';
import { readSitedsX12 } from '../formats/siteds/read-siteds-x12.ts';
import { buildSitedsSoapResponse } from '../formats/siteds/soap/build-siteds-soap-response.ts';
import { buildSoapFault } from '../formats/siteds/soap/build-soap-fault.ts';
import { parseSitedsSoapRequest } from '../formats/siteds/soap/parse-siteds-soap-request.ts';
import { DEFAULT_SOAP_LIMITS } from '../formats/siteds/soap/soap-constants.ts';
import { responseElementFor } from '../formats/siteds/soap/soap-operations.ts';
import { writeSitedsX12 } from '../formats/siteds/write-siteds-x12.ts';
import { signDetached } from '../jose/detached-jws.ts';
import { checkSignature, type SignatureContext } from '../jose/signature-context.ts';
import type { MappingSet } from '../mapping/load-mappings.ts';
import { answerEligibility } from './answer-eligibility.ts';
import { demoInsurerFrame, type DemoInsurerOptions } from './demo-insurer.ts';

const SOAP = 'text/xml; charset=utf-8';

/**
 * A demo IAFAS that speaks only SITEDS: `POST /siteds/ServicePasarela` with a 270_CON_ASE in
 * SOAP, answered with the 271 of the sub-type asked, from the same demo population as the FHIR
 * insurers (read through the same mappings). Like them it accepts only the broker over mutual
 * TLS with a valid JWS, and signs its answers.
 */
export function buildSitedsDemoInsurer(
  options: DemoInsurerOptions & { readonly mappings: MappingSet },
): FastifyInstance {
  const { app, sig, callerOf } = demoInsurerFrame(options);
  app.setErrorHandler(async (err, _request, reply) => {
    const error = normalizeError(err);
    return reply.code(500).type(SOAP).send(buildSoapFault(error.code, error.message));
  });
  app.post('/siteds/ServicePasarela', async (request, reply) => {
    const caller = callerOf(request);
    const signature = request.headers['x-jws-signature'];
    const body = request.body as Buffer;
    await checkSignature(
      sig,
      typeof signature === 'string' ? signature : undefined,
      body,
      caller,
      sig.selfCode,
    );
    const bytes = Buffer.from(answerSoap(options, body));
    const signed = await signAnswer(sig, bytes, caller.code);
    return reply.header('x-jws-signature', signed).type(SOAP).send(bytes);
  });
  return app;
}

function answerSoap(
  options: DemoInsurerOptions & { readonly mappings: MappingSet },
  body: Buffer,
): string {
  const parsed = parseSitedsSoapRequest(body, DEFAULT_SOAP_LIMITS);
  if (!parsed.ok) {
    throw new BrokerError(parsed.code, [{ detail: parsed.detail }]);
  }
  const read = readSitedsX12('270_CON_ASE', parsed.request.txPeticion);
  if (!read.ok) {
    throw brokerError('BRK_SITEDS_X12_INVALID', 'the demo insurer reads only a valid 270_CON_ASE');
  }
  const model = read.model;
  const { bundle } = mapConAseToFhir(model, {
    ipressCode: model.senderId ?? '',
    mappings: options.mappings,
  });
  const request = bundle.entry?.[0]?.resource as CoverageEligibilityRequest;
  const query = {
    request,
    patient: undefined,
    dni: model.documentNumber ?? '',
    insurerCode: options.insurer.code,
    providerCode: undefined,
  };
  const response = answerEligibility(query, options.insurer, options.population, new Date());
  const answer = mapFhirToAnswer271(response, model, { mappings: options.mappings });
  return buildSitedsSoapResponse({
    element: responseElementFor(parsed.request.operation),
    coError: '0000',
    coIafa: options.insurer.code,
    txNombre: answer.transactionName,
    txRespuesta: writeSitedsX12(answer.transactionName, answer.model),
  });
}

async function signAnswer(sig: SignatureContext, bytes: Buffer, aud: string): Promise<string> {
  return signDetached(bytes, sig.signer, { jti: crypto.randomUUID(), sub: sig.selfCode, aud });
}
