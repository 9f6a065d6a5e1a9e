import type { ConceptMap, ConceptMapGroup } from 'fhir/r4.js';

/** Which way a ConceptMap is read: element.code → target.code, or back. */
export type TranslateDirection = 'source-to-target' | 'target-to-source';

/** FHIR R4 ConceptMap equivalences (http://hl7.org/fhir/concept-map-equivalence). */
export type Equivalence = NonNullable<
  NonNullable<ConceptMapGroup['element']>[number]['target']
>[number]['equivalence'];

/** The outcome of one translation. */
export type Translation =
  | { readonly status: 'mapped'; readonly code: string; readonly equivalence: Equivalence }
  | { readonly status: 'unmapped'; readonly reason: string }
  | { readonly status: 'ambiguous'; readonly candidates: readonly Candidate[] };

/** A possible translation and how close it is. */
export interface Candidate {
  readonly code: string;
  readonly equivalence: Equivalence;
}

/** Translates a code through a ConceptMap known by its canonical URL. */
export type TranslateFn = (url: string, code: string, direction: TranslateDirection) => Translation;

/** Closer first; `unmatched` and `disjoint` are not translations. */
const RANK: Partial<Record<Equivalence, number>> = {
  equal: 0,
  equivalent: 0,
  wider: 1,
  subsumes: 1,
  narrower: 2,
  specializes: 2,
  relatedto: 3,
  inexact: 3,
};

/** Read target → source, the equivalence turns round. */
const REVERSED: Partial<Record<Equivalence, Equivalence>> = {
  wider: 'narrower',
  narrower: 'wider',
  subsumes: 'specializes',
  specializes: 'subsumes',
};

/**
 * R4 `$translate` semantics over local ConceptMaps: every group is searched; the candidates
 * with the closest equivalence win, and more than one code among them is `ambiguous` (never a
 * guess). Source → target, a code without an element falls back to the group's `unmapped`
 * (`provided`: the same code, `fixed`: `unmapped.code`, both `inexact`). Target → source reads
 * the targets backwards, with `wider`/`narrower` (and `subsumes`/`specializes`) swapped, and
 * has no `unmapped` fallback (R4 defines it source → target only).
 */
export function createTranslator(conceptMaps: ReadonlyMap<string, ConceptMap>): TranslateFn {
  // Results for codes the maps name (a finite set) are kept; codes from data that no map names
  // are not, so the cache cannot grow with the input.
  const cache = new Map<string, Translation>();
  return (url, code, direction) => {
    const key = `${direction} ${url} ${code}`;
    const cached = cache.get(key);
    if (cached !== undefined) {
      return cached;
    }
    const map = conceptMaps.get(url);
    if (map === undefined) {
      return { status: 'unmapped', reason: `no ConceptMap ${url}` };
    }
    const groups = map.group ?? [];
    const candidates =
      direction === 'source-to-target' ? forward(groups, code) : backward(groups, code);
    if (candidates.length === 0) {
      const fallback =
        direction === 'source-to-target' ? unmappedFallback(groups, code) : undefined;
      return fallback === undefined
        ? pickClosest(candidates, code)
        : { status: 'mapped', ...fallback };
    }
    const result = pickClosest(candidates, code);
    cache.set(key, result);
    return result;
  };
}

/** A group's elements (a group may hold only `unmapped`, whatever the types say). */
function elementsOf(group: ConceptMapGroup): ConceptMapGroup['element'] {
  const elements: unknown = group.element;
  return Array.isArray(elements) ? group.element : [];
}

function forward(groups: readonly ConceptMapGroup[], code: string): Candidate[] {
  return groups.flatMap((g) =>
    elementsOf(g)
      .filter((e) => e.code === code)
      .flatMap((e) => e.target ?? [])
      .flatMap((t) => (t.code === undefined ? [] : [{ code: t.code, equivalence: t.equivalence }])),
  );
}

function backward(groups: readonly ConceptMapGroup[], code: string): Candidate[] {
  return groups.flatMap((g) =>
    elementsOf(g).flatMap((e) =>
      (e.target ?? [])
        .filter((t) => t.code === code && e.code !== undefined)
        .map((t) => ({
          code: e.code ?? '',
          equivalence: REVERSED[t.equivalence] ?? t.equivalence,
        })),
    ),
  );
}

function unmappedFallback(groups: readonly ConceptMapGroup[], code: string): Candidate | undefined {
  for (const g of groups) {
    if (g.unmapped?.mode === 'provided') {
      return { code, equivalence: 'inexact' };
    }
    if (g.unmapped?.mode === 'fixed' && g.unmapped.code !== undefined) {
      return { code: g.unmapped.code, equivalence: 'inexact' };
    }
  }
  return undefined;
}

function pickClosest(candidates: readonly Candidate[], code: string): Translation {
  const usable = candidates.filter((c) => RANK[c.equivalence] !== undefined);
  if (usable.length === 0) {
    const why = candidates.length > 0 ? 'is marked unmatched' : 'has no translation';
    return { status: 'unmapped', reason: `code "${code}" ${why}` };
  }
  const best = Math.min(...usable.map((c) => RANK[c.equivalence] ?? 9));
  const closest = usable.filter((c) => RANK[c.equivalence] === best);
  const codes = new Set(closest.map((c) => c.code));
  const [first] = closest;
  if (codes.size === 1 && first !== undefined) {
    return { status: 'mapped', code: first.code, equivalence: first.equivalence };
  }
  return { status: 'ambiguous', candidates: closest };
}
