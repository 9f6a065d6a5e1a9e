import { isDeepStrictEqual } from 'node:util';
import { childLocation, type PathFilter, type PathSegment } from './path.ts';
import { hasValue, isObject, matchesFilters } from './read-path.ts';

type Json = Record<string, unknown>;

/** Where a value was written, or why it could not be. */
export type WriteResult =
  | { readonly ok: true; readonly location: string }
  | { readonly ok: false; readonly reason: string };

interface Place {
  readonly object: Json;
  readonly location: string;
}

/**
 * Writes `value` at `segments` under `root`, creating intermediate objects and arrays: `[n]`
 * selects (or appends, when n is the length), `[+]` appends, `[path=value]` selects the first
 * matching element or appends one with the filter fields set. A different value already present
 * is a conflict (the first value stays).
 */
export function writePath(
  root: Json,
  segments: readonly PathSegment[],
  value: unknown,
  base = '',
): WriteResult {
  const last = segments.at(-1);
  if (last === undefined) {
    return { ok: false, reason: 'empty path' };
  }
  const parent = descend({ object: root, location: base }, segments.slice(0, -1));
  if (typeof parent === 'string') {
    return { ok: false, reason: parent };
  }
  if (last.select === undefined) {
    return setField(parent, last.name, value);
  }
  const array = arrayAt(parent, last.name);
  if (typeof array === 'string') {
    return { ok: false, reason: array };
  }
  const location = childLocation(parent.location, last.name);
  switch (last.select.kind) {
    case 'index':
      return setElement(array, last.select.index, value, location);
    case 'append':
      array.push(value);
      return { ok: true, location: childLocation(location, array.length - 1) };
    case 'filter':
    case 'each':
      return { ok: false, reason: `"${last.name}[…]" must be followed by a field to write` };
  }
}

/**
 * The array at `segments` (whose last segment is `name[]`), created with its parents when
 * missing; a string says why it cannot be.
 */
export function ensureArray(
  root: Json,
  segments: readonly PathSegment[],
  base = '',
): { array: unknown[]; location: string } | string {
  const last = segments.at(-1);
  if (last === undefined) {
    return 'empty path';
  }
  const parent = descend({ object: root, location: base }, segments.slice(0, -1));
  if (typeof parent === 'string') {
    return parent;
  }
  const array = arrayAt(parent, last.name);
  return typeof array === 'string'
    ? array
    : { array, location: childLocation(parent.location, last.name) };
}

/** Walks down to the object at `segments`, creating what is missing. */
function descend(start: Place, segments: readonly PathSegment[]): Place | string {
  let place = start;
  for (const segment of segments) {
    const next = descendOne(place, segment);
    if (typeof next === 'string') {
      return next;
    }
    place = next;
  }
  return place;
}

function descendOne(place: Place, segment: PathSegment): Place | string {
  const location = childLocation(place.location, segment.name);
  if (segment.select === undefined) {
    const existing = (place.object[segment.name] ??= {});
    return isObject(existing) ? { object: existing, location } : `${location} is not an object`;
  }
  const array = arrayAt(place, segment.name);
  if (typeof array === 'string') {
    return array;
  }
  const index = elementIndex(array, segment, location);
  if (typeof index === 'string') {
    return index;
  }
  const element = array[index];
  return isObject(element)
    ? { object: element, location: childLocation(location, index) }
    : `${childLocation(location, index)} is not an object`;
}

/** Which element a selector picks for writing, appending a new one when needed. */
function elementIndex(array: unknown[], segment: PathSegment, location: string): number | string {
  const select = segment.select;
  switch (select?.kind) {
    case 'index':
      if (select.index > array.length) {
        return `cannot write ${location}[${select.index}]: the array has ${array.length} elements`;
      }
      if (select.index === array.length) {
        array.push({});
      }
      return select.index;
    case 'append':
      return array.push({}) - 1;
    case 'filter': {
      const found = array.findIndex((e) => matchesFilters(e, select.filters));
      return found !== -1 ? found : array.push(elementFromFilters(select.filters)) - 1;
    }
    case 'each':
    case undefined:
      return `${location}[] cannot be written outside a repetition`;
  }
}

function elementFromFilters(filters: readonly PathFilter[]): Json {
  const element: Json = {};
  for (const f of filters) {
    writePath(element, f.path, f.value);
  }
  return element;
}

function arrayAt(place: Place, name: string): unknown[] | string {
  const existing = (place.object[name] ??= []);
  return Array.isArray(existing)
    ? existing
    : `${childLocation(place.location, name)} is not an array`;
}

function setField(place: Place, name: string, value: unknown): WriteResult {
  const location = childLocation(place.location, name);
  const existing = place.object[name];
  if (hasValue(existing) && !isDeepStrictEqual(existing, value)) {
    return { ok: false, reason: `${location} already holds a different value` };
  }
  place.object[name] = value;
  return { ok: true, location };
}

function setElement(array: unknown[], index: number, value: unknown, at: string): WriteResult {
  const location = childLocation(at, index);
  if (index > array.length) {
    return {
      ok: false,
      reason: `cannot write ${location}: the array has ${array.length} elements`,
    };
  }
  if (hasValue(array[index]) && !isDeepStrictEqual(array[index], value)) {
    return { ok: false, reason: `${location} already holds a different value` };
  }
  array[index] = value;
  return { ok: true, location };
}
