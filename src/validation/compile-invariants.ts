import fhirpath from 'fhirpath';
import r4 from 'fhirpath/fhir-context/r4';
import type { ElementDefinitionConstraint } from 'fhir/r4.js';
import { BUNDLE_INVARIANTS } from './check-bundle-invariants.ts';
import { DOMAIN_RESOURCE_INVARIANTS } from './check-domain-resource.ts';
import type { InvariantRule } from './element-rule.ts';

/**
 * Invariants checked natively rather than with FHIRPath: `ele-1` (an element has a value or
 * children) on every element; `ref-1` (a `#` reference points to a contained resource) and
 * `dom-3` (every contained resource is referenced), checked with reference resolution.
 * fhirpath 5.2 cannot evaluate R4's `dom-3` (`as(canonical)` on a collection throws). The
 * other `dom-*` and the `bdl-*` are simple and checked natively for speed
 * ({@link DOMAIN_RESOURCE_INVARIANTS}, {@link BUNDLE_INVARIANTS}).
 */
export const NATIVE_INVARIANTS: ReadonlySet<string> = new Set([
  'ele-1',
  'ref-1',
  'dom-3',
  ...DOMAIN_RESOURCE_INVARIANTS,
  ...BUNDLE_INVARIANTS,
]);

/** Compiled invariants, shared by every profile: one compile per base path and expression. */
export type InvariantCache = Map<string, InvariantRule | null>;

const silent = () => undefined;

/**
 * Compiles the FHIRPath invariants of an element once, with `basePath` (the element's path,
 * `CoverageEligibilityResponse.insurance.item`) as the typed context in the R4 model. An
 * expression the engine cannot compile is left out (reported by {@link findUncompiled}).
 */
export function compileInvariants(
  constraints: readonly ElementDefinitionConstraint[],
  basePath: string,
  cache: InvariantCache,
): InvariantRule[] {
  const rules: InvariantRule[] = [];
  for (const c of constraints) {
    if (NATIVE_INVARIANTS.has(c.key) || c.expression === undefined) {
      continue;
    }
    const cacheKey = `${basePath}\u0000${c.key}\u0000${c.expression}`;
    let rule = cache.get(cacheKey);
    if (rule === undefined) {
      rule = compileOne(c, c.expression, basePath);
      cache.set(cacheKey, rule);
    }
    if (rule !== null) {
      rules.push(rule);
    }
  }
  return rules;
}

function compileOne(
  c: ElementDefinitionConstraint,
  expression: string,
  base: string,
): InvariantRule | null {
  try {
    // Results stay engine values (an invariant's is a boolean either way): converting them
    // costs more than the evaluation of a short expression.
    const options = { traceFn: silent, resolveInternalTypes: false };
    const fn = fhirpath.compile({ base, expression }, r4, options);
    // Passing variables costs a copy per call: only expressions using one (`%resource`) get them.
    const usesVariables = expression.includes('%');
    return {
      key: c.key,
      severity: c.severity === 'warning' ? 'warning' : 'error',
      human: c.human,
      evaluate: usesVariables
        ? (node, env) => fn(node, env as Record<string, unknown>) as unknown[]
        : (node) => fn(node) as unknown[],
    };
  } catch {
    return null;
  }
}

/** The keys of invariants in the cache whose expression could not be compiled. */
export function findUncompiled(cache: InvariantCache): string[] {
  return [...cache]
    .filter(([, rule]) => rule === null)
    .map(([key]) => key.split('\u0000')[1] ?? key);
}
