import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/config/load-config.ts';
import { readEligibilityRequest } from '../../../src/formats/fhir/read-eligibility-request.ts';
import { HTA } from '../../../src/hta/hta-report.ts';
import { answerEligibility } from '../../../src/sim/answer-eligibility.ts';
import {
  buildEligibilityRequest,
  parseServiceCode,
} from '../../../src/sim/build-eligibility-request.ts';
import { loadPopulation } from '../../../src/sim/population.ts';

const population = loadPopulation(path.join(PROJECT_ROOT, 'conformance/demo-population.json'));
const NOW = new Date('2026-11-27T10:00:00Z');

describe('--service codes', () => {
  it('reads the short systems and system|code', () => {
    expect(parseServiceCode('ATC:L04AB02')).toEqual({ system: HTA.atc, code: 'L04AB02' });
    expect(parseServiceCode('cpms:66984')).toEqual({ system: HTA.cpms, code: '66984' });
    expect(parseServiceCode('DIGEMID:DEMO-00042')).toEqual({
      system: HTA.digemid,
      code: 'DEMO-00042',
    });
    expect(parseServiceCode('http://snomed.info/sct|80146002')).toEqual({
      system: 'http://snomed.info/sct',
      code: '80146002',
    });
  });

  it('refuses what names no known system or no code', () => {
    for (const bad of ['L04AB02', 'XYZ:1', 'ATC:', '|L04AB02', 'not a uri|1', 'ATC:L04 AB02']) {
      expect(parseServiceCode(bad), bad).toBeUndefined();
    }
  });
});

describe('the demo insurer and a service asked about', () => {
  const ask = (dni: string, service?: string) =>
    answerEligibility(
      readEligibilityRequest(
        buildEligibilityRequest({
          ipress: '00009845',
          iafas: '20001',
          dni,
          service: service === undefined ? undefined : parseServiceCode(service),
        }),
      ),
      { code: '20001', name: 'Rímac EPS (demo)' },
      population,
      NOW,
    );

  it('answers an item with the code asked, covered, its copay percent, authorization required', () => {
    const items = ask('42000002', 'ATC:L04AB02').insurance?.[0]?.item ?? [];
    expect(items[0]).toEqual({
      productOrService: { coding: [{ system: HTA.atc, code: 'L04AB02' }] },
      excluded: false,
      benefit: [
        {
          type: {
            coding: [
              {
                system: 'http://terminology.hl7.org/CodeSystem/benefit-type',
                code: 'copay-percent',
              },
            ],
          },
          allowedUnsignedInt: 5,
        },
      ],
      authorizationRequired: true,
    });
    expect(items[1]?.name).toBe('Plan Plus EPS');
  });

  it('answers only the plan when nothing is asked about', () => {
    expect(ask('42000002').insurance?.[0]?.item?.map((i) => i.name)).toEqual(['Plan Plus EPS']);
  });
});
