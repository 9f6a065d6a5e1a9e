import type { ElementDefinition } from 'fhir/r4.js';
import { compileInvariants, type InvariantCache } from './compile-invariants.ts';
import { compileStructure } from './compile-structure.ts';
import type {
  BindingRule,
  ComplexRule,
  InvariantRule,
  ResourceRule,
  TypeRule,
} from './element-rule.ts';
import { expandValueSet } from './expand-value-set.ts';
import { lookupDefinition, type ConformanceSet } from './load-conformance.ts';
import { buildPrimitiveRules, type PrimitiveRule } from './primitive-types.ts';

/** Types whose own root invariants are not added to the elements using them. */
const NO_ROOT_INVARIANTS: ReadonlySet<string> = new Set(['Element', 'BackboneElement', 'Resource']);

/**
 * The compiled rules of every type and profile, built on first use and kept: compiling a
 * profile compiles only what it needs, and core types are shared by all profiles.
 */
export interface RuleRegistry {
  readonly conformance: ConformanceSet;
  readonly primitives: ReadonlyMap<string, PrimitiveRule>;
  /** A resource type (`Patient`) or a profile URL, compiled; undefined when unknown. */
  resource(urlOrType: string): ResourceRule | undefined;
  /** The children of a core complex data type (`Identifier`). */
  complexType(code: string): ComplexRule | undefined;
  /** A required binding with its ValueSet expanded once. */
  binding(valueSet: string): BindingRule;
  /** An element's invariants and those of its (single, complex) type, compiled once. */
  invariantsOf(e: ElementDefinition, types: readonly TypeRule[]): InvariantRule[];
  readonly invariantCache: InvariantCache;
  /** The `human` text of the Bundle invariants (checked natively), by key. */
  readonly bundleInvariantTexts: ReadonlyMap<string, string>;
}

function invariantsOf(
  e: ElementDefinition,
  types: readonly TypeRule[],
  registry: RuleRegistry,
): InvariantRule[] {
  const own = e.constraint ?? [];
  const code = types.length === 1 ? types[0]?.code : undefined;
  const typeRoot =
    code === undefined || NO_ROOT_INVARIANTS.has(code) || registry.primitives.has(code)
      ? []
      : (registry.conformance.coreTypes.get(code)?.snapshot?.element[0]?.constraint ?? []);
  const keys = new Set(own.map((c) => c.key));
  const all = [...own, ...typeRoot.filter((c) => !keys.has(c.key))];
  return compileInvariants(all, e.path, registry.invariantCache);
}

/** Creates the (empty, lazily filled) registry over a conformance set. */
export function createRuleRegistry(conformance: ConformanceSet): RuleRegistry {
  const primitives = buildPrimitiveRules(conformance.coreTypes.values());
  const resources = new Map<string, ResourceRule | undefined>();
  const complexTypes = new Map<string, ComplexRule | undefined>();
  const bindings = new Map<string, BindingRule>();
  const invariantCache: InvariantCache = new Map();
  const registry: RuleRegistry = {
    conformance,
    primitives,
    invariantCache,
    bundleInvariantTexts: new Map(
      (conformance.coreTypes.get('Bundle')?.snapshot?.element ?? [])
        .flatMap((e) => e.constraint ?? [])
        .map((c) => [c.key, c.human]),
    ),
    resource(urlOrType) {
      if (!resources.has(urlOrType)) {
        resources.set(urlOrType, compileResource(urlOrType));
      }
      return resources.get(urlOrType);
    },
    complexType(code) {
      if (!complexTypes.has(code)) {
        const sd = conformance.coreTypes.get(code);
        complexTypes.set(
          code,
          sd === undefined ? undefined : compileStructure(sd, registry).content,
        );
      }
      return complexTypes.get(code);
    },
    binding(valueSet) {
      let rule = bindings.get(valueSet);
      if (rule === undefined) {
        rule = {
          valueSet: valueSet.split('|')[0] ?? valueSet,
          codes: expandValueSet(valueSet, conformance),
        };
        bindings.set(valueSet, rule);
      }
      return rule;
    },
    invariantsOf: (e, types) => invariantsOf(e, types, registry),
  };
  function compileResource(urlOrType: string): ResourceRule | undefined {
    const sd = lookupDefinition(conformance, urlOrType);
    if (sd?.kind !== 'resource') {
      return undefined;
    }
    const { root, content } = compileStructure(sd, registry);
    return { url: sd.url, type: sd.type, root, content };
  }
  return registry;
}
