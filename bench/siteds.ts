/**
 * SITEDS wire-layer benchmark (issue 5), each path against a baseline measured in the same run:
 *
 * 1. Request in: SOAP request → `parseSitedsSoapRequest` → `checkSitedsSoapRequest` →
 *    `readSitedsX12` → `validateSitedsModel` (270_CON_ASE, CC), against `JSON.parse` of the same
 *    request as JSON (the cheapest wire format there is) and against the safe XML reading of the
 *    same envelope alone (what SOAP costs before any SITEDS work).
 * 2. Answer out: `writeSitedsX12` (271_CON_COD, two coverage lines) → `buildSitedsSoapResponse`,
 *    against `JSON.stringify` of the same model.
 *
 * Bounded loops (about 1.5 s per measurement); stops by itself.
 *
 *   npx tsx bench/siteds.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { readXmlTree } from '../src/formats/fhir/xml/read-xml-tree.ts';
import { readSitedsX12 } from '../src/formats/siteds/read-siteds-x12.ts';
import { DEFAULT_SOAP_LIMITS } from '../src/formats/siteds/soap/soap-constants.ts';
import { buildSitedsRequest } from '../src/formats/siteds/soap/build-siteds-request.ts';
import { buildSitedsSoapResponse } from '../src/formats/siteds/soap/build-siteds-soap-response.ts';
import { checkSitedsSoapRequest } from '../src/formats/siteds/soap/check-siteds-soap-request.ts';
import { parseSitedsSoapRequest } from '../src/formats/siteds/soap/parse-siteds-soap-request.ts';
import { validateSitedsModel } from '../src/formats/siteds/validation/validate-siteds-model.ts';
import { writeSitedsX12 } from '../src/formats/siteds/write-siteds-x12.ts';

const VECTORS = path.join(import.meta.dirname, '../conformance/vectors/siteds');

function ratePerSecond(fn: () => void, ms = 1500): number {
  for (let i = 0; i < 200; i++) {
    fn();
  }
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    fn();
    n++;
  }
  return n / ((performance.now() - started) / 1000);
}

function readModel(file: string, name: '270_CON_ASE' | '271_CON_COD') {
  const result = readSitedsX12(name, readFileSync(path.join(VECTORS, file), 'utf8'));
  if (!result.ok) {
    throw new Error(`${file} does not read`);
  }
  return result.model;
}

function report(label: string, ours: number, baseline: number, baselineLabel: string): void {
  console.log(
    `${label.padEnd(34)} ${ours.toFixed(0).padStart(8)}/s   ${baselineLabel.padEnd(16)} ` +
      `${baseline.toFixed(0).padStart(8)}/s   ratio ${(baseline / ours).toFixed(1)}x slower than baseline`,
  );
}

export function benchSiteds(): void {
  const request = readModel('270_CON_ASE.CC.x12', '270_CON_ASE') as Parameters<
    typeof buildSitedsRequest
  >[0];
  const soap = buildSitedsRequest(request);
  const asJson = JSON.stringify({ txNombre: '270_CON_ASE', coIafa: '20006', model: request });
  const requestIn = ratePerSecond(() => {
    const parsed = parseSitedsSoapRequest(soap);
    if (!parsed.ok || !checkSitedsSoapRequest(parsed.request).ok) {
      throw new Error('request did not parse');
    }
    const read = readSitedsX12('270_CON_ASE', parsed.request.txPeticion);
    if (!read.ok || validateSitedsModel('270_CON_ASE', read.model).code !== '0000') {
      throw new Error('request did not validate');
    }
  });
  const jsonIn = ratePerSecond(() => JSON.parse(asJson) as unknown);
  const xmlIn = ratePerSecond(() => readXmlTree(soap, DEFAULT_SOAP_LIMITS));
  report('270 SOAP+X12 in (parse, validate)', requestIn, jsonIn, 'JSON.parse');
  report('270 SOAP+X12 in (parse, validate)', requestIn, xmlIn, 'XML tree only');

  const answer = readModel('271_CON_COD.x12', '271_CON_COD');
  const answerOut = ratePerSecond(() =>
    buildSitedsSoapResponse({
      element: 'getConsultaAsegCodResponse',
      coError: '0000',
      coIafa: '20006',
      txNombre: '271_CON_COD',
      txRespuesta: writeSitedsX12('271_CON_COD', answer),
    }),
  );
  const jsonOut = ratePerSecond(() => JSON.stringify(answer));
  report('271 COD X12+SOAP out (write)', answerOut, jsonOut, 'JSON.stringify');
  console.log(
    `sizes: SOAP request ${Buffer.byteLength(soap)} B, same as JSON ${Buffer.byteLength(asJson)} B`,
  );
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  console.log('# siteds-broker benchmark: SITEDS wire layer (SOAP 1.1 + X12)');
  benchSiteds();
}
