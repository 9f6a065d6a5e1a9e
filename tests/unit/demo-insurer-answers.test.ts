import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Coverage, CoverageEligibilityResponse, Patient } from 'fhir/r4.js';
import { summarizeEligibility } from '../../src/cli/summarize-eligibility.ts';
import { PROJECT_ROOT } from '../../src/config/load-config.ts';
import { readEligibilityRequest } from '../../src/formats/fhir/read-eligibility-request.ts';
import { answerEligibility } from '../../src/sim/answer-eligibility.ts';
import { buildEligibilityRequest } from '../../src/sim/build-eligibility-request.ts';
import { loadPopulation } from '../../src/sim/population.ts';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';

const population = loadPopulation(path.join(PROJECT_ROOT, 'conformance/demo-population.json'));
const EPS = { code: '20001', name: 'Rímac EPS (demo)' };
const query = (iafas: string, dni: string) =>
  readEligibilityRequest(buildEligibilityRequest({ ipress: '00009845', iafas, dni }));

describe('the demo population', () => {
  it('has insured persons of at least two insurers, SIS among them, active and inactive', () => {
    const insurers = new Set(population.map((p) => p.iafas));
    expect(insurers.has('10001') && insurers.size >= 2).toBe(true);
    expect(population.some((p) => p.coverage === 'inactive')).toBe(true);
  });

  it('stops start-up on a bad entry, naming its index and field', () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'siteds-pop-')), 'p.json');
    writeFileSync(
      file,
      JSON.stringify([{ ...population[0] }, { ...population[0], dni: '123', coverage: 'yes' }]),
    );
    expect(() => loadPopulation(file)).toThrow(/\[1\]\.dni: 8 digits[\s\S]*\[1\]\.coverage/);
  });
});

describe('answerEligibility', () => {
  it('an active member: in force, plan, copays in soles and percent', () => {
    const res = answerEligibility(
      query('20001', '42000002'),
      EPS,
      population,
      new Date('2026-11-27T10:00:00Z'),
    );
    expect(res.outcome).toBe('complete');
    expect(res.insurance?.[0]?.inforce).toBe(true);
    const benefits = res.insurance?.[0]?.item?.[0]?.benefit ?? [];
    expect(benefits.map((b) => b.type.coding?.[0]?.code)).toEqual(['copay', 'copay-percent']);
    expect(benefits[0]?.allowedMoney).toEqual({ value: 15, currency: 'PEN' });
    expect(benefits[1]?.allowedUnsignedInt).toBe(5);
    expect(summarizeEligibility(res)).toContain('Jorge Vargas Paredes');
  });

  it('an inactive member: not in force', () => {
    const res = answerEligibility(query('20001', '42000004'), EPS, population, new Date());
    expect(res.insurance?.[0]?.inforce).toBe(false);
    expect(summarizeEligibility(res)).toContain('Covered:  NO');
  });

  it('a DNI of another insurer is not found here: a complete answer without insurance', () => {
    const res = answerEligibility(query('20001', '41000001'), EPS, population, new Date());
    expect(res.outcome).toBe('complete');
    expect(res.insurance).toBeUndefined();
    expect(res.disposition).toContain('no encontrado');
  });
});

describe('the admissions-desk summary', () => {
  /** An answer as the broker maps a SITEDS 271: insurer by code, plan in the Coverage only. */
  const mapped = (): CoverageEligibilityResponse => {
    const patient: Patient = {
      resourceType: 'Patient',
      id: 'patient-0',
      name: [{ family: 'Paredes', given: ['Lucía'] }],
    };
    const coverage: Coverage = {
      resourceType: 'Coverage',
      id: 'coverage-0',
      status: 'active',
      beneficiary: { reference: '#patient-0' },
      payor: [{ display: 'x' }],
      class: [
        { type: { coding: [{ code: 'group' }] }, value: 'C-1' },
        { type: { coding: [{ code: 'plan' }] }, value: 'AND-PLUS', name: 'Plan Andino Plus' },
      ],
    };
    return {
      resourceType: 'CoverageEligibilityResponse',
      status: 'active',
      purpose: ['validation'],
      created: '2026-11-27',
      outcome: 'complete',
      request: { reference: 'CoverageEligibilityRequest/1' },
      patient: { reference: '#patient-0' },
      insurer: { identifier: { system: 'https://example.org/iafas', value: '20006' } },
      contained: [patient, coverage],
      insurance: [{ coverage: { reference: '#coverage-0' }, inforce: true, item: [{}] }],
    };
  };

  it("takes the plan from the Coverage's plan class, and the insurer's name from the registry", () => {
    const text = summarizeEligibility(mapped(), (code) =>
      code === '20006' ? 'EPS Andina' : undefined,
    );
    expect(text.split('\n')).toEqual([
      'Insurer:  EPS Andina (20006)',
      'Patient:  Lucía Paredes',
      'Covered:  YES',
      'Plan:     Plan Andino Plus',
    ]);
  });

  it("prefers the answer's own names, and falls back to the plan's value and the insurer's code", () => {
    const own = mapped();
    own.insurer.display = 'Andina';
    own.disposition = 'Vigente';
    own.insurance = [
      {
        ...own.insurance?.[0],
        coverage: { reference: '#coverage-0' },
        item: [{ name: 'Plan del ítem' }],
      },
    ];
    expect(summarizeEligibility(own, () => 'Registry name')).toContain(
      'Insurer:  Andina\nPatient:  Lucía Paredes\nCovered:  YES — Vigente\nPlan:     Plan del ítem',
    );
    const bare = mapped();
    const coverage = bare.contained?.[1] as Coverage;
    delete coverage.class?.[1]?.name;
    expect(summarizeEligibility(bare)).toContain('Insurer:  20006');
    expect(summarizeEligibility(bare)).toContain('Plan:     AND-PLUS');
  });
});
