import type { ElementRule } from './element-rule.ts';
import { isJsonObject, type JsonObject, type WalkContext } from './walk-context.ts';

/** A discriminator path evaluated on one occurrence: the value there and the slice's rule. */
export interface PathTarget {
  readonly value: unknown;
  /** The slice's element at the path (where its fixed value, pattern, types are). */
  readonly rule: ElementRule | undefined;
  /** The path went through `resolve()`: the value is the referenced resource. */
  readonly resolved: boolean;
  /** The value's FHIR type when known from its JSON name (choice variant) or element. */
  readonly typeCode: string | undefined;
}

/** The value of a sliced element, with the type it was found under. */
export interface SliceCandidate {
  readonly value: unknown;
  readonly expression: string;
  readonly typeCode: string | undefined;
}

const STEP = /^(?:\$this|resolve\(\)|extension\('([^']*)'\)|([A-Za-z][A-Za-z0-9]*))/;

/**
 * Evaluates a discriminator path (the FHIRPath subset R4 allows: names, `$this`,
 * `extension('url')`, `resolve()`) on an occurrence and on the slice's rules side by side.
 * Undefined when the path uses something else (`ofType()`, indexes): the caller reports it.
 */
export function evaluateDiscriminatorPath(
  o: SliceCandidate,
  slice: ElementRule,
  path: string,
  ctx: WalkContext,
): PathTarget | undefined {
  let target: PathTarget = { value: o.value, rule: slice, resolved: false, typeCode: o.typeCode };
  let rest = path;
  while (rest.length > 0) {
    const m = STEP.exec(rest);
    if (m === null) {
      return undefined;
    }
    target = step(target, m, ctx);
    rest = rest.slice(m[0].length);
    if (rest.startsWith('.')) {
      rest = rest.slice(1);
    } else if (rest.length > 0) {
      return undefined;
    }
  }
  return target;
}

function step(t: PathTarget, m: RegExpExecArray, ctx: WalkContext): PathTarget {
  const [token, url, name] = m;
  if (token === '$this') {
    return t;
  }
  if (token === 'resolve()') {
    return {
      value: resolveLocal(first(t.value), ctx),
      rule: t.rule,
      resolved: true,
      typeCode: undefined,
    };
  }
  if (url !== undefined) {
    const parent = first(t.value);
    const list: unknown[] =
      isJsonObject(parent) && Array.isArray(parent.extension) ? parent.extension : [];
    const value = list.find((x) => isJsonObject(x) && x.url === url);
    return {
      value,
      rule: extensionRule(rulesOf(t, ctx), url, ctx),
      resolved: false,
      typeCode: 'Extension',
    };
  }
  return childStep(t, name ?? '', ctx);
}

function childStep(t: PathTarget, name: string, ctx: WalkContext): PathTarget {
  const rule = rulesOf(t, ctx).find((c) => c.name === name);
  const parent = first(t.value);
  if (!isJsonObject(parent)) {
    return { value: undefined, rule, resolved: false, typeCode: undefined };
  }
  if (rule?.isChoice === true) {
    const variant = choiceVariant(parent, name, ctx);
    return { value: variant?.value, rule, resolved: false, typeCode: variant?.code };
  }
  return { value: parent[name], rule, resolved: false, typeCode: rule?.types[0]?.code };
}

/** The children of the element reached: its own, its type's, or the resolved resource's. */
function rulesOf(t: PathTarget, ctx: WalkContext): readonly ElementRule[] {
  const type = t.rule?.types[0];
  if (t.resolved) {
    const url =
      type?.targetProfiles[0] ?? (isJsonObject(t.value) ? String(t.value.resourceType) : '');
    return ctx.registry.structure(url)?.content.children ?? [];
  }
  const own = t.rule?.content();
  return (
    (own ?? (type === undefined ? undefined : ctx.registry.complexType(type.code)))?.children ?? []
  );
}

/** The rule of `extension('url')`: the extension slice fixing that url, or the extension's definition. */
function extensionRule(children: readonly ElementRule[], url: string, ctx: WalkContext) {
  const slices = children.find((c) => c.name === 'extension')?.slicing?.slices ?? [];
  const slice = slices.find(
    (s) =>
      s.content()?.children.find((c) => c.name === 'url')?.fixed === url ||
      s.types.some((t) => t.profiles.includes(url)),
  );
  return slice ?? ctx.registry.structure(url)?.root;
}

function choiceVariant(parent: JsonObject, name: string, ctx: WalkContext) {
  for (const key of Object.keys(parent)) {
    const suffix = key.slice(name.length);
    if (key.startsWith(name) && /^[A-Z]/.test(suffix)) {
      const lower = suffix.charAt(0).toLowerCase() + suffix.slice(1);
      return { value: parent[key], code: ctx.registry.primitives.has(lower) ? lower : suffix };
    }
  }
  return undefined;
}

/** A reference's target inside the message: contained (`#id`) or an entry of the Bundle. */
function resolveLocal(reference: unknown, ctx: WalkContext): unknown {
  const ref = isJsonObject(reference) ? reference.reference : undefined;
  if (typeof ref !== 'string') {
    return undefined;
  }
  if (ref.startsWith('#')) {
    const holder = ctx.scope.container ?? ctx.scope;
    const contained: unknown[] = Array.isArray(holder.resource.contained)
      ? holder.resource.contained
      : [];
    return contained.find((r) => isJsonObject(r) && `#${String(r.id)}` === ref);
  }
  return ctx.scope.bundle?.get(ref)?.resource;
}

function first(value: unknown): unknown {
  return Array.isArray(value) ? value[0] : value;
}
