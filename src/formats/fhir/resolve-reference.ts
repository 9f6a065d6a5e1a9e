import type { Bundle, Reference, Resource } from 'fhir/r4.js';

/** Where references may point: the resource's `contained` list and, if any, the enclosing Bundle. */
export interface ReferenceScope {
  readonly contained: readonly Resource[];
  readonly bundle: Bundle | undefined;
}

/**
 * Resolves a literal reference: `#id` against contained resources, otherwise against Bundle
 * entries by `fullUrl` or by `Type/id`. Returns `undefined` for logical (identifier-only)
 * references and for anything not found.
 */
export function resolveReference(
  ref: Reference | undefined,
  scope: ReferenceScope,
): Resource | undefined {
  const target = ref?.reference;
  if (target === undefined) {
    return undefined;
  }
  if (target.startsWith('#')) {
    return scope.contained.find((r) => r.id === target.slice(1));
  }
  for (const entry of scope.bundle?.entry ?? []) {
    const r = entry.resource;
    if (r === undefined) {
      continue;
    }
    if (entry.fullUrl === target || `${r.resourceType}/${r.id ?? ''}` === target) {
      return r;
    }
    if (entry.fullUrl?.endsWith(`/${target}`) === true) {
      return r;
    }
  }
  return undefined;
}
