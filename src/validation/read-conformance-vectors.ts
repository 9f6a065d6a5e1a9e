import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** What a vector expects of `$validate`: the verdict and the exact error-level issues. */
export interface VectorExpectation {
  readonly valid: boolean;
  /** Every error as `rule expression`; undefined: only the rules in `rules` must be among them. */
  readonly errors: readonly string[] | undefined;
  /** Rules that must be among the errors (an invariant test names just its invariant). */
  readonly rules: readonly string[];
}

/** One conformance vector: a body to send to `$validate`, and what must come back. */
export interface ConformanceVector {
  /** Its path under the vectors folder: `validation/invalid-dni-format.json`. */
  readonly name: string;
  readonly contentType: 'application/fhir+json' | 'application/fhir+xml';
  readonly body: Buffer;
  readonly profiles: readonly string[];
  readonly expect: VectorExpectation;
}

interface JsonVector {
  readonly profiles?: string[];
  readonly resource: unknown;
  readonly expect?: { valid?: unknown; errors?: { rule: string; expression: string }[] };
}

/**
 * Reads `conformance/vectors/`: `validation/*.json` (a resource, the profiles asked for and
 * the exact errors expected; see its SOURCE.md) and `fhir-examples/*.xml` (official HL7
 * examples: valid against base R4, except HL7's invariant tests `<key>.<n>.fail.xml`, which
 * must fail with invariant `<key>`). A file that is not a vector stops the run naming it.
 */
export function readConformanceVectors(dir: string): ConformanceVector[] {
  return [...readJsonVectors(path.join(dir, 'validation')), ...readXmlVectors(dir)];
}

function readJsonVectors(dir: string): ConformanceVector[] {
  return filesOf(dir, '.json').map((file) => {
    const vector = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as JsonVector;
    const expect = vector.expect;
    if (typeof expect?.valid !== 'boolean' || !Array.isArray(expect.errors)) {
      throw new Error(
        `${path.join(dir, file)}: not a validation vector (expect.valid, expect.errors)`,
      );
    }
    return {
      name: `validation/${file}`,
      contentType: 'application/fhir+json',
      body: Buffer.from(JSON.stringify(vector.resource)),
      profiles: vector.profiles ?? [],
      expect: {
        valid: expect.valid,
        errors: expect.errors.map((e) => `${e.rule} ${e.expression}`),
        rules: [],
      },
    };
  });
}

function readXmlVectors(root: string): ConformanceVector[] {
  const dir = path.join(root, 'fhir-examples');
  return filesOf(dir, '.xml').map((file) => {
    const failing = /^([a-z]+-\d+)\.[^.]+\.fail\.xml$/.exec(file)?.[1];
    return {
      name: `fhir-examples/${file}`,
      contentType: 'application/fhir+xml',
      body: readFileSync(path.join(dir, file)),
      profiles: [],
      expect: {
        valid: failing === undefined,
        errors: failing === undefined ? [] : undefined,
        rules: failing === undefined ? [] : [failing],
      },
    };
  });
}

function filesOf(dir: string, ext: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith(ext))
      .sort();
  } catch {
    return [];
  }
}
