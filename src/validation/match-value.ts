/** Deep equality of JSON values (a `fixed[x]` value must be exactly the same). */
export function equalsJson(value: unknown, expected: unknown): boolean {
  if (value === expected) {
    return true;
  }
  if (Array.isArray(value) && Array.isArray(expected)) {
    return value.length === expected.length && value.every((v, i) => equalsJson(v, expected[i]));
  }
  if (isObject(value) && isObject(expected)) {
    const keys = Object.keys(expected);
    return (
      keys.length === Object.keys(value).length &&
      keys.every((k) => equalsJson(value[k], expected[k]))
    );
  }
  return false;
}

/**
 * FHIR pattern matching: every property of the pattern is in the value with a matching value;
 * every item of a pattern array matches some item of the value array; primitives are equal.
 */
export function matchesPattern(value: unknown, pattern: unknown): boolean {
  if (Array.isArray(pattern)) {
    const items: unknown[] = Array.isArray(value) ? value : [value];
    return pattern.every((p) => items.some((v) => matchesPattern(v, p)));
  }
  if (isObject(pattern)) {
    return (
      isObject(value) && Object.keys(pattern).every((k) => matchesPattern(value[k], pattern[k]))
    );
  }
  return value === pattern;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
