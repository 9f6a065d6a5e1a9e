import type { ElementDefinition, StructureDefinition } from 'fhir/r4.js';

/** Finds a StructureDefinition with a snapshot by canonical URL or by type name. */
export type DefinitionLookup = (urlOrType: string) => StructureDefinition | undefined;

/**
 * Builds the snapshot of a constraint profile from its differential and its base definition's
 * snapshot: each differential element is merged into the element with the same `id`. A slice
 * (`Patient.identifier:dni`) is added after the sliced element's subtree as a copy of it; an
 * element below a complex type not yet expanded (`Patient.identifier:dni.system`) first
 * expands that type's elements from its own definition. Invariants are added to the inherited
 * ones (`source` set to the profile). Throws, naming the element, on an id it cannot place.
 */
export function generateSnapshot(
  profile: StructureDefinition,
  lookup: DefinitionLookup,
): ElementDefinition[] {
  const base = lookup(profile.baseDefinition ?? '');
  if (base?.snapshot === undefined) {
    throw new Error(`${profile.url}: base ${String(profile.baseDefinition)} has no snapshot`);
  }
  const elements = base.snapshot.element.map((e) => structuredClone(e));
  for (const diff of profile.differential?.element ?? []) {
    const id = diff.id ?? diff.path;
    const index = placeElement(elements, id, lookup);
    elements[index] = mergeElement(elementAt(elements, index), diff, profile.url);
  }
  return elements;
}

function elementAt(elements: readonly ElementDefinition[], index: number): ElementDefinition {
  const e = elements[index];
  if (e === undefined) {
    throw new Error(`snapshot has no element ${index}`);
  }
  return e;
}

function idOf(e: ElementDefinition): string {
  return e.id ?? e.path;
}

/** The index of the element with `id`, adding slices and expanding types as needed. */
function placeElement(elements: ElementDefinition[], id: string, lookup: DefinitionLookup) {
  const found = elements.findIndex((e) => idOf(e) === id);
  if (found >= 0) {
    return found;
  }
  const lastDot = id.lastIndexOf('.');
  const colon = id.lastIndexOf(':');
  if (lastDot < 0) {
    throw new Error(`snapshot: cannot place root element ${id}`);
  }
  if (colon > lastDot) {
    return addSlice(elements, id.slice(0, colon), id, lookup);
  }
  const parent = placeElement(elements, id.slice(0, lastDot), lookup);
  expandType(elements, parent, lookup);
  const index = elements.findIndex((e) => idOf(e) === id);
  if (index < 0) {
    throw new Error(`snapshot: no element ${id} in its parent's type`);
  }
  return index;
}

/** Adds slice `sliceId` of the element `slicedId` (with its children) after the subtree. */
function addSlice(
  elements: ElementDefinition[],
  slicedId: string,
  sliceId: string,
  lookup: DefinitionLookup,
): number {
  const sliced = placeElement(elements, slicedId, lookup);
  const isOwnChild = (e: ElementDefinition) => idOf(e).startsWith(`${slicedId}.`);
  const isInSubtree = (e: ElementDefinition) => isOwnChild(e) || idOf(e).startsWith(`${slicedId}:`);
  let end = sliced + 1;
  while (end < elements.length && isInSubtree(elementAt(elements, end))) {
    end += 1;
  }
  const copies = elements
    .slice(sliced, end)
    .filter((e, i) => i === 0 || isOwnChild(e))
    .map((e) => ({ ...structuredClone(e), id: sliceId + idOf(e).slice(slicedId.length) }));
  const [head, ...rest] = copies;
  if (head === undefined) {
    throw new Error(`snapshot: no element ${slicedId}`);
  }
  delete head.slicing;
  head.sliceName = sliceId.slice(slicedId.length + 1);
  elements.splice(end, 0, head, ...rest);
  return end;
}

/** Inserts the elements of the parent's (single) complex type below it, if not there yet. */
function expandType(elements: ElementDefinition[], parent: number, lookup: DefinitionLookup) {
  const element = elementAt(elements, parent);
  const parentId = idOf(element);
  const next = elements[parent + 1];
  if (next !== undefined && idOf(next).startsWith(`${parentId}.`)) {
    return;
  }
  const code = element.type?.length === 1 ? element.type[0]?.code : undefined;
  const type = code === undefined ? undefined : lookup(code);
  if (code === undefined || type?.snapshot === undefined) {
    throw new Error(`snapshot: cannot expand ${parentId}: it needs one complex type`);
  }
  const expanded = type.snapshot.element.slice(1).map((e) => ({
    ...structuredClone(e),
    id: parentId + idOf(e).slice(code.length),
    path: element.path + e.path.slice(code.length),
  }));
  elements.splice(parent + 1, 0, ...expanded);
}

/** The snapshot element with the differential's settings applied over the inherited ones. */
function mergeElement(
  target: ElementDefinition,
  diff: ElementDefinition,
  source: string,
): ElementDefinition {
  const { constraint, ...settings } = diff;
  delete settings.id;
  delete (settings as Partial<ElementDefinition>).path;
  const merged: ElementDefinition = { ...target, ...settings };
  if (constraint !== undefined) {
    const added = constraint.map((c) => ({ ...c, source }));
    const keys = new Set(added.map((c) => c.key));
    merged.constraint = [...(target.constraint ?? []).filter((c) => !keys.has(c.key)), ...added];
  }
  return merged;
}
