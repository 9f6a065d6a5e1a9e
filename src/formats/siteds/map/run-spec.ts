import { createMapper } from '../../../mapping/create-mapper.ts';
import type { MappingSet } from '../../../mapping/load-mappings.ts';
import type { MappingIssue, MappingResult } from '../../../mapping/mapping-issue.ts';

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
  const loaded = mappings.specs.get(id);
  if (loaded === undefined) {
    throw new Error(`mapping spec ${id} is not loaded (mappings/siteds/)`);
  }
  const mapper = createMapper(loaded.spec, mappings.conceptMaps);
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
