import { createMapper, type Mapper } from '../../../mapping/create-mapper.ts';
import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingIssue, MappingResult } from '../../../mapping/mapping-issue.ts';
import { createTranslator, type TranslateFn } from '../../../mapping/translate-code.ts';

/** What is compiled once per loaded MappingSet: the mappers used so far and a translator. */
interface Compiled {
  readonly mappers: Map<string, Mapper>;
  readonly translate: TranslateFn;
}

/**
 * Compiled mappers, memoized per MappingSet passed in (a WeakMap: a set no longer used is
 * collected with its mappers). Compiling a spec costs about three times mapping with it.
 */
const compiled = new WeakMap<MappingSet, Compiled>();

function compiledFor(mappings: MappingSet): Compiled {
  let found = compiled.get(mappings);
  if (found === undefined) {
    found = { mappers: new Map(), translate: createTranslator(mappings.conceptMaps) };
    compiled.set(mappings, found);
  }
  return found;
}

/** The translator over the ConceptMaps of `mappings` (built once per set). */
export function translatorFor(mappings: MappingSet): TranslateFn {
  return compiledFor(mappings).translate;
}

/** Which way a bidirectional SITEDS spec runs: SITEDS model → FHIR view, or back. */
export type SpecDirection = 'to-fhir' | 'to-siteds';

/**
 * Runs the loaded spec `id` of `mappings` one way. A missing spec is a programming or start-up
 * error (the specs are loaded and checked at start), so it throws naming the id.
 */
export function runSpec(
  mappings: MappingSet,
  id: string,
  direction: SpecDirection,
  source: unknown,
): MappingResult {
  const { mappers } = compiledFor(mappings);
  let mapper = mappers.get(id);
  if (mapper === undefined) {
    const loaded = mappings.specs.get(id);
    if (loaded === undefined) {
      throw new Error(`mapping spec ${id} is not loaded (mappings/siteds/)`);
    }
    mapper = createMapper(loaded.spec, mappings.conceptMaps);
    mappers.set(id, mapper);
  }
  if (direction === 'to-fhir') {
    return mapper.map(source);
  }
  if (mapper.reverse === undefined) {
    throw new Error(`mapping spec ${id} is not bidirectional`);
  }
  return mapper.reverse(source);
}

/** An issue found by the TypeScript around a spec (not by the engine), located like theirs. */
export function issueAt(
  kind: MappingIssue['kind'],
  path: string,
  message: string,
  extra: Partial<MappingIssue> = {},
): MappingIssue {
  return {
    kind,
    severity: kind === 'lossy' || kind === 'unmapped' ? 'warning' : 'error',
    path,
    message,
    ...extra,
  };
}
