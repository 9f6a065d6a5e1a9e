import { isJsonObject, type LocatedResource, type ReferenceSite } from './walk-context.ts';

/**
 * The target of a logical reference (identifier only) inside the message: the Bundle entry or
 * contained resource carrying the same identifier (system and value), of a type the element
 * allows. Undefined when none or more than one carries it.
 */
export function findByIdentifier(
  site: ReferenceSite,
  allowedTypes: readonly string[],
): LocatedResource | undefined {
  const wanted = site.identifier;
  if (wanted === undefined || typeof wanted.value !== 'string') {
    return undefined;
  }
  const matches = candidates(site).filter(
    ({ resource }) =>
      (allowedTypes.length === 0 || allowedTypes.includes(String(resource.resourceType))) &&
      carries(resource.identifier, wanted.system, wanted.value),
  );
  return matches.length === 1 ? matches[0] : undefined;
}

function candidates(site: ReferenceSite): LocatedResource[] {
  const found = new Set<LocatedResource>(site.scope.bundle?.values() ?? []);
  const holder = site.scope.container ?? site.scope;
  const contained: unknown[] = Array.isArray(holder.resource.contained)
    ? holder.resource.contained
    : [];
  contained.forEach((r, i) => {
    if (isJsonObject(r)) {
      found.add({ resource: r, expression: `${holder.expression}.contained[${i}]` });
    }
  });
  return [...found];
}

function carries(identifiers: unknown, system: unknown, value: unknown): boolean {
  return (
    Array.isArray(identifiers) &&
    identifiers.some(
      (id) =>
        isJsonObject(id) && id.value === value && (system === undefined || id.system === system),
    )
  );
}
