import path from 'node:path';
import { describe, expect, it } from 'vitest';
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
