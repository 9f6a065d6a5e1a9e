import type { CodeSystem, CodeSystemConcept, ValueSet, ValueSetComposeInclude } from 'fhir/r4.js';

/** The codes of an expanded ValueSet: `system|code`, and every code alone as `|code`. */
export type ValueSetCodes = ReadonlySet<string>;

/** The ValueSets and CodeSystems an expansion may use (all local: nothing is fetched). */
export interface TerminologySource {
  readonly valueSets: ReadonlyMap<string, ValueSet>;
  readonly codeSystems: ReadonlyMap<string, CodeSystem>;
}

/**
 * Expands a ValueSet (URL, optionally `|version`) from local definitions: includes listing
 * concepts, whole CodeSystems of complete content (or the known codes of a `fragment`: see
 * {@link isPartialValueSet}), imported ValueSets, excludes. Returns
 * `undefined` when it cannot be expanded here (unknown ValueSet or CodeSystem, filters,
 * external terminologies such as SNOMED CT or UCUM): such a binding is not checked.
 */
export function expandValueSet(
  url: string,
  source: TerminologySource,
  seen: ReadonlySet<string> = new Set(),
): ValueSetCodes | undefined {
  const key = url.split('|')[0] ?? url;
  const vs = source.valueSets.get(key);
  if (vs === undefined || seen.has(key)) {
    return undefined;
  }
  const inner = new Set([...seen, key]);
  if (vs.compose === undefined) {
    return vs.expansion?.contains === undefined
      ? undefined
      : new Set(vs.expansion.contains.flatMap((c) => keysOf(c.system ?? '', c.code ?? '')));
  }
  const included = unionOf(vs.compose.include, source, inner);
  const excluded = unionOf(vs.compose.exclude ?? [], source, inner);
  if (included === undefined || excluded === undefined) {
    return undefined;
  }
  return new Set([...included].filter((k) => !excluded.has(k) || k.startsWith('|')));
}

function unionOf(
  parts: readonly ValueSetComposeInclude[],
  source: TerminologySource,
  seen: ReadonlySet<string>,
): Set<string> | undefined {
  const codes = new Set<string>();
  for (const part of parts) {
    const partCodes = codesOfPart(part, source, seen);
    if (partCodes === undefined) {
      return undefined;
    }
    for (const c of partCodes) {
      codes.add(c);
    }
  }
  return codes;
}

function codesOfPart(
  part: ValueSetComposeInclude,
  source: TerminologySource,
  seen: ReadonlySet<string>,
): Iterable<string> | undefined {
  if (part.filter !== undefined && part.filter.length > 0) {
    return undefined;
  }
  const imported = (part.valueSet ?? []).map((u) => expandValueSet(u, source, seen));
  if (imported.some((s) => s === undefined)) {
    return undefined;
  }
  const fromSystem = codesOfSystem(part, source);
  if (fromSystem === undefined) {
    return undefined;
  }
  const sets = [...(imported as ValueSetCodes[]), ...(fromSystem === null ? [] : [fromSystem])];
  const first = sets[0];
  return first === undefined ? [] : [...first].filter((k) => sets.every((s) => s.has(k)));
}

/** `null` when the part names no system; `undefined` when the system cannot be expanded. */
function codesOfSystem(part: ValueSetComposeInclude, source: TerminologySource) {
  if (part.system === undefined) {
    return null;
  }
  const system = part.system;
  if (part.concept !== undefined) {
    return new Set(part.concept.flatMap((c) => keysOf(system, c.code)));
  }
  const cs = source.codeSystems.get(system);
  if ((cs?.content !== 'complete' && cs?.content !== 'fragment') || cs.concept === undefined) {
    return undefined;
  }
  return new Set(flatten(cs.concept).flatMap((c) => keysOf(system, c.code)));
}

function flatten(concepts: readonly CodeSystemConcept[]): CodeSystemConcept[] {
  return concepts.flatMap((c) => [c, ...flatten(c.concept ?? [])]);
}

function keysOf(system: string, code: string): string[] {
  return [`${system}|${code}`, `|${code}`];
}

/**
 * The complete CodeSystems known here that a ValueSet (or those it imports) draws codes from,
 * each with all its codes: a coding of such a system whose code is missing is no code at all.
 */
export function systemsOfValueSet(
  url: string,
  source: TerminologySource,
  seen: ReadonlySet<string> = new Set(),
): Map<string, ReadonlySet<string>> {
  const key = url.split('|')[0] ?? url;
  const vs = source.valueSets.get(key);
  const systems = new Map<string, ReadonlySet<string>>();
  if (vs?.compose === undefined || seen.has(key)) {
    return systems;
  }
  for (const part of vs.compose.include) {
    const cs = part.system === undefined ? undefined : source.codeSystems.get(part.system);
    if (cs?.content === 'complete' && cs.concept !== undefined) {
      systems.set(cs.url ?? '', new Set(flatten(cs.concept).map((c) => c.code)));
    }
    for (const inner of part.valueSet ?? []) {
      for (const [s, codes] of systemsOfValueSet(inner, source, new Set([...seen, key]))) {
        systems.set(s, codes);
      }
    }
  }
  return systems;
}

/**
 * Whether a ValueSet includes a whole CodeSystem known here only as a `fragment`: its expansion
 * holds the known codes, and a code outside them may still belong.
 */
export function isPartialValueSet(
  url: string,
  source: TerminologySource,
  seen: ReadonlySet<string> = new Set(),
): boolean {
  const key = url.split('|')[0] ?? url;
  const vs = source.valueSets.get(key);
  if (vs?.compose === undefined || seen.has(key)) {
    return false;
  }
  return vs.compose.include.some(
    (part) =>
      (part.concept === undefined &&
        part.system !== undefined &&
        source.codeSystems.get(part.system)?.content === 'fragment') ||
      (part.valueSet ?? []).some((u) => isPartialValueSet(u, source, new Set([...seen, key]))),
  );
}
