import { childLocation, type PathFilter, type PathSegment } from './path.ts';

/** A value read from a path, where it was, and the filter fields that selected it. */
export interface ReadResult {
  readonly value: unknown;
  /** Concrete location of the value, e.g. `identifier[1].value`. */
  readonly location: string;
  /** Concrete locations of the fields the filters compared (they were used, too). */
  readonly used: readonly string[];
}

type Json = Record<string, unknown>;

/** Whether a value is a plain object (not an array, not null). */
export function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether a value counts as present: not undefined, null or an empty string. */
export function hasValue(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

/**
 * Reads the value at `segments` under `root` (whose location is `base`). `[]` and `[+]` select
 * nothing here (the engine handles repetitions). Returns undefined when any step is missing.
 */
export function readPath(
  root: unknown,
  segments: readonly PathSegment[],
  base = '',
): ReadResult | undefined {
  let current: unknown = root;
  let location = base;
  const used: string[] = [];
  for (const segment of segments) {
    if (!isObject(current)) {
      return undefined;
    }
    current = current[segment.name];
    location = childLocation(location, segment.name);
    const step = selectElement(current, segment, location, used);
    if (step === undefined) {
      return undefined;
    }
    ({ value: current, location } = step);
  }
  return hasValue(current) ? { value: current, location, used } : undefined;
}

function selectElement(
  value: unknown,
  segment: PathSegment,
  location: string,
  used: string[],
): { value: unknown; location: string } | undefined {
  const select = segment.select;
  if (select === undefined) {
    return { value, location };
  }
  if (!Array.isArray(value)) {
    return undefined;
  }
  switch (select.kind) {
    case 'index':
      return { value: value[select.index], location: childLocation(location, select.index) };
    case 'filter': {
      const index = value.findIndex((e) => matchedFilterFields(e, select.filters) !== undefined);
      if (index === -1) {
        return undefined;
      }
      const at = childLocation(location, index);
      used.push(...(matchedFilterFields(value[index], select.filters, at) ?? []));
      return { value: value[index], location: at };
    }
    case 'each':
    case 'append':
      return undefined;
  }
}

/** Whether `element` satisfies every filter (FHIRPath-like: any value along arrays matches). */
export function matchesFilters(element: unknown, filters: readonly PathFilter[]): boolean {
  return matchedFilterFields(element, filters) !== undefined;
}

/** The locations of the fields that satisfied each filter, or undefined when one fails. */
function matchedFilterFields(
  element: unknown,
  filters: readonly PathFilter[],
  base = '',
): string[] | undefined {
  const locations: string[] = [];
  for (const f of filters) {
    const hit = collect(element, f.path, base).find((v) => String(v.value) === f.value);
    if (hit === undefined) {
      return undefined;
    }
    locations.push(hit.location);
  }
  return locations;
}

interface Located {
  readonly value: unknown;
  readonly location: string;
}

/** Every value at `path` with its location, flattening arrays met without a selector. */
function collect(root: unknown, path: readonly PathSegment[], base: string): Located[] {
  let current: Located[] = [{ value: root, location: base }];
  for (const segment of path) {
    current = current.flatMap((item) => step(item, segment));
  }
  return current.filter((v) => v.value !== undefined && v.value !== null);
}

function step(item: Located, segment: PathSegment): Located[] {
  if (!isObject(item.value)) {
    return [];
  }
  const value = item.value[segment.name];
  const location = childLocation(item.location, segment.name);
  if (!Array.isArray(value)) {
    return segment.select === undefined ? [{ value, location }] : [];
  }
  const all = (value as unknown[]).map((v: unknown, i) => ({
    value: v,
    location: childLocation(location, i),
  }));
  if (segment.select?.kind === 'index') {
    const one = all[segment.select.index];
    return one === undefined ? [] : [one];
  }
  return all;
}
