import path from 'node:path';
import type { Bundle, Resource } from 'fhir/r4.js';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../src/config/load-config.ts';
import { readEligibilityRequest } from '../../../src/formats/fhir/read-eligibility-request.ts';
import { answerEligibility } from '../../../src/sim/answer-eligibility.ts';
import { buildEligibilityRequest } from '../../../src/sim/build-eligibility-request.ts';
import { loadPopulation } from '../../../src/sim/population.ts';
import {
  REQUEST_PE,
  RESPONSE_PE,
  medplumIssues,
  officialExamples,
  testValidator,
  validationVectors,
  type ValidationVector,
} from './validation-helpers.ts';

/** `Bundle.entry[0].resource.serviced[x]` → `Bundle.entry.resource.serviced`. */
const normalize = (expression: string) => expression.replace(/\[\d+\]|\[x\]/g, '');

/** The resources medplum can check against our profile: the root, or the request in a Bundle. */
function profiledRoots(vector: ValidationVector): Resource[] {
  if (vector.resource.resourceType !== 'Bundle') {
    return [vector.resource];
  }
  const first = (vector.resource as Bundle).entry?.[0]?.resource;
  return first === undefined ? [] : [first];
}

/**
 * Every error medplum reports is one we report too, at the same element (its expression a
 * prefix of ours once indexes and `[x]` are dropped: medplum writes `serviced[x]` and
 * sometimes leaves out indexes).
 */
function expectNoMissedError(resource: Resource, profileUrl?: string) {
  const validator = testValidator();
  const profile =
    profileUrl === undefined ? undefined : validator.conformance.profiles.get(profileUrl);
  const theirs = medplumIssues(resource, profile).filter((i) => i.severity === 'error');
  const ours = validator
    .validate(resource, profileUrl === undefined ? {} : { profiles: [profileUrl] })
    .filter((i) => i.severity === 'error')
    .map((i) => normalize(i.expression));
  for (const issue of theirs) {
    const where = normalize(issue.expression?.[0] ?? '');
    expect(
      ours.some((e) => e.startsWith(where)),
      `medplum: ${where}: ${String(issue.details?.text)}`,
    ).toBe(true);
  }
  return { theirs: theirs.length, ours: ours.length };
}

describe('verdicts agree with @medplum/core validateResource', () => {
  it('on the official examples, against base R4', () => {
    for (const { resource } of officialExamples()) {
      const { theirs, ours } = expectNoMissedError(resource);
      expect(ours > 0).toBe(theirs > 0);
    }
  });

  it('on every vector, against base R4 (whole message) and our profile (the profiled resource)', () => {
    let medplumErrors = 0;
    for (const vector of validationVectors()) {
      medplumErrors += expectNoMissedError(vector.resource).theirs;
      const url = vector.profiles[0];
      for (const root of profiledRoots(vector)) {
        medplumErrors += expectNoMissedError(root, url).theirs;
      }
    }
    expect(medplumErrors).toBeGreaterThan(5);
  });

  it('on the demo corpus: every request and answer, against our profiles and base R4', () => {
    const population = loadPopulation(path.join(PROJECT_ROOT, 'conformance/demo-population.json'));
    let checked = 0;
    for (const iafas of ['10001', '20001']) {
      for (const dni of [...population.map((p) => p.dni), '99999999']) {
        const bundle = buildEligibilityRequest({ ipress: '00009845', iafas, dni });
        const insurer = { code: iafas, name: `IAFAS ${iafas}` };
        const answer = answerEligibility(
          readEligibilityRequest(bundle),
          insurer,
          population,
          new Date(),
        );
        const wire = JSON.parse(JSON.stringify(answer)) as Resource;
        const request = JSON.parse(JSON.stringify(bundle.entry?.[0]?.resource)) as Resource;
        expectNoMissedError(wire, RESPONSE_PE);
        expectNoMissedError(wire);
        expectNoMissedError(request, REQUEST_PE);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});
