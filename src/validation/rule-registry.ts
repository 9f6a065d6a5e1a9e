import type { ElementDefinition } from 'fhir/r4.js';
import { compileInvariants, type InvariantCache } from './compile-invariants.ts';
import { compileStructure } from './compile-structure.ts';
import type {
  BindingRule,
  BindingStrength,
  ComplexRule,
  InvariantRule,
  ResourceRule,
  TypeRule,
} from './element-rule.ts';
import { expandValueSet, isPartialValueSet, systemsOfValueSet } from './expand-value-set.ts';
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
  /** A resource type (`Patient`) or a resource profile URL, compiled; undefined when unknown. */
  resource(urlOrType: string): ResourceRule | undefined;
  /** Any structure by URL or type: a resource or a data type (profile), compiled. */
  structure(urlOrType: string): ResourceRule | undefined;
  /** A constraint profile (`derivation: constraint`) by URL, compiled; else undefined. */
  constraint(url: string): ResourceRule | undefined;
  /** An extension definition (ours or a core one) by URL, compiled; undefined when unknown. */
  extension(url: string): ResourceRule | undefined;
  /** The children of a core complex data type (`Identifier`). */
  complexType(code: string): ComplexRule | undefined;
  /** A binding with its ValueSet expanded once. */
  binding(valueSet: string, strength: BindingStrength): BindingRule;
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

function compileBinding(
  valueSet: string,
  strength: BindingStrength,
  conformance: ConformanceSet,
): BindingRule {
  return {
    valueSet: valueSet.split('|')[0] ?? valueSet,
    strength,
    codes: expandValueSet(valueSet, conformance),
    partial: isPartialValueSet(valueSet, conformance),
    systems: systemsOfValueSet(valueSet, conformance),
  };
}

function bundleInvariantTexts(conformance: ConformanceSet): ReadonlyMap<string, string> {
  return new Map(
    (conformance.coreTypes.get('Bundle')?.snapshot?.element ?? [])
      .flatMap((e) => e.constraint ?? [])
      .map((c) => [c.key, c.human]),
  );
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
    bundleInvariantTexts: bundleInvariantTexts(conformance),
    resource(urlOrType) {
      const isResource = lookupDefinition(conformance, urlOrType)?.kind === 'resource';
      return isResource ? registry.structure(urlOrType) : undefined;
    },
    structure(urlOrType) {
      if (!resources.has(urlOrType)) {
        resources.set(urlOrType, compileDefinition(urlOrType));
      }
      return resources.get(urlOrType);
    },
    constraint(url) {
      const sd = conformance.structures.get(url);
      return sd?.derivation === 'constraint' ? registry.structure(url) : undefined;
    },
    extension: (url) => onlyExtension(registry.constraint(url)),
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
    binding(valueSet, strength) {
      const key = `${strength} ${valueSet}`;
      let rule = bindings.get(key);
      if (rule === undefined) {
        rule = compileBinding(valueSet, strength, conformance);
        bindings.set(key, rule);
      }
      return rule;
    },
    invariantsOf: (e, types) => invariantsOf(e, types, registry),
  };
  function compileDefinition(urlOrType: string): ResourceRule | undefined {
    const sd = lookupDefinition(conformance, urlOrType);
    if (sd?.snapshot === undefined || sd.kind === 'logical' || sd.kind === 'primitive-type') {
      return undefined;
    }
    const { root, content } = compileStructure(sd, registry);
    return { url: sd.url, type: sd.type, root, content };
  }
  return registry;
}

function onlyExtension(rule: ResourceRule | undefined): ResourceRule | undefined {
  return rule?.type === 'Extension' ? rule : undefined;
}
