/**
 * JSON → XML → JSON is the identity on the broker's own FHIR JSON: the eligibility request an
 * IPRESS sends (`buildEligibilityRequest`), the answers of the demo insurers (`answerEligibility`)
 * for every person of the demo population, for a DNI the insurer does not know, and the
 * CapabilityStatement and OperationDefinition in conformance/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/config/load-config.ts';
import { readEligibilityRequest } from '../../../src/formats/fhir/read-eligibility-request.ts';
import { serializeFhirXml } from '../../../src/formats/fhir/xml/serialize-fhir-xml.ts';
import { answerEligibility } from '../../../src/sim/answer-eligibility.ts';
import { buildEligibilityRequest } from '../../../src/sim/build-eligibility-request.ts';
import { loadPopulation } from '../../../src/sim/population.ts';
import { asWireJson, roundTripJson, testModel } from './fhir-xml-helpers.ts';

const population = loadPopulation(path.join(PROJECT_ROOT, 'conformance/demo-population.json'));
const INSURERS = [
  { code: '10001', name: 'SIS (demo)' },
  { code: '20001', name: 'Rímac EPS (demo)' },
];
const NOW = new Date('2026-11-27T10:00:00.123Z');

function corpus(): [string, Resource][] {
  const cases: [string, Resource][] = [];
  for (const person of population) {
    for (const insurer of INSURERS) {
      const request = buildEligibilityRequest({
        ipress: '00009845',
        iafas: insurer.code,
        dni: person.dni,
        now: NOW,
      });
      const answer = answerEligibility(readEligibilityRequest(request), insurer, population, NOW);
      const label = `${person.dni} at ${insurer.code}`;
      cases.push([`request ${label}`, request], [`answer ${label}`, answer]);
    }
  }
  for (const file of [
    'CapabilityStatement-broker.json',
    'OperationDefinition-CoverageEligibilityRequest-submit.json',
  ]) {
    const text = readFileSync(path.join(PROJECT_ROOT, 'conformance', file), 'utf8');
    cases.push([file, JSON.parse(text) as Resource]);
  }
  return cases.map(([label, resource]) => [label, asWireJson(resource)]);
}

describe('the demo corpus', () => {
  const cases = corpus();

  it('covers requests, in-force, not-in-force and not-found answers, and the conformance files', () => {
    expect(cases.length).toBe(population.length * 4 + 2);
    const answers = cases.map(([, r]) => JSON.stringify(r));
    expect(answers.some((a) => a.includes('"inforce":true'))).toBe(true);
    expect(answers.some((a) => a.includes('"inforce":false'))).toBe(true);
    expect(answers.some((a) => a.includes('Asegurado no encontrado'))).toBe(true);
    expect(answers.some((a) => a.includes('"allowedUnsignedInt"'))).toBe(true);
  });

  it.each(cases)('%s: JSON → XML → JSON is the identity', (_label, resource) => {
    expect(roundTripJson(resource)).toStrictEqual(resource);
  });

  it('writes an answer with contained resources, a choice type and a decimal as FHIR XML', () => {
    const answer = cases.find(([label]) => label === 'answer 42000002 at 20001')?.[1];
    expect(answer).toBeDefined();
    const xml = serializeFhirXml(answer!, testModel());
    expect(xml).toMatch(
      /^<CoverageEligibilityResponse xmlns="http:\/\/hl7\.org\/fhir"><contained><Patient><id value="patient"\/>/,
    );
    expect(xml).toContain(
      '<allowedMoney><value value="15"/><currency value="PEN"/></allowedMoney>',
    );
    expect(xml).toContain('<allowedUnsignedInt value="5"/>');
    expect(xml).toContain('<inforce value="true"/>');
  });

  it('writes a request Bundle with each resource wrapped in entry.resource', () => {
    const request = cases[0]![1];
    const xml = serializeFhirXml(request, testModel());
    expect(xml).toMatch(
      /^<Bundle xmlns="http:\/\/hl7\.org\/fhir"><type value="collection"\/><entry><fullUrl value="urn:uuid:[^"]+"\/><resource><CoverageEligibilityRequest><id /,
    );
    expect(xml.match(/<resource>/g)).toHaveLength(5);
  });
});
