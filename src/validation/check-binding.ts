import type { BindingRule } from './element-rule.ts';
import { isJsonObject } from './walk-context.ts';

/**
 * Whether a value satisfies a required binding: a `code`, `string` or `uri` is one of the
 * ValueSet's codes; a `Coding` or `Quantity` has a system and code in it (any system when
 * none is given); a `CodeableConcept` has at least one such coding. Returns the offending
 * code (for the message) or undefined when the value conforms or cannot be checked.
 */
export function findBindingViolation(value: unknown, binding: BindingRule): unknown {
  const codes = binding.codes;
  if (codes === undefined) {
    return undefined;
  }
  if (typeof value === 'string') {
    return codes.has(`|${value}`) ? undefined : value;
  }
  if (!isJsonObject(value)) {
    return undefined;
  }
  if (Array.isArray(value.coding) || 'text' in value) {
    const codings: unknown[] = Array.isArray(value.coding) ? value.coding : [];
    return codings.some((c) => isJsonObject(c) && codingIn(c, codes) === true)
      ? undefined
      : (codings.map((c) => (isJsonObject(c) ? c.code : c)).find((c) => c !== undefined) ?? value);
  }
  return codingIn(value, codes) === false ? value.code : undefined;
}

function codingIn(c: Record<string, unknown>, codes: ReadonlySet<string>): boolean | undefined {
  if (typeof c.code !== 'string') {
    return undefined;
  }
  const system = typeof c.system === 'string' ? c.system : '';
  return codes.has(`${system}|${c.code}`);
}
