/**
 * SITEDS ↔ FHIR mapping micro-benchmark: the 270_CON_ASE.CC golden vector mapped to the
 * canonical Bundle and back, and a demo FHIR answer mapped to its 271_CON_COD, against reading
 * the same 270 X12 string (the wire parse every SITEDS request pays; baseline measured in the
 * same run). Also compiling the spec on every call, as the mappers would without memoizing.
 * Bounded loops.
 *
 *   npx tsx bench/siteds-mapping.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../src/config/load-config.ts';
import { readEligibilityRequest } from '../src/formats/fhir/read-eligibility-request.ts';
import { mapConAseToFhir } from '../src/formats/siteds/map/map-con-ase-to-fhir.ts';
import { mapFhirToAnswer271 } from '../src/formats/siteds/map/map-fhir-to-answer271.ts';
import { mapFhirToConAse } from '../src/formats/siteds/map/map-fhir-to-con-ase.ts';
import { readSitedsX12 } from '../src/formats/siteds/read-siteds-x12.ts';
import { createMapper } from '../src/mapping/create-mapper.ts';
import { loadMappings } from '../src/mapping/load-mappings.ts';
import { answerEligibility } from '../src/sim/answer-eligibility.ts';
import { buildEligibilityRequest } from '../src/sim/build-eligibility-request.ts';
import { loadPopulation } from '../src/sim/population.ts';

const ROUNDS = 5_000;

function perSecond(fn: () => unknown): number {
  for (let i = 0; i < 500; i++) {
    fn();
  }
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) {
    fn();
  }
  return ROUNDS / ((performance.now() - start) / 1000);
}

const mappings = loadMappings();
const x12 = readFileSync(
  path.join(PROJECT_ROOT, 'conformance/vectors/siteds/270_CON_ASE.CC.x12'),
  'utf8',
);
const read = readSitedsX12('270_CON_ASE', x12);
if (!read.ok) {
  throw new Error('270_CON_ASE.CC vector does not read');
}
const model = read.model;
const { bundle } = mapConAseToFhir(model, { ipressCode: '00009845', mappings });
const header = {
  senderId: 'BROKER',
  receiverId: '20006',
  interchangeControlNumber: '000000001',
  groupControlNumber: '1',
  transactionControlNumber: '0001',
};
const population = loadPopulation(path.join(PROJECT_ROOT, 'conformance/demo-population.json'));
const person = population[0];
if (person === undefined) {
  throw new Error('empty demo population');
}
const insurer = { code: person.iafas, name: 'demo' };
const answer = answerEligibility(
  readEligibilityRequest(
    buildEligibilityRequest({ ipress: '00009845', iafas: insurer.code, dni: person.dni }),
  ),
  insurer,
  population,
  new Date(),
);
const spec = mappings.specs.get('siteds-270-con-ase-to-fhir')?.spec;
if (spec === undefined) {
  throw new Error('270 spec missing');
}

const baseline = perSecond(() => readSitedsX12('270_CON_ASE', x12));
const rows = {
  '270 → Bundle': perSecond(() => mapConAseToFhir(model, { ipressCode: '00009845', mappings })),
  'Bundle → 270': perSecond(() => mapFhirToConAse(bundle, { mappings, header })),
  'answer → 271_CON_COD': perSecond(() => mapFhirToAnswer271(answer, model, { mappings })),
  'compile 270 spec': perSecond(() => createMapper(spec, mappings.conceptMaps)),
};
console.log(`# SITEDS mapping (${ROUNDS} rounds each; baseline: read the 270 X12 string)`);
console.log(`baseline readSitedsX12: ${baseline.toFixed(0)}/s`);
for (const [name, rate] of Object.entries(rows)) {
  console.log(
    `${name}: ${rate.toFixed(0)}/s, ${(baseline / rate).toFixed(2)}× the time of the baseline`,
  );
}
