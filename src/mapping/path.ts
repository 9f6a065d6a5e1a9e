/**
 * Mapping paths: `name.name[0].name[system=http://x/dni].value`, parsed once at load.
 *
 * A path is a list of segments separated by `.` (a `.` inside `[…]` does not separate). Each
 * segment is a property name with at most one kind of selector:
 *
 * - `[n]` the n-th element (0-based), `[]` every element (repetition rules only),
 * - `[+]` a new element appended (target paths only),
 * - `[path=value]` the first element where `path` has `value` (compared as text); several
 *   filters (`[a=x][b=y]`) must all hold. Writing creates the element with the filter fields set.
 *
 * `$` alone is the current element of a repetition (a list of strings ↔ a list of objects).
 */

/** How a segment picks elements of an array. */
export type Selector =
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'each' }
  | { readonly kind: 'append' }
  | { readonly kind: 'filter'; readonly filters: readonly PathFilter[] };

/** One `[path=value]` filter. */
export interface PathFilter {
  readonly path: readonly PathSegment[];
  readonly value: string;
}

/** One segment: a property name and an optional selector. */
export interface PathSegment {
  readonly name: string;
  readonly select?: Selector;
}

/** A parsed path with its text, as written in the spec. */
export interface MappingPath {
  readonly text: string;
  readonly segments: readonly PathSegment[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** `$`: the element itself, inside a repetition's nested rules. */
export const SELF = '$';

/** Parses a path; throws an `Error` saying what is wrong (the checker adds file and rule). */
export function parsePath(text: string): MappingPath {
  if (text === SELF) {
    return { text, segments: [] };
  }
  if (text.trim() === '') {
    throw new Error('empty path');
  }
  return { text, segments: splitTopLevel(text, '.').map((part) => parseSegment(part, text)) };
}

function parseSegment(part: string, whole: string): PathSegment {
  const open = part.indexOf('[');
  const name = open === -1 ? part : part.slice(0, open);
  if (!NAME.test(name)) {
    throw new Error(`bad property name "${name}" in path "${whole}"`);
  }
  if (open === -1) {
    return { name };
  }
  const selectors = splitBrackets(part.slice(open), whole);
  return { name, select: parseSelectors(selectors, whole) };
}

function parseSelectors(selectors: readonly string[], whole: string): Selector {
  const [first] = selectors;
  if (selectors.length === 1 && first !== undefined && !first.includes('=')) {
    if (first === '') {
      return { kind: 'each' };
    }
    if (first === '+') {
      return { kind: 'append' };
    }
    if (/^\d+$/.test(first)) {
      return { kind: 'index', index: Number(first) };
    }
    throw new Error(`bad selector "[${first}]" in path "${whole}"`);
  }
  return { kind: 'filter', filters: selectors.map((s) => parseFilter(s, whole)) };
}

function parseFilter(selector: string, whole: string): PathFilter {
  const eq = selector.indexOf('=');
  if (eq <= 0) {
    throw new Error(`bad filter "[${selector}]" in path "${whole}": expected [path=value]`);
  }
  const path = parsePath(selector.slice(0, eq)).segments;
  if (path.some((s) => s.select !== undefined && s.select.kind !== 'index')) {
    throw new Error(`filter "[${selector}]" in path "${whole}" may only use [n] selectors`);
  }
  const value = selector.slice(eq + 1);
  if (value === '') {
    throw new Error(`empty filter value in "[${selector}]" of path "${whole}"`);
  }
  return { path, value };
}

/** `[a][b=c[0].d=x]` → `['a', 'b=c[0].d=x']`; throws on unbalanced brackets or text between them. */
function splitBrackets(text: string, whole: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (depth === 0 && ch !== '[') {
      throw new Error(`unexpected "${ch}" after "]" in path "${whole}"`);
    }
    depth += ch === '[' ? 1 : ch === ']' ? -1 : 0;
    if (ch === '[' && depth === 1) {
      start = i + 1;
    } else if (ch === ']' && depth === 0) {
      out.push(text.slice(start, i));
    }
  }
  if (depth !== 0) {
    throw new Error(`unbalanced brackets in path "${whole}"`);
  }
  return out;
}

/** Splits on `sep` outside brackets. */
function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    depth += ch === '[' ? 1 : ch === ']' ? -1 : 0;
    if (depth < 0) {
      throw new Error(`unbalanced brackets in path "${text}"`);
    }
    if (ch === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  if (depth !== 0) {
    throw new Error(`unbalanced brackets in path "${text}"`);
  }
  parts.push(text.slice(start));
  return parts;
}

/** The canonical text of segments (for duplicate checks and messages). */
export function formatSegments(segments: readonly PathSegment[]): string {
  return segments.map(formatSegment).join('.');
}

function formatSegment(segment: PathSegment): string {
  const s = segment.select;
  if (s === undefined) {
    return segment.name;
  }
  switch (s.kind) {
    case 'index':
      return `${segment.name}[${s.index}]`;
    case 'each':
      return `${segment.name}[]`;
    case 'append':
      return `${segment.name}[+]`;
    case 'filter':
      return segment.name + s.filters.map((f) => `[${formatSegments(f.path)}=${f.value}]`).join('');
  }
}

/** Whether any segment uses one of these selector kinds. */
export function usesSelector(path: MappingPath, kind: Selector['kind']): boolean {
  return path.segments.some((s) => s.select?.kind === kind);
}

/** Whether the path's last segment is `name[]`. */
export function endsWithEach(path: MappingPath): boolean {
  return path.segments.at(-1)?.select?.kind === 'each';
}

/** The concrete location of a child: `a` + `b` → `a.b`, `a` + 2 → `a[2]`. */
export function childLocation(parent: string, key: string | number): string {
  if (typeof key === 'number') {
    return `${parent}[${key}]`;
  }
  return parent === '' ? key : `${parent}.${key}`;
}
