import type { MappingSet } from './load-mappings.ts';
import type { MappingResult } from './mapping-issue.ts';

/**
 * Runs the loaded spec `id` of `mappings` (compiled once at load) forward, or in reverse for a
 * bidirectional spec. A missing or one-way spec is a programming or start-up error (specs are
 * loaded and checked at start), so it throws naming the id.
 */
export function runMapping(
  mappings: MappingSet,
  id: string,
  direction: 'forward' | 'reverse',
  source: unknown,
): MappingResult {
  const mapper = mappings.mappers.get(id);
  if (mapper === undefined) {
    throw new Error(`mapping spec ${id} is not loaded`);
  }
  if (direction === 'forward') {
    return mapper.map(source);
  }
  if (mapper.reverse === undefined) {
    throw new Error(`mapping spec ${id} is not bidirectional`);
  }
  return mapper.reverse(source);
}
