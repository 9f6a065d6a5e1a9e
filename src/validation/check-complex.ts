import type { ComplexRule } from './element-rule.ts';
import { checkElement } from './check-element.ts';
import { MESSAGES } from './messages.ts';
import { report, type JsonObject, type WalkContext } from './walk-context.ts';

/**
 * Checks a complex value (data type, backbone element or resource body) against its children:
 * every property must be a known element (`_name` only for primitives), then each element's
 * values are checked. `ele-1`: an element needs a value or children.
 */
export function checkComplex(
  obj: JsonObject,
  content: ComplexRule,
  expression: string,
  ctx: WalkContext,
  isResource = false,
): void {
  let children = 0;
  for (const key of Object.keys(obj)) {
    if (isResource && key === 'resourceType') {
      continue;
    }
    if (key !== 'id') {
      children += 1;
    }
    const known = key.startsWith('_')
      ? ctx.registry.primitives.has(content.byJsonName.get(key.slice(1))?.type.code ?? '')
      : content.byJsonName.has(key);
    if (!known) {
      const m = MESSAGES.unknownElement(key);
      report(ctx, 'error', 'structure', `${expression}.${key}`, m, 'unknown-element');
    }
  }
  if (children === 0 && !isResource) {
    report(ctx, 'error', 'invariant', expression, MESSAGES.empty(), 'ele-1');
  }
  for (const rule of content.children) {
    checkElement(obj, rule, expression, ctx);
  }
}
