/**
 * Mapping engine micro-benchmark: the worked example spec (SITEDS-like patient → FHIR Patient,
 * tests/fixtures/mapping) through `createMapper`, against a hand-written function producing the
 * same Patient (the baseline, measured in the same run), forward and reverse. Bounded loops.
 *
 *   npx tsx bench/mapping.ts
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import { PROJECT_ROOT } from '../src/config/load-config.ts';
import { createMapper } from '../src/mapping/create-mapper.ts';
import { loadMappings, MAPPINGS_DIR } from '../src/mapping/load-mappings.ts';

const ROUNDS = 20_000;
const FIXTURES = path.join(PROJECT_ROOT, 'tests/fixtures/mapping');
const NS = 'https://siteds-broker.github.io/fhir/NamingSystem/';

interface Source {
  affiliateCode: string;
  paternalSurname: string;
  maternalSurname: string;
  givenNames: string;
  document: { type: string; number: string };
  birthDate: string;
  gender: string;
  phones: string[];
}

/** The baseline: what a developer would write by hand for the same Patient. */
function mapByHand(p: Source): Record<string, unknown> {
  const systems: Record<string, string> = {
    '1': `${NS}dni`,
    '4': `${NS}carne-extranjeria`,
    '7': `${NS}pasaporte`,
  };
  return {
    resourceType: 'Patient',
    identifier: [
      { system: systems[p.document.type], value: p.document.number },
      {
        system: 'urn:example:siteds-test:codigo-afiliado',
        use: 'secondary',
        value: p.affiliateCode,
      },
    ],
    name: [
      {
        use: 'official',
        family: p.paternalSurname,
        _family: {
          extension: [
            {
              url: 'http://hl7.org/fhir/StructureDefinition/humanname-mothers-family',
              valueString: p.maternalSurname,
            },
          ],
        },
        given: [p.givenNames],
      },
    ],
    birthDate: `${p.birthDate.slice(0, 4)}-${p.birthDate.slice(4, 6)}-${p.birthDate.slice(6, 8)}`,
    gender: p.gender === '1' ? 'male' : 'female',
    telecom: p.phones.map((value) => ({ system: 'phone', value })),
  };
}

function perSecond(fn: () => unknown): number {
  for (let i = 0; i < 1_000; i++) {
    fn();
  }
  const start = performance.now();
  for (let i = 0; i < ROUNDS; i++) {
    fn();
  }
  return ROUNDS / ((performance.now() - start) / 1000);
}

const set = loadMappings(MAPPINGS_DIR, path.join(FIXTURES, 'specs'));
const loaded = set.specs.get('siteds-patient-to-fhir-patient');
if (loaded === undefined) {
  throw new Error('worked example spec missing');
}
const compileStart = performance.now();
const mapper = createMapper(loaded.spec, set.conceptMaps);
const compileMs = performance.now() - compileStart;
const { patient } = JSON.parse(
  readFileSync(path.join(FIXTURES, 'siteds-patient.json'), 'utf8'),
) as { patient: Source };
const forward = mapper.map(patient).target;
const sameResult = isDeepStrictEqual(forward, mapByHand(patient));

const byHand = perSecond(() => mapByHand(patient));
const engine = perSecond(() => mapper.map(patient));
const reverse = perSecond(() => mapper.reverse?.(forward));
console.log(
  `mapping (worked example, ${ROUNDS} rounds; compile ${compileMs.toFixed(2)} ms; same Patient as by hand: ${sameResult})`,
);
console.log(`  by hand (baseline)   ${Math.round(byHand).toLocaleString('en')} /s`);
console.log(
  `  engine, forward      ${Math.round(engine).toLocaleString('en')} /s   ratio ${(byHand / engine).toFixed(1)}× slower`,
);
console.log(
  `  engine, reverse      ${Math.round(reverse).toLocaleString('en')} /s   ratio ${(byHand / reverse).toFixed(1)}× slower`,
);
