import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/config/load-config.ts';
import { readEligibilityRequest } from '../../../src/formats/fhir/read-eligibility-request.ts';
import { answerEligibility } from '../../../src/sim/answer-eligibility.ts';
import { buildEligibilityRequest } from '../../../src/sim/build-eligibility-request.ts';
import { loadPopulation } from '../../../src/sim/population.ts';
import { errorsOf, REQUEST_PE, RESPONSE_PE, testValidator } from './validation-helpers.ts';

const population = loadPopulation(path.join(PROJECT_ROOT, 'conformance/demo-population.json'));
const INSURERS = [
  { code: '10001', name: 'SIS (demo)' },
  { code: '20001', name: 'Rímac EPS (demo)' },
];

/** What travels: JSON text parsed back (no undefined properties). */
const wire = <T>(value: T): unknown => JSON.parse(JSON.stringify(value)) as unknown;

describe('the demo corpus passes the Peru profiles', () => {
  it('every demo request and every demo answer, for every person and insurer', () => {
    const validator = testValidator();
    let count = 0;
    for (const insurer of INSURERS) {
      for (const dni of [...population.map((p) => p.dni), '99999999']) {
        const request = buildEligibilityRequest({ ipress: '00009845', iafas: insurer.code, dni });
        expect(
          errorsOf(validator.validate(wire(request), { profiles: [REQUEST_PE] })),
          dni,
        ).toEqual([]);
        const answer = answerEligibility(
          readEligibilityRequest(request),
          insurer,
          population,
          new Date(),
        );
        expect(
          errorsOf(validator.validate(wire(answer), { profiles: [RESPONSE_PE] })),
          dni,
        ).toEqual([]);
        count += 2;
      }
    }
    expect(count).toBeGreaterThan(10);
  });

  it('checks the bundled patient, IPRESS, IAFAS and coverage through their target profiles', () => {
    const request = buildEligibilityRequest({ ipress: '0009845', iafas: '10001', dni: '4100001' });
    const errors = errorsOf(testValidator().validate(wire(request), { profiles: [REQUEST_PE] }));
    expect([...errors].sort()).toEqual([
      'pe-dni-1 Bundle.entry[1].resource.identifier[0]',
      'pe-ipress-1 Bundle.entry[2].resource.identifier[0]',
    ]);
  });
});
