import type { ComplexRule, ElementRule } from './element-rule.ts';
import { checkElement } from './check-element.ts';
import { MESSAGES } from './messages.ts';
import { report, type JsonObject, type WalkContext } from './walk-context.ts';

/**
 * Checks a complex value (data type, backbone element or resource body) against its children:
 * every property must be a known element (`_name` only for primitives), then each element's
 * values are checked (absent elements only when they or their slices have a minimum).
 * `ele-1`: an element needs a value or children.
 */
export function checkComplex(
  obj: JsonObject,
  content: ComplexRule,
  expression: string,
  ctx: WalkContext,
  isResource = false,
): void {
  let children = 0;
  const present = new Set<ElementRule>();
  for (const key of Object.keys(obj)) {
    if (isResource && key === 'resourceType') {
      continue;
    }
    if (key !== 'id') {
      children += 1;
    }
    const isExtra = key.startsWith('_');
    const element = content.byJsonName.get(isExtra ? key.slice(1) : key);
    const known = isExtra ? ctx.registry.primitives.has(element?.type.code ?? '') : element;
    if (element !== undefined) {
      present.add(element.rule);
    }
    if (known === undefined || known === false) {
      reportUnknown(key, content, `${expression}.${key}`, ctx);
    }
  }
  if (children === 0 && !isResource) {
    report(ctx, 'error', 'invariant', expression, MESSAGES.empty(), 'ele-1');
  }
  for (const rule of content.children) {
    if (rule.checkAbsent || present.has(rule)) {
      checkElement(obj, rule, expression, ctx);
    }
  }
}

/** An unknown property; a choice variant of a type the element does not allow says so. */
function reportUnknown(key: string, content: ComplexRule, expression: string, ctx: WalkContext) {
  const choice = disallowedChoice(key, content, ctx);
  if (choice === undefined) {
    const m = MESSAGES.unknownElement(key);
    report(ctx, 'error', 'structure', expression, m, 'unknown-element');
    return;
  }
  const { rule, code } = choice;
  const allowed = rule.types.map((t) => t.code);
  const m = MESSAGES.choiceTypeNotAllowed(rule.name, code, allowed);
  report(ctx, 'error', 'structure', expression, m, 'choice');
}

/** `valueString` where `value[x]` is only a Reference: the choice element and the type named. */
function disallowedChoice(key: string, content: ComplexRule, ctx: WalkContext) {
  for (const rule of content.children) {
    const rest = key.slice(rule.name.length);
    if (!rule.isChoice || !key.startsWith(rule.name) || !/^[A-Z]/.test(rest)) {
      continue;
    }
    const lower = rest.charAt(0).toLowerCase() + rest.slice(1);
    const code = [lower, rest].find((c) => ctx.registry.conformance.coreTypes.has(c));
    if (code !== undefined) {
      return { rule, code };
    }
  }
  return undefined;
}
