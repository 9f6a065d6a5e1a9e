import type { OperationOutcome } from 'fhir/r4.js';
import type { ConformanceVector } from './read-conformance-vectors.ts';

/** Sends one body to a broker's `$validate` and returns its OperationOutcome. */
export type ValidateCall = (vector: ConformanceVector) => Promise<OperationOutcome>;

/** One vector's result: pass, or what differed. */
export interface VectorResult {
  readonly name: string;
  readonly passed: boolean;
  /** Why it failed: the verdict, errors missing, errors not expected. */
  readonly problems: readonly string[];
}

/**
 * Runs each vector through `$validate` (one at a time) and compares the answer with what the
 * vector expects: the verdict (valid ⇔ no error issue), and the error issues as
 * `rule expression` (the issue's `diagnostics` and `expression`): exactly those listed, or, for
 * an invariant test, at least its invariant. A call that fails is that vector's failure.
 */
export async function runConformanceVectors(
  vectors: readonly ConformanceVector[],
  call: ValidateCall,
): Promise<VectorResult[]> {
  const results: VectorResult[] = [];
  for (const vector of vectors) {
    try {
      results.push(compare(vector, await call(vector)));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      results.push({ name: vector.name, passed: false, problems: [`call failed: ${message}`] });
    }
  }
  return results;
}

function compare(vector: ConformanceVector, outcome: OperationOutcome): VectorResult {
  const errors = outcome.issue
    .filter((i) => i.severity === 'error' || i.severity === 'fatal')
    .map((i) => `${i.diagnostics ?? '?'} ${i.expression?.[0] ?? ''}`.trim());
  const problems: string[] = [];
  if (errors.length > 0 === vector.expect.valid) {
    problems.push(
      `expected ${vector.expect.valid ? 'valid' : 'invalid'}, got ${errors.length} errors`,
    );
  }
  const expected = vector.expect.errors;
  if (expected !== undefined) {
    problems.push(...expected.filter((e) => !errors.includes(e)).map((e) => `missing: ${e}`));
    problems.push(...errors.filter((e) => !expected.includes(e)).map((e) => `unexpected: ${e}`));
  }
  for (const rule of vector.expect.rules) {
    if (!errors.some((e) => e.split(' ')[0] === rule)) {
      problems.push(`missing: ${rule}`);
    }
  }
  return { name: vector.name, passed: problems.length === 0, problems };
}

/** The report: one line per vector, then the totals. */
export function formatConformanceReport(results: readonly VectorResult[]): string[] {
  const lines = results.map((r) =>
    r.passed ? `PASS ${r.name}` : `FAIL ${r.name}: ${r.problems.join('; ')}`,
  );
  const failed = results.filter((r) => !r.passed).length;
  lines.push(`${results.length - failed} passed, ${failed} failed, ${results.length} vectors`);
  return lines;
}
