import type { ElementDefinition, StructureDefinition } from 'fhir/r4.js';
import type {
  ComplexRule,
  ElementRule,
  ResourceRule,
  SlicingRule,
  TypeRule,
} from './element-rule.ts';
import { typeCodeOf } from './primitive-types.ts';
import type { RuleRegistry } from './rule-registry.ts';

interface CompileContext {
  readonly sd: StructureDefinition;
  readonly registry: RuleRegistry;
  /** Snapshot elements by parent id, in snapshot order. */
  readonly groups: ReadonlyMap<string, readonly ElementDefinition[]>;
  readonly compiled: Map<string, ComplexRule>;
}

/**
 * Compiles a StructureDefinition snapshot (core type, resource or profile) into rules: its
 * root element (invariants) and the tree of its children. Nested children are compiled on
 * first use and kept.
 */
export function compileStructure(
  sd: StructureDefinition,
  registry: RuleRegistry,
): { root: ElementRule; content: ComplexRule } {
  const elements = sd.snapshot?.element ?? [];
  const first = elements[0];
  if (first === undefined) {
    throw new Error(`${sd.url}: no snapshot`);
  }
  const ctx: CompileContext = {
    sd,
    registry,
    groups: groupByParent(elements),
    compiled: new Map(),
  };
  return { root: compileElement(first, [], ctx), content: compileGroup(idOf(first), ctx) };
}

function idOf(e: ElementDefinition): string {
  return e.id ?? e.path;
}

function groupByParent(elements: readonly ElementDefinition[]) {
  const groups = new Map<string, ElementDefinition[]>();
  for (const e of elements.slice(1)) {
    const id = idOf(e);
    const parent = id.slice(0, id.lastIndexOf('.'));
    const group = groups.get(parent) ?? [];
    group.push(e);
    groups.set(parent, group);
  }
  return groups;
}

function compileGroup(parentId: string, ctx: CompileContext): ComplexRule {
  const done = ctx.compiled.get(parentId);
  if (done !== undefined) {
    return done;
  }
  const group = ctx.groups.get(parentId) ?? [];
  const children = group
    .filter((e) => e.sliceName === undefined)
    .map((e) =>
      compileElement(
        e,
        group.filter((s) => isSliceOf(s, e)),
        ctx,
      ),
    );
  const byJsonName = new Map<string, { rule: ElementRule; type: TypeRule }>();
  for (const rule of children) {
    for (const type of rule.types) {
      byJsonName.set(type.jsonName, { rule, type });
    }
  }
  const complex = { name: parentId, children, byJsonName };
  ctx.compiled.set(parentId, complex);
  return complex;
}

function isSliceOf(slice: ElementDefinition, e: ElementDefinition): boolean {
  return slice.sliceName !== undefined && slice.path === e.path;
}

function compileElement(
  e: ElementDefinition,
  slices: readonly ElementDefinition[],
  ctx: CompileContext,
): ElementRule {
  const last = e.path.slice(e.path.lastIndexOf('.') + 1);
  const isChoice = last.endsWith('[x]');
  const name = isChoice ? last.slice(0, -3) : last;
  // An element defined by `contentReference` (`CapabilityStatement.rest.operation`) has no
  // type of its own: it is a backbone element with the referenced element's children.
  const declared =
    e.type ?? (e.contentReference === undefined ? [] : [{ code: 'BackboneElement' }]);
  const types = declared.map((t): TypeRule => {
    const code = typeCodeOf(t);
    const jsonName = isChoice ? name + code.charAt(0).toUpperCase() + code.slice(1) : name;
    const profiles = t.profile ?? [];
    return {
      code,
      jsonName,
      targetProfiles: t.targetProfile ?? [],
      profiles,
      conformsTo: compileTypeProfiles(profiles, code, ctx.registry),
    };
  });
  const max = e.max === undefined || e.max === '*' ? Infinity : Number(e.max);
  const slicing = slicingOf(e, slices, ctx);
  return {
    id: idOf(e),
    path: e.path,
    name,
    sliceName: e.sliceName,
    min: e.min ?? 0,
    max,
    isArray: (e.base?.max ?? e.max) !== '1',
    isChoice,
    types,
    fixed: valueOfPrefix(e, 'fixed'),
    pattern: valueOfPrefix(e, 'pattern'),
    binding:
      e.binding?.valueSet === undefined
        ? undefined
        : ctx.registry.binding(e.binding.valueSet, e.binding.strength),
    invariants: ctx.registry.invariantsOf(e, types),
    slicing,
    checkAbsent: (e.min ?? 0) > 0 || (slicing?.slices.some((s) => s.min > 0) ?? false),
    content: contentOf(e, ctx),
  };
}

/** The element's type profiles that are known constraints on its type, compiled on first use. */
function compileTypeProfiles(
  urls: readonly string[],
  code: string,
  registry: RuleRegistry,
): () => readonly ResourceRule[] {
  let compiled: readonly ResourceRule[] | undefined;
  return () => {
    compiled ??= urls.flatMap((url) => {
      const rule = registry.constraint(url);
      return rule?.type === code ? [rule] : [];
    });
    return compiled;
  };
}

function valueOfPrefix(e: ElementDefinition, prefix: 'fixed' | 'pattern'): unknown {
  for (const [key, value] of Object.entries(e)) {
    if (key.startsWith(prefix) && value !== undefined) {
      return value;
    }
  }
  return undefined;
}

function slicingOf(
  e: ElementDefinition,
  slices: readonly ElementDefinition[],
  ctx: CompileContext,
): SlicingRule | undefined {
  if (e.slicing === undefined || slices.length === 0) {
    return undefined;
  }
  return {
    discriminators: (e.slicing.discriminator ?? []).map((d) => ({ type: d.type, path: d.path })),
    closed: e.slicing.rules === 'closed',
    slices: slices.map((s) => compileElement(s, [], ctx)),
  };
}

function contentOf(e: ElementDefinition, ctx: CompileContext): () => ComplexRule | undefined {
  const target =
    e.contentReference !== undefined
      ? e.contentReference.slice(e.contentReference.indexOf('#') + 1)
      : ctx.groups.has(idOf(e))
        ? idOf(e)
        : undefined;
  let cached: ComplexRule | undefined;
  return () => {
    if (target !== undefined) {
      cached ??= compileGroup(target, ctx);
    }
    return cached;
  };
}
