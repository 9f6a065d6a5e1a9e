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
      const m = MESSAGES.unknownElement(key);
      report(ctx, 'error', 'structure', `${expression}.${key}`, m, 'unknown-element');
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
