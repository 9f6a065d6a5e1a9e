import { isObject } from './read-path.ts';

/**
 * Drops empty objects, empty arrays and holes left by rules that found nothing (FHIR forbids
 * empty elements, ele-1). Returns the same object, pruned in place.
 */
export function pruneEmpty<T extends Record<string, unknown>>(value: T): T {
  for (const [key, child] of Object.entries(value)) {
    if (isEmpty(prune(child))) {
      Reflect.deleteProperty(value, key);
    }
  }
  return value;
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) {
    const kept = value.map(prune).filter((v) => !isEmpty(v));
    value.splice(0, value.length, ...kept);
  } else if (isObject(value)) {
    pruneEmpty(value);
  }
  return value;
}

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (Array.isArray(value) && value.length === 0) ||
    (isObject(value) && Object.keys(value).length === 0)
  );
}
